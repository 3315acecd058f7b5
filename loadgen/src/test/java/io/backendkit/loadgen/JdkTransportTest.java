package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JdkTransportTest {

    @Test
    void theJdkClientTransportSendsTheSameRequestsAndClassifiesFailures() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (var server = new TestServers.Jdk(ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            seen.add(ex.getRequestMethod() + " " + body + " "
                    + ex.getRequestHeaders().getFirst("X-Trace"));
            TestServers.respond(ex, ex.getRequestURI().getPath().equals("/missing") ? 404 : 200, "{\"ok\":true}");
        })) {
            for (HttpTransport transport : new HttpTransport[] {HttpTransport.JDK_HTTP1_1, HttpTransport.JDK_HTTP2}) {
                seen.clear();
                LoadReport r = LoadTest.http()
                        .transport(transport)
                        .post(server.uri("/orders"))
                        .header("X-Trace", "t1")
                        .body("{\"a\":1}")
                        .check(
                                "ok",
                                res -> res.bodyAsString().contains("true")
                                        && res.header("content-type").isEmpty())
                        .get(server.uri("/missing"))
                        .concurrency(3)
                        .requests(300)
                        .progress(ProgressListener.none())
                        .run();
                assertThat(r.settings().transport()).isEqualTo(transport.name());
                assertThat(seen).contains("POST {\"a\":1} t1");
                assertThat(r.endpoint("POST /orders").errors()).isZero();
                assertThat(r.endpoint("GET /missing").errors())
                        .isEqualTo(r.endpoint("GET /missing").requests());
                assertThat(r.errors())
                        .singleElement()
                        .extracting(ErrorStats::kind)
                        .isEqualTo(ErrorKind.HTTP_4XX);
            }
        }
        LoadReport refused = LoadTest.http()
                .transport(HttpTransport.JDK_HTTP1_1)
                .get("http://127.0.0.1:" + TestServers.closedPort() + "/")
                .duration(ofMillis(300))
                .progress(ProgressListener.none())
                .run();
        assertThat(refused.errors())
                .singleElement()
                .extracting(ErrorStats::kind)
                .isEqualTo(ErrorKind.CONNECT_REFUSED);
    }
}
