package io.backendkit.loadgen;

import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.loadgen.internal.HtmlReport;
import io.backendkit.loadgen.internal.ScalingHints;
import io.backendkit.loadgen.internal.TextReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The result of a load test: throughput, latency percentiles, errors and expectations, overall and
 * per endpoint, with a per-interval time series.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is a one-line summary. Renders itself as text
 * ({@link #toText()}, the full report), JSON ({@link #toJson()},
 * a stable schema that {@link #fromJson} reads back into an equal report) and a self-contained HTML
 * page ({@link #toHtml()}). Compare it with a baseline through {@link #compareWith}; derive
 * {@link #scalingHints() hints} from it; assert on it with {@code LoadAssertions}.
 *
 * <pre>{@code
 * LoadReport report = LoadTest.http().get("http://127.0.0.1:8080/users").concurrency(50).duration(ofSeconds(30)).run();
 * log.info("{}", report.toText());
 * Files.writeString(Path.of("baseline.json"), report.toJson());
 * }</pre>
 *
 * @param schemaVersion version of the JSON layout ({@value #SCHEMA_VERSION})
 * @param name the run's name
 * @param settings the configuration used
 * @param startedAt wall-clock time the measured window started (after warm-up)
 * @param measuredNanos length of the measured window
 * @param total statistics over all endpoints (name {@code total})
 * @param endpoints statistics per endpoint, in declaration order
 * @param timeSeries one entry per sample interval of the measured window
 * @param errors failures by endpoint and kind, in endpoint then kind order
 * @param expectations run-level expectations and whether they passed
 * @param warmUpRequests requests completed during warm-up (not measured)
 * @param lateRequests open model: requests that had to wait for a free in-flight slot (their latency includes the wait)
 * @param droppedRequests open model: arrivals due in the measured window never sent because every in-flight
 *     slot stayed busy until the end (failures, counted in the error rate)
 * @param cutOffRequests requests still in flight at the end and cut off after the drain timeout (counted as
 *     {@link ErrorKind#CUT_OFF} errors)
 * @param notStartedRequests open model: arrivals due in the measured window that a worker had taken, or
 *     that were due while a worker was idle waiting for them, but not sent because the run ended
 *     (failures, counted in the error rate)
 * @param scheduledRequests open model: arrivals due in the measured window; always equal to requests sent +
 *     dropped + not started (0 in the closed model; -1 in a merge of histogram logs of which one or more did
 *     not record it, as logs written before this figure existed)
 * @param scheduleLag open model: time from each measured request's intended start to its actual send
 *     (waiting for a free slot included); null in the closed model
 */
public record LoadReport(
        int schemaVersion,
        String name,
        RunSettings settings,
        Instant startedAt,
        long measuredNanos,
        EndpointStats total,
        List<EndpointStats> endpoints,
        List<IntervalStats> timeSeries,
        List<ErrorStats> errors,
        List<ExpectationResult> expectations,
        long warmUpRequests,
        long lateRequests,
        long droppedRequests,
        long cutOffRequests,
        long notStartedRequests,
        long scheduledRequests,
        LatencyStats scheduleLag) {

    /**
     * The JSON layout version this class writes and reads (versions 1 and 2 read too, the figures they
     * lack as 0 or empty: version 3 added per-endpoint time series and per-interval bytes, schedule lag,
     * unsent arrivals and errors by kind).
     */
    public static final int SCHEMA_VERSION = 3;

    /**
     * Validates the components and copies the lists (a null list becomes empty).
     *
     * @throws LoadTestException when {@code schemaVersion} is not 1, 2 or {@value #SCHEMA_VERSION}
     * @throws IllegalArgumentException when {@code name} is blank, {@code settings} or {@code total} is null,
     *     or {@code measuredNanos} is negative
     */
    public LoadReport {
        if (schemaVersion == 1 || schemaVersion == 2) {
            schemaVersion = SCHEMA_VERSION;
        }
        if (schemaVersion != SCHEMA_VERSION) {
            throw new LoadTestException(
                    "report schemaVersion", "is " + schemaVersion + ", this version reads " + SCHEMA_VERSION);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("report name must not be blank");
        }
        if (settings == null || total == null) {
            throw new IllegalArgumentException("report settings and total must not be null");
        }
        if (measuredNanos < 0) {
            throw new IllegalArgumentException("measuredNanos must be >= 0 (was " + measuredNanos + ")");
        }
        endpoints = List.copyOf(endpoints == null ? List.of() : endpoints);
        timeSeries = List.copyOf(timeSeries == null ? List.of() : timeSeries);
        errors = List.copyOf(errors == null ? List.of() : errors);
        expectations = List.copyOf(expectations == null ? List.of() : expectations);
    }

    /**
     * Length of the measured window.
     *
     * @return {@link #measuredNanos()} as a duration
     */
    public Duration measured() {
        return Duration.ofNanos(measuredNanos);
    }

    /**
     * Requests completed per second of the measured window, over all endpoints.
     *
     * @return the total throughput
     */
    public double throughputPerSecond() {
        return total.throughputPerSecond();
    }

    /**
     * Failed share of everything due in the measured window, over all endpoints; see {@link
     * EndpointStats#errorRate()}.
     *
     * @return the total error rate, 0..1
     */
    public double errorRate() {
        return total.errorRate();
    }

    /**
     * Latency over all endpoints.
     *
     * @return the total latency statistics
     */
    public LatencyStats latency() {
        return total.latency();
    }

    /**
     * The statistics of one endpoint.
     *
     * @param endpointName the endpoint's name as in {@link EndpointStats#name()}
     * @return that endpoint's statistics
     * @throws LoadTestException naming the known endpoints when there is none by that name
     */
    public EndpointStats endpoint(String endpointName) {
        return endpoints.stream()
                .filter(e -> e.name().equals(endpointName))
                .findFirst()
                .orElseThrow(() -> new LoadTestException(
                        "endpoint " + endpointName,
                        "not in report " + name + " (endpoints: "
                                + endpoints.stream().map(EndpointStats::name).collect(Collectors.joining(", "))
                                + ")"));
    }

    /**
     * Whether at least one request got an answer and every expectation passed. A run in which no
     * request got an answer (a dead target) never passes.
     *
     * @return true when the run passed
     */
    public boolean passed() {
        return total.responses() > 0 && expectations.stream().allMatch(ExpectationResult::passed);
    }

    /**
     * Observations derived from the numbers (saturation, error onset, long tail, in-flight cap,
     * generator limits). They are hints, labelled as such: INFO or WARNING findings with codes
     * starting {@code HINT_}, never verdicts. Computed on each call.
     *
     * @return the hints, possibly empty
     */
    public List<Finding> scalingHints() {
        return ScalingHints.of(this);
    }

    /**
     * Compares this report (the candidate) with a baseline using {@link RegressionThresholds#defaults()}.
     *
     * @param baseline the report to compare against, not null
     * @return the comparison
     * @throws IllegalArgumentException when {@code baseline} is null
     */
    public LoadComparison compareWith(LoadReport baseline) {
        return LoadComparison.compare(baseline, this);
    }

    /**
     * Compares this report (the candidate) with a baseline.
     *
     * @param baseline the report to compare against, not null
     * @param thresholds what counts as a regression, not null
     * @return the comparison
     * @throws IllegalArgumentException when an argument is null
     */
    public LoadComparison compareWith(LoadReport baseline, RegressionThresholds thresholds) {
        return LoadComparison.compare(baseline, this, thresholds);
    }

    /**
     * A plain-text summary: settings, throughput, the percentile table (total, and each endpoint
     * when there are several), errors, expectations and hints.
     *
     * @return the text, lines ending in {@code \n}
     */
    public String toText() {
        return TextReport.render(this);
    }

    /**
     * Pretty JSON with a trailing newline; {@link #fromJson} reads it back into an equal report.
     *
     * @return the JSON text, layout version {@value #SCHEMA_VERSION}
     */
    public String toJson() {
        return Json.writePretty(this);
    }

    /**
     * A self-contained HTML page (inline SVG charts and CSS; it loads nothing from the network).
     *
     * @return the HTML document
     */
    public String toHtml() {
        return HtmlReport.render(this);
    }

    /**
     * Reads a report written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @param sourceName names the input in error messages (a file name)
     * @return the report
     * @throws io.backendkit.core.BackendKitException naming the source, line, column and JSON pointer
     */
    public static LoadReport fromJson(String json, String sourceName) {
        return Json.read(json, LoadReport.class, sourceName);
    }

    /**
     * Reads a report from a JSON file written by {@link #writeJson(Path)}, as UTF-8.
     *
     * @param file the file
     * @return the report
     * @throws LoadTestException naming the file when it cannot be read
     * @throws io.backendkit.core.BackendKitException naming the file, line, column and JSON pointer when it is
     *     not a valid report
     */
    public static LoadReport readJson(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new LoadTestException(file.toString(), "report file not found", e);
        } catch (IOException e) {
            throw new LoadTestException(file.toString(), "cannot read report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@link #toJson()} to a file as UTF-8 (parent directories created, an existing file replaced).
     *
     * @param file the file
     * @throws LoadTestException naming the file when it cannot be written
     */
    public void writeJson(Path file) {
        write(file, toJson());
    }

    /**
     * Writes {@link #toHtml()} to a file as UTF-8 (parent directories created, an existing file replaced).
     *
     * @param file the file
     * @throws LoadTestException naming the file when it cannot be written
     */
    public void writeHtml(Path file) {
        write(file, toHtml());
    }

    private static void write(Path file, String content) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LoadTestException(file.toString(), "cannot write report: " + e.getMessage(), e);
        }
    }

    /**
     * A one-line summary for logs and debuggers: name, requests, throughput, p99 and errors. {@link
     * #toText()} is the full report (percentile table, errors, expectations, hints).
     *
     * @return for example {@code LoadReport[GET /users, 51234 requests, 4321.5/s, p99 5.611 ms, 0 errors]}
     */
    @Override
    public String toString() {
        return "LoadReport[" + name + ", " + total.requests() + " requests, "
                + Durations.rate(Math.round(throughputPerSecond() * 10) / 10.0) + "/s, p99 "
                + Durations.millis(total.latency().p99Nanos()) + " ms, " + total.errors() + " errors]";
    }
}
