package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backendkit.core.BackendKitException;
import io.backendkit.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    static LoadReport open;
    static LoadReport closed;

    @BeforeAll
    static void run() {
        AtomicLong n = new AtomicLong();
        try (var server =
                new TestServers.Jdk(ex -> TestServers.reply(ex, n.incrementAndGet() % 20 == 0 ? 500 : 200, "ok"))) {
            open = LoadTest.http()
                    .name("orders <v2> & \"friends\"")
                    .get(server.uri("/orders?page=1"))
                    .endpointName("list <orders>")
                    .weight(3)
                    .post(server.uri("/orders"))
                    .header("Content-Type", "application/json")
                    .body("{}")
                    .arrivalRate(300)
                    .duration(ofMillis(1200))
                    .sampleInterval(ofMillis(300))
                    .progress(ProgressListener.none())
                    .run();
            closed = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(3)
                    .duration(ofMillis(600))
                    .progress(ProgressListener.none())
                    .run();
        }
    }

    @Test
    void jsonRoundTripsIntoAnEqualReportAndIsStable() {
        for (LoadReport r : new LoadReport[] {open, closed}) {
            String json = r.toJson();
            LoadReport back = LoadReport.fromJson(json, "report.json");
            assertThat(back).isEqualTo(r);
            assertThat(back.toJson()).isEqualTo(json);
            assertThat(back.total().latencyHistogram().getTotalCount())
                    .isEqualTo(r.total().requests());
            assertThat(back.scalingHints()).isEqualTo(r.scalingHints());
        }
        String json = open.toJson();
        assertThat(json)
                .startsWith("{\n  \"schemaVersion\" : 3,\n  \"name\" : \"orders <v2> & \\\"friends\\\"\",")
                .contains(
                        "\"p99Nanos\"",
                        "\"serviceTime\"",
                        "\"timeSeries\"",
                        "\"latencyHistogramBase64\"",
                        "\"model\" : \"OPEN\"")
                .doesNotContain("\"errorRate\"", "\"passed\"");
    }

    @Test
    void jsonFilesAreWrittenAndReadAndBadInputIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/baseline.json");
        open.writeJson(file);
        assertThat(LoadReport.readJson(file)).isEqualTo(open);

        assertThatThrownBy(() -> LoadReport.readJson(dir.resolve("missing.json")))
                .isInstanceOf(LoadTestException.class)
                .hasMessageEndingWith("missing.json: report file not found");
        String broken = open.toJson().replace("\"requests\" : " + open.total().requests(), "\"requests\" : \"many\"");
        assertThatThrownBy(() -> LoadReport.fromJson(broken, "baseline.json"))
                .isInstanceOf(BackendKitException.class)
                .hasMessageStartingWith("baseline.json line ")
                .hasMessageContaining("at /total/requests");
        String future = open.toJson().replace("\"schemaVersion\" : 3", "\"schemaVersion\" : 7");
        assertThatThrownBy(() -> LoadReport.fromJson(future, "new.json"))
                .isInstanceOf(BackendKitException.class)
                .hasMessageContaining("is 7, this version reads 3");
        // a version 1 baseline still reads
        String v1 = open.toJson()
                .replace("\"schemaVersion\" : 3", "\"schemaVersion\" : 1")
                .replaceAll(
                        "\n *\"(retries|noResponse|dropped|notStarted|bytesSent|bytesReceived|bodyBytesSent"
                                + "|bodyBytesReceived|notStartedRequests|scheduledRequests|connections)\" : [0-9]+,",
                        "");
        assertThat(v1).doesNotContain("\"retries\"");
        assertThat(v1).doesNotContain("\"retries\"");
        assertThat(LoadReport.fromJson(stripVersion3(v1, 1), "old.json").schemaVersion())
                .isEqualTo(LoadReport.SCHEMA_VERSION);
        Files.writeString(dir.resolve("x"), "");
    }

    /** The report as version {@code version} wrote it: without the per-endpoint series and the new interval figures. */
    private static String stripVersion3(String json, int version) throws Exception {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(json);
        root.put("schemaVersion", version);
        List<String> added = List.of(
                "bytesSent",
                "bytesReceived",
                "lagP50Nanos",
                "lagP99Nanos",
                "lagMaxNanos",
                "dropped",
                "notStarted",
                "errorsByKind",
                "statusCounts");
        root.withArray("timeSeries").forEach(i -> ((ObjectNode) i).remove(added));
        ((ObjectNode) root.get("total")).remove("timeSeries");
        root.withArray("endpoints").forEach(e -> ((ObjectNode) e).remove("timeSeries"));
        return mapper.writeValueAsString(root);
    }

    @Test
    void aReportWrittenBeforeIntervalsKeptStatusCodesReadsWithEmptyOnes() throws Exception {
        ObjectMapper mapper = Json.newMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(open.toJson());
        root.withArray("timeSeries").forEach(i -> ((ObjectNode) i).remove("statusCounts"));
        root.withArray("endpoints")
                .forEach(e -> e.withArray("timeSeries").forEach(i -> ((ObjectNode) i).remove("statusCounts")));
        String before = mapper.writeValueAsString(root);
        LoadReport old = LoadReport.fromJson(before, "before.json");
        assertThat(old.timeSeries())
                .hasSameSizeAs(open.timeSeries())
                .allSatisfy(i -> assertThat(i.statusCounts()).isEmpty());
        assertThat(old.endpoints())
                .allSatisfy(e -> assertThat(e.timeSeries())
                        .allSatisfy(i -> assertThat(i.statusCounts()).isEmpty()));
        assertThat(old.total()).isEqualTo(open.total());
        assertThat(old.endpoints())
                .extracting(EndpointStats::statusCounts)
                .isEqualTo(open.endpoints().stream()
                        .map(EndpointStats::statusCounts)
                        .toList());
        // a report without them draws no status-codes chart; one with them does
        assertThat(old.toHtml()).doesNotContain("status codes over time");
        assertThat(open.toHtml()).contains("status codes over time");
    }

    @Test
    void aVersion2ReportWithoutTheSeriesReadsWithEmptySeriesAndZeroFigures() throws Exception {
        String v2 = stripVersion3(open.toJson(), 2);
        assertThat(v2).doesNotContain("errorsByKind", "lagP99Nanos");
        LoadReport old = LoadReport.fromJson(v2, "v2.json");
        assertThat(old.schemaVersion()).isEqualTo(LoadReport.SCHEMA_VERSION);
        assertThat(old.endpoints()).allSatisfy(e -> assertThat(e.timeSeries()).isEmpty());
        assertThat(old.timeSeries()).hasSameSizeAs(open.timeSeries()).allSatisfy(i -> {
            assertThat(i.errorsByKind()).isEmpty();
            assertThat(i.statusCounts()).isEmpty();
            assertThat(i.bytesReceived()).isZero();
            assertThat(i.lagP99Nanos()).isZero();
        });
        assertThat(old.total()).isEqualTo(open.total());
        assertThat(old.toHtml()).contains("throughput over time");
    }

    @Test
    void everyEndpointHasASeriesOnTheRunsIntervalsThatAddsUpAndRoundTrips() {
        // GIVEN an open-model run of two endpoints, one failing every 20th request
        List<IntervalStats> run = open.timeSeries();
        assertThat(open.total().timeSeries()).isEmpty();
        assertThat(open.endpoints()).hasSize(2);
        for (int j = 0; j < run.size(); j++) {
            IntervalStats all = run.get(j);
            int at = j;
            // THEN the endpoints' intervals line up with the run's and add up to it
            assertThat(open.endpoints()).allSatisfy(e -> {
                IntervalStats i = e.timeSeries().get(at);
                assertThat(i.startMillis()).isEqualTo(all.startMillis());
                assertThat(i.durationMillis()).isEqualTo(all.durationMillis());
                assertThat(i.maxNanos()).isLessThanOrEqualTo(all.maxNanos());
            });
            assertThat(open.endpoints().stream()
                            .mapToLong(e -> e.timeSeries().get(at).requests())
                            .sum())
                    .isEqualTo(all.requests());
            assertThat(open.endpoints().stream()
                            .mapToLong(e -> e.timeSeries().get(at).errors())
                            .sum())
                    .isEqualTo(all.errors());
            assertThat(open.endpoints().stream()
                            .mapToLong(e -> e.timeSeries().get(at).bytesReceived())
                            .sum())
                    .isEqualTo(all.bytesReceived());
            assertThat(all.errorsByKind().values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isEqualTo(all.errors());
            assertThat(all.errorsByKind().keySet()).isSubsetOf(ErrorKind.HTTP_5XX);
            assertThat(all.lagMaxNanos()).isGreaterThanOrEqualTo(all.lagP99Nanos());
        }
        for (EndpointStats e : open.endpoints()) {
            assertThat(e.timeSeries()).hasSameSizeAs(run);
            assertThat(e.timeSeries().stream()
                            .mapToLong(IntervalStats::requests)
                            .sum())
                    .isEqualTo(e.requests());
            assertThat(e.timeSeries().stream()
                            .mapToLong(IntervalStats::bytesSent)
                            .sum())
                    .isEqualTo(e.bytesSent());
            assertThat(e.timeSeries().stream()
                            .mapToLong(i -> i.dropped() + i.notStarted())
                            .sum())
                    .isEqualTo(e.dropped() + e.notStarted());
        }
        assertThat(run.stream().mapToLong(IntervalStats::bytesReceived).sum())
                .isEqualTo(open.total().bytesReceived());
        assertThat(run.stream().mapToLong(i -> i.dropped() + i.notStarted()).sum())
                .isEqualTo(open.droppedRequests() + open.notStartedRequests());
        assertThat(run.stream().mapToLong(IntervalStats::errors).sum())
                .isEqualTo(open.total().errors());
        assertThat(run.stream().anyMatch(i -> i.lagMaxNanos() > 0)).isTrue();
        assertThat(closed.timeSeries())
                .allSatisfy(i -> assertThat(i.lagMaxNanos()).isZero());
        // AND each interval's status codes add up to the endpoint's and, over the endpoints, to the run's
        for (EndpointStats e : open.endpoints()) {
            assertThat(e.statusCounts()).isNotEmpty();
            e.statusCounts()
                    .forEach((code, count) -> assertThat(e.timeSeries().stream()
                                    .mapToLong(i -> i.statusCounts().getOrDefault(code, 0L))
                                    .sum())
                            .as("endpoint %s status %s over the intervals", e.name(), code)
                            .isEqualTo(count));
        }
        for (int j = 0; j < run.size(); j++) {
            int at = j;
            Map<String, Long> summed = new TreeMap<>();
            open.endpoints()
                    .forEach(e ->
                            e.timeSeries().get(at).statusCounts().forEach((c, n) -> summed.merge(c, n, Long::sum)));
            assertThat(run.get(j).statusCounts()).isEqualTo(summed);
            assertThat(run.get(j).statusFamilyCount(2) + run.get(j).statusFamilyCount(5))
                    .isEqualTo(run.get(j).statusCounts().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
        }
        assertThat(run.stream().mapToLong(i -> i.statusFamilyCount(5)).sum())
                .isEqualTo(open.total().statusFamilyCount(5));
        // AND the JSON carries them and reads them back
        String json = open.toJson();
        assertThat(json).contains("\"errorsByKind\"", "\"lagP99Nanos\"", "\"bytesReceived\"", "\"statusCounts\"");
        LoadReport back = LoadReport.fromJson(json, "series.json");
        assertThat(back.endpoint("list <orders>").timeSeries())
                .isEqualTo(open.endpoint("list <orders>").timeSeries());
    }

    @Test
    void textShowsSettingsThroughputPercentilesPerEndpointErrorsAndHints() {
        String text = open.toText();
        assertThat(text)
                .startsWith(
                        "load test orders <v2> & \"friends\": open model, 300/s, max 1000 in flight, 100 connections, 1200ms,"
                                + " transport HTTP1\n")
                .contains("latency (ms)", "p99.9", "total (service time)", "list <orders>", "POST /orders")
                .contains("status codes: 200: ", "500: ")
                .contains("errors\n", "HTTP_5XX", "status 500")
                .contains("hints (derived from the numbers above; not verdicts)")
                .containsPattern(
                        "open model: 360 due = [0-9]+ sent \\+ [0-9]+ dropped \\(in-flight limit\\) \\+ [0-9]+ not"
                                + " started \\(run ended\\); [0-9]+ late")
                .contains("schedule lag (intended start to send, ms): p50 ")
                .contains("over time: 4 interval(s) of 300 ms (each one in the JSON and HTML reports)")
                .containsPattern("\n(\\| )?series +\\|? *highest p99 \\(ms\\)")
                .containsPattern("\n(\\| )?list <orders> .*[0-9]+\\.[0-9]{2}-[0-9]+\\.[0-9]{2}")
                .containsPattern(
                        "highest schedule lag p99 [0-9.]+ ms at [0-9.]+-[0-9.]+ s; (every due arrival was sent|most arrivals never sent [0-9,]+ at )")
                .contains("re-sent 0");
        // on a busy machine some arrivals may be dropped or late; whatever happened, the line adds up to the schedule
        java.util.regex.Matcher due = java.util.regex.Pattern.compile(
                        "360 due = ([0-9]+) sent \\+ ([0-9]+) dropped \\(in-flight limit\\) \\+ ([0-9]+) not started")
                .matcher(text);
        assertThat(due.find()).isTrue();
        assertThat(Long.parseLong(due.group(1)) + Long.parseLong(due.group(2)) + Long.parseLong(due.group(3)))
                .isEqualTo(360);
        assertThat(Long.parseLong(due.group(1))).isEqualTo(open.total().requests());
        assertThat(closed.toText()).contains("closed model, 3 users, 600ms").doesNotContain("service time");
        assertThat(closed.toString()).startsWith("LoadReport[GET /, ").contains(" requests, ");
    }

    @Test
    void htmlIsSelfContainedEscapedAndHasTheCharts() {
        String html = open.toHtml();
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<title>load test orders &lt;v2&gt; &amp; &quot;friends&quot;</title>")
                .contains("list &lt;orders&gt;")
                .doesNotContain("<orders>", "<v2>", "<script src", "<link", "src=", "href=", "@import", "url(")
                .contains("latency by percentile", "throughput over time", "latency over time", "<polyline")
                .contains("service time", "HTTP_5XX", "99.999%");
        // the only URL is the SVG namespace
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
        assertThat(closed.toHtml()).contains("<svg").doesNotContain("service time");
    }

    @Test
    void aReportWithoutRequestsStillRenders() {
        LoadReport empty = LoadTest.of(() -> {
                    Thread.sleep(2000);
                    return 1;
                })
                .duration(ofMillis(100))
                .drainTimeout(ofMillis(50))
                .progress(ProgressListener.none())
                .run();
        // the one request in flight at the end was cut off: counted, and failed
        assertThat(empty.total().requests()).isEqualTo(1);
        assertThat(empty.total().errors()).isEqualTo(1);
        assertThat(empty.total().responses()).isZero();
        assertThat(empty.cutOffRequests()).isEqualTo(1);
        assertThat(empty.passed()).isFalse();
        assertThat(empty.toText()).contains("requests 1 ", "answered 0, no response 1 (CUT_OFF 1)");
        assertThat(empty.toHtml()).contains("<svg");
        assertThat(LoadReport.fromJson(empty.toJson(), "empty")).isEqualTo(empty);
    }
}
