package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN approved remote refs served by a server that answers differently the second time (other
 * content, or a redirect to a place the policy forbids) WHEN generating THEN each document is
 * fetched exactly once and the generated code uses the content that was checked: swagger-parser
 * never opens the network itself.
 */
class RefSnapshotTest {

    private static final String SECRET = "hunter2-the-secret-description";

    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int n = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            int port = server.getAddress().getPort();
            switch (path) {
                case "/flip.yaml" ->
                    send(
                            exchange,
                            n == 1
                                    ? "Evil:\n  type: object\n  properties:\n    checked: {type: string}\n"
                                            + "    nested: {$ref: 'nested.yaml#/Nested'}\n"
                                    : "Evil:\n  type: object\n  properties:\n    swapped: {type: string}\n");
                case "/nested.yaml" ->
                    send(
                            exchange,
                            n == 1
                                    ? "Nested:\n  type: object\n  properties:\n    first: {type: integer}\n"
                                    : "Nested:\n  type: object\n  properties:\n    second: {type: integer}\n");
                case "/then-redirect.yaml" -> {
                    if (n == 1) {
                        send(exchange, "Evil:\n  type: object\n  properties:\n    checked: {type: string}\n");
                    } else {
                        exchange.getResponseHeaders().set("Location", "http://localhost:" + port + "/secret.yaml");
                        exchange.sendResponseHeaders(302, -1);
                        exchange.close();
                    }
                }
                case "/secret.yaml" ->
                    send(
                            exchange,
                            "Evil:\n  type: object\n  description: " + SECRET
                                    + "\n  properties:\n    stolen: {type: string}\n");
                case "/escapes.yaml" ->
                    send(exchange, "Evil:\n  type: object\n  properties:\n    p: {$ref: 'file:///etc/passwd'}\n");
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                }
            }
        });
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private static void send(HttpExchange exchange, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private Path writeDoc(String ref) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("tree"));
        return Files.writeString(
                dir.resolve("api.yaml"),
                "openapi: 3.0.3\n"
                        + "info: {title: t, version: '1'}\n"
                        + "paths: {}\n"
                        + "components:\n"
                        + "  schemas:\n"
                        + "    Holder:\n"
                        + "      type: object\n"
                        + "      properties:\n"
                        + "        evil: {$ref: '" + ref + "'}\n");
    }

    private int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void eachRemoteDocumentIsFetchedOnceAndTheCheckedContentIsUsed() throws IOException {
        GeneratedSources sources = OpenApiCodegen.fromSpec(writeDoc(url("flip.yaml") + "#/Evil"))
                .allowRemoteRefs("127.0.0.1")
                .generate();
        assertThat(hits("/flip.yaml")).isEqualTo(1);
        assertThat(hits("/nested.yaml")).isEqualTo(1);
        String evil =
                sources.file("generated/api/model/Evil.java").orElseThrow().content();
        assertThat(evil).contains("String checked").doesNotContain("swapped");
        String nested =
                sources.file("generated/api/model/Nested.java").orElseThrow().content();
        assertThat(nested).contains("first").doesNotContain("second");
    }

    @Test
    void aRedirectOnASecondFetchCannotHappenBecauseThereIsNone() throws IOException {
        GeneratedSources sources = OpenApiCodegen.fromSpec(writeDoc(url("then-redirect.yaml") + "#/Evil"))
                .allowRemoteRefs("127.0.0.1")
                .generate();
        assertThat(hits("/then-redirect.yaml")).isEqualTo(1);
        assertThat(hits("/secret.yaml")).isZero();
        String evil =
                sources.file("generated/api/model/Evil.java").orElseThrow().content();
        assertThat(evil).contains("String checked").doesNotContain("stolen").doesNotContain(SECRET);
    }

    @Test
    void generatedSourcesDoNotDependOnWhereThePrivateCopiesLived() throws IOException {
        Path doc = writeDoc(url("escapes.yaml").replace("escapes", "secret") + "#/Evil");
        GeneratedSources first =
                OpenApiCodegen.fromSpec(doc).allowRemoteRefs("127.0.0.1").generate();
        GeneratedSources second =
                OpenApiCodegen.fromSpec(doc).allowRemoteRefs("127.0.0.1").generate();
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(first.files()).allSatisfy(f -> assertThat(f.content()).doesNotContain("backendkit-refs"));
    }

    @Test
    void aRefusedRefInARemoteDocumentNamesTheRefAndItsPointerNotTheContents() throws IOException {
        String ref = url("escapes.yaml") + "#/Evil";
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(writeDoc(ref))
                        .allowRemoteRefs("127.0.0.1")
                        .generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location())
                        .isEqualTo(url("escapes.yaml") + "#/Evil/properties/p"))
                .hasMessageContaining("$ref 'file:///etc/passwd'")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("root:x:0:0");
        assertThat(hits("/escapes.yaml")).isEqualTo(1);
    }
}
