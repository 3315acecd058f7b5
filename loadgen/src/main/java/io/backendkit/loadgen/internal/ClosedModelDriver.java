package io.backendkit.loadgen.internal;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The closed model: a fixed set of virtual users, started one after another over the ramp-up, each
 * sending a request, waiting for its answer and thinking before the next, until the measured window
 * or the request budget ends. A user's endpoint choice is fixed by the seed and its id.
 *
 * <p>Thread-safety: {@link #start()} once from the engine; the users run on their own virtual threads.
 */
final class ClosedModelDriver {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final RunContext run;
    /** Measured requests handed out against the request budget. */
    private final AtomicLong tickets = new AtomicLong();

    ClosedModelDriver(RunContext run) {
        this.run = run;
    }

    /** Starts every user's thread (each waits for its ramp-up offset first). */
    void start() {
        int users = run.plan.users();
        run.liveWorkers.set(users);
        for (int i = 0; i < users; i++) {
            int id = i;
            run.threads.add(Thread.ofVirtual().name("loadgen-user-" + id).start(() -> user(id)));
        }
    }

    /** When user {@code id} of {@code users} starts, as an offset from the run's start (nanos). */
    static long rampOffset(int id, int users, long rampUpNanos) {
        return users <= 1 ? 0 : rampUpNanos * id / users;
    }

    private void user(int id) {
        RunPlan plan = run.plan;
        Session session = null;
        boolean active = false;
        try {
            long startAt =
                    run.runStart + rampOffset(id, plan.users(), plan.rampUp().toNanos());
            if (!run.sleepUntil(startAt)) {
                return;
            }
            session = run.target.newSession();
            run.sessions.add(session);
            WorkerRecorder recorder = run.recorderFor(id);
            SplittableRandom random = new SplittableRandom(plan.seed() * 1_000_003L + id);
            Outcome outcome = new Outcome();
            long timeout = plan.requestTimeout().toNanos();
            long think = plan.thinkTime().toNanos();
            run.peakActive.accumulateAndGet(run.activeWorkers.incrementAndGet(), Math::max);
            active = true;
            while (!run.stopping && send(session, recorder, random, outcome, timeout)) {
                if (think > 0 && !run.sleepUntil(System.nanoTime() + think)) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("load test worker {} failed", id, e);
        } finally {
            if (active) {
                run.activeWorkers.decrementAndGet();
            }
            if (session != null) {
                session.close();
            }
            if (run.liveWorkers.decrementAndGet() == 0) {
                run.endSignal.countDown();
            }
        }
    }

    /**
     * Sends one request and records it; false when the user is done (the measured window or the
     * budget is over, or the run cut the request off). A method of its own, not the user loop's body:
     * the loop runs once per user and would stay interpreted until on-stack replacement, while this is
     * compiled after a few thousand calls.
     */
    private boolean send(
            Session session, WorkerRecorder recorder, SplittableRandom random, Outcome outcome, long timeout) {
        int endpoint = pickEndpoint(random);
        long t0 = System.nanoTime();
        if (t0 >= run.measureEnd) {
            return false;
        }
        boolean measured = t0 >= run.measureStart;
        if (measured && run.budget > 0 && tickets.getAndIncrement() >= run.budget) {
            return false;
        }
        outcome.startRequest();
        session.execute(endpoint, t0 + timeout, outcome);
        long t1 = System.nanoTime();
        boolean cut = run.aborting && outcome.kind != null;
        if (cut) {
            run.cutOff(outcome);
        }
        if (measured) {
            RunContext.record(recorder, endpoint, t1 - t0, t1 - t0, 0, outcome, false);
            run.completedMeasured();
        } else {
            recorder.warmUp();
        }
        return !cut;
    }

    private int pickEndpoint(SplittableRandom random) {
        if (run.endpoints == 1) {
            return 0;
        }
        return run.endpointForRoll(random.nextInt(run.totalWeight()));
    }
}
