package io.backendkit.loadgen;

/**
 * How much worse a candidate may be than its baseline before a {@link LoadComparison} calls it a
 * regression. Immutable and thread-safe.
 *
 * @param maxLatencyIncrease largest allowed relative increase of a latency percentile (0.10 = 10%)
 * @param maxThroughputDecrease largest allowed relative decrease of throughput (0.10 = 10%)
 * @param maxErrorRateIncrease largest allowed absolute increase of the error rate (0.01 = one percentage point)
 * @param minLatencyChangeNanos latency changes smaller than this never count (noise floor for sub-millisecond numbers)
 */
public record RegressionThresholds(
        double maxLatencyIncrease,
        double maxThroughputDecrease,
        double maxErrorRateIncrease,
        long minLatencyChangeNanos) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when a ratio is negative or NaN, {@code maxThroughputDecrease} or
     *     {@code maxErrorRateIncrease} is above 1, or {@code minLatencyChangeNanos} is negative
     */
    public RegressionThresholds {
        if (!(maxLatencyIncrease >= 0)) {
            throw new IllegalArgumentException("maxLatencyIncrease must be >= 0 (was " + maxLatencyIncrease + ")");
        }
        if (!(maxThroughputDecrease >= 0 && maxThroughputDecrease <= 1)) {
            throw new IllegalArgumentException(
                    "maxThroughputDecrease must be in [0, 1] (was " + maxThroughputDecrease + ")");
        }
        if (!(maxErrorRateIncrease >= 0 && maxErrorRateIncrease <= 1)) {
            throw new IllegalArgumentException(
                    "maxErrorRateIncrease must be in [0, 1] (was " + maxErrorRateIncrease + ")");
        }
        if (minLatencyChangeNanos < 0) {
            throw new IllegalArgumentException(
                    "minLatencyChangeNanos must be >= 0 (was " + minLatencyChangeNanos + ")");
        }
    }

    /**
     * The defaults: 10% on latency percentiles and throughput, one percentage point of error rate, a
     * 0.1 ms noise floor.
     *
     * @return the default thresholds
     */
    public static RegressionThresholds defaults() {
        return new RegressionThresholds(0.10, 0.10, 0.01, 100_000);
    }

    /**
     * A copy with another latency threshold.
     *
     * @param ratio largest allowed relative increase of a latency percentile, >= 0 (0.10 = 10%)
     * @return the new thresholds
     * @throws IllegalArgumentException when {@code ratio} is negative or NaN
     */
    public RegressionThresholds withMaxLatencyIncrease(double ratio) {
        return new RegressionThresholds(ratio, maxThroughputDecrease, maxErrorRateIncrease, minLatencyChangeNanos);
    }

    /**
     * A copy with another throughput threshold.
     *
     * @param ratio largest allowed relative decrease of throughput, in [0, 1] (0.10 = 10%)
     * @return the new thresholds
     * @throws IllegalArgumentException when {@code ratio} is outside [0, 1]
     */
    public RegressionThresholds withMaxThroughputDecrease(double ratio) {
        return new RegressionThresholds(maxLatencyIncrease, ratio, maxErrorRateIncrease, minLatencyChangeNanos);
    }

    /**
     * A copy with another error-rate threshold.
     *
     * @param absolute largest allowed absolute increase of the error rate, in [0, 1] (0.01 = one
     *     percentage point)
     * @return the new thresholds
     * @throws IllegalArgumentException when {@code absolute} is outside [0, 1]
     */
    public RegressionThresholds withMaxErrorRateIncrease(double absolute) {
        return new RegressionThresholds(maxLatencyIncrease, maxThroughputDecrease, absolute, minLatencyChangeNanos);
    }
}
