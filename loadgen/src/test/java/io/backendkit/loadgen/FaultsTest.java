package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void connectionRefusedIsCountedNotThrown() {
        int port = TestServers.closedPort();
        long start = System.nanoTime();
        LoadReport r = LoadTest.http()
                .get("http://127.0.0.1:" + port + "/")
                .concurrency(2)
                .thinkTime(ofMillis(5))
                .duration(ofMillis(500))
                .progress(ProgressListener.none())
                .run();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        assertThat(r.total().requests()).isPositive();
        assertThat(r.total().errors()).isEqualTo(r.total().requests());
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONNECT_REFUSED);
            assertThat(e.firstMessage()).containsIgnoringCase("refused").contains("GET /");
        });
        assertThat(r.toText()).contains("CONNECT_REFUSED");
    }

    @Test
    void aServerClosingConnectionsMidResponseGivesResetErrors() {
        try (var server = new TestServers.Raw((socket, in, out) -> {
            if (TestServers.readRequest(in)) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(2)
                    .requests(40)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().requests()).isEqualTo(40);
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONNECTION_RESET);
                assertThat(e.count()).isEqualTo(40);
                assertThat(e.firstMessage()).contains("10 of 1000 body bytes");
            });
        }
    }

    @Test
    void aFullAcceptQueueGivesConnectTimeouts() throws Exception {
        // a listener that never accepts, with a backlog of 1: once the queue is full the kernel drops
        // further SYNs, so those connections time out while connecting
        try (java.net.ServerSocket stuck = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            LoadReport r = LoadTest.http()
                    .get("http://127.0.0.1:" + stuck.getLocalPort() + "/")
                    .concurrency(6)
                    .connectTimeout(ofMillis(200))
                    .requestTimeout(ofMillis(400))
                    .duration(ofMillis(1000))
                    .drainTimeout(ofMillis(200))
                    .progress(ProgressListener.none())
                    .run();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(4.0);
            assertThat(r.errors()).extracting(ErrorStats::kind).contains(ErrorKind.CONNECT_TIMEOUT);
            assertThat(r.errors()).extracting(ErrorStats::kind).doesNotContain(ErrorKind.CONNECT_REFUSED);
            assertThat(r.total().errors()).isEqualTo(r.total().requests()).isPositive();
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndTheRunEndsOnTime() {
        try (var server = new TestServers.Raw((socket, in, out) -> {
            while (TestServers.readRequest(in)) {
                Thread.sleep(60_000);
            }
        })) {
            long start = System.nanoTime();
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(3)
                    .requestTimeout(ofMillis(300))
                    .duration(ofMillis(1000))
                    .drainTimeout(ofMillis(200))
                    .progress(ProgressListener.none())
                    .run();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).isLessThan(3.0);
            // timeouts, and the requests still waiting at the end are cut off; each counts as an error
            assertThat(r.errors()).extracting(ErrorStats::kind).contains(ErrorKind.READ_TIMEOUT);
            assertThat(r.errors())
                    .extracting(ErrorStats::kind)
                    .containsAnyOf(ErrorKind.READ_TIMEOUT, ErrorKind.CUT_OFF)
                    .doesNotContain(ErrorKind.CONNECTION_RESET);
            // every request lasts at least the 300 ms timeout, so a user sends at most 4 in the second (at
            // 0, 300, 600, 900 ms); how many fewer depends on how late a busy machine notices each timeout
            assertThat(r.total().errors()).isEqualTo(r.total().requests()).isBetween(3L, 12L);
            assertThat(r.errors())
                    .filteredOn(e -> e.kind() == ErrorKind.READ_TIMEOUT)
                    .singleElement()
                    .satisfies(
                            e -> assertThat(e.count()).as("each user timed out").isGreaterThanOrEqualTo(3));
            assertThat(r.total().responses()).isZero();
            assertThat(r.passed()).isFalse();
            // most requests are timeouts: the median is the timeout, noticed within a few watchdog periods
            // (without the timeout every request would wait to the end of the run and be cut off at 1.2 s)
            assertThat(r.total().latency().p50()).isBetween(ofMillis(300), ofMillis(600));

            // a timeout longer than the run: in-flight requests are cut off at the end, not waited for
            start = System.nanoTime();
            LoadReport cut = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(4)
                    .requestTimeout(ofSeconds(30))
                    .duration(ofMillis(500))
                    .drainTimeout(ofMillis(300))
                    .progress(ProgressListener.none())
                    .run();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(3.0);
            assertThat(cut.total().requests()).isEqualTo(4);
            assertThat(cut.cutOffRequests()).isEqualTo(4);
            assertThat(cut.errors()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CUT_OFF);
                assertThat(e.count()).isEqualTo(4);
            });
            assertThat(cut.errorRate()).isEqualTo(1.0);
            assertThat(cut.scalingHints()).extracting(f -> f.code()).contains("HINT_NO_REQUESTS");
        }
    }

    @Test
    void aTimedOutRequestDoesNotSpoilTheNextOnes() {
        // every third request of a connection stalls past the timeout; the others answer at once
        try (var server = new TestServers.Raw((socket, in, out) -> {
            int served = 0;
            while (TestServers.readRequest(in)) {
                if (++served % 3 == 0) {
                    Thread.sleep(2_000);
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(2)
                    .requestTimeout(ofMillis(200))
                    .duration(ofMillis(1500))
                    .drainTimeout(ofMillis(200))
                    .progress(ProgressListener.none())
                    .run();
            // a request that stalls in the last 200 ms meets the drain timeout before its own: it is cut off
            // (at most one per user), which is a race the machine's speed decides
            assertThat(r.errors())
                    .extracting(ErrorStats::kind)
                    .contains(ErrorKind.READ_TIMEOUT)
                    .isSubsetOf(ErrorKind.READ_TIMEOUT, ErrorKind.CUT_OFF);
            assertThat(r.cutOffRequests()).as(r.toText()).isLessThanOrEqualTo(2);
            long timeouts = r.errors().stream()
                    .filter(e -> e.kind() == ErrorKind.READ_TIMEOUT)
                    .mapToLong(ErrorStats::count)
                    .sum();
            // each timeout closes its connection, so every new connection answers twice, then stalls
            // (the two last connections may be cut off by the end of the run before their stall)
            int connections = server.connections.get();
            assertThat(r.total().requests() - timeouts - r.cutOffRequests())
                    .as(r.toText())
                    .isBetween(2L * (connections - 2), 2L * connections);
            assertThat(timeouts).isBetween(4L, (long) connections);
            // the timeout, not the 2 s stall, ends each slow request (the watchdog may run late on a busy machine)
            assertThat(r.total().latency().max()).as(r.toText()).isBetween(ofMillis(200), ofMillis(1500));
        }
    }

    @Test
    void hugeResponsesAreReadCompletely() {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        long size = 32L * 1024 * 1024;
        try (var server = new TestServers.Raw((socket, in, out) -> {
            int i = 0;
            while (TestServers.readRequest(in)) {
                boolean chunked = i++ % 2 == 1;
                if (chunked) {
                    out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
                out.flush();
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/big"))
                    .concurrency(2)
                    .requests(8)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.errors()).isEmpty();
            assertThat(r.total().requests()).isEqualTo(8);
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aTargetThatDiesMidRunStillGivesAReport() {
        AtomicLong served = new AtomicLong();
        var server = new TestServers.Jdk(ex -> {
            served.incrementAndGet();
            TestServers.reply(ex, 200, "ok");
        });
        try {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(700);
                } catch (InterruptedException e) {
                    return;
                }
                server.stop();
            });
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(4)
                    .thinkTime(ofMillis(2))
                    .duration(ofMillis(1500))
                    .sampleInterval(ofMillis(250))
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().requests() - r.total().errors()).isPositive().isLessThanOrEqualTo(served.get());
            assertThat(r.total().errors()).isPositive();
            assertThat(r.errors())
                    .extracting(ErrorStats::kind)
                    .containsAnyOf(ErrorKind.CONNECT_REFUSED, ErrorKind.CONNECTION_RESET);
            assertThat(r.scalingHints()).extracting(f -> f.code()).contains("HINT_ERROR_ONSET");
            assertThat(r.toHtml()).contains("CONNECT_REFUSED");
        } finally {
            server.close();
        }
    }

    @Test
    void statusFamiliesUnexpectedStatusesGarbageAndFailedChecksAreClassified() {
        AtomicLong n = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            long i = n.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            if (path.equals("/mixed")) {
                TestServers.reply(ex, i % 10 == 0 ? 503 : i % 10 == 1 ? 404 : 200, "{\"id\":" + i + "}");
            } else {
                TestServers.reply(ex, 200, "{\"id\":null}");
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/mixed"))
                    .get(server.uri("/created"))
                    .expectStatus(201)
                    .get(server.uri("/checked"))
                    .check("has an id", res -> !res.bodyAsString().contains("null"))
                    .concurrency(1)
                    .requests(600)
                    .progress(ProgressListener.none())
                    .run();
            EndpointStats mixed = r.endpoint("GET /mixed");
            assertThat(mixed.statusCounts().get("503") + mixed.statusCounts().get("404"))
                    .isEqualTo(mixed.errors());
            assertThat(r.errors())
                    .extracting(e -> e.endpoint() + " " + e.kind())
                    .containsExactly(
                            "GET /mixed HTTP_4XX",
                            "GET /mixed HTTP_5XX",
                            "GET /created UNEXPECTED_STATUS",
                            "GET /checked CHECK_FAILED");
            assertThat(r.errors().get(3).firstMessage()).contains("check 'has an id' failed on status 200");
            assertThat(r.errors().get(1).firstMessage()).isEqualTo("status 503 (GET /mixed)");
            assertThat(r.passed()).isFalse();
            assertThat(r.expectations())
                    .extracting(ExpectationResult::name, ExpectationResult::passed)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("GET /created: status in [201]", false),
                            org.assertj.core.groups.Tuple.tuple("GET /checked: check has an id", false));
        }
        try (var server = new TestServers.Raw((socket, in, out) -> {
            if (TestServers.readRequest(in)) {
                out.write("SMTP ready\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .requests(5)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL_ERROR);
                assertThat(e.firstMessage()).contains("not an HTTP/1.x status line: 'SMTP ready'");
            });
        }
    }

    @Test
    void aResponseHeadWithoutEndIsAProtocolErrorOnceItPassesTheHeadLimitNotATimeout() {
        // GIVEN a server that answers with header lines forever
        try (var server = new TestServers.Raw((socket, in, out) -> {
            if (TestServers.readRequest(in)) {
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] line = "X-Padding: 0123456789abcdef0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(line);
                }
            }
        })) {
            // WHEN one request meets it, with a request timeout far beyond the test's wait
            try (LoadRun run = LoadTest.http()
                    .get(server.uri("/"))
                    .requests(1)
                    .requestTimeout(ofSeconds(300))
                    .progress(ProgressListener.none())
                    .start()) {
                // THEN the head limit (1 MiB) fails it as a protocol error, without waiting for the timeout
                LoadReport r = run.await(ofSeconds(60))
                        .orElseThrow(() -> new AssertionError(
                                "still reading the endless head after 60 s: the head limit did not apply"));
                assertThat(r.errors()).singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL_ERROR);
                    assertThat(e.firstMessage()).contains("response head longer than 1048576 bytes");
                });
            }
        }
    }

    @Test
    void expectRateLimitingPassesWhen429sAppearAndCountsThemAsErrorsOtherwise() {
        AtomicLong n = new AtomicLong();
        try (var server =
                new TestServers.Jdk(ex -> TestServers.reply(ex, n.incrementAndGet() % 4 == 0 ? 429 : 200, "x"))) {
            LoadReport limited = LoadTest.http()
                    .get(server.uri("/login"))
                    .expectRateLimiting()
                    .concurrency(2)
                    .requests(200)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(limited.total().errors()).isZero();
            assertThat(limited.total().rateLimited()).isEqualTo(50);
            assertThat(limited.passed()).isTrue();
            assertThat(limited.scalingHints()).extracting(f -> f.code()).contains("HINT_RATE_LIMITED");

            LoadReport plain = LoadTest.http()
                    .get(server.uri("/login"))
                    .concurrency(2)
                    .requests(200)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(plain.total().errors()).isEqualTo(50);
            assertThat(plain.errors())
                    .singleElement()
                    .extracting(ErrorStats::kind)
                    .isEqualTo(ErrorKind.HTTP_4XX);
        }
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "x"))) {
            LoadReport never = LoadTest.http()
                    .get(server.uri("/login"))
                    .expectRateLimiting()
                    .requests(20)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(never.passed()).isFalse();
            assertThat(never.expectations())
                    .singleElement()
                    .satisfies(e -> assertThat(e.detail()).isEqualTo("0 response(s) with status 429"));
        }
    }
}
