package io.backendkit.loadgen.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open model: arrivals follow an {@link ArrivalSchedule} whatever the target does. A free worker
 * (one per in-flight slot) takes the next arrival of the schedule by index, parks until it is due and
 * sends it; nothing else wakes up on a timer, and a backlog is only an index gap. After the run,
 * {@link #account} places every due arrival that was not sent: dropped (never taken, every slot stayed
 * busy) or not started (taken, but the run ended first).
 *
 * <p>Thread-safety: {@link #start()} once from the engine; the workers run on their own virtual threads;
 * {@link #account} once, after the workers have stopped.
 */
final class OpenModelDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final RunContext run;
    private final ArrivalSchedule schedule;
    /** Index of the first arrival of the measured window. */
    private final long firstMeasured;
    /** Arrivals from this index on are never taken (the request budget), else {@code Long.MAX_VALUE}. */
    private final long arrivalLimit;

    private final AtomicLong nextArrival = new AtomicLong();
    private final AtomicLong lastSent = new AtomicLong(-1);
    /** Arrivals a worker had taken but did not send because the run was ending. */
    private final ConcurrentLinkedQueue<Long> abandoned = new ConcurrentLinkedQueue<>();

    OpenModelDriver(RunContext run) {
        this.run = run;
        RunPlan plan = run.plan;
        long ramp = plan.rateTo() != plan.rateFrom() && plan.duration() != null
                ? plan.duration().toNanos()
                : 0;
        this.schedule = new ArrivalSchedule(
                plan.rateFrom(), plan.rateTo(), plan.warmUp().toNanos(), ramp);
        this.firstMeasured = schedule.countBefore(plan.warmUp().toNanos());
        this.arrivalLimit = plan.requests() > 0 ? firstMeasured + plan.requests() : Long.MAX_VALUE;
    }

    /** Starts one worker thread per in-flight slot. */
    void start() {
        run.liveWorkers.set(run.workers);
        for (int i = 0; i < run.workers; i++) {
            int id = i;
            run.threads.add(Thread.ofVirtual().name("loadgen-worker-" + id).start(() -> worker(id)));
        }
    }

    /** The offered arrival rate (per second) at the end of an interval ending at {@code end} (nanoTime). */
    double offeredAt(long end) {
        return schedule.rateAt(Math.min(end, run.measureEnd) - run.runStart);
    }

    private void worker(int id) {
        Session session = null;
        try {
            session = run.target.newSession();
            run.sessions.add(session);
            WorkerRecorder recorder = run.recorderFor(id);
            Outcome outcome = new Outcome();
            long timeout = run.plan.requestTimeout().toNanos();
            while (!run.stopping) {
                long i = nextArrival.getAndIncrement();
                if (i >= arrivalLimit) {
                    return;
                }
                long intended = run.runStart + schedule.offsetNanos(i);
                if (intended >= run.measureEnd) {
                    return;
                }
                // taken after it was due: no worker was free when it came (the first arrivals are
                // taken by workers still starting up, which is not waiting for a slot)
                boolean late = i >= run.workers && System.nanoTime() - intended > 0;
                if (!run.sleepUntil(intended)) {
                    abandoned.add(i);
                    return;
                }
                boolean measured = i >= firstMeasured;
                if (measured) {
                    lastSent.accumulateAndGet(i, Math::max);
                }
                run.peakActive.accumulateAndGet(run.activeWorkers.incrementAndGet(), Math::max);
                try {
                    int endpoint = endpointOf(i);
                    long t0 = System.nanoTime();
                    outcome.startRequest();
                    session.execute(endpoint, t0 + timeout, outcome);
                    long t1 = System.nanoTime();
                    boolean cut = run.aborting && outcome.kind != null;
                    if (cut) {
                        run.cutOff(outcome);
                    }
                    if (measured) {
                        RunContext.record(recorder, endpoint, t1 - intended, t1 - t0, t0 - intended, outcome, late);
                        run.completedMeasured();
                    } else {
                        recorder.warmUp();
                    }
                    if (cut) {
                        return;
                    }
                } finally {
                    run.activeWorkers.decrementAndGet();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test worker {} failed", id, e);
        } finally {
            if (session != null) {
                session.close();
            }
            // the run ends on time (or on budget), not when the workers have taken the last arrival
            run.liveWorkers.decrementAndGet();
        }
    }

    /** The endpoint of arrival {@code i}: a weighted choice fixed by the seed and the index alone. */
    int endpointOf(long i) {
        if (run.endpoints == 1) {
            return 0;
        }
        long z = (run.plan.seed() * 0x9E3779B97F4A7C15L) + (i + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return run.endpointForRoll((int) ((z >>> 1) % run.totalWeight()));
    }

    /**
     * Arrivals of the measured window that were not sent, per endpoint and interval.
     *
     * @param scheduled arrivals due in the measured window
     * @param dropped per endpoint, per interval: never taken because every in-flight slot stayed busy
     * @param notStarted per endpoint, per interval: taken, but the run ended before they were sent
     */
    record Unsent(long scheduled, long[][] dropped, long[][] notStarted) {}

    /**
     * After the workers have stopped: puts every arrival due in the measured window before {@code end}
     * that was not sent into {@code totals}, per endpoint, as dropped or not started, and into the
     * per-endpoint, per-interval counts of the interval it was due in ({@code starts} are the intervals'
     * starts, nanoTime).
     */
    Unsent account(long end, Bucket totals, long[] starts) {
        int endpoints = run.endpoints;
        long[][] droppedByInterval = new long[endpoints][starts.length];
        long[][] notStartedByInterval = new long[endpoints][starts.length];
        long due = schedule.countBefore(end - run.runStart);
        due = Math.min(due, arrivalLimit);
        // a worker may have sent an arrival due at the very moment the run ended
        due = Math.max(due, lastSent.get() + 1);
        boolean intervals = starts.length > 0;
        for (Long i : abandoned) {
            if (i >= firstMeasured && i < due) {
                int e = endpointOf(i);
                totals.notStarted[e]++;
                if (intervals) {
                    notStartedByInterval[e][Intervals.locate(starts, run.runStart + schedule.offsetNanos(i))]++;
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
                        ? Math.min(due, Math.max(counted, schedule.countBefore(starts[j + 1] - run.runStart)))
                        : due;
                droppedByInterval[0][j] += upTo - counted;
                counted = upTo;
            }
        } else {
            for (long i = firstUntaken; i < due; i++) {
                int e = endpointOf(i);
                totals.dropped[e]++;
                if (intervals) {
                    droppedByInterval[e][Intervals.locate(starts, run.runStart + schedule.offsetNanos(i))]++;
                }
            }
        }
        return new Unsent(Math.max(0, due - firstMeasured), droppedByInterval, notStartedByInterval);
    }
}
