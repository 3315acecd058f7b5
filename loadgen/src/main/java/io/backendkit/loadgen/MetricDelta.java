package io.backendkit.loadgen;

/**
 * One metric of a {@link LoadComparison}: baseline and candidate value, the relative change, and
 * whether it breaks the thresholds.
 *
 * @param scope {@code total} or an endpoint name present in both reports
 * @param metric {@code throughput}, {@code errorRate}, {@code p50}, {@code p90}, {@code p99}, {@code p99.9}, {@code max}
 * @param unit {@code req/s}, {@code ratio} or {@code ms}
 * @param baseline the baseline's value
 * @param candidate the candidate's value
 * @param change relative change {@code (candidate - baseline) / baseline} (0 when the baseline is 0)
 * @param regression whether the change is worse than the thresholds allow
 */
public record MetricDelta(
        String scope,
        String metric,
        String unit,
        double baseline,
        double candidate,
        double change,
        boolean regression) {}
