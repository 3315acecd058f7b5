package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallableLoadTestTest {

    @Test
    void inProcessTasksAreCalledExactlyTheBudgetAndExceptionsAndChecksAreErrors() {
        AtomicLong calls = new AtomicLong();
        LoadReport r = LoadTest.of("quote", () -> {
                    long n = calls.incrementAndGet();
                    if (n % 10 == 0) {
                        throw new IllegalStateException("quote service unavailable");
                    }
                    return n % 10 == 5 ? -1L : n;
                })
                .check("positive", v -> v > 0)
                .concurrency(4)
                .requests(1000)
                .progress(ProgressListener.none())
                .run();
        assertThat(calls.get()).isEqualTo(1000);
        assertThat(r.total().requests()).isEqualTo(1000);
        assertThat(r.total().errors()).isEqualTo(200);
        assertThat(r.errors())
                .extracting(ErrorStats::kind, ErrorStats::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ErrorKind.CHECK_FAILED, 100L),
                        org.assertj.core.groups.Tuple.tuple(ErrorKind.EXCEPTION, 100L));
        assertThat(r.errors().get(1).firstMessage())
                .isEqualTo("IllegalStateException: quote service unavailable (quote)");
        assertThat(r.errors().get(0).firstMessage()).startsWith("check 'positive' failed on quote result -1");
        assertThat(r.settings().transport()).isEqualTo("IN_PROCESS");
        assertThat(r.total().statusCounts()).isEmpty();
        assertThat(r.expectations())
                .singleElement()
                .satisfies(e -> assertThat(e.passed()).isFalse());
    }

    @Test
    void weightedTasksShareTheCallsAndLatencyReflectsTheWork() {
        AtomicInteger fast = new AtomicInteger();
        AtomicInteger slow = new AtomicInteger();
        LoadReport r = LoadTest.of("fast", () -> fast.incrementAndGet())
                .and("slow", 1, () -> {
                    Thread.sleep(5);
                    return slow.incrementAndGet();
                })
                .and("fast2", 2, () -> fast.incrementAndGet())
                .concurrency(8)
                .duration(ofMillis(800))
                .progress(ProgressListener.none())
                .run();
        assertThat(r.endpoint("slow").latency().p50()).isBetween(ofMillis(5), ofMillis(30));
        assertThat(r.endpoint("fast").latency().p50()).isLessThan(ofMillis(2));
        double ratio =
                (double) r.endpoint("fast2").requests() / r.endpoint("fast").requests();
        assertThat(ratio).isBetween(1.6, 2.4);
        assertThat(r.endpoints()).extracting(EndpointStats::method).containsOnly("CALL");
    }
}
