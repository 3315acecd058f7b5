package io.backendkit.loadgen.internal;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open model: arrivals follow an {@link ArrivalSchedule} whatever the target does. One worker
 * (a virtual thread) per in-flight slot sends the arrivals, and arrival indexes are taken from one
 * counter, so a backlog is only an index gap:
 *
 * <ul>
 *   <li>A worker that finishes a request takes the next arrival itself when it is already due (under
 *       overload it never waits for anyone), else it joins the idle workers and parks without a
 *       timeout.
 *   <li>One dispatcher (a platform thread) parks until the next arrival is due, then hands every due
 *       arrival to an idle worker (the most recently idle first, whose connection is warm) and unparks
 *       it. It never spins: with no idle worker it parks until one becomes idle, and when no arrival is
 *       due it parks until the next due time. Workers never take a timed park, so no virtual-thread
 *       timer task is scheduled per request.
 * </ul>
 *
 * <p>Each hand-over wakes the dispatcher and usually a carrier thread, two context switches per
 * arrival at a moderate rate. With a schedule tolerance ({@link RunPlan#scheduleTolerance()}) the
 * dispatcher parks until the last arrival due within the tolerance is due and hands them all over in
 * one go, trading up to that much schedule lag for fewer wake-ups.
 *
 * <p>An arrival is never sent before it is due. After the run, {@link #account} places every due
 * arrival that was not sent: dropped (never taken, every slot stayed busy) or not started (taken,
 * or due while a worker was idle waiting for it, but the run ended first).
 *
 * <p>Thread-safety: {@link #start()} once from the engine; the workers and the dispatcher run on their
 * own threads (all in {@code run.threads}); {@link #account} once, after they have stopped.
 */
final class OpenModelDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** {@link Slot#offer}: no arrival handed over yet. */
    private static final long EMPTY = -1;
    /** {@link Slot#offer}: the worker has left and takes no arrival. */
    private static final long CLOSED = -2;

    /** Most arrivals one wake-up of the dispatcher waits for under a schedule tolerance. */
    private static final int MAX_BATCH = 64;

    private final RunContext run;
    private final ArrivalSchedule schedule;
    /** {@link RunPlan#scheduleTolerance()} in nanoseconds. */
    private final long tolerance;
    /** Index of the first arrival of the measured window. */
    private final long firstMeasured;
    /** Arrivals from this index on are never taken (the request budget), else {@code Long.MAX_VALUE}. */
    private final long arrivalLimit;

    /** Index of the next arrival nobody has taken. */
    private final AtomicLong nextArrival = new AtomicLong();
    /** Arrivals a worker had taken but did not send because the run was ending. */
    private final ConcurrentLinkedQueue<Long> abandoned = new ConcurrentLinkedQueue<>();
    /** Idle workers: a stack pushed by the workers and popped by the dispatcher alone. */
    private final AtomicReference<Slot> idle = new AtomicReference<>();
    /** Every worker's slot, for {@link #account}. */
    private final List<Slot> slots = new CopyOnWriteArrayList<>();

    private volatile Thread dispatcher;
    /** Set while the dispatcher parks because no worker is idle; a worker becoming idle then unparks it. */
    private volatile boolean dispatcherWaiting;
    /**
     * Set by the dispatcher alone once the next untaken arrival lies beyond the budget or the measured
     * window: nothing will be handed out any more, and idle workers leave.
     */
    private volatile boolean exhausted;

    /** One in-flight slot: its worker thread and the arrival the dispatcher hands it. */
    private static final class Slot {
        final AtomicLong offer = new AtomicLong(EMPTY);
        Thread thread;
        /** Next slot down the idle stack; written before the push that publishes it. */
        Slot next;
        /** The highest measured arrival this worker sent; read by {@link #account} after the join. */
        long lastSent = -1;
        /** Whether the worker left while idle (waiting for an arrival) because the run was stopping. */
        boolean leftIdle;
    }

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
        this.tolerance = plan.scheduleTolerance().toNanos();
    }

    /** Starts the dispatcher and one worker thread per in-flight slot. */
    void start() {
        Thread d = Thread.ofPlatform().name("loadgen-dispatcher").daemon().unstarted(this::dispatch);
        dispatcher = d;
        run.threads.add(d);
        run.liveWorkers.set(run.workers);
        for (int i = 0; i < run.workers; i++) {
            int id = i;
            Slot slot = new Slot();
            slots.add(slot);
            Thread t = Thread.ofVirtual().name("loadgen-worker-" + id).unstarted(() -> worker(id, slot));
            slot.thread = t;
            run.threads.add(t);
            t.start();
        }
        d.start();
    }

    /** The offered arrival rate (per second) at the end of an interval ending at {@code end} (nanoTime). */
    double offeredAt(long end) {
        return schedule.rateAt(Math.min(end, run.measureEnd) - run.runStart);
    }

    /** Whether arrival {@code i} is never to be taken: beyond the budget or due after the measured window. */
    private boolean beyondRun(long i) {
        return i >= arrivalLimit || run.runStart + schedule.offsetNanos(i) >= run.measureEnd;
    }

    private void dispatch() {
        try {
            while (!run.stopping && dispatchStep()) {
                // each step parks or hands over one arrival
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test dispatcher failed", e);
        }
    }

    /**
     * One step of the dispatcher: parks (until the next arrival is due, or until a worker is idle) or
     * hands one due arrival to an idle worker; false once nothing is left to hand out. A method of its
     * own so that it is compiled after a few thousand steps (the loop around it runs once).
     */
    private boolean dispatchStep() {
        long n = nextArrival.get();
        if (beyondRun(n)) {
            exhausted = true;
            releaseIdle();
            return false;
        }
        Slot w = idle.get();
        if (w == null) {
            dispatcherWaiting = true;
            if (idle.get() == null && !run.stopping) {
                LockSupport.park(this);
            }
            dispatcherWaiting = false;
            return true;
        }
        long due = run.runStart + schedule.offsetNanos(n);
        long left = due - System.nanoTime();
        if (left > 0) {
            // a platform thread's timed park: one timer in the kernel, no task queue; with a tolerance
            // it wakes when the last arrival due within it is due and hands them all over then
            LockSupport.parkNanos(this, batchEnd(n, due) - due + left);
            return true;
        }
        w = pop();
        if (w == null || w.offer.get() == CLOSED) {
            return true;
        }
        if (!nextArrival.compareAndSet(n, n + 1)) {
            push(w); // a worker that just finished took it; the next one is looked at afresh
            return true;
        }
        if (w.offer.compareAndSet(EMPTY, n)) {
            LockSupport.unpark(w.thread);
        } else {
            abandoned.add(n); // the worker left because the run is stopping
        }
        return true;
    }

    /**
     * When the dispatcher wakes to hand over arrival {@code n} (due at {@code due}, nanoTime): at its
     * due time, or with a schedule tolerance at the due time of the last of the next arrivals (at most
     * {@link #MAX_BATCH}) due within the tolerance, so that one wake-up serves them all.
     */
    private long batchEnd(long n, long due) {
        if (tolerance == 0) {
            return due;
        }
        long end = due;
        for (long k = n + 1; k < n + MAX_BATCH && !beyondRun(k); k++) {
            long at = run.runStart + schedule.offsetNanos(k);
            if (at - due > tolerance) {
                break;
            }
            end = at;
        }
        return end;
    }

    /** Unparks every idle worker so that it sees {@link #exhausted} and leaves. Dispatcher only. */
    private void releaseIdle() {
        for (Slot w = pop(); w != null; w = pop()) {
            LockSupport.unpark(w.thread);
        }
    }

    private void push(Slot w) {
        Slot top;
        do {
            top = idle.get();
            w.next = top;
        } while (!idle.compareAndSet(top, w));
    }

    /** Pops the most recently idle worker, or null. Dispatcher only (one popper: no ABA). */
    private Slot pop() {
        Slot top;
        do {
            top = idle.get();
            if (top == null) {
                return null;
            }
        } while (!idle.compareAndSet(top, top.next));
        return top;
    }

    /**
     * The next arrival for a worker whose slot is free: the next untaken one when it is already due,
     * else the one the dispatcher hands over while the worker is idle; -1 when the worker should leave.
     * Sets {@code late[0]} when the arrival waited for a free slot.
     */
    private long nextFor(Slot slot, boolean[] late) {
        while (true) {
            long n = nextArrival.get();
            if (beyondRun(n)) {
                return -1;
            }
            if (System.nanoTime() - (run.runStart + schedule.offsetNanos(n)) < 0) {
                return awaitOffer(slot);
            }
            // due: no idle worker means every slot was busy when it came (the first arrivals are taken
            // by workers still starting up, which is not waiting for a slot)
            boolean noneIdle = idle.get() == null;
            if (nextArrival.compareAndSet(n, n + 1)) {
                late[0] = noneIdle && n >= run.workers;
                return n;
            }
        }
    }

    /** Joins the idle workers and parks (no timeout) until the dispatcher hands over an arrival. */
    private long awaitOffer(Slot slot) {
        push(slot);
        if (dispatcherWaiting) {
            LockSupport.unpark(dispatcher);
        }
        while (true) {
            long a = slot.offer.get();
            if (a >= 0) {
                slot.offer.set(EMPTY);
                return a;
            }
            if (run.stopping || exhausted || Thread.currentThread().isInterrupted()) {
                a = slot.offer.getAndSet(CLOSED);
                if (a >= 0) {
                    abandoned.add(a);
                }
                slot.leftIdle = !exhausted;
                return -1;
            }
            LockSupport.park(this);
        }
    }

    private void worker(int id, Slot slot) {
        Session session = null;
        try {
            session = run.target.newSession();
            run.sessions.add(session);
            WorkerRecorder recorder = run.recorderFor(id);
            Outcome outcome = new Outcome();
            long timeout = run.plan.requestTimeout().toNanos();
            boolean[] late = new boolean[1];
            while (!run.stopping) {
                late[0] = false;
                long i = nextFor(slot, late);
                if (i < 0) {
                    return;
                }
                if (run.stopping) {
                    abandoned.add(i);
                    return;
                }
                if (!send(slot, i, late[0], session, recorder, outcome, timeout)) {
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test worker {} failed", id, e);
        } finally {
            long offered = slot.offer.getAndSet(CLOSED);
            if (offered >= 0) {
                abandoned.add(offered);
            }
            if (dispatcherWaiting) {
                LockSupport.unpark(dispatcher); // it may be waiting for a worker that now never comes back
            }
            if (session != null) {
                session.close();
            }
            // the run ends on time (or on budget), not when the workers have taken the last arrival
            run.liveWorkers.decrementAndGet();
        }
    }

    /**
     * Sends arrival {@code i} and records it; false when the run cut it off (the worker then stops).
     * A method of its own, not the worker loop's body: the loop runs once per worker and would stay
     * interpreted until on-stack replacement, while this is compiled after a few thousand calls.
     */
    private boolean send(
            Slot slot, long i, boolean late, Session session, WorkerRecorder recorder, Outcome outcome, long timeout) {
        long intended = run.runStart + schedule.offsetNanos(i);
        boolean measured = i >= firstMeasured;
        if (measured) {
            slot.lastSent = i; // a worker takes arrivals in increasing order
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
            return !cut;
        } finally {
            run.activeWorkers.decrementAndGet();
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
        long lastSent = -1;
        for (Slot slot : slots) {
            lastSent = Math.max(lastSent, slot.lastSent);
        }
        due = Math.max(due, lastSent + 1);
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
        // untaken arrivals are dropped when every slot was busy; when a worker was still idle at the end
        // they were only waiting for the dispatcher's hand-over (a few microseconds) and did not start
        boolean idleAtEnd = false;
        for (Slot slot : slots) {
            idleAtEnd |= slot.leftIdle;
        }
        long[] untakenTotals = idleAtEnd ? totals.notStarted : totals.dropped;
        long[][] untakenByInterval = idleAtEnd ? notStartedByInterval : droppedByInterval;
        if (endpoints == 1) {
            untakenTotals[0] += Math.max(0, due - firstUntaken);
            // by interval: the untaken arrivals due before each interval's end
            long counted = firstUntaken;
            for (int j = 0; intervals && j < starts.length && counted < due; j++) {
                long upTo = j + 1 < starts.length
                        ? Math.min(due, Math.max(counted, schedule.countBefore(starts[j + 1] - run.runStart)))
                        : due;
                untakenByInterval[0][j] += upTo - counted;
                counted = upTo;
            }
        } else {
            for (long i = firstUntaken; i < due; i++) {
                int e = endpointOf(i);
                untakenTotals[e]++;
                if (intervals) {
                    untakenByInterval[e][Intervals.locate(starts, run.runStart + schedule.offsetNanos(i))]++;
                }
            }
        }
        return new Unsent(Math.max(0, due - firstMeasured), droppedByInterval, notStartedByInterval);
    }
}
