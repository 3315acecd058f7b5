package io.backendkit.loadgen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.HistogramLogs;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalCollectorTest {

    private static final long START = 3_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    private static void record(WorkerRecorder r, int endpoint, long latencyMs, ErrorKind kind, boolean late) {
        Outcome o = new Outcome();
        o.bytesSent = 100;
        o.bytesReceived = 1000;
        o.status = kind == null ? 200 + (int) latencyMs % 2 : 0;
        r.record(endpoint, latencyMs * MS, latencyMs * MS / 2, latencyMs * MS / 4, o, kind, null, late);
    }

    @Test
    void closingAnIntervalTurnsTheDrainedRecordersIntoStatsPerEndpointAndAddsThemToTheTotals() {
        IntervalCollector c = new IntervalCollector(2, true, false, START, end -> 250.0, null);
        WorkerRecorder a = new WorkerRecorder(2, true, false, false);
        WorkerRecorder b = new WorkerRecorder(2, true, false, true);
        record(a, 0, 10, null, false);
        record(a, 0, 20, null, true);
        record(b, 1, 40, ErrorKind.CONNECTION_RESET, true);
        a.warmUp();
        b.warmUp();
        c.drain(List.of(a, b));
        IntervalStats first = c.close(START, START + SECOND, 3);

        assertThat(first.startMillis()).isZero();
        assertThat(first.durationMillis()).isEqualTo(1000);
        assertThat(first.requests()).isEqualTo(3);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.users()).isEqualTo(3);
        assertThat(first.offeredRatePerSecond()).isEqualTo(250.0);
        assertThat(first.late()).isEqualTo(2);
        assertThat(first.bytesSent()).isEqualTo(300);
        assertThat(first.bytesReceived()).isEqualTo(3000);
        assertThat(first.maxNanos()).isBetween(39 * MS, 41 * MS);
        assertThat(first.lagMaxNanos()).isBetween(9 * MS, 11 * MS);
        assertThat(first.errorsByKind()).isEqualTo(Map.of(ErrorKind.CONNECTION_RESET, 1L));
        assertThat(first.statusCounts()).isEqualTo(Map.of("200", 2L)); // the reset got no status
        assertThat(c.warmUpRequests()).isEqualTo(2);
        assertThat(c.endpointSeries().get(0)).singleElement().satisfies(e -> {
            assertThat(e.requests()).isEqualTo(2);
            assertThat(e.errors()).isZero();
            assertThat(e.users()).isZero(); // run-wide figures stay off the endpoints
            assertThat(e.late()).isZero();
        });
        assertThat(c.endpointSeries().get(1))
                .singleElement()
                .satisfies(e -> assertThat(e.errors()).isEqualTo(1));

        // the next interval starts empty; the totals keep both
        record(a, 1, 5, null, false);
        c.drain(List.of(a, b));
        IntervalStats second = c.close(START + SECOND, START + 2 * SECOND + 500 * MS, 1);
        assertThat(second.startMillis()).isEqualTo(1000);
        assertThat(second.durationMillis()).isEqualTo(1500);
        assertThat(second.requests()).isEqualTo(1);
        assertThat(second.errors()).isZero();
        assertThat(second.late()).isZero();
        assertThat(second.statusCounts()).isEqualTo(Map.of("201", 1L));
        assertThat(c.endpointSeries().get(1).get(1).statusCounts()).isEqualTo(Map.of("201", 1L));
        assertThat(c.endpointSeries().get(0).get(1).statusCounts()).isEmpty();
        assertThat(c.series()).containsExactly(first, second);
        assertThat(c.starts()).containsExactly(START, START + SECOND);
        assertThat(c.totals().totalRequests()).isEqualTo(4);
        assertThat(c.totals().totalErrors()).isEqualTo(1);
        assertThat(c.totals().late).isEqualTo(2);
        assertThat(c.totals().requests).containsExactly(2, 2);
        assertThat(c.warmUpRequests()).isEqualTo(2);
    }

    @Test
    void theClosedModelHasNoOfferedRateAndAnEmptyIntervalIsStillAnInterval() {
        IntervalCollector c = new IntervalCollector(1, false, false, START, end -> 99.0, null);
        c.drain(List.of());
        IntervalStats empty = c.close(START, START + SECOND, 4);
        assertThat(empty.requests()).isZero();
        assertThat(empty.offeredRatePerSecond()).isZero();
        assertThat(empty.users()).isEqualTo(4);
        // an end before the start is an interval of no time, not a negative one
        assertThat(c.close(START + SECOND, START, 0).durationMillis()).isZero();
        assertThat(c.series()).hasSize(2);
    }

    @Test
    void unsentArrivalsAreFilledInPerEndpointAndSummedOverAllEndpoints() {
        IntervalCollector c = new IntervalCollector(2, true, false, START, end -> 10.0, null);
        WorkerRecorder r = new WorkerRecorder(2, true, false, false);
        record(r, 0, 1, null, false);
        c.drain(List.of(r));
        c.close(START, START + SECOND, 1);
        c.close(START + SECOND, START + 2 * SECOND, 1);
        c.withUnsent(new long[][] {{0, 2}, {1, 0}}, new long[][] {{0, 0}, {0, 3}});
        assertThat(c.series()).extracting(IntervalStats::dropped).containsExactly(1L, 2L);
        assertThat(c.series()).extracting(IntervalStats::notStarted).containsExactly(0L, 3L);
        assertThat(c.series().get(0).requests()).isEqualTo(1);
        assertThat(c.endpointSeries().get(0)).extracting(IntervalStats::dropped).containsExactly(0L, 2L);
        assertThat(c.endpointSeries().get(1)).extracting(IntervalStats::dropped).containsExactly(1L, 0L);
        assertThat(c.endpointSeries().get(1))
                .extracting(IntervalStats::notStarted)
                .containsExactly(0L, 3L);
    }

    @Test
    void eachClosedIntervalIsWrittenToTheLogOnce() throws Exception {
        Path file = dir.resolve("c.hlog");
        RunPlan plan = HistogramLogOutputTest.plan("collect", LoadModel.OPEN, file);
        WorkerRecorder r = new WorkerRecorder(1, true, false, false);
        try (HistogramLogOutput log =
                HistogramLogOutput.create(plan, List.of("e"), "jdk", Instant.parse("2026-01-01T00:00:00Z"), START)) {
            IntervalCollector c = new IntervalCollector(1, true, false, START, end -> 1.0, log);
            record(r, 0, 3, null, false);
            record(r, 0, 4, null, false);
            c.drain(List.of(r));
            c.close(START, START + SECOND, 1);
            record(r, 0, 8, null, false);
            c.drain(List.of(r));
            c.close(START + SECOND, START + 2 * SECOND, 1);
        }
        LoadReport merged = HistogramLogs.merge(List.of(file));
        assertThat(merged.timeSeries()).extracting(IntervalStats::requests).containsExactly(2L, 1L);
        assertThat(merged.total().requests()).isEqualTo(3);
    }
}
