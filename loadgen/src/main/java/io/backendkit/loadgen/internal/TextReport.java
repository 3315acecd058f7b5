package io.backendkit.loadgen.internal;

import io.backendkit.core.Finding;
import io.backendkit.core.TextTable;
import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.ExpectationResult;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LatencyStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The plain-text rendering of a {@link LoadReport}. */
public final class TextReport {

    private TextReport() {}

    /** The whole report as text; every line ends with a newline. */
    public static String render(LoadReport r) {
        StringBuilder out = new StringBuilder();
        EndpointStats t = r.total();
        out.append("load test ")
                .append(r.name())
                .append(": ")
                .append(r.settings().describe())
                .append('\n');
        out.append("started ")
                .append(r.startedAt())
                .append(", measured ")
                .append(String.format(Locale.ROOT, "%.3f s", r.measuredNanos() / 1e9))
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "requests %,d (%,.1f/s), errors %,d, error rate %s, warm-up requests %,d%n",
                t.requests(),
                t.throughputPerSecond(),
                t.errors(),
                percent(t.errorRate()),
                r.warmUpRequests()));
        out.append(String.format(
                Locale.ROOT,
                "answered %,d, no response %,d%s, re-sent %,d (first write found a reused connection closed)%n",
                t.responses(),
                t.noResponse(),
                noResponseKinds(r),
                t.retries()));
        if (r.settings().model() == LoadModel.OPEN && r.scheduledRequests() < 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "open model: schedule not recorded in the merged logs (written before they carried it): %,d sent,"
                            + " arrivals dropped or not started unknown%n",
                    t.requests()));
        } else if (r.settings().model() == LoadModel.OPEN) {
            out.append(String.format(
                    Locale.ROOT,
                    "open model: %,d due = %,d sent + %,d dropped (in-flight limit) + %,d not started (run ended);"
                            + " %,d late (waited for a free slot)%n",
                    r.scheduledRequests(),
                    t.requests(),
                    r.droppedRequests(),
                    r.notStartedRequests(),
                    r.lateRequests()));
            LatencyStats lag = r.scheduleLag();
            if (lag != null) {
                out.append(String.format(
                        Locale.ROOT,
                        "schedule lag (intended start to send, ms): p50 %s, p99 %s, max %s%n",
                        ms(lag.p50Nanos()),
                        ms(lag.p99Nanos()),
                        ms(lag.maxNanos())));
            }
        }
        if (r.cutOffRequests() > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "cut off at the end: %,d in-flight requests (CUT_OFF errors, latency a lower bound)%n",
                    r.cutOffRequests()));
        }
        if (t.bytesSent() > 0 || t.bytesReceived() > 0 || t.bodyBytesSent() > 0) {
            double seconds = r.measuredNanos() / 1e9;
            out.append(String.format(
                    Locale.ROOT,
                    "bytes sent %,d (%s MB/s; body %,d), received %,d (%s MB/s; body %,d)%n",
                    t.bytesSent(),
                    mbPerSecond(t.bytesSent(), seconds),
                    t.bodyBytesSent(),
                    t.bytesReceived(),
                    mbPerSecond(t.bytesReceived(), seconds),
                    t.bodyBytesReceived()));
        }
        out.append('\n').append(percentileTable(r));
        out.append(overTime(r));
        Map<String, Long> statuses = t.statusCounts();
        if (!statuses.isEmpty()) {
            List<String> parts = new ArrayList<>();
            statuses.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s: %,d", k, v)));
            out.append("\nstatus codes: ").append(String.join(", ", parts)).append('\n');
        }
        if (!r.errors().isEmpty()) {
            out.append("\nerrors\n").append(errorTable(r, null));
        }
        if (!r.expectations().isEmpty()) {
            TextTable.Builder expectations =
                    TextTable.builder("result", "expectation", "detail").maxColumnWidth(100);
            for (ExpectationResult e : r.expectations()) {
                expectations.row(e.passed() ? "PASS" : "FAIL", e.name(), e.detail());
            }
            out.append("\nexpectations\n").append(expectations.build().render());
        }
        List<Finding> hints = r.scalingHints();
        if (!hints.isEmpty()) {
            out.append("\nhints (derived from the numbers above; not verdicts)\n");
            for (Finding h : hints) {
                out.append("- ").append(h.message());
                if (h.suggestedFix() != null) {
                    out.append(" → ").append(h.suggestedFix());
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The error table of {@link #render}: endpoint, kind, count and first message, one row per kind;
     * only the rows of {@code endpoint} unless it is null; empty when there are no such errors.
     */
    public static String errorTable(LoadReport r, String endpoint) {
        TextTable.Builder errors = TextTable.builder("endpoint", "error", "count", "first message")
                .alignRight(2)
                .maxColumnWidth(100);
        boolean any = false;
        for (ErrorStats e : r.errors()) {
            if (endpoint == null || e.endpoint().equals(endpoint)) {
                errors.row(e.endpoint(), e.kind(), String.format(Locale.ROOT, "%,d", e.count()), e.firstMessage());
                any = true;
            }
        }
        return any ? errors.build().render() : "";
    }

    /** The latency percentile table (milliseconds): total, then each endpoint when there are several. */
    public static String percentileTable(LoadReport r) {
        TextTable.Builder table = TextTable.builder(
                        "latency (ms)",
                        "requests",
                        "req/s",
                        "errors",
                        "min",
                        "mean",
                        "p50",
                        "p90",
                        "p95",
                        "p99",
                        "p99.9",
                        "max")
                .alignRight(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        List<EndpointStats> rows = new ArrayList<>();
        rows.add(r.total());
        if (r.endpoints().size() > 1) {
            rows.addAll(r.endpoints());
        }
        for (EndpointStats e : rows) {
            addRow(table, e.name(), e, e.latency());
            if (e.serviceTime() != null) {
                addRow(table, e.name() + " (service time)", e, e.serviceTime());
            }
        }
        return table.build().render();
    }

    /**
     * The worst intervals of the run and of each endpoint (highest p99, most errors; in the open model the
     * highest schedule lag and most unsent arrivals), or "" without a series. The JSON and HTML reports
     * hold every interval.
     */
    static String overTime(LoadReport r) {
        List<IntervalStats> series = r.timeSeries();
        if (series.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%nover time: %d interval(s) of %,d ms (each one in the JSON and HTML reports)%n",
                series.size(),
                series.get(0).durationMillis()));
        TextTable.Builder table = TextTable.builder("series", "highest p99 (ms)", "at (s)", "most errors", "at (s)")
                .alignRight(1, 2, 3, 4);
        worst(table, "total", series);
        if (r.endpoints().size() > 1) {
            for (EndpointStats e : r.endpoints()) {
                worst(table, e.name(), e.timeSeries());
            }
        }
        out.append(table.build().render());
        if (r.settings().model() == LoadModel.OPEN && Intervals.carriesSchedule(series)) {
            IntervalStats lag = max(series, IntervalStats::lagP99Nanos);
            IntervalStats unsent = max(series, i -> i.dropped() + i.notStarted());
            long most = unsent.dropped() + unsent.notStarted();
            out.append(String.format(
                    Locale.ROOT,
                    "highest schedule lag p99 %s ms at %s s; %s%n",
                    ms(lag.lagP99Nanos()),
                    span(lag),
                    !Intervals.carriesUnsent(r, series)
                            ? "late and unsent arrivals per interval are not in the merged logs"
                            : most == 0
                                    ? "every due arrival was sent"
                                    : String.format(
                                            Locale.ROOT, "most arrivals never sent %,d at %s s", most, span(unsent))));
        }
        return out.toString();
    }

    private static void worst(TextTable.Builder table, String name, List<IntervalStats> series) {
        if (series.isEmpty()) {
            return;
        }
        IntervalStats p99 = max(series, IntervalStats::p99Nanos);
        IntervalStats errors = max(series, IntervalStats::errors);
        table.row(
                name,
                ms(p99.p99Nanos()),
                span(p99),
                String.format(Locale.ROOT, "%,d", errors.errors()),
                errors.errors() == 0 ? "-" : span(errors));
    }

    /** The first interval with the largest figure. */
    private static IntervalStats max(List<IntervalStats> series, java.util.function.ToLongFunction<IntervalStats> f) {
        IntervalStats best = series.get(0);
        for (IntervalStats i : series) {
            if (f.applyAsLong(i) > f.applyAsLong(best)) {
                best = i;
            }
        }
        return best;
    }

    private static String span(IntervalStats i) {
        return String.format(Locale.ROOT, "%.2f-%.2f", i.startMillis() / 1000.0, i.endMillis() / 1000.0);
    }

    private static void addRow(TextTable.Builder table, String label, EndpointStats e, LatencyStats l) {
        table.row(
                label,
                String.format(Locale.ROOT, "%,d", e.requests()),
                String.format(Locale.ROOT, "%,.1f", e.throughputPerSecond()),
                String.format(Locale.ROOT, "%,d", e.errors()),
                ms(l.minNanos()),
                ms(l.meanNanos()),
                ms(l.p50Nanos()),
                ms(l.p90Nanos()),
                ms(l.p95Nanos()),
                ms(l.p99Nanos()),
                ms(l.p999Nanos()),
                ms(l.maxNanos()));
    }

    private static String noResponseKinds(LoadReport r) {
        java.util.Map<String, Long> byKind = new java.util.LinkedHashMap<>();
        for (ErrorStats e : r.errors()) {
            if (e.kind().noResponse()) {
                byKind.merge(e.kind().name(), e.count(), Long::sum);
            }
        }
        if (byKind.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s %,d", k, v)));
        return " (" + String.join(", ", parts) + ")";
    }

    static String mbPerSecond(long bytes, double seconds) {
        return String.format(Locale.ROOT, "%.2f", seconds > 0 ? bytes / seconds / 1e6 : 0);
    }

    static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.3f%%", ratio * 100);
    }
}
