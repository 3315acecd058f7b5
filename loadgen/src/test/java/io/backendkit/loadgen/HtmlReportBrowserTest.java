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
                "--window-size=" + width + (width > 1000 ? ",3600" : ",900")));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Path out = dir.resolve("out-" + width + "-" + extra.length + ".txt");
        Path err = dir.resolve("err-" + width + "-" + extra.length + ".txt");
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
        assertThat(charts).isEqualTo(5); // percentile curve, throughput, latency, in flight, late requests
        for (int width : new int[] {360, 1280}) {
            Rendered r = render(browser, file, dir, width, "--dump-dom");
            assertThat(attribute(r.dom(), "data-charts")).isEqualTo(String.valueOf(charts));
            assertThat(attribute(r.dom(), "data-drawn"))
                    .as("charts that drew data")
                    .isEqualTo(String.valueOf(charts));
            assertThat(attribute(r.dom(), "data-clipped"))
                    .as("labels outside their chart: " + attribute(r.dom(), "data-clipped-labels"))
                    .isEqualTo("0");
            assertThat(attribute(r.dom(), "data-overflow"))
                    .as("page wider than a " + width + " px window")
                    .isEqualTo("no");
            assertThat(r.log()).as("console messages").doesNotContain("CONSOLE");
            // the status-code table as the browser parsed it
            assertThat(r.dom())
                    .contains("<h2>status codes</h2>")
                    .containsPattern("<td class=\"t\">GET /orders</td><td>200</td>")
                    .containsPattern("<td class=\"t\">GET /orders</td><td>500</td>")
                    .containsPattern(
                            "<td class=\"t\">GET /missing</td><td>404</td><td class=\"n\">[0-9,]+</td><td class=\"n\">100")
                    .contains("<h2>bytes</h2>", "schedule lag p50 / p99 / max ms", "99.999%", "<title>");
        }
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
}
