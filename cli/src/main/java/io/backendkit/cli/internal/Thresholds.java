package io.backendkit.cli.internal;

import io.backendkit.loadgen.LatencyStats;
import io.backendkit.loadgen.LoadReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * k6-style pass/fail thresholds on a load report: {@code p99<200ms}, {@code p95<=1s}, {@code max<2s},
 * {@code mean<50ms}, {@code errors<1%}, {@code rps>1000}. A report without a single response fails every threshold:
 * a dead target never passes.
 */
public record Thresholds(List<Threshold> all) {

    private static final Pattern FORM =
            Pattern.compile("\\s*([a-z0-9.]+)\\s*(<=|>=|<|>)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|us|µs|m|%)?\\s*");

    /** Copies the list. */
    public Thresholds {
        all = List.copyOf(all);
    }

    /** One threshold: a metric, a comparison and a limit (nanoseconds, a fraction, or per second). */
    public record Threshold(String text, String metric, String op, double limit) {

        boolean holds(double value) {
            return switch (op) {
                case "<" -> value < limit;
                case "<=" -> value <= limit;
                case ">" -> value > limit;
                default -> value >= limit;
            };
        }
    }

    /** The outcome of one threshold on one report. */
    public record Outcome(Threshold threshold, boolean passed, String actual) {}

    /**
     * Parses {@code --threshold} values.
     *
     * @throws Failures.UsageException naming the threshold and the accepted forms
     */
    public static Thresholds parse(List<String> texts) {
        List<Threshold> out = new ArrayList<>();
        for (String text : texts) {
            Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new Failures.UsageException("--threshold '" + text
                        + "': expected METRIC OP VALUE, e.g. 'p99<200ms', 'errors<1%', 'rps>1000' (metrics: p50 p90 p95"
                        + " p99 p99.9 max mean, errors, rps)");
            }
            String metric = m.group(1);
            String unit = m.group(4);
            double value = Double.parseDouble(m.group(3));
            double limit;
            switch (metric) {
                case "p50", "p90", "p95", "p99", "p99.9", "p999", "max", "mean" -> {
                    if (unit == null || unit.equals("%")) {
                        throw new Failures.UsageException(
                                "--threshold '" + text + "': a latency needs a unit (us, ms, s, m)");
                    }
                    limit = value
                            * switch (unit) {
                                case "us", "µs" -> 1e3;
                                case "ms" -> 1e6;
                                case "s" -> 1e9;
                                default -> 60e9;
                            };
                }
                case "errors", "error_rate" -> {
                    if (unit != null && !unit.equals("%")) {
                        throw new Failures.UsageException(
                                "--threshold '" + text + "': an error rate is a percentage (errors<1%) or a fraction");
                    }
                    limit = unit == null ? value : value / 100;
                }
                case "rps", "throughput" -> {
                    if (unit != null) {
                        throw new Failures.UsageException(
                                "--threshold '" + text + "': a throughput is requests per second, without a unit");
                    }
                    limit = value;
                }
                default ->
                    throw new Failures.UsageException("--threshold '" + text + "': unknown metric " + metric
                            + " (metrics: p50 p90 p95 p99 p99.9 max mean, errors, rps)");
            }
            out.add(new Threshold(text, metric, m.group(2), limit));
        }
        return new Thresholds(out);
    }

    /** Evaluates every threshold on {@code report}. */
    public List<Outcome> evaluate(LoadReport report) {
        List<Outcome> out = new ArrayList<>();
        LatencyStats l = report.latency();
        boolean noResponse = responses(report) == 0;
        for (Threshold t : all) {
            if (noResponse) {
                out.add(new Outcome(t, false, "no response was received"));
                continue;
            }
            double actual;
            String shown;
            switch (t.metric()) {
                case "errors", "error_rate" -> {
                    actual = report.errorRate();
                    shown = String.format(Locale.ROOT, "%.2f%%", actual * 100);
                }
                case "rps", "throughput" -> {
                    actual = report.throughputPerSecond();
                    shown = String.format(Locale.ROOT, "%.1f/s", actual);
                }
                default -> {
                    actual = switch (t.metric()) {
                        case "p50" -> l.p50Nanos();
                        case "p90" -> l.p90Nanos();
                        case "p95" -> l.p95Nanos();
                        case "p99" -> l.p99Nanos();
                        case "p99.9", "p999" -> l.p999Nanos();
                        case "max" -> l.maxNanos();
                        default -> l.meanNanos();
                    };
                    shown = format(Duration.ofNanos((long) actual));
                }
            }
            out.add(new Outcome(t, t.holds(actual), shown));
        }
        return out;
    }

    /**
     * Requests that got an HTTP response (any status); failed connections and timeouts got none. Merged interval logs
     * carry no status codes: there, the requests that did not fail.
     */
    static long responses(LoadReport report) {
        long withStatus = report.total().statusCounts().values().stream()
                .mapToLong(Long::longValue)
                .sum();
        return Math.max(withStatus, report.total().requests() - report.total().errors());
    }

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.0fµs", nanos / 1e3);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }
}
