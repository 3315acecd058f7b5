package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClosedModelTest {

    @Test
    void everyRequestTheServerAnsweredIsCountedOnceEitherAsWarmUpOrMeasured() {
        AtomicLong served = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            served.incrementAndGet();
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/ok"))
                    .concurrency(8)
                    .warmUp(ofMillis(300))
                    .duration(ofSeconds(1))
                    .progress(ProgressListener.none())
                    .run();

            assertThat(r.total().requests()).isPositive();
            assertThat(r.warmUpRequests()).isPositive();
            assertThat(r.total().requests() + r.warmUpRequests()).isEqualTo(served.get());
            assertThat(r.total().errors()).isZero();
            assertThat(r.total().statusCounts())
                    .containsExactly(Map.entry("200", r.total().requests()));
            assertThat(r.total().throughputPerSecond())
                    .isCloseTo(
                            r.total().requests() / (r.measuredNanos() / 1e9), org.assertj.core.data.Offset.offset(1.0));
            assertThat(r.settings().model()).isEqualTo(LoadModel.CLOSED);
            assertThat(r.settings().transport()).isEqualTo("HTTP1");
            assertThat(r.timeSeries().stream()
                            .mapToLong(IntervalStats::requests)
                            .sum())
                    .isEqualTo(r.total().requests());
            assertThat(r.total().latency().count()).isEqualTo(r.total().requests());
        }
    }

    @Test
    void aRequestBudgetStopsAtExactlyThatManyMeasuredRequests() {
        AtomicLong served = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            served.incrementAndGet();
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(7)
                    .requests(500)
                    .progress(ProgressListener.none())
                    .run();

            assertThat(r.total().requests()).isEqualTo(500);
            assertThat(served.get()).isEqualTo(500);
            assertThat(r.settings().duration()).isNull();
        }
    }

    @Test
    void postSendsHeadersAndBodyAndTheSupplierMakesOneBodyPerRequest(@TempDir Path dir) throws Exception {
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        Map<String, String> contentTypes = new ConcurrentHashMap<>();
        try (var server = new TestServers.Jdk(ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            bodies.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + body);
            contentTypes.put(
                    ex.getRequestURI().getPath(),
                    String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            ex.sendResponseHeaders(201, -1);
            ex.close();
        })) {
            Path file = dir.resolve("order.json");
            Files.writeString(file, "{\"from\":\"file\"}");
            AtomicInteger n = new AtomicInteger();
            LoadReport r = LoadTest.http()
                    .post(server.uri("/fixed"))
                    .header("Content-Type", "application/json")
                    .body("{\"item\":\"book\"}")
                    .expectStatus(201)
                    .put(server.uri("/file"))
                    .header("Content-Type", "application/json")
                    .body(file)
                    .expectStatus(201)
                    .post(server.uri("/supplied"))
                    .header("Content-Type", "text/plain")
                    .bodySupplier(() -> ("n=" + n.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
                    .expectStatus(201)
                    .concurrency(2)
                    .requests(60)
                    .progress(ProgressListener.none())
                    .run();

            assertThat(r.total().errors()).isZero();
            assertThat(r.passed()).isTrue();
            assertThat(bodies)
                    .contains("POST /fixed {\"item\":\"book\"}", "PUT /file {\"from\":\"file\"}", "POST /supplied n=1");
            long supplied =
                    bodies.stream().filter(b -> b.startsWith("POST /supplied")).count();
            assertThat(supplied).isEqualTo(r.endpoint("POST /supplied").requests());
            assertThat(contentTypes)
                    .containsEntry("/fixed", "application/json")
                    .containsEntry("/supplied", "text/plain");
            assertThat(r.endpoints())
                    .extracting(EndpointStats::name)
                    .containsExactly("POST /fixed", "PUT /file", "POST /supplied");
        }
    }

    @Test
    void weightsSplitTheRequestsBetweenEndpoints() {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/a"))
                    .weight(3)
                    .get(server.uri("/b"))
                    .concurrency(4)
                    .requests(4000)
                    .progress(ProgressListener.none())
                    .run();

            double ratio = (double) r.endpoint("GET /a").requests()
                    / r.endpoint("GET /b").requests();
            assertThat(ratio).isBetween(2.6, 3.4);
            assertThat(r.endpoint("GET /a").requests() + r.endpoint("GET /b").requests())
                    .isEqualTo(4000);
        }
    }

    @Test
    void eachVirtualUserKeepsOneConnectionAlive() {
        // The server answers only once all three users have connected (or after 5 s): otherwise, on a
        // busy machine, two users could use up the 900 requests before the third was first scheduled,
        // and the server would see two connections although nothing was reconnected.
        java.util.concurrent.CountDownLatch allConnected = new java.util.concurrent.CountDownLatch(3);
        try (var server = new TestServers.Raw((socket, in, out) -> {
            allConnected.countDown();
            allConnected.await(5, java.util.concurrent.TimeUnit.SECONDS);
            while (TestServers.readRequest(in)) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(3)
                    .requests(900)
                    .progress(ProgressListener.none())
                    .run();

            assertThat(r.total().errors()).isZero();
            assertThat(r.total().requests()).isEqualTo(900);
            assertThat(server.connections.get()).isEqualTo(3);
        }
    }

    @Test
    void chunkedCloseDelimitedInterimAndHeadResponsesAreParsed() {
        AtomicInteger count = new AtomicInteger();
        try (var server = new TestServers.Raw((socket, in, out) -> {
            while (TestServers.readRequest(in)) {
                int i = count.incrementAndGet();
                String response = switch (i % 4) {
                    case 0 ->
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5;ext=1\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: t\r\n\r\n";
                    case 1 -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nX-A: b\r\n\r\n";
                    case 2 -> "HTTP/1.1 200 OK\r\ncontent-length: 3\r\nCONNECTION: keep-alive\r\n\r\nabc";
                    default -> "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789";
                };
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (i % 4 == 3) {
                    return;
                }
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(1)
                    .requests(400)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.errors()).isEmpty();
            assertThat(r.total().statusCounts()).containsEntry("200", 300L).containsEntry("204", 100L);
            // requests 1-3 on the first connection, then 4 per connection: request 400 opens the 101st
            assertThat(server.connections.get()).isEqualTo(101);
        }
        try (var server = new TestServers.Raw((socket, in, out) -> {
            if (TestServers.readRequest(in)) {
                out.write("HTTP/1.0 200 OK\r\n\r\nbody until close".getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .requests(50)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.errors()).isEmpty();
            assertThat(r.total().requests()).isEqualTo(50);
        }
        try (var server = new TestServers.Jdk(ex -> {
            ex.getResponseHeaders().add("Content-Length", "1000");
            ex.sendResponseHeaders(200, -1);
            ex.close();
        })) {
            LoadReport r = LoadTest.http()
                    .request("HEAD", server.uri("/"))
                    .requests(50)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.errors()).isEmpty();
            assertThat(r.total().requests()).isEqualTo(50);
        }
    }

    @Test
    void thinkTimePacesEachUser() {
        // the server notes when each request of each connection (one per user) arrives
        Map<Integer, java.util.List<Long>> arrivals = new ConcurrentHashMap<>();
        try (var server = new TestServers.Jdk(ex -> {
            arrivals.computeIfAbsent(
                            ex.getRemoteAddress().getPort(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(System.nanoTime());
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(2)
                    .thinkTime(ofMillis(100))
                    .duration(ofSeconds(1))
                    .progress(ProgressListener.none())
                    .run();
            // a user's next request leaves at least 100 ms after the previous answer arrived, so the
            // server sees its requests at least 100 ms apart however fast or slow the machine is (a
            // count of requests would depend on the machine: a busy one answers and wakes up later)
            assertThat(arrivals).as("one connection per user").hasSize(2);
            long gaps = 0;
            for (java.util.List<Long> times : arrivals.values()) {
                for (int i = 1; i < times.size(); i++) {
                    assertThat(times.get(i) - times.get(i - 1))
                            .as("gap between requests %d and %d of a user", i, i + 1)
                            .isGreaterThanOrEqualTo(100_000_000L);
                    gaps++;
                }
            }
            assertThat(gaps).as("each user sent more than one request in 1 s").isGreaterThanOrEqualTo(2);
            // and so at most 10 requests per user fit into the second
            assertThat(r.total().requests())
                    .isEqualTo(arrivals.values().stream()
                            .mapToLong(java.util.List::size)
                            .sum())
                    .isLessThanOrEqualTo(20);
        }
    }

    @Test
    void rampUpStartsUsersGradually() {
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(20)
                    .rampUp(ofMillis(1500))
                    .thinkTime(ofMillis(20))
                    .duration(ofSeconds(2))
                    .sampleInterval(ofMillis(250))
                    .progress(ProgressListener.none())
                    .run();
            IntervalStats first = r.timeSeries().get(0);
            IntervalStats late = r.timeSeries().get(r.timeSeries().size() - 2);
            assertThat(first.users()).isLessThan(8);
            assertThat(late.users()).isEqualTo(20);
            assertThat(r.settings().rampUp()).isEqualTo(ofMillis(1500));
        }
    }

    @Test
    void theDefaultProgressListenerAndCustomListenersSeeEveryInterval() {
        java.util.List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var server = new TestServers.Jdk(ex -> TestServers.reply(ex, 200, "ok"))) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(2)
                    .warmUp(ofMillis(450))
                    .duration(ofMillis(1000))
                    .sampleInterval(ofMillis(200))
                    .progress(seen::add)
                    .run();
            assertThat(seen).filteredOn(Progress::warmingUp).hasSizeBetween(1, 2);
            java.util.List<Progress> measuring =
                    seen.stream().filter(p -> !p.warmingUp()).toList();
            assertThat(measuring).hasSize(r.timeSeries().size());
            assertThat(measuring.get(measuring.size() - 1).requests())
                    .isEqualTo(r.total().requests());
            assertThat(r.timeSeries()).hasSizeBetween(5, 6);
        }
        // the default listener logs one INFO line per interval (slf4j-simple writes to System.err)
        java.io.PrintStream err = System.err;
        var captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProgressListener.logging()
                    .onProgress(new Progress(
                            "orders",
                            false,
                            ofSeconds(3),
                            new IntervalStats(
                                    0, 1000, 1234, 2, 1234.0, 1_204_000, 2_000_000, 5_611_000, 9_000_000, 50, 0, 0),
                            51234,
                            2,
                            0));
            ProgressListener.logging()
                    .onProgress(new Progress(
                            "orders",
                            true,
                            ofSeconds(1),
                            new IntervalStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                            0,
                            0,
                            77));
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).lines())
                .hasSize(2)
                .satisfiesExactly(
                        line -> assertThat(line)
                                .contains("INFO io.backendkit.loadgen.LoadTest")
                                .endsWith("orders measuring 3s: 1234 req/s, p50 1.204 ms, p99 5.611 ms, 2 errors"
                                        + " (51234 requests so far)"),
                        line -> assertThat(line).endsWith("orders warming up 1s: 77 warm-up requests"));
    }

    static void writeAll(OutputStream out, String s) throws java.io.IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
