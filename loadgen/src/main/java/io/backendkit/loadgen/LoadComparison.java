package io.backendkit.loadgen;

import io.backendkit.core.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Two reports side by side: a candidate against a baseline (a saved JSON report, or the run of
 * another endpoint or version), metric by metric, with regressions flagged by {@link
 * RegressionThresholds}.
 *
 * <pre>{@code
 * LoadComparison c = LoadComparison.compare(LoadReport.readJson(Path.of("baseline.json")), report);
 * if (c.hasRegression()) {
 *     log.info("{}", c.toText());
 * }
 * }</pre>
 *
 * <p>The totals are always compared; endpoints are compared when both reports have an endpoint of
 * the same name. Immutable and thread-safe.
 *
 * @param baselineName the baseline report's name
 * @param candidateName the candidate report's name
 * @param thresholds the thresholds applied
 * @param deltas total first, then endpoints in the candidate's order; within a scope throughput,
 *     error rate, then percentiles
 */
public record LoadComparison(
        String baselineName, String candidateName, RegressionThresholds thresholds, List<MetricDelta> deltas) {

    /** Copies the list. */
    public LoadComparison {
        deltas = List.copyOf(deltas);
    }

    /**
     * Compares a candidate with a baseline using {@link RegressionThresholds#defaults()}.
     *
     * @param baseline the report to compare against, not null
     * @param candidate the report under test, not null
     * @return the comparison
     * @throws IllegalArgumentException when an argument is null
     */
    public static LoadComparison compare(LoadReport baseline, LoadReport candidate) {
        return compare(baseline, candidate, RegressionThresholds.defaults());
    }

    /**
     * Compares a candidate with a baseline.
     *
     * @param baseline the report to compare against, not null
     * @param candidate the report under test, not null
     * @param thresholds what counts as a regression, not null
     * @return the comparison
     * @throws IllegalArgumentException when an argument is null
     */
    public static LoadComparison compare(LoadReport baseline, LoadReport candidate, RegressionThresholds thresholds) {
        if (baseline == null || candidate == null || thresholds == null) {
            throw new IllegalArgumentException("baseline, candidate and thresholds must not be null");
        }
        List<MetricDelta> deltas = new ArrayList<>();
        scope("total", baseline.total(), candidate.total(), thresholds, deltas);
        for (EndpointStats c : candidate.endpoints()) {
            for (EndpointStats b : baseline.endpoints()) {
                if (b.name().equals(c.name())
                        && (candidate.endpoints().size() > 1
                                || baseline.endpoints().size() > 1)) {
                    scope(c.name(), b, c, thresholds, deltas);
                }
            }
        }
        return new LoadComparison(baseline.name(), candidate.name(), thresholds, deltas);
    }

    private static void scope(
            String scope, EndpointStats b, EndpointStats c, RegressionThresholds t, List<MetricDelta> out) {
        double bt = b.throughputPerSecond();
        double ct = c.throughputPerSecond();
        out.add(new MetricDelta(
                scope,
                "throughput",
                "req/s",
                bt,
                ct,
                change(bt, ct),
                bt > 0 && ct < bt * (1 - t.maxThroughputDecrease())));
        double be = b.errorRate();
        double ce = c.errorRate();
        out.add(new MetricDelta(
                scope, "errorRate", "ratio", be, ce, change(be, ce), ce - be > t.maxErrorRateIncrease()));
        latency(scope, "p50", b.latency().p50Nanos(), c.latency().p50Nanos(), t, out);
        latency(scope, "p90", b.latency().p90Nanos(), c.latency().p90Nanos(), t, out);
        latency(scope, "p99", b.latency().p99Nanos(), c.latency().p99Nanos(), t, out);
        latency(scope, "p99.9", b.latency().p999Nanos(), c.latency().p999Nanos(), t, out);
        latency(scope, "max", b.latency().maxNanos(), c.latency().maxNanos(), t, out);
    }

    private static void latency(
            String scope, String metric, long b, long c, RegressionThresholds t, List<MetricDelta> out) {
        boolean regression = c - b > t.minLatencyChangeNanos() && c > b * (1 + t.maxLatencyIncrease());
        // max is reported but never judged: a single outlier is not a regression
        out.add(new MetricDelta(
                scope, metric, "ms", b / 1e6, c / 1e6, change(b, c), regression && !metric.equals("max")));
    }

    private static double change(double baseline, double candidate) {
        return baseline == 0 ? 0 : (candidate - baseline) / baseline;
    }

    /**
     * Whether any metric regressed.
     *
     * @return true when at least one delta is a regression
     */
    public boolean hasRegression() {
        return deltas.stream().anyMatch(MetricDelta::regression);
    }

    /**
     * The metrics that regressed.
     *
     * @return the regressed deltas in {@link #deltas()} order, possibly empty
     */
    public List<MetricDelta> regressions() {
        return deltas.stream().filter(MetricDelta::regression).toList();
    }

    /**
     * The delta of one metric, for example {@code delta("total", "p99")}.
     *
     * @param scope {@code total} or an endpoint name present in both reports
     * @param metric {@code throughput}, {@code errorRate}, {@code p50}, {@code p90}, {@code p99}, {@code
     *     p99.9} or {@code max}
     * @return the delta
     * @throws LoadTestException when this comparison has no such metric
     */
    public MetricDelta delta(String scope, String metric) {
        return deltas.stream()
                .filter(d -> d.scope().equals(scope) && d.metric().equals(metric))
                .findFirst()
                .orElseThrow(() -> new LoadTestException(scope + " " + metric, "not in this comparison"));
    }

    /**
     * A table of every metric with both values, the change and a REGRESSION marker, under a title line
     * and above a count of regressions.
     *
     * @return the text, lines ending in {@code \n}
     */
    public String toText() {
        TextTable.Builder table = TextTable.builder("scope", "metric", baselineName, candidateName, "change", "")
                .alignRight(2, 3, 4);
        for (MetricDelta d : deltas) {
            table.row(
                    d.scope(),
                    d.metric() + " (" + d.unit() + ")",
                    format(d.unit(), d.baseline()),
                    format(d.unit(), d.candidate()),
                    String.format(Locale.ROOT, "%+.1f%%", d.change() * 100),
                    d.regression() ? "REGRESSION" : "");
        }
        return "comparison: " + candidateName + " against baseline " + baselineName + "\n"
                + table.build().render()
                + (hasRegression() ? regressions().size() + " regression(s)\n" : "no regression\n");
    }

    static String format(String unit, double v) {
        return switch (unit) {
            case "req/s" -> String.format(Locale.ROOT, "%,.1f", v);
            case "ratio" -> String.format(Locale.ROOT, "%.3f%%", v * 100);
            default -> String.format(Locale.ROOT, "%.3f", v);
        };
    }

    /**
     * One line: the two reports, how many metrics were compared and which regressed; {@link #toText()}
     * is the full table.
     *
     * @return for example {@code LoadComparison[v1 vs v2: 14 metrics, 1 regressed (total p99)]}
     */
    @Override
    public String toString() {
        List<MetricDelta> worse = regressions();
        return "LoadComparison[" + baselineName + " vs " + candidateName + ": " + deltas.size() + " metrics, "
                + (worse.isEmpty()
                        ? "no regression"
                        : worse.size() + " regressed ("
                                + worse.stream()
                                        .map(d -> d.scope() + " " + d.metric())
                                        .collect(java.util.stream.Collectors.joining(", "))
                                + ")")
                + "]";
    }
}
