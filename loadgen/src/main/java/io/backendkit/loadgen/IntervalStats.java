package io.backendkit.loadgen;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One point of a per-interval time series (one second by default): over all endpoints in {@link
 * LoadReport#timeSeries()}, or of one endpoint in {@link EndpointStats#timeSeries()}. Immutable and
 * thread-safe.
 *
 * <p>In an endpoint's series {@code users}, {@code offeredRatePerSecond}, {@code late} and the schedule-lag
 * figures are 0: they are kept for the whole run only. Figures a report did not record (a report read
 * from an older JSON layout, a merged report without bytes or lag) are 0 and {@code errorsByKind} and
 * {@code statusCounts} are empty.
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
 * @param bytesSent request bytes written to the wire by the requests completed in the interval
 * @param bytesReceived response bytes read from the wire by the requests completed in the interval
 * @param lagP50Nanos open model: median schedule lag (intended start to actual send) of the interval's
 *     requests, else 0
 * @param lagP99Nanos open model: 99th percentile schedule lag of the interval's requests, else 0
 * @param lagMaxNanos open model: largest schedule lag of the interval's requests, else 0
 * @param dropped open model: arrivals due in the interval never sent because every in-flight slot stayed
 *     busy until the run ended (not in {@code requests}); known when the run ends, so 0 in {@link
 *     Progress} updates
 * @param notStarted open model: arrivals due in the interval that a worker had taken, or that were due
 *     while a worker was idle waiting for them, but not sent because the run ended (not in {@code requests})
 * @param errorsByKind the interval's errors by kind, only kinds that occurred, in {@link ErrorKind} order;
 *     the counts add up to {@code errors} (in a merged report, to at most {@code errors})
 * @param statusCounts the interval's responses by HTTP status code (as in {@link
 *     EndpointStats#statusCounts()}), only codes that occurred, keys sorted; empty for targets without
 *     statuses, in merged reports (histogram logs do not hold them) and in reports read from an older JSON
 *     layout
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
        long late,
        long bytesSent,
        long bytesReceived,
        long lagP50Nanos,
        long lagP99Nanos,
        long lagMaxNanos,
        long dropped,
        long notStarted,
        Map<ErrorKind, Long> errorsByKind,
        Map<String, Long> statusCounts) {

    /**
     * Validates the components and copies the maps into {@link ErrorKind} and key order (a null map
     * becomes empty; zero counts are left out).
     *
     * @throws IllegalArgumentException when {@code durationMillis} is negative, not {@code 0 <= errors <=
     *     requests}, or a byte, lag, dropped, not-started, per-kind or per-status count is negative
     */
    public IntervalStats {
        if (durationMillis < 0) {
            throw new IllegalArgumentException("interval durationMillis must be >= 0 (was " + durationMillis + ")");
        }
        if (requests < 0 || errors < 0 || errors > requests) {
            throw new IllegalArgumentException(
                    "interval needs 0 <= errors <= requests (was " + errors + " of " + requests + ")");
        }
        if (bytesSent < 0 || bytesReceived < 0 || lagP50Nanos < 0 || lagP99Nanos < 0 || lagMaxNanos < 0) {
            throw new IllegalArgumentException("interval bytes and lag must be >= 0");
        }
        if (dropped < 0 || notStarted < 0) {
            throw new IllegalArgumentException(
                    "interval dropped and notStarted must be >= 0 (were " + dropped + ", " + notStarted + ")");
        }
        TreeMap<ErrorKind, Long> kinds = new TreeMap<>();
        if (errorsByKind != null) {
            errorsByKind.forEach((kind, count) -> {
                if (kind == null || count == null || count < 0) {
                    throw new IllegalArgumentException(
                            "interval errorsByKind needs a kind and a count >= 0 (was " + kind + "=" + count + ")");
                }
                if (count > 0) {
                    kinds.put(kind, count);
                }
            });
        }
        errorsByKind = Collections.unmodifiableMap(kinds);
        TreeMap<String, Long> statuses = new TreeMap<>();
        if (statusCounts != null) {
            statusCounts.forEach((status, count) -> {
                if (status == null || status.isBlank() || count == null || count < 0) {
                    throw new IllegalArgumentException(
                            "interval statusCounts needs a status and a count >= 0 (was " + status + "=" + count + ")");
                }
                if (count > 0) {
                    statuses.put(status, count);
                }
            });
        }
        statusCounts = Collections.unmodifiableMap(statuses);
    }

    /**
     * An interval without per-status counts (the map empty), as read from reports written before they
     * were kept per interval.
     *
     * @param startMillis start of the interval, in milliseconds after the end of warm-up
     * @param durationMillis length of the interval (the last one may be shorter)
     * @param requests requests completed in the interval
     * @param errors failed requests among them
     * @param throughputPerSecond requests completed per second
     * @param p50Nanos median latency
     * @param p90Nanos 90th percentile latency
     * @param p99Nanos 99th percentile latency
     * @param maxNanos largest latency
     * @param users most virtual users active at once (closed model) or requests in flight (open model)
     * @param offeredRatePerSecond the intended arrival rate at the end of the interval (open model, else 0)
     * @param late requests that waited for a free in-flight slot (open model)
     * @param bytesSent request bytes written to the wire
     * @param bytesReceived response bytes read from the wire
     * @param lagP50Nanos open model: median schedule lag, else 0
     * @param lagP99Nanos open model: 99th percentile schedule lag, else 0
     * @param lagMaxNanos open model: largest schedule lag, else 0
     * @param dropped open model: arrivals due in the interval dropped at the in-flight limit
     * @param notStarted open model: arrivals due in the interval not sent because the run ended
     * @param errorsByKind the interval's errors by kind
     * @throws IllegalArgumentException as the canonical constructor
     */
    public IntervalStats(
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
            long late,
            long bytesSent,
            long bytesReceived,
            long lagP50Nanos,
            long lagP99Nanos,
            long lagMaxNanos,
            long dropped,
            long notStarted,
            Map<ErrorKind, Long> errorsByKind) {
        this(
                startMillis,
                durationMillis,
                requests,
                errors,
                throughputPerSecond,
                p50Nanos,
                p90Nanos,
                p99Nanos,
                maxNanos,
                users,
                offeredRatePerSecond,
                late,
                bytesSent,
                bytesReceived,
                lagP50Nanos,
                lagP99Nanos,
                lagMaxNanos,
                dropped,
                notStarted,
                errorsByKind,
                Map.of());
    }

    /**
     * An interval without the bytes, lag, unsent, per-kind and per-status figures (all 0, the maps empty).
     *
     * @param startMillis start of the interval, in milliseconds after the end of warm-up
     * @param durationMillis length of the interval
     * @param requests requests completed in the interval
     * @param errors failed requests among them
     * @param throughputPerSecond requests completed per second
     * @param p50Nanos median latency
     * @param p90Nanos 90th percentile latency
     * @param p99Nanos 99th percentile latency
     * @param maxNanos largest latency
     * @param users most virtual users active at once (closed model) or requests in flight (open model)
     * @param offeredRatePerSecond the intended arrival rate at the end of the interval (open model, else 0)
     * @param late requests that waited for a free in-flight slot (open model)
     * @throws IllegalArgumentException as the canonical constructor
     */
    public IntervalStats(
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
        this(
                startMillis,
                durationMillis,
                requests,
                errors,
                throughputPerSecond,
                p50Nanos,
                p90Nanos,
                p99Nanos,
                maxNanos,
                users,
                offeredRatePerSecond,
                late,
                0,
                0,
                0,
                0,
                0,
                0,
                0,
                Map.of(),
                Map.of());
    }

    /**
     * This interval with the open-model arrivals due in it that were never sent.
     *
     * @param droppedArrivals arrivals never taken (every in-flight slot stayed busy), >= 0
     * @param notStartedArrivals arrivals taken but not sent because the run ended, >= 0
     * @return a copy with {@link #dropped()} and {@link #notStarted()} replaced
     * @throws IllegalArgumentException when a count is negative
     */
    public IntervalStats withUnsent(long droppedArrivals, long notStartedArrivals) {
        return new IntervalStats(
                startMillis,
                durationMillis,
                requests,
                errors,
                throughputPerSecond,
                p50Nanos,
                p90Nanos,
                p99Nanos,
                maxNanos,
                users,
                offeredRatePerSecond,
                late,
                bytesSent,
                bytesReceived,
                lagP50Nanos,
                lagP99Nanos,
                lagMaxNanos,
                droppedArrivals,
                notStartedArrivals,
                errorsByKind,
                statusCounts);
    }

    /**
     * Responses in the interval whose status is in one family.
     *
     * @param family the first digit: 1 to 5
     * @return the interval's responses with a status {@code family}xx
     */
    public long statusFamilyCount(int family) {
        return statusCounts.entrySet().stream()
                .filter(e -> e.getKey().length() == 3 && e.getKey().charAt(0) == (char) ('0' + family))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * End of the interval.
     *
     * @return {@link #startMillis()} + {@link #durationMillis()}
     */
    public long endMillis() {
        return startMillis + durationMillis;
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
     * users (or requests in flight), and in the open model the offered rate, late requests, the
     * schedule-lag p99 and the arrivals never sent (when there are any).
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
                + (lagMaxNanos > 0 ? ", lag p99 " + Durations.millis(lagP99Nanos) + " ms" : "")
                + (dropped + notStarted > 0 ? ", " + (dropped + notStarted) + " never sent" : "")
                + "]";
    }
}
