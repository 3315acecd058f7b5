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
 * The self-contained HTML page of a {@link LoadReport}: summary, percentile table, latency
 * percentile curve, throughput and latency over time (inline SVG), errors, expectations and hints.
 * No scripts, fonts or network access.
 */
public final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"
    };
    private static final int W = 760;
    private static final int H = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private HtmlReport() {}

    /** The page. */
    public static String render(LoadReport r) {
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>load test ")
                .append(esc(r.name()))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:60em}")
                .append(
                        "table{border-collapse:collapse;margin:1em 0}td,th{padding:.25em .6em;border-bottom:1px solid #ddd}")
                .append(
                        "td.n{text-align:right;font-variant-numeric:tabular-nums}th{text-align:left;background:#f4f4f4}")
                .append(".pass{color:#2a7d2a;font-weight:bold}.fail{color:#b00020;font-weight:bold}")
                .append("svg{background:#fff;border:1px solid #ddd;margin:.5em 0}svg text{font-size:11px;fill:#444}")
                .append(".hint{color:#555}\n</style>\n</head>\n<body>\n");
        EndpointStats t = r.total();
        h.append("<h1>load test ")
                .append(esc(r.name()))
                .append("</h1>\n<p>")
                .append(esc(r.settings().describe()))
                .append("<br>started ")
                .append(esc(String.valueOf(r.startedAt())))
                .append(", measured ")
                .append(String.format(Locale.ROOT, "%.3f s", r.measuredNanos() / 1e9))
                .append("</p>\n<p><b>")
                .append(String.format(Locale.ROOT, "%,d", t.requests()))
                .append("</b> requests, <b>")
                .append(String.format(Locale.ROOT, "%,.1f", t.throughputPerSecond()))
                .append("</b> req/s, <b>")
                .append(String.format(Locale.ROOT, "%,d", t.errors()))
                .append("</b> errors (")
                .append(TextReport.percent(t.errorRate()))
                .append(")");
        if (r.settings().model() == LoadModel.OPEN) {
            h.append(String.format(Locale.ROOT, ", %,d late, %,d dropped", r.lateRequests(), r.droppedRequests()));
        }
        h.append("</p>\n");
        percentileTable(h, r);
        h.append("<h2>latency by percentile</h2>\n").append(percentileCurve(r));
        if (!r.timeSeries().isEmpty()) {
            h.append("<h2>throughput over time</h2>\n").append(throughputChart(r.timeSeries()));
            h.append("<h2>latency over time</h2>\n").append(latencyChart(r.timeSeries()));
        }
        if (!r.errors().isEmpty()) {
            h.append(
                    "<h2>errors</h2>\n<table>\n<tr><th>endpoint</th><th>error</th><th>count</th><th>first message</th></tr>\n");
            for (ErrorStats e : r.errors()) {
                h.append("<tr><td>")
                        .append(esc(e.endpoint()))
                        .append("</td><td>")
                        .append(e.kind())
                        .append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%,d", e.count()))
                        .append("</td><td>")
                        .append(esc(e.firstMessage() == null ? "" : e.firstMessage()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!r.expectations().isEmpty()) {
            h.append("<h2>expectations</h2>\n<table>\n");
            for (ExpectationResult e : r.expectations()) {
                h.append("<tr><td class=\"")
                        .append(e.passed() ? "pass\">PASS" : "fail\">FAIL")
                        .append("</td><td>")
                        .append(esc(e.name()))
                        .append("</td><td>")
                        .append(esc(e.detail()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<Finding> hints = r.scalingHints();
        if (!hints.isEmpty()) {
            h.append(
                    "<h2>hints</h2>\n<p class=\"hint\">Derived from the numbers above; observations, not verdicts.</p>\n<ul>\n");
            for (Finding f : hints) {
                h.append("<li>").append(esc(f.message()));
                if (f.suggestedFix() != null) {
                    h.append(" → ").append(esc(f.suggestedFix()));
                }
                h.append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void percentileTable(StringBuilder h, LoadReport r) {
        h.append("<table>\n<tr><th>latency (ms)</th><th>requests</th><th>req/s</th><th>errors</th>")
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
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, EndpointStats e, LatencyStats l) {
        h.append("<tr><td>").append(esc(label)).append("</td>");
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
            dashed.add(false);
            if (e.serviceTime() != null) {
                names.add(e.name() + " service time");
                series.add(curve(e.serviceHistogram()));
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
        }
        legend(svg, names, dashed);
        return svg.append("</svg>\n").toString();
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
        double maxT =
                series.stream().mapToLong(IntervalStats::startMillis).max().orElse(0)
                        + series.get(series.size() - 1).durationMillis();
        double maxY = 0;
        for (IntervalStats i : series) {
            maxY = Math.max(maxY, Math.max(i.throughputPerSecond(), i.offeredRatePerSecond()));
        }
        maxY = niceCeil(maxY);
        StringBuilder svg = openSvg("throughput over time");
        axes(svg, maxY, "req/s");
        timeAxis(svg, maxT);
        StringBuilder done = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        StringBuilder offered = new StringBuilder();
        boolean anyOffered = false;
        boolean anyErrors = false;
        for (IntervalStats i : series) {
            double mid = i.startMillis() + i.durationMillis() / 2.0;
            double seconds = Math.max(i.durationMillis(), 1) / 1000.0;
            done.append(point(tx(mid, maxT), y(i.throughputPerSecond(), maxY)));
            errors.append(point(tx(mid, maxT), y(i.errors() / seconds, maxY)));
            offered.append(point(tx(mid, maxT), y(i.offeredRatePerSecond(), maxY)));
            anyOffered |= i.offeredRatePerSecond() > 0;
            anyErrors |= i.errors() > 0;
        }
        List<String> names = new ArrayList<>(List.of("completed req/s"));
        List<Boolean> dashed = new ArrayList<>(List.of(false));
        polyline(svg, done, COLOURS[0], false);
        if (anyErrors) {
            polyline(svg, errors, COLOURS[1], false);
            names.add("errors/s");
            dashed.add(false);
        }
        if (anyOffered) {
            polyline(svg, offered, COLOURS[2], true);
            names.add("offered req/s");
            dashed.add(true);
        }
        legend(svg, names, dashed);
        return svg.append("</svg>\n").toString();
    }

    private static String latencyChart(List<IntervalStats> series) {
        double maxT =
                series.stream().mapToLong(IntervalStats::startMillis).max().orElse(0)
                        + series.get(series.size() - 1).durationMillis();
        double maxY = niceCeil(
                series.stream().mapToLong(IntervalStats::p99Nanos).max().orElse(0) / 1e6);
        StringBuilder svg = openSvg("latency over time");
        axes(svg, maxY, "ms");
        timeAxis(svg, maxT);
        String[] names = {"p50", "p90", "p99"};
        for (int k = 0; k < 3; k++) {
            StringBuilder points = new StringBuilder();
            for (IntervalStats i : series) {
                if (i.requests() == 0) {
                    continue;
                }
                long v = k == 0 ? i.p50Nanos() : k == 1 ? i.p90Nanos() : i.p99Nanos();
                points.append(point(tx(i.startMillis() + i.durationMillis() / 2.0, maxT), y(v / 1e6, maxY)));
            }
            polyline(svg, points, COLOURS[k], false);
        }
        legend(svg, List.of(names), List.of(false, false, false));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder openSvg(String title) {
        return new StringBuilder(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>",
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
