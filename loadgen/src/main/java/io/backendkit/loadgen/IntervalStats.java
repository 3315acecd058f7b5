package io.backendkit.loadgen;

/**
 * One point of the per-interval time series (one second by default), over all endpoints. Immutable
 * and thread-safe.
 *
 * @param startMillis start of the interval, in milliseconds after the end of warm-up
 * @param durationMillis length of the interval (the last one may be shorter)
 * @param requests requests completed in the interval
 * @param errors failed requests among them
 * @param throughputPerSecond requests completed per second
 * @param p50Nanos median latency in the interval
 * @param p90Nanos 90th percentile latency in the interval
 * @param p99Nanos 99th percentile latency in the interval
 * @param maxNanos largest latency in the interval
 * @param users most virtual users active at once during the interval (closed model); most requests in flight (open model)
 * @param offeredRatePerSecond the intended arrival rate at the end of the interval (open model, else 0)
 * @param late requests that waited for a free in-flight slot (open model)
 */
public record IntervalStats(
        long startMillis,
        long durationMillis,
        long requests,
        long errors,
        double throughputPerSecond,
        long p50Nanos,
        long p90Nanos,
        long p99Nanos,
        long maxNanos,
        int users,
        double offeredRatePerSecond,
        long late) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code durationMillis} is negative or not {@code 0 <= errors <=
     *     requests}
     */
    public IntervalStats {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("interval durationMillis must be >= 0 (was " + durationMillis + ")");
        }
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "interval needs 0 <= errors <= requests (was " + errors + " of " + requests + ")");
        }
    }

    /**
     * Failed share of the requests in the interval.
     *
     * @return errors over requests, 0..1; 0 when there were none
     */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /**
     * One line for logs and debuggers: when, how many, how fast, the percentiles in milliseconds, the
     * users (or requests in flight), and in the open model the offered rate and late requests.
     *
     * @return for example {@code IntervalStats[2000+1000 ms: 812 requests, 0 errors, 812/s, p50 1.204 ms,
     *     p90 2.001 ms, p99 5.611 ms, max 9.830 ms, 8 active]}
     */
    @Override
    public String toString() {
        return "IntervalStats[" + startMillis + "+" + durationMillis + " ms: " + requests + " requests, " + errors
                + " errors, " + Durations.rate(Math.round(throughputPerSecond * 10) / 10.0) + "/s, p50 "
                + Durations.millis(p50Nanos) + " ms, p90 " + Durations.millis(p90Nanos) + " ms, p99 "
                + Durations.millis(p99Nanos) + " ms, max " + Durations.millis(maxNanos) + " ms, " + users + " active"
                + (offeredRatePerSecond > 0
                        ? ", offered " + Durations.rate(Math.round(offeredRatePerSecond * 10) / 10.0) + "/s, " + late
                                + " late"
                        : "")
                + "]";
    }
}
