package io.backendkit.loadgen;

/**
 * One metric of a {@link LoadComparison}: baseline and candidate value, the relative change, and
 * whether it breaks the thresholds. Immutable and thread-safe.
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
        boolean regression) {

    /**
     * One line for logs and debuggers: scope, metric, both values with their unit, the change and
     * the verdict.
     *
     * @return for example {@code MetricDelta[total p99: 1.200 -> 1.500 ms (+25.0%), REGRESSION]}
     */
    @Override
    public String toString() {
        return "MetricDelta[" + scope + " " + metric + ": " + LoadComparison.format(unit, baseline) + " -> "
                + LoadComparison.format(unit, candidate) + " " + (unit.equals("ratio") ? "error rate" : unit) + " ("
                + String.format(java.util.Locale.ROOT, "%+.1f%%", change * 100) + ")"
                + (regression ? ", REGRESSION" : "") + "]";
    }
}
