package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogTest {

    @Test
    void logsOfTwoGeneratorsMergeIntoExactCombinedPercentiles(@TempDir Path dir) throws Exception {
        AtomicLong n = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            long i = n.incrementAndGet();
            try {
                Thread.sleep(ex.getRequestURI().getPath().equals("/slow") ? 3 : 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServers.reply(ex, i % 25 == 1 ? 503 : 200, "ok"); // the first is a 503, so even a short run has one
        })) {
            // GIVEN two generators writing interval logs
            Path log1 = dir.resolve("gen-1.hlog");
            Path log2 = dir.resolve("gen-2.hlog");
            LoadReport r1 = LoadTest.http()
                    .get(server.uri("/fast"))
                    .get(server.uri("/slow"))
                    .concurrency(2)
                    .duration(ofMillis(900))
                    .sampleInterval(ofMillis(300))
                    .histogramLog(log1)
                    .progress(ProgressListener.none())
                    .run();
            LoadReport r2 = LoadTest.http()
                    .get(server.uri("/fast"))
                    .get(server.uri("/slow"))
                    .concurrency(3)
                    .duration(ofMillis(600))
                    .sampleInterval(ofMillis(300))
                    .histogramLog(log2)
                    .progress(ProgressListener.none())
                    .run();

            // THEN each log is in the standard format
            List<String> lines = Files.readAllLines(log1);
            assertThat(lines).anyMatch(l -> l.startsWith("#[StartTime: "));
            assertThat(lines).anyMatch(l -> l.startsWith("\"StartTimestamp\",\"Interval_Length\""));
            assertThat(lines).anyMatch(l -> l.startsWith("Tag=ep:GET_/slow,"));
            assertThat(lines).anyMatch(l -> l.startsWith("Tag=err:HTTP_5XX|GET_/"));

            // WHEN merged
            LoadReport merged = HistogramLogs.merge(List.of(log1, log2));

            // THEN the counts add up and the percentiles are those of the combined histograms
            assertThat(merged.total().requests())
                    .isEqualTo(r1.total().requests() + r2.total().requests());
            assertThat(merged.total().errors())
                    .isEqualTo(r1.total().errors() + r2.total().errors());
            Histogram combined = r1.total().latencyHistogram();
            combined.add(r2.total().latencyHistogram());
            assertThat(merged.total().latency()).isEqualTo(LatencyStats.of(combined));
            assertThat(merged.endpoints()).extracting(EndpointStats::name).containsExactly("GET /fast", "GET /slow");
            assertThat(merged.endpoint("GET /slow").requests())
                    .isEqualTo(r1.endpoint("GET /slow").requests()
                            + r2.endpoint("GET /slow").requests());
            assertThat(merged.errors()).extracting(ErrorStats::kind).containsOnly(ErrorKind.HTTP_5XX);
            assertThat(merged.settings().transport()).isEqualTo("MERGED");
            assertThat(merged.timeSeries().stream()
                            .mapToLong(IntervalStats::requests)
                            .sum())
                    .isEqualTo(merged.total().requests());
            // the per-endpoint series keep the endpoint names and add up to each endpoint's counts
            for (EndpointStats e : merged.endpoints()) {
                assertThat(e.timeSeries()).hasSameSizeAs(merged.timeSeries());
                assertThat(e.timeSeries().stream()
                                .mapToLong(IntervalStats::requests)
                                .sum())
                        .as(e.name())
                        .isEqualTo(e.requests());
                assertThat(e.timeSeries().stream()
                                .mapToLong(IntervalStats::errors)
                                .sum())
                        .as(e.name())
                        .isEqualTo(e.errors());
            }
            assertThat(merged.timeSeries().stream()
                            .mapToLong(i -> i.errorsByKind().getOrDefault(ErrorKind.HTTP_5XX, 0L))
                            .sum())
                    .isEqualTo(merged.total().errors());
            assertThat(LoadReport.fromJson(merged.toJson(), "merged")).isEqualTo(merged);
            assertThat(merged.toText()).contains("merged 2 histogram log(s)");
            assertThat(merged.toHtml())
                    .contains("throughput by endpoint over time", "latency p99 by endpoint over time")
                    .containsPattern("<span><i style=\"border-top-color:#[0-9a-f]{6}\"></i>GET /slow</span>")
                    .contains("errors by kind over time")
                    .doesNotContain("bytes over time"); // histogram logs hold no bytes
        }
    }

    @Test
    void anOpenModelLogKeepsServiceTime(@TempDir Path dir) {
        Path log = dir.resolve("open.hlog");
        LoadReport r = LoadTest.of(() -> 1)
                .arrivalRate(200)
                .duration(ofMillis(500))
                .histogramLog(log)
                .progress(ProgressListener.none())
                .run();
        LoadReport merged = HistogramLogs.merge(List.of(log));
        assertThat(merged.settings().model()).isEqualTo(LoadModel.OPEN);
        assertThat(merged.total().serviceTime()).isEqualTo(r.total().serviceTime());
        // the logs hold each interval's schedule lag but late and unsent arrivals only as run totals: the
        // merge charts the lag and says the rest is not there, instead of charting zeros
        assertThat(r.toHtml()).contains("late and unsent arrivals over time", "schedule lag over time");
        assertThat(r.toText()).contains("highest schedule lag p99 ");
        assertThat(merged.toHtml())
                .contains("throughput over time", "schedule lag over time")
                .doesNotContain("late and unsent arrivals over time");
        assertThat(merged.toText())
                .contains("over time: ", "highest schedule lag p99 ")
                .contains("late and unsent arrivals per interval are not in the merged logs");
        assertThat(merged.timeSeries())
                .filteredOn(i -> i.requests() > 0)
                .allSatisfy(i -> assertThat(i.lagMaxNanos()).isPositive());
    }

    @Test
    void missingOrBrokenLogsAreNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> HistogramLogs.merge(List.of(dir.resolve("none.hlog"))))
                .isInstanceOf(LoadTestException.class)
                .hasMessageEndingWith("none.hlog: not found");
        Path empty = Files.writeString(dir.resolve("empty.hlog"), "#just a comment\n");
        assertThatThrownBy(() -> HistogramLogs.merge(List.of(empty)))
                .hasMessageContaining("contain no untagged interval histograms");
        Path garbage = Files.writeString(dir.resolve("garbage.hlog"), "0.0,1.0,2.0,not-base64!!\n");
        assertThatThrownBy(() -> HistogramLogs.merge(List.of(garbage)))
                .isInstanceOf(LoadTestException.class)
                .hasMessageContaining("garbage.hlog");
        assertThatThrownBy(() -> HistogramLogs.merge(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
