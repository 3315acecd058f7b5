package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the HTML report in real headless Chromium (Debian's {@code chromium}; {@code .ci/run}
 * installs it) at phone and desktop widths. The page's own check, run by the browser, records on
 * {@code <html>} how many charts drew data, how many labels fall outside their chart and whether the
 * page is wider than the window. Without Chromium the test is skipped, except under
 * BACKENDKIT_REQUIRE_DBS=1 (CI), where it fails.
 */
class HtmlReportBrowserTest {

    static LoadReport report;

    @BeforeAll
    static void run() {
        AtomicLong n = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            String path = ex.getRequestURI().getPath();
            TestServers.reply(ex, path.equals("/missing") ? 404 : n.incrementAndGet() % 10 == 0 ? 500 : 200, "ok");
        })) {
            report = LoadTest.http()
                    .name("browser check <open model> with a rather long name that has to wrap on a phone")
                    .get(server.uri("/orders?page=1"))
                    .endpointName("GET /orders")
                    .weight(3)
                    .get(server.uri("/missing"))
                    .expectStatus(404)
                    .post(server.uri("/orders"))
                    .body("{\"id\":1}")
                    .arrivalRate(200)
                    .duration(ofMillis(1500))
                    .sampleInterval(ofMillis(250))
                    .progress(ProgressListener.none())
                    .run();
        }
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        if ("1".equals(System.getenv("BACKENDKIT_REQUIRE_DBS"))) {
            throw new AssertionError("chromium is not installed but BACKENDKIT_REQUIRE_DBS=1 needs the browser test:"
                    + " apt-get install chromium (.ci/run does this)");
        }
        Assumptions.abort("chromium is not installed (apt-get install chromium); browser test skipped");
        return null;
    }

    private record Rendered(String dom, String log) {}

    private static Rendered render(String browser, Path html, Path dir, int width, String... extra)
            throws IOException, InterruptedException {
        return render(browser, html.toUri().toString(), dir, width, extra);
    }

    private static Rendered render(String browser, String url, Path dir, int width, String... extra)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile-");
        List<String> cmd = new ArrayList<>(List.of(
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile,
                "--window-size=" + width + (width > 1000 ? ",7000" : ",6000")));
        cmd.addAll(List.of(extra));
        cmd.add(url);
        String run = width + "-" + extra.length + "-" + Integer.toHexString(url.hashCode());
        Path out = dir.resolve("out-" + run + ".txt");
        Path err = dir.resolve("err-" + run + ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; its log:\n" + log).isZero();
        return new Rendered(Files.readString(out, StandardCharsets.UTF_8), log);
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile("<html[^>]*\\s" + name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find())
                .as("the page's check set " + name + " on <html>; DOM starts: "
                        + dom.substring(0, Math.min(400, dom.length())))
                .isTrue();
        return m.group(1);
    }

    @Test
    void theReportDrawsEveryChartWithoutClippingOrConsoleErrorsFromPhoneToDesktop(@TempDir Path dir) throws Exception {
        String browser = chromium();
        String html = report.toHtml();
        Path file = dir.resolve("report.html");
        Files.writeString(file, html);
        int charts = html.split("<svg class=\"chart\"", -1).length - 1;
        // percentile curve; throughput, latency, throughput and latency by endpoint, in flight, errors by
        // kind, status codes, late and unsent arrivals, schedule lag, bytes over time
        assertThat(charts).isEqualTo(11);
        assertThat(html)
                .contains(
                        "throughput by endpoint over time",
                        "latency p99 by endpoint over time",
                        "errors by kind over time",
                        "status codes over time",
                        "late and unsent arrivals over time",
                        "schedule lag over time",
                        "bytes over time")
                .contains(
                        "<div class=\"legend\">", "<span><i style=\"border-top-color:#1f77b4\"></i>GET /orders</span>")
                .containsPattern("<title>[0-9.]+ s: GET /missing: p50 [0-9.]+, p99 [0-9.]+, max [0-9.]+ ms</title>")
                .containsPattern("<title>[0-9.]+ s: HTTP_5XX [0-9]+ errors</title>")
                .containsPattern("<title>[0-9.]+ s: 404 [0-9]+ responses</title>")
                .containsPattern("<title>[0-9.]+ s: 500 [0-9]+ responses</title>");
        for (int width : new int[] {360, 1280}) {
            Rendered r = render(browser, file, dir, width, "--dump-dom");
            assertDrawnAndClean(r, charts, width);
            assertThat(attribute(r.dom(), "data-hover"))
                    .as("charts whose every dot has a hover title")
                    .isEqualTo(String.valueOf(charts));
            // the status-code table as the browser parsed it
            assertThat(r.dom())
                    .contains("<h2>status codes</h2>")
                    .containsPattern("<td class=\"t\">GET /orders</td><td>200</td>")
                    .containsPattern("<td class=\"t\">GET /orders</td><td>500</td>")
                    .containsPattern(
                            "<td class=\"t\">GET /missing</td><td>404</td><td class=\"n\">[0-9,]+</td><td class=\"n\">100")
                    .contains("<h2>bytes</h2>", "schedule lag p50 / p99 / max ms", "99.999%", "<title>");
        }
        // the tooltip script shows the values of the interval under the pointer
        Rendered hovered = render(browser, file.toUri() + "#selftest-hover", dir, 1280, "--dump-dom");
        assertThat(hovered.log()).as("console messages").doesNotContain("CONSOLE");
        assertThat(attribute(hovered.dom(), "data-tip"))
                .startsWith("total latency p50: ")
                .contains("GET /orders latency p50: ", " ms");
        // pictures for people (target/html-report/), and proof that the screenshot path works too
        Path keep = Files.createDirectories(Path.of("target", "html-report"));
        Files.writeString(keep.resolve("report.html"), html);
        for (int width : new int[] {360, 1280}) {
            Path png = dir.resolve("report-" + width + ".png");
            render(browser, file, dir, width, "--screenshot=" + png, "--hide-scrollbars");
            assertThat(Files.size(png)).isGreaterThan(10_000);
            Files.copy(png, keep.resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void assertDrawnAndClean(Rendered r, int charts, int width) {
        assertThat(attribute(r.dom(), "data-charts")).isEqualTo(String.valueOf(charts));
        assertThat(attribute(r.dom(), "data-drawn")).as("charts that drew data").isEqualTo(String.valueOf(charts));
        assertThat(attribute(r.dom(), "data-clipped"))
                .as("labels outside their chart: " + attribute(r.dom(), "data-clipped-labels"))
                .isEqualTo("0");
        assertThat(attribute(r.dom(), "data-overflow"))
                .as("page wider than a " + width + " px window")
                .isEqualTo("no");
        assertThat(r.log()).as("console messages").doesNotContain("CONSOLE");
    }

    @Test
    void hostileEndpointNamesAreEscapedInLegendsTitlesAndTablesAndTheBusiestEightAreDrawn(@TempDir Path dir)
            throws Exception {
        // GIVEN ten in-process endpoints, some with names that are markup, quotes or very long
        String script = "<script>document.title='owned'</script>";
        String quotes = "\"double\" & 'single' </title></svg>";
        String longName = "a-rather-long-endpoint-name-without-any-space-".repeat(4);
        var test = LoadTest.of("task 10", () -> 0)
                .and(script, 10, () -> 1)
                .and(quotes, 9, () -> 2)
                .and(longName, 8, () -> 3);
        for (int i = 4; i <= 9; i++) {
            test = test.and("task " + i, 11 - i, () -> 4);
        }
        LoadReport r = test.concurrency(4)
                .duration(ofMillis(900))
                .sampleInterval(ofMillis(150))
                .progress(ProgressListener.none())
                .run();
        String html = r.toHtml();

        // THEN no name reaches the page unescaped, in legends, hover titles or tables
        assertThat(html)
                .doesNotContain(script, quotes, "<script>document")
                .contains("<span><i style=\"border-top-color:#1f77b4\"></i>&lt;script&gt;document.title=&#39;owned&#39;"
                        + "&lt;/script&gt;</span>")
                .contains("s: &lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;: p50 ")
                .contains("&quot;double&quot; &amp; &#39;single&#39; &lt;/title&gt;&lt;/svg&gt;")
                .containsPattern("<p class=\"more\">Not drawn \\(fewer requests\\): task (9|10), task (9|10)\\.</p>");
        // under the percentile curve and the two per-endpoint charts
        assertThat(html.split("Not drawn \\(fewer requests\\)", -1)).hasSize(4);
        assertThat(html.split("<script>", -1)).hasSize(3); // the page's own two
        Path file = dir.resolve("hostile.html");
        Files.writeString(file, html);
        Files.writeString(
                Files.createDirectories(Path.of("target", "html-report")).resolve("hostile-names.html"), html);
        String browser = chromium();
        int charts = html.split("<svg class=\"chart\"", -1).length - 1;
        for (int width : new int[] {360, 1280}) {
            Rendered rendered = render(browser, file, dir, width, "--dump-dom");
            assertDrawnAndClean(rendered, charts, width);
            assertThat(rendered.dom()).contains("<title>load test ").doesNotContain("<title>owned</title>");
            assertThat(rendered.dom().split("<script>", -1)).hasSize(3);
        }
    }
}
