package io.backendkit.loadgen.internal;

import io.backendkit.core.Finding;
import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.ExpectationResult;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LatencyStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The self-contained HTML page of a {@link LoadReport}: summary figures, latency table, status codes,
 * bytes, a latency percentile curve and charts over time (throughput against the offered rate,
 * latency p50/p90/p99/max, throughput and p99 of the {@value #MAX_ENDPOINT_LINES} busiest endpoints,
 * active users or requests in flight, errors by kind, status codes, late and unsent arrivals, schedule lag,
 * bytes) as inline SVG with a hover title on every data point and an HTML legend under each chart, errors,
 * expectations and hints. Charts without data (no errors, a closed model, a merged report without
 * bytes) are left out. Two inline scripts (no source, no network): one checks in the browser that
 * every chart drew its data, that every dot has a title and that no label is clipped, and records the
 * result on the {@code <html>} element ({@code data-charts}, {@code data-drawn}, {@code data-hover},
 * {@code data-clipped}, {@code data-overflow}); the other draws a crosshair and a tooltip with the
 * values of the interval under the pointer. Readable from 360 px wide: charts scale, legends wrap,
 * wide tables scroll inside their box.
 */
public final class HtmlReport {

    private static final String[] COLOURS = {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"
    };
    /** Endpoints drawn in the per-endpoint charts; the others are named under them. */
    static final int MAX_ENDPOINT_LINES = 8;
    /** Status codes drawn in the status-codes chart; the others are summed into one line. */
    static final int MAX_STATUS_LINES = 6;
    /** At most this many hover dots per line; longer series get every n-th point. */
    private static final int MAX_DOTS = 600;

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
            + ".hint{color:#555}.more{color:#555;font-size:.85em;overflow-wrap:anywhere}"
            + ".legend{display:flex;flex-wrap:wrap;gap:.2em 1.1em;font-size:.85em;margin:-.2em 0 .6em}"
            + ".legend span{overflow-wrap:anywhere;min-width:0}"
            + ".legend i{display:inline-block;width:1.8em;border-top:2px solid;vertical-align:middle;margin-right:.35em}"
            + ".tip{position:fixed;z-index:9;pointer-events:none;background:#fff;border:1px solid #888;"
            + "border-radius:3px;padding:.25em .45em;font-size:.8em;white-space:pre;box-shadow:0 1px 4px #0003}"
            + "svg line.cross{stroke:#999;stroke-dasharray:3,3;pointer-events:none}"
            + "@media (max-width:600px){body{padding:0 .5em}td,th{padding:.2em .35em}table{font-size:.85em}"
            + "svg text{font-size:17px}}";

    /**
     * Runs in the browser after load: counts the charts, those whose every line drew a non-empty
     * path, labels that fall outside their chart, and whether the page is wider than the window.
     */
    private static final String SELF_CHECK = "(function(){var charts=document.querySelectorAll('svg.chart'),drawn=0,"
            + "clipped=0,hover=0,names=[];charts.forEach(function(svg){var lines=svg.querySelectorAll("
            + "'polyline'),ok=lines.length>0;lines.forEach(function(l){var b=l.getBBox();if(!(l.getTotalLength()>0||"
            + "b.width>0||b.height>0))ok=false;});if(ok)drawn++;var dots=svg.querySelectorAll('circle');if(dots.length>0&&svg.querySelectorAll('circle>title').length"
            + "===dots.length)hover++;svg.querySelectorAll('text').forEach(function(t){"
            + "var b=t.getBoundingClientRect(),o=svg.getBoundingClientRect();if(b.left<o.left-1||b.top<o.top-1||"
            + "b.right>o.right+1||b.bottom>o.bottom+1){clipped++;names.push(t.textContent);}});});var d=document.documentElement;d.setAttribute('data-charts',charts"
            + ".length);d.setAttribute('data-drawn',drawn);d.setAttribute('data-hover',hover);d.setAttribute('data-clipped',clipped);d.setAttribute('data-clipped-labels',names.join(' | '));d.setAttribute("
            + "'data-overflow',d.scrollWidth>d.clientWidth+1?'yes':'no');})();";

    /**
     * Runs in the browser: a crosshair and a tooltip with every value at the interval nearest the
     * pointer, or the tap on a phone (the dots' own titles). With {@code #selftest-hover} in the address it hovers the first
     * chart's first dot itself and records the tooltip text on {@code <html>} as {@code data-tip}.
     */
    private static final String TOOLTIP = "(function(){var tip=document.createElement('div');tip.className='tip';"
            + "tip.style.display='none';document.body.appendChild(tip);var ns='http://www.w3.org/2000/svg';"
            + "document.querySelectorAll('svg.chart').forEach(function(svg){var dots=Array.prototype.slice.call("
            + "svg.querySelectorAll('circle'));if(!dots.length)return;var cross=document.createElementNS(ns,'line');"
            + "cross.setAttribute('class','cross');cross.setAttribute('y1','" + TOP + "');cross.setAttribute('y2','"
            + (H - BOTTOM) + "');cross.style.display='none';svg.appendChild(cross);function off(){tip.style.display="
            + "'none';cross.style.display='none';}function move(ev){var m=svg.getScreenCTM();"
            + "if(!m)return;var p=svg.createSVGPoint();p.x=ev.clientX;p.y=ev.clientY;p=p.matrixTransform(m.inverse());"
            + "var best=null,bd=Infinity;dots.forEach(function(c){var d=Math.abs(c.cx.baseVal.value-p.x);if(d<bd){bd=d;"
            + "best=c.cx.baseVal.value;}});if(best===null||bd>25){off();return;}var text=[];dots.forEach(function(c){"
            + "if(Math.abs(c.cx.baseVal.value-best)<0.5){var t=c.querySelector('title');if(t)text.push(t.textContent);}});"
            + "cross.setAttribute('x1',best);cross.setAttribute('x2',best);cross.style.display='';tip.textContent="
            + "text.join('\\n');tip.style.display='block';var x=ev.clientX+14,y=ev.clientY+14;if(x+tip.offsetWidth>"
            + "window.innerWidth)x=Math.max(0,ev.clientX-14-tip.offsetWidth);if(y+tip.offsetHeight>window.innerHeight)"
            + "y=Math.max(0,ev.clientY-14-tip.offsetHeight);tip.style.left=x+'px';tip.style.top=y+'px';}svg.addEventListener('mousemove',move);"
            + "svg.addEventListener('click',move);svg.addEventListener('mouseleave',off);});if(location.hash==='#selftest-hover'){var c=document."
            + "querySelector('svg.chart circle');if(c){var b=c.getBoundingClientRect();c.ownerSVGElement.dispatchEvent("
            + "new MouseEvent('mousemove',{clientX:b.left+b.width/2,clientY:b.top+b.height/2,bubbles:true}));"
            + "document.documentElement.setAttribute('data-tip',tip.textContent);}}})();";

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
            overTime(h, r, open);
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
        h.append("<script>")
                .append(SELF_CHECK)
                .append("</script>\n<script>")
                .append(TOOLTIP)
                .append("</script>\n</body>\n</html>\n");
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
        List<EndpointStats> rest = List.of();
        if (r.endpoints().size() > 1) {
            List<EndpointStats> busiest = busiest(r.endpoints());
            int drawn = Math.min(MAX_ENDPOINT_LINES, busiest.size());
            shown.addAll(busiest.subList(0, drawn));
            rest = busiest.subList(drawn, busiest.size());
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
            polyline(svg, points, colour(s), dashed.get(s));
            for (double[] m : marks.get(s)) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %s ms</title></circle>",
                        x(Math.min(m[0], maxX), maxX),
                        y(m[1], maxY),
                        colour(s),
                        esc(names.get(s)),
                        m[2] >= 100 ? "max" : "p" + number(m[2]),
                        number(m[1])));
            }
        }
        svg.append("</svg>\n");
        List<Line> legend = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            legend.add(new Line(names.get(i), dashed.get(i), new double[0], null));
        }
        return svg.append(legend(legend)).append(notDrawn(rest)).toString();
    }

    /** The endpoints by requests, most first; those with as many keep their declaration order. */
    private static List<EndpointStats> busiest(List<EndpointStats> endpoints) {
        List<EndpointStats> sorted = new ArrayList<>(endpoints);
        sorted.sort(Comparator.comparingLong(EndpointStats::requests).reversed()); // a stable sort
        return sorted;
    }

    /** The line under a chart naming the endpoints it leaves out, or "". */
    private static String notDrawn(List<EndpointStats> rest) {
        if (rest.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder("<p class=\"more\">Not drawn (fewer requests): ");
        for (int i = 0; i < rest.size(); i++) {
            note.append(i == 0 ? "" : ", ").append(esc(rest.get(i).name()));
        }
        return note.append(".</p>\n").toString();
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

    /** One line of a chart: its name, style, a value per interval (NaN: no point) and optional hover texts. */
    private record Line(String name, boolean dashed, double[] values, String[] titles) {}

    /** The charts over time, each with its heading and legend; charts without data are left out. */
    private static void overTime(StringBuilder h, LoadReport r, boolean open) {
        List<IntervalStats> series = r.timeSeries();
        chart(h, "throughput over time", series, "req/s", throughputLines(series), "");
        chart(h, "latency over time", series, "ms", latencyLines(series), " ms");
        endpointCharts(h, r);
        chart(
                h,
                open ? "requests in flight over time" : "active users over time",
                series,
                open ? "in flight" : "users",
                List.of(new Line(
                        open ? "most in flight" : "most active users", false, values(series, i -> i.users()), null)),
                "");
        EnumSet<ErrorKind> kinds = EnumSet.noneOf(ErrorKind.class);
        series.forEach(i -> kinds.addAll(i.errorsByKind().keySet()));
        if (!kinds.isEmpty()) {
            List<Line> lines = new ArrayList<>();
            for (ErrorKind kind : kinds) {
                lines.add(new Line(
                        kind.name(), false, values(series, i -> i.errorsByKind().getOrDefault(kind, 0L)), null));
            }
            chart(h, "errors by kind over time", series, "errors per interval", lines, " errors");
        }
        List<Line> statusLines = statusLines(series);
        if (!statusLines.isEmpty()) {
            chart(h, "status codes over time", series, "responses per interval", statusLines, " responses");
        }
        if (open && Intervals.carriesSchedule(series)) {
            if (Intervals.carriesUnsent(r, series)) {
                chart(
                        h,
                        "late and unsent arrivals over time",
                        series,
                        "arrivals per interval",
                        List.of(
                                new Line(
                                        "late (waited for a connection or slot)",
                                        false,
                                        values(series, i -> i.late()),
                                        null),
                                new Line("dropped (in-flight limit)", false, values(series, i -> i.dropped()), null),
                                new Line("not started (run ended)", true, values(series, i -> i.notStarted()), null)),
                        "");
            }
            if (series.stream().anyMatch(i -> i.lagMaxNanos() > 0)) {
                chart(
                        h,
                        "schedule lag over time",
                        series,
                        "ms",
                        List.of(
                                new Line("lag p50", false, answered(series, i -> i.lagP50Nanos() / 1e6), null),
                                new Line("lag p99", false, answered(series, i -> i.lagP99Nanos() / 1e6), null),
                                new Line("lag max", true, answered(series, i -> i.lagMaxNanos() / 1e6), null)),
                        " ms");
            }
        }
        if (series.stream().anyMatch(i -> i.bytesReceived() > 0 || i.bytesSent() > 0)) {
            chart(
                    h,
                    "bytes over time",
                    series,
                    "MB/s",
                    List.of(
                            new Line("received (wire)", false, perSecond(series, i -> i.bytesReceived() / 1e6), null),
                            new Line("sent (wire)", true, perSecond(series, i -> i.bytesSent() / 1e6), null)),
                    " MB/s");
        }
    }

    /**
     * One line per HTTP status code of the series (the {@link #MAX_STATUS_LINES} most frequent, in code
     * order; the rest summed into one dashed line); empty when the series holds no status.
     */
    private static List<Line> statusLines(List<IntervalStats> series) {
        Map<String, Long> totals = new TreeMap<>();
        series.forEach(i -> i.statusCounts().forEach((code, n) -> totals.merge(code, n, Long::sum)));
        List<String> shown = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_STATUS_LINES)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        List<Line> lines = new ArrayList<>();
        for (String code : shown) {
            lines.add(new Line(code, false, values(series, i -> i.statusCounts().getOrDefault(code, 0L)), null));
        }
        if (totals.size() > shown.size()) {
            lines.add(new Line(
                    "other statuses",
                    true,
                    values(
                            series,
                            i -> i.statusCounts().entrySet().stream()
                                    .filter(e -> !shown.contains(e.getKey()))
                                    .mapToLong(Map.Entry::getValue)
                                    .sum()),
                    null));
        }
        return lines;
    }

    private static void chart(
            StringBuilder h, String title, List<IntervalStats> series, String unit, List<Line> lines, String suffix) {
        h.append("<h2>")
                .append(esc(title))
                .append("</h2>\n")
                .append(timeChart(title, series, unit, lines, suffix))
                .append(legend(lines));
    }

    private static double[] values(List<IntervalStats> series, ToDoubleFunction<IntervalStats> f) {
        return series.stream().mapToDouble(f).toArray();
    }

    /** The figure of intervals with completed requests; NaN (no point) for the others. */
    private static double[] answered(List<IntervalStats> series, ToDoubleFunction<IntervalStats> f) {
        return series.stream()
                .mapToDouble(i -> i.requests() == 0 ? Double.NaN : f.applyAsDouble(i))
                .toArray();
    }

    /** The figure per second of each interval; NaN for an interval of no length. */
    private static double[] perSecond(List<IntervalStats> series, ToDoubleFunction<IntervalStats> f) {
        return series.stream()
                .mapToDouble(
                        i -> i.durationMillis() == 0 ? Double.NaN : f.applyAsDouble(i) / (i.durationMillis() / 1000.0))
                .toArray();
    }

    private static List<Line> throughputLines(List<IntervalStats> series) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("completed req/s", false, values(series, IntervalStats::throughputPerSecond), null));
        if (series.stream().anyMatch(i -> i.errors() > 0)) {
            lines.add(new Line("errors/s", false, perSecond(series, i -> i.errors()), null));
        }
        if (series.stream().anyMatch(i -> i.offeredRatePerSecond() > 0)) {
            lines.add(new Line("offered req/s", true, values(series, IntervalStats::offeredRatePerSecond), null));
        }
        return lines;
    }

    private static List<Line> latencyLines(List<IntervalStats> series) {
        return List.of(
                new Line("p50", false, answered(series, i -> i.p50Nanos() / 1e6), null),
                new Line("p90", false, answered(series, i -> i.p90Nanos() / 1e6), null),
                new Line("p99", false, answered(series, i -> i.p99Nanos() / 1e6), null),
                new Line("max", true, answered(series, i -> i.maxNanos() / 1e6), null));
    }

    /**
     * Throughput and p99 latency per endpoint over time, a line for each of the {@value
     * #MAX_ENDPOINT_LINES} busiest endpoints (the others are named under the charts); left out for a
     * single endpoint, whose series is the run's.
     */
    private static void endpointCharts(StringBuilder h, LoadReport r) {
        int intervals = r.timeSeries().size();
        List<EndpointStats> busiest = busiest(r.endpoints().stream()
                .filter(e -> e.timeSeries().size() == intervals)
                .toList());
        if (r.endpoints().size() < 2 || busiest.isEmpty()) {
            return;
        }
        List<EndpointStats> drawn = busiest.subList(0, Math.min(MAX_ENDPOINT_LINES, busiest.size()));
        List<EndpointStats> rest = busiest.subList(drawn.size(), busiest.size());
        List<Line> throughput = new ArrayList<>();
        List<Line> latency = new ArrayList<>();
        for (EndpointStats e : drawn) {
            List<IntervalStats> s = e.timeSeries();
            String[] rates = new String[intervals];
            String[] latencies = new String[intervals];
            for (int j = 0; j < intervals; j++) {
                IntervalStats i = s.get(j);
                rates[j] = e.name() + ": " + number(i.throughputPerSecond()) + " req/s, "
                        + String.format(Locale.ROOT, "%,d requests, %,d errors", i.requests(), i.errors());
                latencies[j] = e.name() + ": p50 " + TextReport.ms(i.p50Nanos()) + ", p99 "
                        + TextReport.ms(i.p99Nanos()) + ", max " + TextReport.ms(i.maxNanos()) + " ms";
            }
            throughput.add(new Line(e.name(), false, values(s, IntervalStats::throughputPerSecond), rates));
            latency.add(new Line(e.name(), false, answered(s, i -> i.p99Nanos() / 1e6), latencies));
        }
        String note = notDrawn(rest);
        chart(h, "throughput by endpoint over time", r.timeSeries(), "req/s", throughput, "");
        h.append(note);
        chart(h, "latency p99 by endpoint over time", r.timeSeries(), "ms", latency, " ms");
        h.append(note);
    }

    /**
     * A chart over the intervals: one line per series (NaN values skipped), a dot with a hover title
     * ("2.5 s: p99 12.1 ms", or the line's own text for that interval) at every value, or at every
     * n-th of a long series.
     */
    private static String timeChart(
            String title, List<IntervalStats> series, String unit, List<Line> lines, String suffix) {
        double maxT = series.stream().mapToLong(IntervalStats::endMillis).max().orElse(0);
        double maxY = 0;
        for (Line l : lines) {
            for (double d : l.values()) {
                if (!Double.isNaN(d)) {
                    maxY = Math.max(maxY, d);
                }
            }
        }
        maxY = niceCeil(maxY);
        StringBuilder svg = openSvg(title);
        axes(svg, maxY, unit);
        timeAxis(svg, maxT);
        int step = Math.max(1, (series.size() + MAX_DOTS - 1) / MAX_DOTS);
        for (int s = 0; s < lines.size(); s++) {
            Line line = lines.get(s);
            StringBuilder points = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            double[] v = line.values();
            String colour = colour(s);
            int count = 0;
            double lastX = 0;
            double lastY = 0;
            for (int j = 0; j < v.length && j < series.size(); j++) {
                if (Double.isNaN(v[j])) {
                    continue;
                }
                IntervalStats i = series.get(j);
                double px = tx(i.startMillis() + i.durationMillis() / 2.0, maxT);
                double py = y(v[j], maxY);
                points.append(point(px, py));
                count++;
                lastX = px;
                lastY = py;
                if (j % step == 0 || j == v.length - 1) {
                    String text = line.titles() != null ? line.titles()[j] : line.name() + " " + number(v[j]) + suffix;
                    marks.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s s: %s</title></circle>",
                            px,
                            py,
                            colour,
                            seconds(i.endMillis() / 1000.0),
                            esc(text)));
                }
            }
            if (count == 1) {
                // a single point: a short dash, so that it shows as a line
                points.append(point(lastX - 3, lastY)).append(point(lastX + 3, lastY));
            }
            polyline(svg, points, colour, line.dashed());
            svg.append(marks);
        }
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
                    axisNumber(v)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">%s</text>",
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
                    seconds(t / 1000)));
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

    /** The legend under a chart, as HTML so that long names wrap instead of being clipped. */
    private static String legend(List<Line> lines) {
        StringBuilder l = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < lines.size(); i++) {
            l.append("<span><i style=\"border-top-color:")
                    .append(colour(i))
                    .append(lines.get(i).dashed() ? ";border-top-style:dashed" : "")
                    .append("\"></i>")
                    .append(esc(lines.get(i).name()))
                    .append("</span>");
        }
        return l.append("</div>\n").toString();
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
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

    /** Seconds for the time axis and hover titles: 0, 0.25, 1.5, 120. */
    static String seconds(double s) {
        if (s >= 100 || s == Math.rint(s)) {
            return String.format(Locale.ROOT, "%,.0f", s);
        }
        String text = String.format(Locale.ROOT, "%.2f", s);
        return text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
    }

    /** An axis label short enough for a phone: 2.5M, 250k, 1,000, 0.5. */
    static String axisNumber(double v) {
        if (Math.abs(v) >= 1e6) {
            return number(v / 1e6) + "M";
        }
        if (Math.abs(v) >= 1e4) {
            return number(v / 1e3) + "k";
        }
        return number(v);
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
