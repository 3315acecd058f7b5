package io.backendkit.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.loadgen.LoadModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelDriverTest {

    private static final long T0 = 7_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private static RunPlan plan(LoadModel model, double rate, Duration warmUp, Duration duration, long requests) {
        return plan(model, rate, warmUp, duration, requests, Duration.ZERO);
    }

    private static RunPlan plan(
            LoadModel model, double rate, Duration warmUp, Duration duration, long requests, Duration tolerance) {
        return new RunPlan(
                "drivers",
                model,
                4,
                Duration.ZERO,
                Duration.ZERO,
                rate,
                rate,
                4,
                0,
                warmUp,
                duration,
                requests,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                11,
                p -> {},
                null,
                tolerance);
    }

    private static CallableTarget<Integer> twoTasks(AtomicInteger calls) {
        return new CallableTarget<>(
                List.of(
                        new CallableTarget.Task<>("a", calls::incrementAndGet, 3),
                        new CallableTarget.Task<>("b", calls::incrementAndGet, 1)),
                List.of());
    }

    private static Bucket drained(RunContext run) {
        Bucket b = new Bucket(run.endpoints, run.open, false);
        run.recorders.forEach(r -> r.drainInto(b));
        return b;
    }

    @Test
    void usersStartEvenlyOverTheRampUp() {
        assertThat(ClosedModelDriver.rampOffset(0, 1, 1000)).isZero();
        assertThat(ClosedModelDriver.rampOffset(0, 4, 1000)).isZero();
        assertThat(ClosedModelDriver.rampOffset(3, 4, 1000)).isEqualTo(750);
    }

    @Test
    void closedUsersSendExactlyTheRequestBudgetAndThenEndTheRun() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunContext run = new RunContext(plan(LoadModel.CLOSED, 0, Duration.ZERO, null, 50), twoTasks(calls));
        run.markStart(System.nanoTime());
        new ClosedModelDriver(run).start();
        assertThat(run.endSignal.await(30, TimeUnit.SECONDS)).isTrue();
        for (Thread t : run.threads) {
            t.join(Duration.ofSeconds(30));
        }
        Bucket b = drained(run);
        assertThat(b.totalRequests()).isEqualTo(50);
        assertThat(calls.get()).isEqualTo(50);
        assertThat(run.liveWorkers.get()).isZero();
        assertThat(run.activeWorkers.get()).isZero();
        assertThat(run.peakActive.get()).isBetween(1, 4);
    }

    @Test
    void openWorkersSendExactlyTheBudgetAndTheAccountingAddsUpToIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        RunContext run = new RunContext(plan(LoadModel.OPEN, 2000, Duration.ZERO, null, 20), twoTasks(calls));
        OpenModelDriver driver = new OpenModelDriver(run);
        run.markStart(System.nanoTime());
        driver.start();
        assertThat(run.endSignal.await(30, TimeUnit.SECONDS)).isTrue();
        for (Thread t : run.threads) {
            t.join(Duration.ofSeconds(30));
        }
        Bucket totals = drained(run);
        long end = System.nanoTime();
        OpenModelDriver.Unsent unsent = driver.account(end, totals, new long[] {run.measureStart});
        assertThat(totals.totalRequests()).isEqualTo(20);
        assertThat(unsent.scheduled()).isEqualTo(20);
        assertThat(totals.dropped).containsExactly(0, 0);
        assertThat(totals.notStarted).containsExactly(0, 0);
        // each endpoint got the arrivals the seed gave it
        long a = 0;
        for (long i = 0; i < 20; i++) {
            a += driver.endpointOf(i) == 0 ? 1 : 0;
        }
        assertThat(totals.requests).containsExactly(a, 20 - a);
    }

    @Test
    void arrivalsNeverTakenAreDroppedInTheIntervalTheyWereDueIn() {
        RunContext run = new RunContext(
                plan(LoadModel.OPEN, 100, Duration.ZERO, Duration.ofSeconds(2), 0), twoTasks(new AtomicInteger()));
        OpenModelDriver driver = new OpenModelDriver(run);
        run.markStart(T0); // no worker started: every due arrival stayed untaken
        Bucket totals = new Bucket(2, true, false);
        long[] starts = {T0, T0 + SECOND / 2};
        OpenModelDriver.Unsent unsent = driver.account(T0 + SECOND, totals, starts);
        assertThat(unsent.scheduled()).isEqualTo(100);
        assertThat(totals.dropped[0] + totals.dropped[1]).isEqualTo(100);
        long[][] expected = new long[2][2];
        for (long i = 0; i < 100; i++) {
            expected[driver.endpointOf(i)][i < 50 ? 0 : 1]++;
        }
        assertThat(unsent.dropped()).isDeepEqualTo(expected);
        assertThat(totals.dropped).containsExactly(expected[0][0] + expected[0][1], expected[1][0] + expected[1][1]);
        assertThat(unsent.notStarted()).isDeepEqualTo(new long[2][2]);
        assertThat(expected[0][0] + expected[0][1]).isGreaterThan(expected[1][0] + expected[1][1]); // weights 3:1
    }

    @Test
    void theWarmUpsArrivalsAndThoseBeyondTheBudgetAreNotScheduled() {
        RunContext run = new RunContext(
                plan(LoadModel.OPEN, 100, Duration.ofSeconds(1), Duration.ofSeconds(2), 0),
                new CallableTarget<>(List.of(new CallableTarget.Task<>("only", () -> 1, 1)), List.of()));
        OpenModelDriver driver = new OpenModelDriver(run);
        run.markStart(T0);
        Bucket totals = new Bucket(1, true, false);
        long[] starts = {T0 + SECOND, T0 + SECOND + SECOND / 4};
        OpenModelDriver.Unsent unsent = driver.account(T0 + SECOND + SECOND / 2, totals, starts);
        assertThat(unsent.scheduled()).isEqualTo(50);
        assertThat(unsent.dropped()[0]).containsExactly(25, 25);
        assertThat(totals.dropped[0]).isEqualTo(50);

        RunContext budgeted = new RunContext(
                plan(LoadModel.OPEN, 100, Duration.ZERO, Duration.ofSeconds(2), 30),
                new CallableTarget<>(List.of(new CallableTarget.Task<>("only", () -> 1, 1)), List.of()));
        OpenModelDriver limited = new OpenModelDriver(budgeted);
        budgeted.markStart(T0);
        Bucket limitedTotals = new Bucket(1, true, false);
        OpenModelDriver.Unsent capped = limited.account(T0 + SECOND, limitedTotals, new long[] {T0, T0 + SECOND / 2});
        assertThat(capped.scheduled()).isEqualTo(30);
        assertThat(capped.dropped()[0]).containsExactly(30, 0);
    }

    /** Stops a run as the engine does: no new requests, every thread unparked, then joined. */
    private static void stopAndJoin(RunContext run) throws InterruptedException {
        run.stopping = true;
        for (Thread t : run.threads) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
        for (Thread t : run.threads) {
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).as(t.getName()).isFalse();
        }
    }

    @Test
    void openArrivalsAreNeverSentBeforeTheyAreDue() throws Exception {
        neverBeforeDue(Duration.ZERO);
    }

    @Test
    void withAScheduleToleranceArrivalsAreStillNeverSentBeforeTheyAreDue() throws Exception {
        neverBeforeDue(Duration.ofMillis(5)); // five arrivals per wake-up at 1,000/s
    }

    private static void neverBeforeDue(Duration tolerance) throws Exception {
        java.util.Queue<Long> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
        CallableTarget<Long> target = new CallableTarget<>(
                List.of(new CallableTarget.Task<>(
                        "stamp",
                        () -> {
                            long now = System.nanoTime();
                            sent.add(now);
                            return now;
                        },
                        1)),
                List.of());
        RunContext run = new RunContext(plan(LoadModel.OPEN, 1000, Duration.ZERO, null, 150, tolerance), target);
        OpenModelDriver driver = new OpenModelDriver(run);
        run.markStart(System.nanoTime());
        driver.start();
        assertThat(run.endSignal.await(30, TimeUnit.SECONDS)).isTrue();
        stopAndJoin(run);
        long[] times = sent.stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(times).hasSize(150);
        ArrivalSchedule schedule = new ArrivalSchedule(1000, 1000, 0, 0);
        // the k-th send is no earlier than the k-th due time, whichever worker sent which arrival
        for (int k = 0; k < times.length; k++) {
            assertThat(times[k]).as("send %d", k).isGreaterThanOrEqualTo(run.runStart + schedule.offsetNanos(k));
        }
    }

    @Test
    void stoppingWhileWorkersAreIdleOrAllBusyLeavesNoArrivalUncounted() throws Exception {
        // a rate the four workers keep up with (they wait idle for the dispatcher), and one they do not
        for (double rate : new double[] {400, 20_000, -400}) {
            // negative: the same rate with a schedule tolerance
            Duration tolerance = rate < 0 ? Duration.ofMillis(5) : Duration.ZERO;
            rate = Math.abs(rate);
            CallableTarget<Integer> target = new CallableTarget<>(
                    List.of(new CallableTarget.Task<>(
                            "slow",
                            () -> {
                                Thread.sleep(2);
                                return 1;
                            },
                            1)),
                    List.of());
            RunContext run = new RunContext(plan(LoadModel.OPEN, rate, Duration.ZERO, null, 0, tolerance), target);
            OpenModelDriver driver = new OpenModelDriver(run);
            run.markStart(System.nanoTime());
            driver.start();
            Thread.sleep(300);
            long end = System.nanoTime();
            stopAndJoin(run);
            Bucket totals = drained(run);
            OpenModelDriver.Unsent unsent = driver.account(end, totals, new long[] {run.measureStart});
            assertThat(totals.totalRequests()).as("rate %s", rate).isPositive();
            assertThat(totals.totalRequests() + totals.dropped[0] + totals.notStarted[0])
                    .as("rate %s: sent + dropped + not started", rate)
                    .isEqualTo(unsent.scheduled());
            assertThat(unsent.dropped()[0][0]).isEqualTo(totals.dropped[0]);
            assertThat(unsent.notStarted()[0][0]).isEqualTo(totals.notStarted[0]);
            if (rate > 1000) {
                // ten times what four workers of 2 ms each can send
                assertThat(totals.dropped[0]).as("rate %s", rate).isPositive();
                assertThat(totals.late).as("rate %s", rate).isPositive();
            }
            assertThat(run.activeWorkers.get()).isZero();
        }
    }
}
