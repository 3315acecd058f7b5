package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/** Issue 18: every method starter takes a String and a URI, and PATCH has its own. */
class HttpMethodsTest {

    @Test
    void postPutPatchAndDeleteTakeUrisAndArriveWithTheirMethod() {
        Map<String, LongAdder> seen = new ConcurrentHashMap<>();
        try (TestServers.Jdk server = new TestServers.Jdk(ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            seen.computeIfAbsent(
                            ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + body,
                            k -> new LongAdder())
                    .increment();
            TestServers.respond(ex, 200, "ok");
        })) {
            URI base = URI.create(server.uri("/"));
            LoadReport r = LoadTest.http()
                    .post(base.resolve("/a"))
                    .body("p")
                    .put(base.resolve("/b"))
                    .body("u")
                    .patch(base.resolve("/c"))
                    .body("x")
                    .patch(server.uri("/d"))
                    .body("y")
                    .delete(base.resolve("/e"))
                    .endpoint(HttpEndpoint.patch(base.resolve("/f")).body("z").build())
                    .endpoint(HttpEndpoint.post(base.resolve("/g")).body("q").build())
                    .endpoint(HttpEndpoint.put(base.resolve("/h")).name("put h").build())
                    .endpoint(HttpEndpoint.delete(base.resolve("/i")).build())
                    .endpoint(HttpEndpoint.patch(server.uri("/j")).body("w").build())
                    .requests(100)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().errors()).isZero();
            assertThat(seen.keySet())
                    .containsExactlyInAnyOrder(
                            "POST /a p",
                            "PUT /b u",
                            "PATCH /c x",
                            "PATCH /d y",
                            "DELETE /e ",
                            "PATCH /f z",
                            "POST /g q",
                            "PUT /h ",
                            "DELETE /i ",
                            "PATCH /j w");
            assertThat(r.endpoint("PATCH /c").method()).isEqualTo("PATCH");
            assertThat(seen.values().stream().mapToLong(LongAdder::sum).sum()).isEqualTo(100);
        }
    }
}
