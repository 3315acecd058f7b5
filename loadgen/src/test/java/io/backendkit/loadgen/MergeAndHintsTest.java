package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.core.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merged shard reports (issue 14, finding 8) and hints on ramps and stalls (finding 7), against real servers. */
class MergeAndHintsTest {

    /** A server that answers at once, except that it freezes every request between 1.0 s and 2.2 s after the first. */
    private static TestServers.Jdk freezingServer() {
        AtomicLong first = new AtomicLong();
        return new TestServers.Jdk(ex -> {
            long now = System.nanoTime();
            first.compareAndSet(0, now);
            long since = (now - first.get()) / 1_000_000;
            if (since >= 1000 && since < 2200) {
                try {
                    Thread.sleep(2200 - since);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            TestServers.reply(ex, 200, "ok");
        });
    }

    private static List<String> codes(LoadReport r) {
        return r.scalingHints().stream().map(Finding::code).toList();
    }

    @Test
    void shardsStartedApartMergeIntoTheirCombinedRateSettingsAndNames(@TempDir Path dir) throws Exception {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            // GIVEN two shards of one open-model test, each 150/s for 2 s over two named endpoints, the second
            // started 400 ms after the first (machines never start at the same instant)
            Path log1 = dir.resolve("shard-1.hlog");
            Path log2 = dir.resolve("shard-2.hlog");
            LoadRun one = shard(server, log1).start();
            Thread.sleep(400);
            LoadRun two = shard(server, log2).start();
            LoadReport r1 = one.await();
            LoadReport r2 = two.await();
            assertThat(r1.total().dropped() + r2.total().dropped()).isZero();

            // WHEN merged
            LoadReport merged = HistogramLogs.merge(List.of(log1, log2));

            // THEN the settings are the combined test's: the rates and limits add up, nothing reads 0/s
            RunSettings s = merged.settings();
            assertThat(s.model()).isEqualTo(LoadModel.OPEN);
            assertThat(s.rateFromPerSecond()).isEqualTo(300.0);
            assertThat(s.rateToPerSecond()).isEqualTo(300.0);
            assertThat(s.maxInFlight()).isEqualTo(2 * r1.settings().maxInFlight());
            assertThat(s.connections()).isEqualTo(2 * r1.settings().connections());
            assertThat(s.requestTimeout()).isEqualTo(r1.settings().requestTimeout());
            assertThat(s.transport()).isEqualTo("MERGED");
            assertThat(s.describe()).startsWith("open model, 300/s");
            // AND the report names the logs it came from
            assertThat(merged.name()).contains("shard-1.hlog").contains("shard-2.hlog");
            // AND the window is the shards' own span, not earliest start to latest end (2.4 s), so the combined
            // rate is the offered 300/s (the skewed window would give 250/s)
            assertThat(merged.measured()).isBetween(ofMillis(1900), ofMillis(2250));
            assertThat(merged.total().requests())
                    .isEqualTo(r1.total().requests() + r2.total().requests());
            // (the rate is the requests over that window: what a loaded machine failed to send lowers it honestly)
            assertThat(merged.throughputPerSecond())
                    .isCloseTo(
                            merged.total().requests() / (merged.measured().toNanos() / 1e9),
                            org.assertj.core.data.Percentage.withPercentage(1));
            // AND the endpoint names are kept as written, spaces and all
            assertThat(merged.endpoints()).extracting(EndpointStats::name).containsExactly("GET /a b", "GET /c");
            assertThat(merged.endpoint("GET /a b").requests())
                    .isEqualTo(r1.endpoint("GET /a b").requests()
                            + r2.endpoint("GET /a b").requests());
            assertThat(merged.toText()).contains("GET /a b").doesNotContain("0/s, max 0 in flight");
            // AND the open model's accounting is the sum of the shards': the merged report said "0 due = 600
            // sent" before the logs carried it
            assertThat(merged.scheduledRequests())
                    .isEqualTo(r1.scheduledRequests() + r2.scheduledRequests())
                    .isPositive();
            assertThat(merged.droppedRequests()).isEqualTo(r1.droppedRequests() + r2.droppedRequests());
            assertThat(merged.notStartedRequests()).isEqualTo(r1.notStartedRequests() + r2.notStartedRequests());
            assertThat(merged.lateRequests()).isEqualTo(r1.lateRequests() + r2.lateRequests());
            assertThat(merged.cutOffRequests()).isEqualTo(r1.cutOffRequests() + r2.cutOffRequests());
            assertThat(merged.warmUpRequests()).isEqualTo(r1.warmUpRequests() + r2.warmUpRequests());
            assertThat(merged.scheduledRequests())
                    .isEqualTo(merged.total().requests() + merged.droppedRequests() + merged.notStartedRequests());
            // AND the schedule lag is the merge of the shards' lag histograms
            assertThat(merged.scheduleLag()).isNotNull();
            assertThat(merged.scheduleLag().count())
                    .isEqualTo(r1.scheduleLag().count() + r2.scheduleLag().count());
            assertThat(merged.scheduleLag().maxNanos())
                    .isEqualTo(Math.max(
                            r1.scheduleLag().maxNanos(), r2.scheduleLag().maxNanos()));
            assertThat(merged.toText())
                    .contains(
                            String.format(java.util.Locale.ROOT, "open model: %,d due = ", merged.scheduledRequests()))
                    .contains("schedule lag");
            assertThat(LoadReport.fromJson(merged.toJson(), "merged")).isEqualTo(merged);
        }
    }

    @Test
    void mergedIntervalsCarryTheShardsScheduleLagAndStatusCounts(@TempDir Path dir) throws Exception {
        // GIVEN two shards against a server that answers /a with 200 and /c with 404
        try (var server = new TestServers.Jdk(
                ex -> TestServers.reply(ex, ex.getRequestURI().getPath().startsWith("/c") ? 404 : 200, "ok"))) {
            Path log1 = dir.resolve("shard-1.hlog");
            Path log2 = dir.resolve("shard-2.hlog");
            LoadRun one = shard(server, log1).expectStatus(200, 404).start();
            LoadRun two = shard(server, log2).expectStatus(200, 404).start();
            LoadReport r1 = one.await();
            LoadReport r2 = two.await();

            // WHEN merged
            LoadReport merged = HistogramLogs.merge(List.of(log1, log2));

            // THEN every merged interval's status counts add up to its requests, per endpoint too
            assertThat(merged.timeSeries()).isNotEmpty();
            for (IntervalStats i : merged.timeSeries()) {
                assertThat(i.statusCounts().values().stream()
                                .mapToLong(Long::longValue)
                                .sum())
                        .as("interval at %d ms", i.startMillis())
                        .isEqualTo(i.requests());
            }
            long ok = merged.timeSeries().stream()
                    .mapToLong(i -> i.statusCounts().getOrDefault("200", 0L))
                    .sum();
            long missing = merged.timeSeries().stream()
                    .mapToLong(i -> i.statusCounts().getOrDefault("404", 0L))
                    .sum();
            assertThat(ok)
                    .isEqualTo(r1.endpoint("GET /a b").requests()
                            + r2.endpoint("GET /a b").requests());
            assertThat(missing)
                    .isEqualTo(r1.endpoint("GET /c").requests()
                            + r2.endpoint("GET /c").requests());
            assertThat(merged.endpoint("GET /c").timeSeries())
                    .allSatisfy(i -> assertThat(i.statusCounts().keySet()).isSubsetOf("404"));
            assertThat(merged.endpoint("GET /c").statusCounts()).containsOnlyKeys("404");
            assertThat(merged.total().statusCounts()).containsOnlyKeys("200", "404");
            // AND the schedule lag of each interval is there: no interval with requests reads zero lag, and
            // none exceeds the run's own maximum
            long maxLag = Math.max(r1.scheduleLag().maxNanos(), r2.scheduleLag().maxNanos());
            assertThat(merged.timeSeries()).filteredOn(i -> i.requests() > 0).allSatisfy(i -> {
                assertThat(i.lagMaxNanos()).isPositive().isLessThanOrEqualTo(maxLag);
                assertThat(i.lagP99Nanos()).isPositive().isLessThanOrEqualTo(i.lagMaxNanos());
            });
            assertThat(LoadReport.fromJson(merged.toJson(), "merged")).isEqualTo(merged);
        }
    }

    @Test
    void aBrokenStatusesLineIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            Path log = dir.resolve("broken.hlog");
            shard(server, log).run();
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
            int at = 0;
            while (!lines.get(at).startsWith("#backendkit-statuses ")) {
                at++;
            }
            lines.set(at, lines.get(at).replace("200=", "200=-"));
            Files.write(log, lines);
            int line = at + 1;
            assertThatThrownBy(() -> HistogramLogs.merge(List.of(log)))
                    .hasMessageContaining("broken.hlog:" + line)
                    .hasMessageContaining("is not status=count");
        }
    }

    @Test
    void logsThatDoNotRecordTheScheduleMergeWithoutClaimingOne(@TempDir Path dir) throws Exception {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            // GIVEN an open-model log whose totals line is missing (as in logs written before it existed)
            Path log = dir.resolve("old.hlog");
            shard(server, log).run();
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).anyMatch(l -> l.startsWith("#backendkit-totals "));
            lines.removeIf(l -> l.startsWith("#backendkit-totals "));
            Files.write(log, lines);

            // WHEN merged
            LoadReport merged = HistogramLogs.merge(List.of(log));

            // THEN the report says the schedule is unknown instead of "0 due"
            assertThat(merged.scheduledRequests()).isEqualTo(-1);
            assertThat(merged.toText())
                    .contains("open model: schedule not recorded in the merged logs")
                    .doesNotContain("0 due");
            assertThat(LoadReport.fromJson(merged.toJson(), "merged")).isEqualTo(merged);
        }
    }

    private static HttpLoadTest shard(TestServers.Jdk server, Path log) {
        return LoadTest.http()
                .get(server.uri("/a%20b"))
                .endpointName("GET /a b")
                .get(server.uri("/c"))
                .arrivalRate(150)
                .maxInFlight(20)
                .duration(ofSeconds(2))
                .sampleInterval(ofMillis(500))
                .histogramLog(log)
                .progress(ProgressListener.none());
    }

    @Test
    void aBrokenSettingsLineIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            Path log = dir.resolve("g.hlog");
            LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(1)
                    .duration(ofMillis(300))
                    .histogramLog(log)
                    .progress(ProgressListener.none())
                    .run();
            List<String> lines = Files.readAllLines(log);
            int at = -1;
            for (int k = 0; k < lines.size(); k++) {
                if (lines.get(k).startsWith("#backendkit-settings ")) {
                    at = k;
                    lines.set(k, lines.get(k).replaceFirst("users=\\d+", "users=lots"));
                }
            }
            assertThat(at).isNotNegative();
            Files.write(log, lines);
            assertThatThrownBy(() -> HistogramLogs.merge(List.of(log)))
                    .isInstanceOf(LoadTestException.class)
                    .hasMessageContaining("g.hlog:" + (at + 1))
                    .hasMessageContaining("users is not a whole number");
        }
    }

    @Test
    void aRampBelowCapacityGivesNoSaturationHint() {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .arrivalRate(50, 800)
                    .maxInFlight(50)
                    .duration(ofSeconds(3))
                    .sampleInterval(ofMillis(500))
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().dropped()).isZero();
            assertThat(codes(r)).doesNotContain("HINT_SATURATION");
            assertThat(r.scalingHints()).allMatch(f -> f.message().startsWith("hint: "));
        }
    }

    @Test
    void anOpenModelStallIsReportedAsAStallNotAsSaturationOrCapacity() {
        try (var server = freezingServer()) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .arrivalRate(200)
                    .maxInFlight(400)
                    .duration(ofMillis(3500))
                    .sampleInterval(ofMillis(500))
                    .progress(ProgressListener.none())
                    .run();
            // the frozen 1.2 s hold whole intervals with no completion, then the queued requests complete at once
            assertThat(codes(r)).contains("HINT_STALL").doesNotContain("HINT_SATURATION");
            Finding capacity = r.scalingHints().stream()
                    .filter(f -> f.code().equals("HINT_CAPACITY_SEEN"))
                    .findFirst()
                    .orElseThrow();
            double burst = r.timeSeries().stream()
                    .mapToDouble(IntervalStats::throughputPerSecond)
                    .max()
                    .orElseThrow();
            assertThat(burst).isGreaterThan(300); // the catch-up burst happened...
            // ...and is not offered as capacity: the best interval named is one that followed the 200/s schedule
            assertThat(capacity.message())
                    .doesNotContain(String.format(java.util.Locale.ROOT, "%,.0f req/s at", burst));
            assertThat(r.scalingHints().stream()
                            .filter(f -> f.code().equals("HINT_STALL"))
                            .findFirst()
                            .orElseThrow()
                            .message())
                    .startsWith("hint: ")
                    .contains("no request completed for");
        }
    }

    @Test
    void aClosedModelSaysItUnderReportsAStall() {
        try (var server = freezingServer()) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(10)
                    .duration(ofMillis(3500))
                    .sampleInterval(ofMillis(500))
                    .progress(ProgressListener.none())
                    .run();
            // the p99 hardly moves: only the 10 requests in flight saw the 1.2 s freeze
            assertThat(r.total().latency().maxNanos()).isGreaterThan(1_000_000_000L);
            Finding stall = r.scalingHints().stream()
                    .filter(f -> f.code().equals("HINT_CLOSED_MODEL_STALL"))
                    .findFirst()
                    .orElseThrow();
            assertThat(stall.message()).startsWith("hint: ").contains("closed model under-reports a stall");
            assertThat(stall.suggestedFix()).contains("arrivalRate(");
        }
    }

    @Test
    void anOpenModelAboveCapacityStillSaysSaturation() {
        java.util.concurrent.Semaphore one = new java.util.concurrent.Semaphore(1);
        try (var server = new TestServers.Jdk(ex -> {
            one.acquireUninterruptibly();
            try {
                Thread.sleep(10); // about 100 req/s at most
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                one.release();
            }
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .arrivalRate(400)
                    .maxInFlight(20)
                    .duration(ofSeconds(2))
                    .sampleInterval(ofMillis(500))
                    .progress(ProgressListener.none())
                    .run();
            assertThat(codes(r)).contains("HINT_SATURATION");
        }
    }
}
