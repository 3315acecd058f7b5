package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 18: result types print a readable line, not a record dump (the base64 histograms above all). */
class ResultToStringTest {

    static LoadReport report;

    @BeforeAll
    static void run() {
        AtomicLong n = new AtomicLong();
        report = LoadTest.of("lookup", () -> {
                    if (n.incrementAndGet() % 4 == 0) {
                        throw new IllegalStateException("cache miss");
                    }
                    return 1;
                })
                .requests(400)
                .progress(ProgressListener.none())
                .run();
    }

    @Test
    void reportAndStatsPrintOneReadableLineWithoutHistograms() {
        assertThat(report.toString())
                .matches("LoadReport\\[lookup, 400 requests, [0-9.,]+/s, p99 [0-9.]+ ms, 100 errors\\]");
        EndpointStats lookup = report.endpoint("lookup");
        assertThat(lookup.toString())
                .matches("EndpointStats\\[lookup \\(CALL\\): 400 requests, 100 errors, [0-9.,]+/s, p50 [0-9.]+ ms,"
                        + " p99 [0-9.]+ ms, max [0-9.]+ ms\\]")
                .doesNotContain(lookup.latencyHistogramBase64());
        assertThat(report.total().toString()).startsWith("EndpointStats[total (*): 400 requests");
        assertThat(lookup.latency().toString())
                .matches("LatencyStats\\[400 values, min [0-9.]+ ms, mean [0-9.]+ ms, p50 [0-9.]+ ms, p90 [0-9.]+ ms,"
                        + " p99 [0-9.]+ ms, p99.9 [0-9.]+ ms, max [0-9.]+ ms\\]");
        assertThat(LatencyStats.EMPTY.toString()).isEqualTo("LatencyStats[no values]");
        assertThat(report.errors().get(0).toString())
                .isEqualTo("ErrorStats[lookup EXCEPTION x100: IllegalStateException: cache miss (lookup)]");
        LoadComparison c = report.compareWith(report);
        assertThat(c.toString())
                .isEqualTo("LoadComparison[lookup vs lookup: " + c.deltas().size() + " metrics, no regression]");
        assertThat(c.toString()).doesNotContain("MetricDelta");
    }
}
