package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTestException;
import io.backendkit.loadgen.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load test: starts the workers (virtual threads), samples their recorders once per
 * interval on a controller thread, stops them at the end (cutting off what does not finish within
 * the drain timeout) and builds the report. Single use.
 */
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** Most recorders per run: beyond this many workers, workers share recorders (striped by id). */
    private static final int MAX_RECORDERS =
            Math.max(16, 32 * Runtime.getRuntime().availableProcessors());

    private final RunPlan plan;
    private final Target target;
    private final int endpoints;
    private final int[] cumulativeWeights;
    private final int totalWeight;
    private final boolean open;
    private final int workers;
    private final int recorderSlots;
    private final boolean sharedRecorders;
    private final WorkerRecorder[] recorderBySlot;
    private final boolean trackErrorLatency;

    private final List<WorkerRecorder> recorders = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final CountDownLatch endSignal = new CountDownLatch(1);
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong completedMeasured = new AtomicLong();
    private final AtomicInteger activeWorkers = new AtomicInteger();
    private final AtomicInteger peakActive = new AtomicInteger();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final AtomicLong cutOff = new AtomicLong();
    private final CompletableFuture<LoadReport> result = new CompletableFuture<>();

    // open model: a free worker takes the next arrival of the schedule (by index), parks until it is
    // due and sends it; nothing else wakes up on a timer, and a backlog is only an index gap
    private final AtomicLong nextArrival = new AtomicLong();
    private final AtomicLong lastSent = new AtomicLong(-1);
    /** Arrivals a worker had taken but did not send because the run was ending. */
    private final ConcurrentLinkedQueue<Long> abandoned = new ConcurrentLinkedQueue<>();

    private ArrivalSchedule schedule;
    /** Index of the first arrival of the measured window. */
    private long firstMeasured;
    /** Arrivals from this index on are never taken (the request budget), else {@code Long.MAX_VALUE}. */
    private long arrivalLimit = Long.MAX_VALUE;

    private volatile boolean stopping;
    private volatile boolean aborting;
    private long runStart;
    private long measureStart;
    private long measureEnd;
    private long budget;
    private Instant measureStartWall;
    private Thread controller;

    /** Prepares a run; nothing starts before {@link #start()}. */
    public Engine(RunPlan plan, Target target) {
        this.plan = plan;
        this.target = target;
        this.endpoints = target.names().size();
        int[] weights = target.weights();
        this.cumulativeWeights = new int[weights.length];
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulativeWeights[i] = sum;
        }
        this.totalWeight = sum;
        this.open = plan.model() == LoadModel.OPEN;
        this.workers = open
                ? plan.connections() > 0 ? Math.min(plan.maxInFlight(), plan.connections()) : plan.maxInFlight()
                : plan.users();
        this.recorderSlots = Math.min(workers, MAX_RECORDERS);
        this.sharedRecorders = workers > recorderSlots;
        this.recorderBySlot = new WorkerRecorder[recorderSlots];
        this.trackErrorLatency = plan.histogramLog() != null;
    }

    /** Starts the run and returns at once. */
    public void start() {
        long now = System.nanoTime();
        runStart = now;
        measureStart = now + plan.warmUp().toNanos();
        measureEnd = plan.duration() == null
                ? Long.MAX_VALUE
                : measureStart + plan.duration().toNanos();
        budget = plan.requests();
        measureStartWall = Instant.now().plus(plan.warmUp());
        if (open) {
            long ramp = plan.rateTo() != plan.rateFrom() && plan.duration() != null
                    ? plan.duration().toNanos()
                    : 0;
            schedule = new ArrivalSchedule(
                    plan.rateFrom(), plan.rateTo(), plan.warmUp().toNanos(), ramp);
            firstMeasured = schedule.countBefore(plan.warmUp().toNanos());
            if (budget > 0) {
                arrivalLimit = firstMeasured + budget;
            }
            liveWorkers.set(workers);
            for (int i = 0; i < workers; i++) {
                int id = i;
                threads.add(Thread.ofVirtual().name("loadgen-worker-" + id).start(() -> openWorker(id)));
            }
        } else {
            liveWorkers.set(plan.users());
            for (int i = 0; i < plan.users(); i++) {
                int id = i;
                threads.add(Thread.ofVirtual().name("loadgen-user-" + id).start(() -> closedUser(id)));
            }
        }
        controller = Thread.ofPlatform().name("loadgen-controller").daemon().unstarted(this::control);
        controller.start();
    }

    /** Ends the run early: no new requests; the report covers what was measured so far. */
    public void stop() {
        endSignal.countDown();
    }

    /** The report, completed when the run has ended. */
    public CompletableFuture<LoadReport> result() {
        return result;
    }

    // ---------------------------------------------------------------- closed model

    private void closedUser(int id) {
        Session session = null;
        boolean active = false;
        try {
            long startAt = runStart + (plan.users() <= 1 ? 0 : plan.rampUp().toNanos() * id / plan.users());
            if (!sleepUntil(startAt)) {
                return;
            }
            session = target.newSession();
            sessions.add(session);
            WorkerRecorder recorder = recorderFor(id);
            SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + id);
            Outcome outcome = new Outcome();
            long timeout = plan.requestTimeout().toNanos();
            long think = plan.thinkTime().toNanos();
            peakActive.accumulateAndGet(activeWorkers.incrementAndGet(), Math::max);
            active = true;
            while (!stopping) {
                int endpoint = pickEndpoint(random);
                long t0 = System.nanoTime();
                if (t0 >= measureEnd) {
                    break;
                }
                boolean measured = t0 >= measureStart;
                if (measured && budget > 0 && tickets.getAndIncrement() >= budget) {
                    break;
                }
                outcome.startRequest();
                session.execute(endpoint, t0 + timeout, outcome);
                long t1 = System.nanoTime();
                boolean cut = aborting && outcome.kind != null;
                if (cut) {
                    cutOff(outcome);
                }
                if (measured) {
                    record(recorder, endpoint, t1 - t0, t1 - t0, 0, outcome, false);
                    if (budget > 0 && completedMeasured.incrementAndGet() >= budget) {
                        endSignal.countDown();
                    }
                } else {
                    recorder.warmUp();
                }
                if (cut) {
                    break;
                }
                if (think > 0 && !sleepUntil(System.nanoTime() + think)) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test worker {} failed", id, e);
        } finally {
            if (active) {
                activeWorkers.decrementAndGet();
            }
            if (session != null) {
                session.close();
            }
            if (liveWorkers.decrementAndGet() == 0) {
                endSignal.countDown();
            }
        }
    }

    // ---------------------------------------------------------------- open model

    private void openWorker(int id) {
        Session session = null;
        try {
            session = target.newSession();
            sessions.add(session);
            WorkerRecorder recorder = recorderFor(id);
            Outcome outcome = new Outcome();
            long timeout = plan.requestTimeout().toNanos();
            while (!stopping) {
                long i = nextArrival.getAndIncrement();
                if (i >= arrivalLimit) {
                    return;
                }
                long intended = runStart + schedule.offsetNanos(i);
                if (intended >= measureEnd) {
                    return;
                }
                // taken after it was due: no worker was free when it came (the first arrivals are
                // taken by workers still starting up, which is not waiting for a slot)
                boolean late = i >= workers && System.nanoTime() - intended > 0;
                if (!sleepUntil(intended)) {
                    abandoned.add(i);
                    return;
                }
                boolean measured = i >= firstMeasured;
                if (measured) {
                    lastSent.accumulateAndGet(i, Math::max);
                }
                peakActive.accumulateAndGet(activeWorkers.incrementAndGet(), Math::max);
                try {
                    int endpoint = endpointOf(i);
                    long t0 = System.nanoTime();
                    outcome.startRequest();
                    session.execute(endpoint, t0 + timeout, outcome);
                    long t1 = System.nanoTime();
                    boolean cut = aborting && outcome.kind != null;
                    if (cut) {
                        cutOff(outcome);
                    }
                    if (measured) {
                        record(recorder, endpoint, t1 - intended, t1 - t0, t0 - intended, outcome, late);
                        if (budget > 0 && completedMeasured.incrementAndGet() >= budget) {
                            endSignal.countDown();
                        }
                    } else {
                        recorder.warmUp();
                    }
                    if (cut) {
                        return;
                    }
                } finally {
                    activeWorkers.decrementAndGet();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test worker {} failed", id, e);
        } finally {
            if (session != null) {
                session.close();
            }
            // the run ends on time (or on budget), not when the workers have taken the last arrival
            liveWorkers.decrementAndGet();
        }
    }

    /** The endpoint of arrival {@code i}: a weighted choice fixed by the seed and the index alone. */
    private int endpointOf(long i) {
        if (endpoints == 1) {
            return 0;
        }
        long z = (plan.seed() * 0x9E3779B97F4A7C15L) + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        int r = (int) ((z >>> 1) % totalWeight);
        for (int e = 0; e < cumulativeWeights.length; e++) {
            if (r < cumulativeWeights[e]) {
                return e;
            }
        }
        return cumulativeWeights.length - 1;
    }

    private void cutOff(Outcome outcome) {
        cutOff.incrementAndGet();
        outcome.failure(
                0,
                ErrorKind.CUT_OFF,
                "still in flight when the run ended; cut off after the "
                        + plan.drainTimeout().toMillis() + " ms drain timeout"
                        + (outcome.where == null ? "" : " (" + outcome.where + ")"),
                null);
    }

    /**
     * Open model, after the workers have stopped: puts every arrival due in the measured window
     * that was not sent into {@code totals}, per endpoint, as dropped (never taken: every in-flight
     * slot stayed busy) or not started (taken, but the run ended first), and into the per-endpoint,
     * per-interval counts of the interval it was due in ({@code starts} are the intervals' starts);
     * returns the number due.
     */
    private long accountArrivals(
            long end, Bucket totals, long[] starts, long[][] droppedByInterval, long[][] notStartedByInterval) {
        long due = schedule.countBefore(end - runStart);
        due = Math.min(due, arrivalLimit);
        // a worker may have sent an arrival due at the very moment the run ended
        due = Math.max(due, lastSent.get() + 1);
        boolean intervals = starts.length > 0;
        for (Long i : abandoned) {
            if (i >= firstMeasured && i < due) {
                int e = endpointOf(i);
                totals.notStarted[e]++;
                if (intervals) {
                    notStartedByInterval[e][Intervals.locate(starts, runStart + schedule.offsetNanos(i))]++;
                }
            }
        }
        long firstUntaken = Math.max(firstMeasured, nextArrival.get());
        if (endpoints == 1) {
            totals.dropped[0] += Math.max(0, due - firstUntaken);
            // by interval: the untaken arrivals due before each interval's end
            long counted = firstUntaken;
            for (int j = 0; intervals && j < starts.length && counted < due; j++) {
                long upTo = j + 1 < starts.length
                        ? Math.min(due, Math.max(counted, schedule.countBefore(starts[j + 1] - runStart)))
                        : due;
                droppedByInterval[0][j] += upTo - counted;
                counted = upTo;
            }
        } else {
            for (long i = firstUntaken; i < due; i++) {
                int e = endpointOf(i);
                totals.dropped[e]++;
                if (intervals) {
                    droppedByInterval[e][Intervals.locate(starts, runStart + schedule.offsetNanos(i))]++;
                }
            }
        }
        return Math.max(0, due - firstMeasured);
    }

    // ---------------------------------------------------------------- shared

    private WorkerRecorder recorderFor(int workerId) {
        int slot = workerId % recorderSlots;
        synchronized (recorderBySlot) {
            WorkerRecorder recorder = recorderBySlot[slot];
            if (recorder == null) {
                recorder = new WorkerRecorder(endpoints, open, trackErrorLatency, sharedRecorders);
                recorderBySlot[slot] = recorder;
                recorders.add(recorder);
            }
            return recorder;
        }
    }

    private int pickEndpoint(SplittableRandom random) {
        if (endpoints == 1) {
            return 0;
        }
        int r = random.nextInt(totalWeight);
        for (int i = 0; i < cumulativeWeights.length; i++) {
            if (r < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    private static void record(
            WorkerRecorder recorder, int endpoint, long latency, long service, long lag, Outcome o, boolean late) {
        String message = null;
        if (o.kind != null && recorder.wantsMessage(endpoint, o.kind)) {
            message = o.describe();
        }
        recorder.record(endpoint, latency, service, lag, o, o.kind, message, late);
    }

    /** Sleeps until {@code deadline} (nanoTime); false when the run is stopping or the thread was interrupted. */
    private boolean sleepUntil(long deadline) {
        while (true) {
            if (stopping) {
                return false;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            // the controller unparks every worker when the run stops
            LockSupport.parkNanos(Math.min(left, 1_000_000_000L));
            if (Thread.interrupted()) {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------- controller

    private void control() {
        HistogramLogWriter log = null;
        OutputStream logStream = null;
        try {
            if (plan.histogramLog() != null) {
                try {
                    Path parent = plan.histogramLog().toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    logStream = Files.newOutputStream(plan.histogramLog());
                } catch (IOException e) {
                    throw new LoadTestException(
                            "histogramLog " + plan.histogramLog(), "cannot be written: " + e.getMessage(), e);
                }
                log = new HistogramLogWriter(logStream);
                long base = measureStartWall.toEpochMilli();
                log.outputComment("backendkit loadgen: " + plan.name().replaceAll("[\\r\\n]", " "));
                log.outputComment(HistogramLogTags.settingsComment(ReportAssembler.settings(plan, target.transport())));
                for (String name : target.names()) {
                    log.outputComment(HistogramLogTags.endpointComment(name));
                }
                log.outputLogFormatVersion();
                log.outputStartTime(base);
                log.setBaseTime(base);
                log.outputBaseTime(base);
                log.outputLegend();
            }
            result.complete(runController(log));
        } catch (Throwable t) {
            abortAll();
            result.completeExceptionally(t);
        } finally {
            if (log != null) {
                log.close();
            }
            target.close();
        }
    }

    private LoadReport runController(HistogramLogWriter log) throws InterruptedException {
        long interval = plan.sampleInterval().toNanos();
        Bucket current = new Bucket(endpoints, open, trackErrorLatency);
        Bucket totals = new Bucket(endpoints, open, trackErrorLatency);
        List<IntervalStats> series = new ArrayList<>();
        List<List<IntervalStats>> endpointSeries = new ArrayList<>();
        for (int e = 0; e < endpoints; e++) {
            endpointSeries.add(new ArrayList<>());
        }
        List<Long> starts = new ArrayList<>();
        long warmUpRequests = 0;
        boolean ended = false;

        // warm-up: progress only; buckets hold nothing measured until the warm-up is over
        for (long tick = runStart + interval; tick < measureStart && !ended; tick += interval) {
            ended = awaitEnd(tick);
            drainAll(current);
            warmUpRequests += current.warmUp;
            current.warmUp = 0;
            if (!ended) {
                notifyListener(new Progress(
                        plan.name(),
                        true,
                        Duration.ofNanos(System.nanoTime() - runStart),
                        emptyInterval(),
                        0,
                        0,
                        warmUpRequests));
            }
        }
        if (!ended) {
            ended = awaitEnd(measureStart);
        }
        long intervalStart = measureStart;
        while (!ended) {
            long tick = Math.min(intervalStart + interval, measureEnd);
            if (awaitEnd(tick) || tick >= measureEnd) {
                break;
            }
            drainAll(current);
            warmUpRequests += current.warmUp;
            current.warmUp = 0;
            IntervalStats stats = closeInterval(current, totals, intervalStart, tick, log, endpointSeries, starts);
            series.add(stats);
            notifyListener(new Progress(
                    plan.name(),
                    false,
                    Duration.ofNanos(tick - runStart),
                    stats,
                    totals.totalRequests(),
                    totals.totalErrors(),
                    warmUpRequests));
            intervalStart = tick;
        }

        // end of run: no new requests, let in-flight ones finish, cut off the rest
        long end = Math.min(System.nanoTime(), measureEnd);
        stopping = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        finishWorkers();
        drainAll(current);
        warmUpRequests += current.warmUp;
        current.warmUp = 0;
        long measuredEnd = Math.max(end, measureStart);
        if (current.totalRequests() > 0 || measuredEnd > intervalStart || series.isEmpty()) {
            long last = Math.max(measuredEnd, intervalStart);
            IntervalStats stats = closeInterval(current, totals, intervalStart, last, log, endpointSeries, starts);
            series.add(stats);
            notifyListener(new Progress(
                    plan.name(),
                    false,
                    Duration.ofNanos(last - runStart),
                    stats,
                    totals.totalRequests(),
                    totals.totalErrors(),
                    warmUpRequests));
        }
        long measuredNanos = Math.max(0, measuredEnd - measureStart);
        long scheduled = 0;
        if (open) {
            long[] startArray = starts.stream().mapToLong(Long::longValue).toArray();
            long[][] dropped = new long[endpoints][startArray.length];
            long[][] notStarted = new long[endpoints][startArray.length];
            scheduled = accountArrivals(measuredEnd, totals, startArray, dropped, notStarted);
            long[] allDropped = new long[startArray.length];
            long[] allNotStarted = new long[startArray.length];
            for (int e = 0; e < endpoints; e++) {
                endpointSeries.set(e, Intervals.withUnsent(endpointSeries.get(e), dropped[e], notStarted[e]));
                for (int j = 0; j < startArray.length; j++) {
                    allDropped[j] += dropped[e][j];
                    allNotStarted[j] += notStarted[e][j];
                }
            }
            series = Intervals.withUnsent(series, allDropped, allNotStarted);
        }
        LoadReport report = ReportAssembler.assemble(
                plan,
                target,
                totals,
                series,
                endpointSeries,
                measureStartWall,
                measuredNanos,
                warmUpRequests,
                scheduled,
                cutOff.get());
        if (log != null) {
            // what the interval histograms cannot hold, so that a merge of shard logs can account for the schedule
            log.outputComment(HistogramLogTags.totalsComment(new HistogramLogTags.Totals(
                    report.scheduledRequests(),
                    report.droppedRequests(),
                    report.notStartedRequests(),
                    report.lateRequests(),
                    report.cutOffRequests(),
                    report.warmUpRequests(),
                    open ? totals.lag : null)));
        }
        return report;
    }

    /** Waits until {@code deadline} or the end signal; true when the run should end. */
    private boolean awaitEnd(long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0 && endSignal.await(left, TimeUnit.NANOSECONDS)) {
            return true;
        }
        return endSignal.getCount() == 0;
    }

    /** Waits for in-flight requests up to the drain timeout, then cuts them off. */
    private void finishWorkers() throws InterruptedException {
        long drainDeadline = System.nanoTime() + plan.drainTimeout().toNanos();
        for (Thread t : threads) {
            long left = drainDeadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            abortAll();
            for (Thread t : threads) {
                t.join(Duration.ofSeconds(2));
                if (t.isAlive()) {
                    LOG.warn("{} did not stop after being cut off; leaving it behind", t.getName());
                }
            }
        }
    }

    private void abortAll() {
        aborting = true;
        stopping = true;
        for (Session s : sessions) {
            try {
                s.abort();
            } catch (RuntimeException e) {
                LOG.debug("abort failed", e);
            }
        }
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    private void drainAll(Bucket into) {
        for (WorkerRecorder r : recorders) {
            r.drainInto(into);
        }
    }

    private IntervalStats closeInterval(
            Bucket current,
            Bucket totals,
            long start,
            long end,
            HistogramLogWriter log,
            List<List<IntervalStats>> endpointSeries,
            List<Long> starts) {
        int users = peakActive.getAndSet(activeWorkers.get());
        Histogram all = new Histogram(Histograms.DIGITS);
        for (Histogram h : current.latency) {
            all.add(h);
        }
        long durationNanos = Math.max(0, end - start);
        long startMillis = (start - measureStart) / 1_000_000;
        double offered = open ? schedule.rateAt(Math.min(end, measureEnd) - runStart) : 0;
        IntervalStats stats = Intervals.total(current, all, startMillis, durationNanos, users, offered);
        for (int e = 0; e < endpoints; e++) {
            endpointSeries.get(e).add(Intervals.endpoint(current, e, startMillis, durationNanos));
        }
        starts.add(start);
        if (log != null) {
            writeLog(log, current, all, start, end);
        }
        totals.add(current);
        current.reset();
        return stats;
    }

    private void writeLog(HistogramLogWriter log, Bucket current, Histogram all, long start, long end) {
        long base = measureStartWall.toEpochMilli();
        long startMs = base + (start - measureStart) / 1_000_000;
        long endMs = base + (end - measureStart) / 1_000_000;
        writeTagged(log, all, null, startMs, endMs);
        if (open) {
            Histogram service = new Histogram(Histograms.DIGITS);
            for (Histogram h : current.service) {
                service.add(h);
            }
            writeTagged(log, service, HistogramLogTags.SERVICE, startMs, endMs);
        }
        List<String> names = target.names();
        for (int e = 0; e < endpoints; e++) {
            writeTagged(log, current.latency[e].copy(), HistogramLogTags.endpoint(names.get(e)), startMs, endMs);
            for (int k = 0; k < Bucket.KINDS; k++) {
                Histogram h = current.errorLatencyByKind[e][k];
                if (h != null && h.getTotalCount() > 0) {
                    writeTagged(
                            log, h.copy(), HistogramLogTags.error(ErrorKind.values()[k], names.get(e)), startMs, endMs);
                }
            }
        }
    }

    private static void writeTagged(HistogramLogWriter log, Histogram h, String tag, long startMs, long endMs) {
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(endMs);
        h.setTag(tag);
        log.outputIntervalHistogram(h);
    }

    private IntervalStats emptyInterval() {
        return new IntervalStats(0, 0, 0, 0, 0, 0, 0, 0, 0, activeWorkers.get(), 0, 0);
    }

    private void notifyListener(Progress progress) {
        try {
            plan.listener().onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }
}
