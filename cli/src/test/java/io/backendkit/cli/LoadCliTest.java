package io.backendkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backendkit load} run as its own process against a server on 127.0.0.1. */
class LoadCliTest {

    static HttpServer server;
    static final AtomicLong RECEIVED = new AtomicLong();
    static final AtomicLong POSTS_WITH_AUTH = new AtomicLong();
    static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            RECEIVED.incrementAndGet();
            byte[] in = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST")
                    && "Bearer t0k".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                    && new String(in, StandardCharsets.UTF_8).equals("{\"a\":1}")) {
                POSTS_WITH_AUTH.incrementAndGet();
            }
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aPassingThresholdPrintsTheReportAndExitsZero() throws Exception {
        CliProcess.Result r = CliProcess.run(
                dir,
                60,
                "load",
                base + "/",
                "--concurrency",
                "50",
                "--duration",
                "2s",
                "--threshold",
                "p99<500ms",
                "--threshold",
                "errors<1%");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains("p99")
                .contains("PASS threshold p99<500ms")
                .contains("PASS threshold errors<1%");
    }

    @Test
    void aFailingThresholdExitsOneAndSaysWhichAndTheActualValue() throws Exception {
        CliProcess.Result r = CliProcess.run(
                dir,
                60,
                "load",
                base + "/",
                "--users",
                "5",
                "--requests",
                "200",
                "--threshold",
                "p50<1us",
                "--threshold",
                "rps>1");

        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stdout())
                .containsPattern("FAIL threshold p50<1us \\(actual [0-9.]+(µs|ms)\\)")
                .contains("PASS threshold rps>1");
    }

    @Test
    void requestsFlagSendsExactlyThatManyAndHeadersAndBodiesReachEveryEndpoint() throws Exception {
        long before = POSTS_WITH_AUTH.get();
        Path bodyFile = dir.resolve("body.json");
        Files.writeString(bodyFile, "{\"a\":1}");
        CliProcess.Result r = CliProcess.run(
                dir,
                60,
                "load",
                "--endpoint",
                "POST " + base + "/items body=@" + bodyFile,
                "--header",
                "Authorization: Bearer t0k",
                "--users",
                "4",
                "--requests",
                "300",
                "--format",
                "json",
                "--save",
                "r.json",
                "--quiet");

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(POSTS_WITH_AUTH.get() - before).isEqualTo(300);
        String json = Files.readString(dir.resolve("r.json"));
        assertThat(json).contains("\"requests\" : 300");
        assertThat(r.stdout()).contains("report written to r.json");
    }

    @Test
    void anUnreachableTargetExitsThreeWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliProcess.Result r = CliProcess.run(
                dir,
                60,
                "load",
                "http://127.0.0.1:" + port + "/",
                "--users",
                "2",
                "--duration",
                "1s",
                "--threshold",
                "p99<1s",
                "--quiet");

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).contains("FAIL threshold p99<1s (actual no response was received)");
        assertThat(r.stderr()).contains("backendkit: http://127.0.0.1:" + port + "/: unreachable");
        assertThat(r.stderr()).doesNotContain("\tat ");
    }

    @Test
    void badFlagsAreUsageErrorsOnOneLine() throws Exception {
        CliProcess.Result unknown = CliProcess.run(dir, 30, "load", base, "--concurrenc", "5");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("backendkit: Unknown option").contains("'--concurrenc'");

        CliProcess.Result both = CliProcess.run(dir, 30, "load", base, "--users", "5", "--rate", "10");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.stderr().strip().lines())
                .first()
                .asString()
                .isEqualTo("backendkit: load: --concurrency/--users (closed model) and --rate (open model) exclude each"
                        + " other");

        CliProcess.Result threshold = CliProcess.run(dir, 30, "load", base, "--threshold", "p99<fast");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.stderr()).contains("--threshold 'p99<fast': expected METRIC OP VALUE");
        assertThat(threshold.stderr()).doesNotContain("\tat ");
    }

    @Test
    void shardsMergeToTheCountsAndPercentilesOfOneProcessAtTheSameTotalRate() throws Exception {
        String start = java.time.Instant.now()
                // three JVMs start at once on a 2-core machine: 2 s of lead time was sometimes too little, and
                // a shard that starts after its first due arrivals sends fewer than its share
                .plusSeconds(7)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Process[] shards = new Process[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = new ProcessBuilder(
                            CliProcess.launcher().toString(),
                            "load",
                            base + "/slow",
                            "--rate",
                            "300",
                            "--duration",
                            "3s",
                            "--shard",
                            i + "/3",
                            "--start-at",
                            start,
                            "--hlog",
                            "shard-" + i + ".hlog",
                            "--quiet")
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("shard-" + i + ".out").toFile())
                    .redirectError(dir.resolve("shard-" + i + ".err").toFile())
                    .start();
        }
        for (Process p : shards) {
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        CliProcess.Result merged = CliProcess.run(
                dir,
                60,
                "load",
                "merge",
                "shard-0.hlog",
                "shard-1.hlog",
                "shard-2.hlog",
                "--format",
                "json",
                "--save",
                "merged.json",
                "--threshold",
                "p50<1s");
        CliProcess.Result single = CliProcess.run(
                dir,
                60,
                "load",
                base + "/slow",
                "--rate",
                "300",
                "--duration",
                "3s",
                "--format",
                "json",
                "--save",
                "single.json",
                "--quiet");

        assertThat(merged.exitCode()).as(merged.stdout() + merged.stderr()).isZero();
        assertThat(single.exitCode()).as(single.stderr()).isZero();
        var mergedReport = io.backendkit.loadgen.LoadReport.readJson(dir.resolve("merged.json"));
        var singleReport = io.backendkit.loadgen.LoadReport.readJson(dir.resolve("single.json"));
        // 300/s for 3 s: 900 on the schedule, split 100/s per shard
        assertThat(singleReport.total().requests()).isBetween(880L, 905L);
        assertThat(mergedReport.total().requests()).isBetween(880L, 905L);
        // a shard may end with a request still in flight on a loaded machine (counted as CUT_OFF, at most one
        // per shard); any other error is a real failure
        assertThat(mergedReport.errors())
                .as("merged errors")
                .allSatisfy(e -> assertThat(e.kind()).isEqualTo(io.backendkit.loadgen.ErrorKind.CUT_OFF));
        assertThat(mergedReport.total().errors())
                .as("merged errors %s", mergedReport.errors())
                .isLessThanOrEqualTo(3);
        // the server sleeps 5 ms per request: the medians of both runs sit just above it
        assertThat(mergedReport.latency().p50Nanos()).isBetween(5_000_000L, 60_000_000L);
        assertThat(singleReport.latency().p50Nanos()).isBetween(5_000_000L, 60_000_000L);
        assertThat(merged.stdout()).contains("PASS threshold p50<1s");
    }
}
