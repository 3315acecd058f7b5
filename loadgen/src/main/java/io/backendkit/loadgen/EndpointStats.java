package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.Histograms;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The measured numbers of one endpoint (or of the whole run, see {@link LoadReport#total()}).
 *
 * <p>Immutable and thread-safe. The full latency distribution travels with the statistics as a compressed, Base64
 * encoded HdrHistogram ({@link #latencyHistogram()} decodes a fresh copy), so a report read back
 * from JSON can be merged, compared and plotted exactly.
 *
 * @param name endpoint name ({@code total} for the whole run)
 * @param method HTTP method, or {@code CALL} for an in-process task, or {@code *} for the total
 * @param target URI or task description
 * @param requests measured requests sent (failed ones included: those without an answer and those cut
 *     off at the end too)
 * @param errors failed requests among them
 * @param noResponse failed requests among them that got no answer at all (no connection, a reset, no
 *     valid response, a timeout, cut off at the end; see {@link ErrorKind#noResponse()})
 * @param dropped open model: arrivals of this endpoint due in the measured window and never sent,
 *     because every in-flight slot stayed busy until the run ended (failures, not in {@code requests})
 * @param notStarted open model: arrivals due in the measured window that a worker had taken, or that were
 *     due while a worker was idle waiting for them, but not sent because the run ended (failures, not in
 *     {@code requests})
 * @param retries re-sends: requests sent again because their first write found a reused connection
 *     closed by the server before any byte left (never a request that was written; not extra requests)
 * @param bytesSent request bytes written to the wire (head and body; 0 for transports that do not tell)
 * @param bytesReceived response bytes read from the wire (head, framing and body; 0 for transports that
 *     do not tell)
 * @param bodyBytesSent request body bytes
 * @param bodyBytesReceived response body bytes (0 for transports that do not tell)
 * @param rateLimited responses with status 429
 * @param throughputPerSecond requests completed per second of the measured window
 * @param latency latency of every measured request; in the open model from its intended start
 * @param serviceTime time from the actual send to the response (open model; null in the closed model, where it equals latency)
 * @param statusCounts responses by HTTP status code, keys sorted
 * @param latencyHistogramBase64 the latency distribution (nanoseconds), compressed HdrHistogram encoding
 * @param serviceHistogramBase64 the service-time distribution, or null in the closed model
 * @param timeSeries this endpoint's requests, errors, throughput and latency per sample interval, on the
 *     same intervals as {@link LoadReport#timeSeries()}; empty for the total (the report's series is the
 *     total) and in reports read from an older JSON layout
 */
public record EndpointStats(
        String name,
        String method,
        String target,
        long requests,
        long errors,
        long noResponse,
        long dropped,
        long notStarted,
        long retries,
        long bytesSent,
        long bytesReceived,
        long bodyBytesSent,
        long bodyBytesReceived,
        long rateLimited,
        double throughputPerSecond,
        LatencyStats latency,
        LatencyStats serviceTime,
        Map<String, Long> statusCounts,
        String latencyHistogramBase64,
        String serviceHistogramBase64,
        List<IntervalStats> timeSeries) {

    /**
     * Validates the components, copies the map into key order and copies the list (a null map or list
     * becomes empty).
     *
     * @throws IllegalArgumentException when {@code name} is blank, {@code latency} is null, a count is
     *     negative, or {@code errors > requests} or {@code noResponse > errors}
     */
    public EndpointStats {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "endpoint " + name + " needs 0 <= errors <= requests (was " + errors + " of " + requests + ")");
        }
        if (noResponse < 0 || noResponse > errors) {
            throw new IllegalArgumentException(
                    "endpoint " + name + " needs 0 <= noResponse <= errors (was " + noResponse + " of " + errors + ")");
        }
        if (dropped < 0 || notStarted < 0 || retries < 0) {
            throw new IllegalArgumentException("endpoint " + name + " dropped, notStarted and retries must be >= 0");
        }
        if (latency == null) {
            throw new IllegalArgumentException("endpoint " + name + " latency must not be null");
        }
        statusCounts = statusCounts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(statusCounts));
        timeSeries = List.copyOf(timeSeries == null ? List.of() : timeSeries);
    }

    /**
     * Failed share of everything due: errors (no answer, cut off, wrong answer) plus arrivals never
     * sent, over requests plus arrivals never sent; 0 when there were none.
     *
     * @return the error rate, 0..1
     */
    public double errorRate() {
        long due = requests + dropped + notStarted;
        return due == 0 ? 0 : (double) (errors + dropped + notStarted) / due;
    }

    /**
     * Requests that got an answer (a status, or an in-process task's return or exception).
     *
     * @return {@link #requests()} minus {@link #noResponse()}
     */
    public long responses() {
        return requests - noResponse;
    }

    /**
     * Everything due: requests sent plus open-model arrivals never sent.
     *
     * @return {@link #requests()} + {@link #dropped()} + {@link #notStarted()}
     */
    public long due() {
        return requests + dropped + notStarted;
    }

    /**
     * A fresh, mutable copy of the latency histogram (nanoseconds), decoded on each call.
     *
     * @return the histogram, the caller's to change (empty when the component is null)
     * @throws LoadTestException when {@link #latencyHistogramBase64()} is not a valid encoding
     */
    @SuppressWarnings("exports") // HdrHistogram is a required dependency of this module
    public Histogram latencyHistogram() {
        return Histograms.decode(latencyHistogramBase64, "endpoint " + name + " latencyHistogramBase64");
    }

    /**
     * A fresh, mutable copy of the service-time histogram (nanoseconds); in the closed model the
     * latency histogram.
     *
     * @return the histogram, the caller's to change
     * @throws LoadTestException when the encoding is not valid
     */
    @SuppressWarnings("exports")
    public Histogram serviceHistogram() {
        return serviceHistogramBase64 == null
                ? latencyHistogram()
                : Histograms.decode(serviceHistogramBase64, "endpoint " + name + " serviceHistogramBase64");
    }

    /**
     * The service-time statistics; in the closed model the latency statistics.
     *
     * @return {@link #serviceTime()} when there is one, otherwise {@link #latency()}
     */
    public LatencyStats serviceTimeOrLatency() {
        return serviceTime == null ? latency : serviceTime;
    }

    /**
     * Count of responses with a status in the given family.
     *
     * @param family the first digit of the status: 1 to 5 (2 for 2xx)
     * @return the number of such responses, 0 when there were none
     */
    public long statusFamilyCount(int family) {
        return statusCounts.entrySet().stream()
                .filter(e -> e.getKey().length() == 3 && e.getKey().charAt(0) == (char) ('0' + family))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * One line for logs and debuggers: name, method, requests, errors, throughput and the main
     * percentiles (the histograms are left out); {@link LoadReport#toText()} is the full report.
     *
     * @return for example {@code EndpointStats[lookup (CALL): 400 requests, 0 errors, 8000/s, p50 0.010 ms,
     *     p99 0.100 ms, max 1.000 ms]}
     */
    @Override
    public String toString() {
        return "EndpointStats[" + name + " (" + method + "): " + requests + " requests, " + errors + " errors, "
                + Durations.rate(Math.round(throughputPerSecond * 10) / 10.0) + "/s, p50 "
                + Durations.millis(latency.p50Nanos()) + " ms, p99 " + Durations.millis(latency.p99Nanos())
                + " ms, max " + Durations.millis(latency.maxNanos()) + " ms]";
    }
}
