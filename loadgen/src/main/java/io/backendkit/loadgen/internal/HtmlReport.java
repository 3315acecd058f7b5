package io.backendkit.loadgen.internal;

import io.backendkit.core.Finding;
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
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The self-contained HTML page of a {@link LoadReport}: summary figures, latency table, status codes,
 * bytes, a latency percentile curve and charts over time (throughput against the offered rate,
 * latency p50/p90/p99/max, active users or requests in flight, late requests) as inline SVG with a
 * hover title on every data point, errors, expectations and hints. One inline script (no source,
 * no network) checks in the browser that every chart drew its data and that no label is clipped,
 * and records the result on the {@code <html>} element ({@code data-charts}, {@code data-drawn},
 * {@code data-clipped}, {@code data-overflow}). Readable from 360 px wide: charts scale, wide tables
 * scroll inside their box.
 */
public final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"
    };
    private static final int W = 760;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 50;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{font-family:system-ui,sans-serif;margin:1em auto;padding:0 1em;color:#222;max-width:64em}"
            + "h1{font-size:1.4em;overflow-wrap:anywhere}h2{font-size:1.15em;margin-top:1.6em}"
            + ".settings{color:#444;overflow-wrap:anywhere}"
            + ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5em,1fr));gap:.5em;margin:1em 0}"
            + ".card{border:1px solid #ddd;border-radius:4px;padding:.4em .6em}"
            + ".card b{display:block;font-size:1.2em;font-variant-numeric:tabular-nums}"
            + ".card span{color:#555;font-size:.85em}"
            + ".scroll{overflow-x:auto;max-width:100%}"
            + "table{border-collapse:collapse;margin:.5em 0;font-size:.92em}"
            + "td,th{padding:.25em .6em;border-bottom:1px solid #ddd;white-space:nowrap}"
            + "td.t{white-space:normal;overflow-wrap:anywhere;min-width:8em}"
            + "td.n{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left;background:#f4f4f4}"
            + ".pass{color:#2a7d2a;font-weight:bold}.fail{color:#b00020;font-weight:bold}"
            + "svg.chart{display:block;width:100%;max-width:760px;height:auto;background:#fff;border:1px solid #ddd;"
            + "margin:.5em 0}svg text{font-size:11px;fill:#444}svg circle{fill-opacity:.85}"
            + "svg circle:hover{stroke:#000;stroke-width:2}"
            + ".hint{color:#555}"
            + "@media (max-width:600px){body{padding:0 .5em}td,th{padding:.2em .35em}table{font-size:.85em}}";

    /**
     * Runs in the browser after load: counts the charts, those whose every line drew a non-empty
     * path, labels that fall outside their chart, and whether the page is wider than the window.
     */
    private static final String SELF_CHECK = "(function(){var charts=document.querySelectorAll('svg.chart'),drawn=0,"
            + "clipped=0,names=[];charts.forEach(function(svg){var lines=svg.querySelectorAll("
            + "'polyline'),ok=lines.length>0;lines.forEach(function(l){var b=l.getBBox();if(!(l.getTotalLength()>0||"
            + "b.width>0||b.height>0))ok=false;});if(ok)drawn++;svg.querySelectorAll('text').forEach(function(t){"
            + "var b=t.getBoundingClientRect(),o=svg.getBoundingClientRect();if(b.left<o.left-1||b.top<o.top-1||"
            + "b.right>o.right+1||b.bottom>o.bottom+1){clipped++;names.push(t.textContent);}});});var d=document.documentElement;d.setAttribute('data-charts',charts"
            + ".length);d.setAttribute('data-drawn',drawn);d.setAttribute('data-clipped',clipped);d.setAttribute('data-clipped-labels',names.join(' | '));d.setAttribute("
            + "'data-overflow',d.scrollWidth>d.clientWidth+1?'yes':'no');})();";

    private HtmlReport() {}

    /** The page. */
    public static String render(LoadReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>load test ")
                .append(esc(r.name()))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("\n</style>\n</head>\n<body>\n");
        EndpointStats t = r.total();
        boolean open = r.settings().model() == LoadModel.OPEN;
        h.append("<h1>load test ")
                .append(esc(r.name()))
                .append("</h1>\n<p class=\"settings\">")
                .append(esc(r.settings().describe()))
                .append("<br>started ")
                .append(esc(String.valueOf(r.startedAt())))
                .append(", measured ")
                .append(String.format(Locale.ROOT, "%.3f s", r.measuredNanos() / 1e9))
                .append(", ")
                .append(r.passed() ? "<span class=\"pass\">PASSED</span>" : "<span class=\"fail\">FAILED</span>")
                .append("</p>\n");
        summary(h, r, open);
        h.append("<h2>latency</h2>\n");
        percentileTable(h, r);
        h.append("<h2>latency by percentile</h2>\n").append(percentileCurve(r));
        if (!r.timeSeries().isEmpty()) {
            List<IntervalStats> series = r.timeSeries();
            h.append("<h2>throughput over time</h2>\n").append(throughputChart(series));
            h.append("<h2>latency over time</h2>\n").append(latencyChart(series));
            h.append(open ? "<h2>requests in flight over time</h2>\n" : "<h2>active users over time</h2>\n")
                    .append(timeChart(
                            open ? "requests in flight over time" : "active users over time",
                            series,
                            open ? "in flight" : "users",
                            List.of(open ? "most in flight" : "most active users"),
                            List.of(false),
                            List.of(series.stream()
                                    .mapToDouble(IntervalStats::users)
                                    .toArray()),
                            ""));
            if (open) {
                h.append("<h2>late requests over time</h2>\n")
                        .append(timeChart(
                                "late requests over time",
                                series,
                                "requests",
                                List.of("late (waited for a connection or slot)"),
                                List.of(false),
                                List.of(series.stream()
                                        .mapToDouble(IntervalStats::late)
                                        .toArray()),
                                ""));
            }
        }
        statusTable(h, r);
        bytesTable(h, r);
        if (!r.errors().isEmpty()) {
            h.append("<h2>errors by kind</h2>\n<div class=\"scroll\"><table>\n")
                    .append("<tr><th>endpoint</th><th>error</th><th>count</th><th>first message</th></tr>\n");
            for (ErrorStats e : r.errors()) {
                h.append("<tr><td class=\"t\">")
                        .append(esc(e.endpoint()))
                        .append("</td><td>")
                        .append(e.kind())
                        .append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%,d", e.count()))
                        .append("</td><td class=\"t\">")
                        .append(esc(e.firstMessage() == null ? "" : e.firstMessage()))
                        .append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        if (!r.expectations().isEmpty()) {
            h.append("<h2>expectations</h2>\n<div class=\"scroll\"><table>\n");
            for (ExpectationResult e : r.expectations()) {
                h.append("<tr><td class=\"")
                        .append(e.passed() ? "pass\">PASS" : "fail\">FAIL")
                        .append("</td><td class=\"t\">")
                        .append(esc(e.name()))
                        .append("</td><td class=\"t\">")
                        .append(esc(e.detail()))
                        .append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        List<Finding> hints = r.scalingHints();
        if (!hints.isEmpty()) {
            h.append("<h2>hints</h2>\n<p class=\"hint\">Derived from the numbers above; observations to check,"
                    + " not verdicts.</p>\n<ul>\n");
            for (Finding f : hints) {
                h.append("<li>").append(esc(f.message()));
                if (f.suggestedFix() != null) {
                    h.append(" → ").append(esc(f.suggestedFix()));
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<script>").append(SELF_CHECK).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, LoadReport r, boolean open) {
        EndpointStats t = r.total();
        double seconds = r.measuredNanos() / 1e9;
        h.append("<div class=\"cards\">");
        card(h, String.format(Locale.ROOT, "%,d", t.requests()), "requests");
        card(h, String.format(Locale.ROOT, "%,.1f", t.throughputPerSecond()), "completed req/s");
        card(h, String.format(Locale.ROOT, "%,d (%s)", t.errors(), TextReport.percent(t.errorRate())), "errors");
        card(h, String.format(Locale.ROOT, "%,d", t.noResponse()), "without a response");
        card(h, TextReport.ms(t.latency().p99Nanos()) + " ms", "latency p99");
        card(h, TextReport.ms(t.latency().maxNanos()) + " ms", "latency max");
        card(h, String.format(Locale.ROOT, "%,d", t.retries()), "re-sent (never written)");
        card(h, megabytes(t.bytesSent()) + " / " + megabytes(t.bytesReceived()), "MB sent / received");
        card(
                h,
                seconds > 0 ? String.format(Locale.ROOT, "%.2f", t.bytesReceived() / 1e6 / seconds) : "0",
                "MB/s received");
        if (open) {
            card(
                    h,
                    r.scheduledRequests() < 0
                            ? "not recorded"
                            : String.format(Locale.ROOT, "%,d", r.scheduledRequests()),
                    "arrivals due");
            card(h, String.format(Locale.ROOT, "%,d", r.lateRequests()), "late");
            card(h, String.format(Locale.ROOT, "%,d", r.droppedRequests()), "dropped (in-flight limit)");
            card(h, String.format(Locale.ROOT, "%,d", r.notStartedRequests()), "not started (run ended)");
            LatencyStats lag = r.scheduleLag();
            if (lag != null && lag.count() > 0) {
                card(
                        h,
                        TextReport.ms(lag.p50Nanos()) + " / " + TextReport.ms(lag.p99Nanos()) + " / "
                                + TextReport.ms(lag.maxNanos()),
                        "schedule lag p50 / p99 / max ms");
            }
        }
        card(h, String.format(Locale.ROOT, "%,d", r.cutOffRequests()), "cut off at the end");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>")
                .append(esc(value))
                .append("</b><span>")
                .append(esc(label))
                .append("</span></div>");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, bytes >= 10_000_000 ? "%,.0f" : "%.3f", bytes / 1e6);
    }

    private static List<EndpointStats> rows(LoadReport r) {
        List<EndpointStats> rows = new ArrayList<>();
        rows.add(r.total());
        if (r.endpoints().size() > 1) {
            rows.addAll(r.endpoints());
        }
        return rows;
    }

    private static void statusTable(StringBuilder h, LoadReport r) {
        h.append("<h2>status codes</h2>\n");
        List<EndpointStats> rows = rows(r);
        boolean any = rows.stream().anyMatch(e -> !e.statusCounts().isEmpty());
        if (!any) {
            h.append("<p>No HTTP status recorded (no response, an in-process target, or a merged report).</p>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"status\">\n")
                .append("<tr><th>endpoint</th><th>status</th><th>responses</th><th>share</th></tr>\n");
        for (EndpointStats e : rows) {
            long answered = e.statusCounts().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            for (java.util.Map.Entry<String, Long> s : e.statusCounts().entrySet()) {
                h.append("<tr><td class=\"t\">")
                        .append(esc(e.name()))
                        .append("</td><td>")
                        .append(esc(s.getKey()))
                        .append("</td>");
                cell(h, String.format(Locale.ROOT, "%,d", s.getValue()));
                cell(h, TextReport.percent(answered == 0 ? 0 : (double) s.getValue() / answered));
                h.append("</tr>\n");
            }
        }
        h.append("</table></div>\n");
    }

    private static void bytesTable(StringBuilder h, LoadReport r) {
        double seconds = r.measuredNanos() / 1e9;
        h.append("<h2>bytes</h2>\n<div class=\"scroll\"><table>\n")
                .append("<tr><th>endpoint</th><th>sent (wire)</th><th>received (wire)</th><th>body sent</th>")
                .append("<th>body received</th><th>MB/s received</th></tr>\n");
        for (EndpointStats e : rows(r)) {
            h.append("<tr><td class=\"t\">").append(esc(e.name())).append("</td>");
            cell(h, String.format(Locale.ROOT, "%,d", e.bytesSent()));
            cell(h, String.format(Locale.ROOT, "%,d", e.bytesReceived()));
            cell(h, String.format(Locale.ROOT, "%,d", e.bodyBytesSent()));
            cell(h, String.format(Locale.ROOT, "%,d", e.bodyBytesReceived()));
            cell(h, seconds > 0 ? String.format(Locale.ROOT, "%.3f", e.bytesReceived() / 1e6 / seconds) : "0");
            h.append("</tr>\n");
        }
        h.append("</table></div>\n");
    }

    private static void percentileTable(StringBuilder h, LoadReport r) {
        h.append(
                        "<div class=\"scroll\"><table>\n<tr><th>latency (ms)</th><th>requests</th><th>req/s</th><th>errors</th>")
                .append(
                        "<th>min</th><th>mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
        List<EndpointStats> rows = new ArrayList<>();
        rows.add(r.total());
        if (r.endpoints().size() > 1) {
            rows.addAll(r.endpoints());
        }
        for (EndpointStats e : rows) {
            row(h, e.name(), e, e.latency());
            if (e.serviceTime() != null) {
                row(h, e.name() + " (service time)", e, e.serviceTime());
            }
        }
        h.append("</table></div>\n");
    }

    private static void row(StringBuilder h, String label, EndpointStats e, LatencyStats l) {
        h.append("<tr><td class=\"t\">").append(esc(label)).append("</td>");
        cell(h, String.format(Locale.ROOT, "%,d", e.requests()));
        cell(h, String.format(Locale.ROOT, "%,.1f", e.throughputPerSecond()));
        cell(h, String.format(Locale.ROOT, "%,d", e.errors()));
        for (double v : new double[] {
            l.minNanos(),
            l.meanNanos(),
            l.p50Nanos(),
            l.p90Nanos(),
            l.p95Nanos(),
            l.p99Nanos(),
            l.p999Nanos(),
            l.maxNanos()
        }) {
            cell(h, TextReport.ms(v));
        }
        h.append("</tr>\n");
    }

    private static void cell(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(text).append("</td>");
    }

    /** Latency against percentile on the usual log axis: x = log10(1 / (1 - p)). */
    private static String percentileCurve(LoadReport r) {
        List<String> names = new ArrayList<>();
        List<double[][]> series = new ArrayList<>();
        List<Boolean> dashed = new ArrayList<>();
        List<double[][]> marks = new ArrayList<>();
        List<EndpointStats> shown = new ArrayList<>();
        shown.add(r.total());
        if (r.endpoints().size() > 1) {
            shown.addAll(r.endpoints());
        }
        for (EndpointStats e : shown) {
            if (e.latency().count() == 0) {
                continue;
            }
            names.add(e.name() + (e.serviceTime() != null ? " latency" : ""));
            series.add(curve(e.latencyHistogram()));
            marks.add(marks(e.latency()));
            dashed.add(false);
            if (e.serviceTime() != null) {
                names.add(e.name() + " service time");
                series.add(curve(e.serviceHistogram()));
                marks.add(marks(e.serviceTime()));
                dashed.add(true);
            }
        }
        double maxX = 5; // 99.999%
        double maxY = 0;
        for (double[][] s : series) {
            for (double[] p : s) {
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxY = niceCeil(maxY);
        StringBuilder svg = openSvg("latency by percentile");
        axes(svg, maxY, "ms");
        String[] labels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i <= 5; i++) {
            double x = x(i, maxX);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>",
                    x,
                    TOP,
                    x,
                    H - BOTTOM));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x,
                    H - BOTTOM + 15,
                    labels[i]));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>",
                (LEFT + W - RIGHT) / 2,
                H - 8));
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            for (double[] p : series.get(s)) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(Math.min(p[0], maxX), maxX), y(p[1], maxY)));
            }
            polyline(svg, points, COLOURS[s % COLOURS.length], dashed.get(s));
            for (double[] m : marks.get(s)) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s ms</title></circle>",
                        x(Math.min(m[0], maxX), maxX),
                        y(m[1], maxY),
                        COLOURS[s % COLOURS.length],
                        esc(names.get(s)),
                        m[2] >= 100 ? "max" : "p" + number(m[2]),
                        number(m[1])));
            }
        }
        legend(svg, names, dashed);
        return svg.append("</svg>\n").toString();
    }

    /** {x, ms, percentile} at p50, p90, p99, p99.9 and the maximum, for the hover dots. */
    private static double[][] marks(LatencyStats l) {
        return new double[][] {
            {Math.log10(2), l.p50Nanos() / 1e6, 50},
            {1, l.p90Nanos() / 1e6, 90},
            {2, l.p99Nanos() / 1e6, 99},
            {3, l.p999Nanos() / 1e6, 99.9},
            {5, l.maxNanos() / 1e6, 100}
        };
    }

    private static double[][] curve(Histogram histogram) {
        List<double[]> points = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo() / 100.0;
            if (p >= 1) {
                break;
            }
            points.add(new double[] {Math.log10(1 / (1 - p)), v.getValueIteratedTo() / 1e6});
        }
        points.add(new double[] {5, histogram.getMaxValue() / 1e6});
        return points.toArray(new double[0][]);
    }

    private static String throughputChart(List<IntervalStats> series) {
        List<String> names = new ArrayList<>(List.of("completed req/s"));
        List<Boolean> dashed = new ArrayList<>(List.of(false));
        List<double[]> values = new ArrayList<>();
        values.add(
                series.stream().mapToDouble(IntervalStats::throughputPerSecond).toArray());
        if (series.stream().anyMatch(i -> i.errors() > 0)) {
            names.add("errors/s");
            dashed.add(false);
            values.add(series.stream()
                    .mapToDouble(i -> i.errors() / (Math.max(i.durationMillis(), 1) / 1000.0))
                    .toArray());
        }
        if (series.stream().anyMatch(i -> i.offeredRatePerSecond() > 0)) {
            names.add("offered req/s");
            dashed.add(true);
            values.add(series.stream()
                    .mapToDouble(IntervalStats::offeredRatePerSecond)
                    .toArray());
        }
        return timeChart("throughput over time", series, "req/s", names, dashed, values, "");
    }

    private static String latencyChart(List<IntervalStats> series) {
        List<double[]> values = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            double[] v = new double[series.size()];
            for (int j = 0; j < v.length; j++) {
                IntervalStats i = series.get(j);
                long nanos = k == 0 ? i.p50Nanos() : k == 1 ? i.p90Nanos() : k == 2 ? i.p99Nanos() : i.maxNanos();
                v[j] = i.requests() == 0 ? Double.NaN : nanos / 1e6;
            }
            values.add(v);
        }
        return timeChart(
                "latency over time",
                series,
                "ms",
                List.of("p50", "p90", "p99", "max"),
                List.of(false, false, false, true),
                values,
                " ms");
    }

    /**
     * A chart over the intervals: one line per series (NaN values skipped), a dot with a hover title
     * ("2.5 s: p99 12.1 ms") at every value.
     */
    private static String timeChart(
            String title,
            List<IntervalStats> series,
            String unit,
            List<String> names,
            List<Boolean> dashed,
            List<double[]> values,
            String suffix) {
        double maxT =
                series.stream().mapToLong(IntervalStats::startMillis).max().orElse(0)
                        + series.get(series.size() - 1).durationMillis();
        double maxY = 0;
        for (double[] v : values) {
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    maxY = Math.max(maxY, d);
                }
            }
        }
        maxY = niceCeil(maxY);
        StringBuilder svg = openSvg(title);
        axes(svg, maxY, unit);
        timeAxis(svg, maxT);
        boolean dots = series.size() <= 600;
        for (int s = 0; s < values.size(); s++) {
            StringBuilder points = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            double[] v = values.get(s);
            String colour = COLOURS[s % COLOURS.length];
            for (int j = 0; j < v.length; j++) {
                if (Double.isNaN(v[j])) {
                    continue;
                }
                IntervalStats i = series.get(j);
                double px = tx(i.startMillis() + i.durationMillis() / 2.0, maxT);
                double py = y(v[j], maxY);
                points.append(point(px, py));
                if (dots) {
                    marks.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s s: %s %s%s</title></circle>",
                            px,
                            py,
                            colour,
                            number((i.startMillis() + i.durationMillis()) / 1000.0),
                            esc(names.get(s)),
                            number(v[j]),
                            suffix));
                }
            }
            polyline(svg, points, colour, dashed.get(s));
            svg.append(marks);
        }
        legend(svg, names, dashed);
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder openSvg(String title) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>",
                W,
                H,
                W,
                H,
                esc(title)));
    }

    private static void axes(StringBuilder svg, double maxY, String unit) {
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LEFT,
                H - BOTTOM,
                W - RIGHT,
                H - BOTTOM));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LEFT,
                TOP,
                LEFT,
                H - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = y(v, maxY);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    LEFT,
                    y,
                    W - RIGHT,
                    y));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 5,
                    y + 4,
                    number(v)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s</text>",
                (TOP + H - BOTTOM) / 2,
                (TOP + H - BOTTOM) / 2,
                esc(unit)));
    }

    private static void timeAxis(StringBuilder svg, double maxMillis) {
        for (int i = 0; i <= 5; i++) {
            double t = maxMillis * i / 5;
            double x = tx(t, maxMillis);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>",
                    x,
                    H - BOTTOM + 15,
                    number(t / 1000)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time after warm-up</text>",
                (LEFT + W - RIGHT) / 2,
                H - 8));
    }

    private static void polyline(StringBuilder svg, CharSequence points, String colour, boolean dashed) {
        if (points.length() == 0) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1.6\"")
                .append(dashed ? " stroke-dasharray=\"5,3\"" : "")
                .append(" points=\"")
                .append(points.toString().strip())
                .append("\"/>");
    }

    private static void legend(StringBuilder svg, List<String> names, List<Boolean> dashed) {
        for (int i = 0; i < names.size(); i++) {
            int y = TOP + 10 + i * 14;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
                    LEFT + 10,
                    y - 4,
                    LEFT + 30,
                    y - 4,
                    COLOURS[i % COLOURS.length],
                    dashed.get(i) ? " stroke-dasharray=\"5,3\"" : ""));
            svg.append(
                    String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LEFT + 35, y, esc(names.get(i))));
        }
    }

    private static String point(double x, double y) {
        return String.format(Locale.ROOT, "%.1f,%.1f ", x, y);
    }

    private static double x(double logValue, double maxX) {
        return LEFT + (W - LEFT - RIGHT) * logValue / maxX;
    }

    private static double tx(double millis, double maxMillis) {
        return LEFT + (W - LEFT - RIGHT) * (maxMillis <= 0 ? 0 : millis / maxMillis);
    }

    private static double y(double value, double maxY) {
        return H - BOTTOM - (H - TOP - BOTTOM) * (maxY <= 0 ? 0 : Math.min(value, maxY) / maxY);
    }

    /** The next of 1, 2, 2.5, 5 × 10^n at or above {@code v} (1 for 0). */
    static double niceCeil(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double exp = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= v) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v < 1 ? "%.3f" : "%.1f", v);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
