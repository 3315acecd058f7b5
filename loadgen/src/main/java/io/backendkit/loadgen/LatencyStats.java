package io.backendkit.loadgen;

import java.time.Duration;
import org.HdrHistogram.AbstractHistogram;

/**
 * Summary of one latency distribution, in nanoseconds, as read from an HdrHistogram with three
 * significant digits (so each value is exact to within 0.1%).
 *
 * <p>Immutable and thread-safe. The {@code Duration} accessors ({@link #p99()} and friends) convert for convenience.
 *
 * @param count number of recorded values
 * @param minNanos smallest value
 * @param meanNanos arithmetic mean
 * @param p50Nanos median
 * @param p90Nanos 90th percentile
 * @param p95Nanos 95th percentile
 * @param p99Nanos 99th percentile
 * @param p999Nanos 99.9th percentile
 * @param maxNanos largest value
 * @param stdDevNanos standard deviation
 */
public record LatencyStats(
        long count,
        long minNanos,
        double meanNanos,
        long p50Nanos,
        long p90Nanos,
        long p95Nanos,
        long p99Nanos,
        long p999Nanos,
        long maxNanos,
        double stdDevNanos) {

    /** Statistics of an empty distribution: all zero. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public LatencyStats {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 (was " + count + ")");
        }
    }

    /**
     * Reads the summary of a histogram of nanosecond values.
     *
     * @param histogram the values, not null, not changed
     * @return the summary, {@link #EMPTY} when the histogram has no values
     */
    @SuppressWarnings("exports") // HdrHistogram is a required dependency of this module
    public static LatencyStats of(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencyStats(
                histogram.getTotalCount(),
                histogram.getMinValue(),
                histogram.getMean(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(95),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue(),
                histogram.getStdDeviation());
    }

    /**
     * The smallest value.
     *
     * @return {@link #minNanos()} as a duration
     */
    public Duration min() {
        return Duration.ofNanos(minNanos);
    }

    /**
     * The mean, rounded to the nanosecond.
     *
     * @return {@link #meanNanos()} as a duration
     */
    public Duration mean() {
        return Duration.ofNanos(Math.round(meanNanos));
    }

    /**
     * The median.
     *
     * @return {@link #p50Nanos()} as a duration
     */
    public Duration p50() {
        return Duration.ofNanos(p50Nanos);
    }

    /**
     * The 90th percentile.
     *
     * @return {@link #p90Nanos()} as a duration
     */
    public Duration p90() {
        return Duration.ofNanos(p90Nanos);
    }

    /**
     * The 95th percentile.
     *
     * @return {@link #p95Nanos()} as a duration
     */
    public Duration p95() {
        return Duration.ofNanos(p95Nanos);
    }

    /**
     * The 99th percentile.
     *
     * @return {@link #p99Nanos()} as a duration
     */
    public Duration p99() {
        return Duration.ofNanos(p99Nanos);
    }

    /**
     * The 99.9th percentile.
     *
     * @return {@link #p999Nanos()} as a duration
     */
    public Duration p999() {
        return Duration.ofNanos(p999Nanos);
    }

    /**
     * The largest value.
     *
     * @return {@link #maxNanos()} as a duration
     */
    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    /**
     * One line: the count and every figure in milliseconds.
     *
     * @return for example {@code LatencyStats[400 values, min 0.012 ms, mean 0.050 ms, ...]}, or {@code
     *     LatencyStats[no values]}
     */
    @Override
    public String toString() {
        if (count == 0) {
            return "LatencyStats[no values]";
        }
        return "LatencyStats[" + count + " values, min " + Durations.millis(minNanos) + " ms, mean "
                + Durations.millis(meanNanos) + " ms, p50 " + Durations.millis(p50Nanos) + " ms, p90 "
                + Durations.millis(p90Nanos) + " ms, p99 " + Durations.millis(p99Nanos) + " ms, p99.9 "
                + Durations.millis(p999Nanos) + " ms, max " + Durations.millis(maxNanos) + " ms]";
    }
}
