package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.Histograms;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The measured numbers of one endpoint (or of the whole run, see {@link LoadReport#total()}).
 *
 * <p>Immutable. The full latency distribution travels with the statistics as a compressed, Base64
 * encoded HdrHistogram ({@link #latencyHistogram()} decodes a fresh copy), so a report read back
 * from JSON can be merged, compared and plotted exactly.
 *
 * @param name endpoint name ({@code total} for the whole run)
 * @param method HTTP method, or {@code CALL} for an in-process task, or {@code *} for the total
 * @param target URI or task description
 * @param requests measured requests completed (failed ones included)
 * @param errors failed requests among them
 * @param rateLimited responses with status 429
 * @param throughputPerSecond requests completed per second of the measured window
 * @param latency latency of every measured request; in the open model from its intended start
 * @param serviceTime time from the actual send to the response (open model; null in the closed model, where it equals latency)
 * @param statusCounts responses by HTTP status code, keys sorted
 * @param latencyHistogramBase64 the latency distribution (nanoseconds), compressed HdrHistogram encoding
 * @param serviceHistogramBase64 the service-time distribution, or null in the closed model
 */
public record EndpointStats(
        String name,
        String method,
        String target,
        long requests,
        long errors,
        long rateLimited,
        double throughputPerSecond,
        LatencyStats latency,
        LatencyStats serviceTime,
        Map<String, Long> statusCounts,
        String latencyHistogramBase64,
        String serviceHistogramBase64) {

    /** Validates the components and copies the map into key order. */
    public EndpointStats {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("endpoint name must not be blank");
        }
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "endpoint " + name + " needs 0 <= errors <= requests (was " + errors + " of " + requests + ")");
        }
        if (latency == null) {
            throw new IllegalArgumentException("endpoint " + name + " latency must not be null");
        }
        statusCounts = statusCounts == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(statusCounts));
    }

    /** Failed share of the requests, 0 when there were none. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** A fresh, mutable copy of the latency histogram (nanoseconds). */
    @SuppressWarnings("exports") // HdrHistogram is a required dependency of this module
    public Histogram latencyHistogram() {
        return Histograms.decode(latencyHistogramBase64, "endpoint " + name + " latencyHistogramBase64");
    }

    /** A fresh copy of the service-time histogram; in the closed model the latency histogram. */
    @SuppressWarnings("exports")
    public Histogram serviceHistogram() {
        return serviceHistogramBase64 == null
                ? latencyHistogram()
                : Histograms.decode(serviceHistogramBase64, "endpoint " + name + " serviceHistogramBase64");
    }

    /** The service-time statistics; in the closed model the latency statistics. */
    public LatencyStats serviceTimeOrLatency() {
        return serviceTime == null ? latency : serviceTime;
    }

    /** Count of responses with a status in the given family (2 for 2xx...). */
    public long statusFamilyCount(int family) {
        return statusCounts.entrySet().stream()
                .filter(e -> e.getKey().length() == 3 && e.getKey().charAt(0) == (char) ('0' + family))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
