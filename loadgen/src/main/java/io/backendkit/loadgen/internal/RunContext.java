package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.LoadModel;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parts of one run share: the plan and target, the run's clock marks, the workers' threads,
 * sessions and recorders, the stop flags and the run-wide counters. The {@link Engine} creates it,
 * marks the start and hands it to the model driver and the {@link IntervalCollector}.
 *
 * <p>Thread-safety: the clock marks are written once by {@link #markStart(long)} before any worker or
 * controller thread starts (and so are visible to them); everything else is safe for concurrent use.
 */
final class RunContext {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class); // the run's logger, whichever part logs
    /**
     * Most recorders per run: beyond this many workers, workers share recorders (striped by id). Only
     * as many workers record at once as there are carrier threads, so a few stripes per core keep the
     * shared recorders' locks uncontended; more recorders cost more: each recorder's histograms grow
     * on their own (at overload, when latency and lag keep growing, every recorder keeps resizing its
     * histograms into fresh memory) and every recorder is merged once per interval.
     */
    private static final int MAX_RECORDERS =
            Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    final RunPlan plan;
    final Target target;
    final int endpoints;
    final boolean open;
    /** Worker threads: users (closed model) or in-flight slots (open model). */
    final int workers;

    final boolean trackErrorLatency;
    final List<WorkerRecorder> recorders = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
    final CountDownLatch endSignal = new CountDownLatch(1);
    final AtomicLong completedMeasured = new AtomicLong();
    final AtomicInteger activeWorkers = new AtomicInteger();
    final AtomicInteger peakActive = new AtomicInteger();
    final AtomicInteger liveWorkers = new AtomicInteger();
    final AtomicLong cutOff = new AtomicLong();

    private final int[] cumulativeWeights;
    private final int totalWeight;
    private final int recorderSlots;
    private final boolean sharedRecorders;
    private final WorkerRecorder[] recorderBySlot;

    volatile boolean stopping;
    volatile boolean aborting;
    long runStart;
    long measureStart;
    long measureEnd;
    long budget;
    Instant measureStartWall;

    RunContext(RunPlan plan, Target target) {
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
        this.budget = plan.requests();
    }

    /** Sets the run's clock marks from its start ({@code now}, nanoTime); call before any thread starts. */
    void markStart(long now) {
        runStart = now;
        measureStart = now + plan.warmUp().toNanos();
        measureEnd = plan.duration() == null
                ? Long.MAX_VALUE
                : measureStart + plan.duration().toNanos();
        measureStartWall = Instant.now().plus(plan.warmUp());
    }

    /** Sum of the endpoints' weights. */
    int totalWeight() {
        return totalWeight;
    }

    /** The endpoint a roll in {@code [0, totalWeight())} falls on. */
    int endpointForRoll(int r) {
        for (int e = 0; e < cumulativeWeights.length; e++) {
            if (r < cumulativeWeights[e]) {
                return e;
            }
        }
        return cumulativeWeights.length - 1;
    }

    /** The recorder of a worker: its own, or one shared by stripe when there are many workers. */
    WorkerRecorder recorderFor(int workerId) {
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

    /** Records one measured request, with its message when the recorder still wants one of its kind. */
    static void record(
            WorkerRecorder recorder, int endpoint, long latency, long service, long lag, Outcome o, boolean late) {
        String message = null;
        if (o.kind != null && recorder.wantsMessage(endpoint, o.kind)) {
            message = o.describe();
        }
        recorder.record(endpoint, latency, service, lag, o, o.kind, message, late);
    }

    /** A measured request completed: ends the run once the request budget is reached. */
    void completedMeasured() {
        if (budget > 0 && completedMeasured.incrementAndGet() >= budget) {
            endSignal.countDown();
        }
    }

    /** Sleeps until {@code deadline} (nanoTime); false when the run is stopping or the thread was interrupted. */
    boolean sleepUntil(long deadline) {
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

    /** Turns the outcome of a request the run aborted into a cut-off and counts it. */
    void cutOff(Outcome outcome) {
        cutOff.incrementAndGet();
        outcome.failure(
                0,
                ErrorKind.CUT_OFF,
                "still in flight when the run ended; cut off after the "
                        + plan.drainTimeout().toMillis() + " ms drain timeout"
                        + (outcome.where == null ? "" : " (" + outcome.where + ")"),
                null);
    }

    /** Stops everything at once: aborts every session's request in flight and interrupts the workers. */
    void abortAll() {
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
}
