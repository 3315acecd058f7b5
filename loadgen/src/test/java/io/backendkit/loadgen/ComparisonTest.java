package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

    private static LoadReport run(TestServers.Jdk server, String path) {
        return LoadTest.http()
                .get(server.uri(path))
                .concurrency(4)
                .duration(ofMillis(800))
                .progress(ProgressListener.none())
                .run();
    }

    @Test
    void v2IsASlowerVersionOfV1AndTheComparisonFlagsTheRegression(@TempDir Path dir) {
        // GIVEN v1 answering at once and v2 after 40 ms. v2's latency has that floor whatever the machine
        // does; v1's has none, and scheduling noise on a busy machine (which lifted a 2 ms answer to 8 ms,
        // as slow as the 8 ms v2 of an earlier version of this test) stays far below 20 ms at the median
        try (var server = new TestServers.Jdk(ex -> {
            if (ex.getRequestURI().getPath().startsWith("/v2")) {
                try {
                    Thread.sleep(40);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport v1 = run(server, "/v1/users");
            v1.writeJson(dir.resolve("baseline.json"));
            LoadReport v2 = run(server, "/v2/users");

            // WHEN v2 is compared with the v1 baseline read back from JSON
            LoadComparison c = v2.compareWith(LoadReport.readJson(dir.resolve("baseline.json")));

            // THEN latency and throughput regress, the error rate does not
            assertThat(c.hasRegression()).isTrue();
            assertThat(c.delta("total", "p50").regression()).isTrue();
            assertThat(c.delta("total", "p50").change()).isGreaterThan(1.0);
            assertThat(c.delta("total", "throughput").regression()).isTrue();
            assertThat(c.delta("total", "errorRate").regression()).isFalse();
            assertThat(c.regressions())
                    .extracting(MetricDelta::metric)
                    .contains("p50", "throughput")
                    .doesNotContain("max");
            assertThat(c.toText())
                    .startsWith("comparison: GET /v2/users against baseline GET /v1/users\n")
                    .contains("REGRESSION", "p99 (ms)", "throughput (req/s)")
                    .endsWith(" regression(s)\n");

            // the other way round v1 is an improvement
            // (the far tail, p99.9, can go either way on a noisy machine)
            LoadComparison back = LoadComparison.compare(v2, v1);
            assertThat(back.regressions()).extracting(MetricDelta::metric).doesNotContain("p50", "p90", "throughput");
            assertThat(back.delta("total", "p50").change()).isLessThan(-0.5);

            // thresholds that allow any slow-down accept it (how many times slower v2 is depends on how fast
            // the machine answers v1, so a finite factor would make this a measurement of the machine)
            RegressionThresholds lax =
                    RegressionThresholds.defaults().withMaxLatencyIncrease(1e12).withMaxThroughputDecrease(1.0);
            assertThat(v2.compareWith(v1, lax).hasRegression()).isFalse();
        }
    }

    @Test
    void aReportComparedWithItselfHasNoRegressionAndEndpointsAreMatchedByName() {
        LoadReport r = LoadTest.of("a", () -> 1)
                .and("b", () -> 2)
                .requests(2000)
                .progress(ProgressListener.none())
                .run();
        LoadComparison c = LoadComparison.compare(r, r);
        assertThat(c.hasRegression()).isFalse();
        assertThat(c.deltas()).extracting(MetricDelta::scope).containsOnly("total", "a", "b");
        assertThat(c.deltas()).allSatisfy(d -> assertThat(d.change()).isZero());
        assertThatThrownBy(() -> c.delta("c", "p99")).hasMessage("c p99: not in this comparison");
        assertThatThrownBy(() -> new RegressionThresholds(-1, 0, 0, 0))
                .hasMessage("maxLatencyIncrease must be >= 0 (was -1.0)");
        assertThatThrownBy(() -> LoadComparison.compare(r, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRisingErrorRateIsARegression() {
        LoadReport good = LoadTest.of(() -> 1)
                .requests(1000)
                .progress(ProgressListener.none())
                .run();
        java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
        LoadReport bad = LoadTest.of(() -> {
                    if (n.incrementAndGet() % 20 == 0) {
                        throw new IllegalStateException("boom");
                    }
                    return 1;
                })
                .requests(1000)
                .progress(ProgressListener.none())
                .run();
        LoadComparison c = bad.compareWith(
                good,
                RegressionThresholds.defaults().withMaxLatencyIncrease(1000).withMaxThroughputDecrease(1));
        assertThat(c.regressions()).extracting(MetricDelta::metric).containsExactly("errorRate");
        assertThat(c.delta("total", "errorRate").candidate()).isEqualTo(0.05);
    }
}
