package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 18: result types print a readable line, not a record dump (the base64 histograms above all). */
class ResultToStringTest {

    static LoadReport report;
    static final List<Progress> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void run() {
        AtomicLong n = new AtomicLong();
        report = LoadTest.of("lookup", () -> {
                    if (n.incrementAndGet() % 4 == 0) {
                        throw new IllegalStateException("cache miss");
                    }
                    return 1;
                })
                .check("positive", v -> v > 0)
                .warmUp(Duration.ofMillis(50))
                .requests(400)
                .sampleInterval(Duration.ofMillis(10))
                .progress(progress::add)
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

    @Test
    void settingsIntervalsProgressDeltasAndExpectationsPrintOneReadableLine() {
        assertThat(report.settings().toString())
                .isEqualTo("RunSettings[closed model, 1 user, 400 requests after 50ms warm-up, transport IN_PROCESS]");
        assertThat(report.timeSeries()).isNotEmpty();
        for (IntervalStats i : report.timeSeries()) {
            assertThat(i.toString())
                    .as("closed model: no offered rate, no late requests")
                    .matches("IntervalStats\\[\\d+\\+\\d+ ms: \\d+ requests, \\d+ errors, [0-9.]+/s, p50 [0-9.]+ ms,"
                            + " p90 [0-9.]+ ms, p99 [0-9.]+ ms, max [0-9.]+ ms, [01] active\\]");
        }
        assertThat(progress)
                .anySatisfy(p -> assertThat(p.toString())
                        .matches(
                                "Progress\\[lookup warming up [0-9]+\\.[0-9]s: \\d+ warm-up requests, 0 requests, 0 errors"
                                        + " so far\\]"));
        assertThat(progress)
                .anySatisfy(p -> assertThat(p.toString())
                        .matches(
                                "Progress\\[lookup measuring [0-9]+\\.[0-9]s: [0-9.]+/s, p99 [0-9.]+ ms in the last interval,"
                                        + " \\d+ requests, \\d+ errors so far\\]"));
        MetricDelta p99 = report.compareWith(report).delta("total", "p99");
        assertThat(p99.toString()).matches("MetricDelta\\[total p99: ([0-9.]+) -> \\1 ms \\(\\+0\\.0%\\)\\]");
        assertThat(new MetricDelta("total", "errorRate", "ratio", 0.01, 0.05, 4, true).toString())
                .isEqualTo("MetricDelta[total errorRate: 1.000% -> 5.000% error rate (+400.0%), REGRESSION]");
        assertThat(new MetricDelta("GET /a", "throughput", "req/s", 1000, 900, -0.1, false).toString())
                .isEqualTo("MetricDelta[GET /a throughput: 1,000.0 -> 900.0 req/s (-10.0%)]");
        assertThat(report.expectations())
                .singleElement()
                .satisfies(e -> assertThat(e.toString())
                        .isEqualTo("ExpectationResult[PASS check positive: 0 of 300 result(s) failed the checks]"));
        assertThat(new ExpectationResult("rate limited", false, null).toString())
                .isEqualTo("ExpectationResult[FAIL rate limited]");
    }

    @Test
    void openModelIntervalsNameTheOfferedRateAndLateRequests() {
        IntervalStats i =
                new IntervalStats(2000, 1000, 812, 3, 812, 1_204_000, 2_001_000, 5_611_000, 9_830_000, 8, 800, 4);
        assertThat(i.toString())
                .isEqualTo("IntervalStats[2000+1000 ms: 812 requests, 3 errors, 812/s, p50 1.204 ms, p90 2.001 ms,"
                        + " p99 5.611 ms, max 9.830 ms, 8 active, offered 800/s, 4 late]");
        IntervalStats lagged = new IntervalStats(
                        2000, 1000, 812, 3, 812, 1_204_000, 2_001_000, 5_611_000, 9_830_000, 8, 800, 4, 0, 0, 100_000,
                        2_500_000, 3_000_000, 0, 0, null)
                .withUnsent(5, 2);
        assertThat(lagged.toString()).endsWith(", 4 late, lag p99 2.500 ms, 7 never sent]");
        assertThat(lagged.errorsByKind()).isEmpty();
    }

    @Test
    void noResultTypePrintsARecordDump() {
        // a record's generated toString() reads Name[component=value, ...]
        List<Object> results = new java.util.ArrayList<>(List.of(
                report,
                report.total(),
                report.latency(),
                report.settings(),
                report.errors().get(0),
                report.expectations().get(0),
                report.compareWith(report),
                report.compareWith(report).deltas().get(0),
                report.timeSeries().get(0)));
        results.addAll(progress);
        for (Object r : results) {
            assertThat(r.toString())
                    .as(r.getClass().getSimpleName())
                    .doesNotContainPattern("[\\[,] ?[a-z][A-Za-z0-9]*=")
                    .doesNotContain("\n");
        }
    }
}
