package io.backendkit.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.HistogramLogs;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTestException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogOutputTest {

    private static final long MEASURE_START = 5_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final Instant WALL = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    static RunPlan plan(String name, LoadModel model, Path log) {
        return new RunPlan(
                name,
                model,
                4,
                Duration.ZERO,
                Duration.ZERO,
                100,
                100,
                10,
                0,
                Duration.ZERO,
                Duration.ofSeconds(2),
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                42,
                p -> {},
                log,
                Duration.ZERO);
    }

    static void record(Bucket b, int endpoint, long latencyNanos, ErrorKind kind) {
        b.record(endpoint, latencyNanos, latencyNanos / 2, MS, kind == null ? 200 : 0, kind, null, new Outcome());
    }

    static Histogram all(Bucket b) {
        Histogram all = new Histogram(Histograms.DIGITS);
        for (Histogram h : b.latency) {
            all.add(h);
        }
        return all;
    }

    @Test
    void anOpenModelLogReadsBackWithItsIntervalsEndpointsErrorsAndTotals() throws Exception {
        Path file = dir.resolve("sub/run.hlog");
        List<String> names = List.of("get /a", "post b");
        Bucket first = new Bucket(2, true, true);
        record(first, 0, 1 * MS, null);
        record(first, 0, 2 * MS, null);
        record(first, 0, 3 * MS, null);
        record(first, 1, 10 * MS, ErrorKind.READ_TIMEOUT);
        Bucket second = new Bucket(2, true, true);
        record(second, 0, 5 * MS, null);
        Histogram lag = Histograms.create();
        Histograms.record(lag, 7 * MS);
        try (HistogramLogOutput out =
                HistogramLogOutput.create(plan("log\ntest", LoadModel.OPEN, file), names, "jdk", WALL, MEASURE_START)) {
            out.writeInterval(first, all(first), MEASURE_START, MEASURE_START + SECOND);
            out.writeInterval(second, all(second), MEASURE_START + SECOND, MEASURE_START + 2 * SECOND);
            out.writeTotals(new HistogramLogTags.Totals(10, 2, 1, 3, 0, 7, lag));
        }
        // the buckets are left as they were
        assertThat(first.totalRequests()).isEqualTo(4);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).isEqualTo("#backendkit loadgen: log test");
        assertThat(lines.getLast())
                .startsWith("#backendkit-totals scheduled=10 dropped=2 notStarted=1 late=3 cutOff=0");
        assertThat(lines.stream().filter(l -> l.startsWith("#backendkit-totals")))
                .hasSize(1);
        HistogramLogTags.Totals totals = HistogramLogTags.parseTotals(lines.getLast());
        assertThat(totals.warmUp()).isEqualTo(7);
        assertThat(totals.lag().getTotalCount()).isEqualTo(1);
        assertThat(lines.stream().filter(l -> l.startsWith("Tag=" + HistogramLogTags.SERVICE + ",")))
                .hasSize(2);

        LoadReport merged = HistogramLogs.merge(List.of(file));
        assertThat(merged.settings().model()).isEqualTo(LoadModel.OPEN);
        assertThat(merged.startedAt()).isEqualTo(WALL);
        assertThat(merged.measuredNanos()).isEqualTo(2 * SECOND);
        assertThat(merged.total().requests()).isEqualTo(5);
        assertThat(merged.total().errors()).isEqualTo(1);
        assertThat(merged.endpoints()).extracting(EndpointStats::name).containsExactly("get /a", "post b");
        assertThat(merged.endpoint("get /a").requests()).isEqualTo(4);
        assertThat(merged.endpoint("post b").requests()).isEqualTo(1);
        assertThat(merged.errors()).containsExactly(new ErrorStats("post b", ErrorKind.READ_TIMEOUT, 1, null));
        assertThat(merged.timeSeries()).extracting(IntervalStats::requests).containsExactly(4L, 1L);
        assertThat(merged.timeSeries()).extracting(IntervalStats::errors).containsExactly(1L, 0L);
        assertThat(merged.latency().max().toNanos()).isBetween(9_990_000L, 10_010_000L);
        assertThat(merged.scheduledRequests()).isEqualTo(10);
        assertThat(merged.droppedRequests()).isEqualTo(2);
        assertThat(merged.notStartedRequests()).isEqualTo(1);
        assertThat(merged.lateRequests()).isEqualTo(3);
        assertThat(merged.warmUpRequests()).isEqualTo(7);
        assertThat(merged.scheduleLag().max().toNanos()).isBetween(6_990_000L, 7_010_000L);
    }

    @Test
    void aClosedModelLogHasNoServiceHistogramsAndNoErrorLatenciesItDidNotTrack() throws Exception {
        Path file = dir.resolve("closed.hlog");
        Bucket b = new Bucket(1, false, false);
        record(b, 0, 4 * MS, ErrorKind.UNEXPECTED_STATUS);
        record(b, 0, 2 * MS, null);
        try (HistogramLogOutput out = HistogramLogOutput.create(
                plan("closed", LoadModel.CLOSED, file), List.of("only"), "jdk", WALL, MEASURE_START)) {
            out.writeInterval(b, all(b), MEASURE_START, MEASURE_START + SECOND / 2);
            out.writeTotals(new HistogramLogTags.Totals(0, 0, 0, 0, 1, 0, null));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.stream().filter(l -> l.startsWith("Tag="))).hasSize(1); // the endpoint's latency only
        assertThat(lines.getLast()).endsWith("cutOff=1 warmUp=0 lag=-");
        LoadReport merged = HistogramLogs.merge(List.of(file));
        assertThat(merged.settings().model()).isEqualTo(LoadModel.CLOSED);
        assertThat(merged.total().requests()).isEqualTo(2);
        assertThat(merged.cutOffRequests()).isEqualTo(1);
        assertThat(merged.timeSeries())
                .singleElement()
                .satisfies(i -> assertThat(i.durationMillis()).isEqualTo(500));
    }

    @Test
    void aLogThatCannotBeCreatedIsReportedWithItsPath() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Path file = notADirectory.resolve("run.hlog");
        assertThatThrownBy(() -> HistogramLogOutput.create(
                        plan("x", LoadModel.CLOSED, file), List.of("only"), "jdk", WALL, MEASURE_START))
                .isInstanceOf(LoadTestException.class)
                .hasMessageContaining("histogramLog " + file)
                .hasMessageContaining("cannot be written");
    }
}
