package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN documents whose {@code $ref}s point outside their own tree WHEN generating THEN the refs are
 * refused by default (nothing read, nothing fetched, no file contents in any message) and followed
 * only where the caller opened the policy up.
 */
class RefPolicyTest {

    private static final String SECRET = "hunter2-the-secret-description";

    @TempDir
    Path tmp;

    private Path tree;
    private Path outside;
    private HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void setUp() throws IOException {
        tree = Files.createDirectories(tmp.resolve("a/b/c/d/tree"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(
                outside.resolve("secret.yaml"),
                "Secret:\n  type: object\n  description: " + SECRET
                        + "\n  properties:\n    password: {type: string}\n");
        Files.writeString(outside.resolve("notes.txt"), "root:x:0:0:" + SECRET + "\nline two " + SECRET + "\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("Evil:\n  type: object\n  description: " + SECRET
                            + "\n  properties:\n    stolen: {type: string}\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/moved/", exchange -> {
            hits.incrementAndGet();
            int port = server.getAddress().getPort();
            String name = exchange.getRequestURI().getPath().substring("/moved/".length());
            String location = switch (name) {
                case "in.yaml" -> "/evil.yaml";
                case "other-host.yaml" -> "http://localhost:" + port + "/evil.yaml";
                case "file.yaml" -> "file:///etc/passwd";
                default -> "/moved/" + name;
            };
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @Test
    void redirectsOfAllowedFetchesAreCheckedAgainstThePolicy() throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/moved/";
        for (String name : List.of("other-host.yaml", "file.yaml", "loop.yaml")) {
            String ref = base + name + "#/Evil";
            assertThatThrownBy(() -> OpenApiCodegen.fromSpec(writeDoc(ref))
                            .allowRemoteRefs("127.0.0.1")
                            .generate())
                    .as(name)
                    .isInstanceOf(SpecException.class)
                    .hasMessageContaining("$ref '" + ref + "'")
                    .hasMessageContaining(name.equals("loop.yaml") ? "more than 5 redirects" : "is redirected by")
                    .hasMessageNotContaining(SECRET)
                    .hasMessageNotContaining("root:x:0:0");
        }
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(writeDoc(base + "other-host.yaml#/Evil"))
                        .allowRemoteRefs("127.0.0.1")
                        .generate())
                .hasMessageContaining("allowRemoteRefs(\"localhost\")");
        GeneratedSources followed = OpenApiCodegen.fromSpec(writeDoc(base + "in.yaml#/Evil"))
                .allowRemoteRefs("127.0.0.1")
                .generate();
        assertThat(followed.file("generated/api/model/Evil.java").orElseThrow().content())
                .contains("String stolen");
    }

    @AfterEach
    void tearDown() {
        server.stop(0);
    }

    private static String docWithRef(String ref) {
        return "openapi: 3.0.3\n"
                + "info: {title: t, version: '1'}\n"
                + "paths: {}\n"
                + "components:\n"
                + "  schemas:\n"
                + "    Holder:\n"
                + "      type: object\n"
                + "      properties:\n"
                + "        evil: {$ref: '" + ref + "'}\n";
    }

    private Path writeDoc(String ref) throws IOException {
        return Files.writeString(tree.resolve("api.yaml"), docWithRef(ref));
    }

    private static void assertRefused(OpenApiCodegen codegen, String ref) {
        assertThatThrownBy(codegen::generate)
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location())
                        .endsWith("#/components/schemas/Holder/properties/evil"))
                .hasMessageContaining("$ref '" + ref + "'")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("root:x:0:0");
    }

    @Test
    void absolutePathToSystemFileIsRefused() throws IOException {
        assertRefused(OpenApiCodegen.fromSpec(writeDoc("/etc/passwd")), "/etc/passwd");
    }

    @Test
    void dotDotEscapeIsRefused() throws IOException {
        assertRefused(
                OpenApiCodegen.fromSpec(writeDoc("../../../../../../../../etc/hostname")),
                "../../../../../../../../etc/hostname");
        assertRefused(
                OpenApiCodegen.fromSpec(writeDoc("../../../../../outside/secret.yaml#/Secret")),
                "../../../../../outside/secret.yaml#/Secret");
    }

    @Test
    void fileUriIsRefused() throws IOException {
        assertRefused(OpenApiCodegen.fromSpec(writeDoc("file:///etc/hostname")), "file:///etc/hostname");
    }

    @Test
    void absolutePathToYamlOutsideTheTreeIsRefusedUntilAllowed() throws IOException {
        String ref = outside.resolve("secret.yaml").toAbsolutePath() + "#/Secret";
        Path doc = writeDoc(ref);
        assertRefused(OpenApiCodegen.fromSpec(doc), ref);

        GeneratedSources sources =
                OpenApiCodegen.fromSpec(doc).allowRefsFrom(outside).generate();
        assertThat(sources.file("generated/api/model/Secret.java").orElseThrow().content())
                .contains("String password");
    }

    @Test
    void symlinkInsideTheTreePointingOutIsRefused() throws IOException {
        Files.createSymbolicLink(tree.resolve("link.yaml"), outside.resolve("secret.yaml"));
        assertRefused(OpenApiCodegen.fromSpec(writeDoc("link.yaml#/Secret")), "link.yaml#/Secret");
    }

    @Test
    void remoteRefIsRefusedWithoutContactingTheServerUntilAllowed() throws IOException {
        String ref = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.yaml#/Evil";
        Path doc = writeDoc(ref);
        assertRefused(OpenApiCodegen.fromSpec(doc), ref);
        assertRefused(OpenApiCodegen.fromSpecText(docWithRef(ref)), ref);
        assertThat(hits).hasValue(0);

        GeneratedSources sources =
                OpenApiCodegen.fromSpec(doc).allowRemoteRefs("127.0.0.1").generate();
        assertThat(hits.get()).isPositive();
        assertThat(sources.file("generated/api/model/Evil.java").orElseThrow().content())
                .contains("String stolen");
    }

    @Test
    void refsInsideTheTreeResolve() throws IOException {
        Files.createDirectories(tree.resolve("shared"));
        Files.writeString(
                tree.resolve("shared/parts.yaml"),
                "Part:\n  type: object\n  properties:\n    more: {$ref: '../more.yaml#/More'}\n");
        Files.writeString(tree.resolve("more.yaml"), "More:\n  type: object\n  properties:\n    n: {type: integer}\n");
        GeneratedSources sources =
                OpenApiCodegen.fromSpec(writeDoc("shared/parts.yaml#/Part")).generate();
        assertThat(sources.file("generated/api/model/Part.java")).isPresent();
        assertThat(sources.file("generated/api/model/More.java")).isPresent();
    }

    @Test
    void refInsideAReferencedFileThatEscapesIsRefusedNamingThatFile() throws IOException {
        Files.writeString(
                tree.resolve("parts.yaml"), "Part:\n  type: object\n  properties:\n    p: {$ref: '/etc/passwd'}\n");
        assertThatThrownBy(() ->
                        OpenApiCodegen.fromSpec(writeDoc("parts.yaml#/Part")).generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location()).endsWith("parts.yaml#/Part/properties/p"))
                .hasMessageContaining("$ref '/etc/passwd'")
                .hasMessageNotContaining("root:x:0:0");
    }

    @Test
    void referencedFileThatIsNotYamlIsReportedWithoutItsContents() throws IOException {
        Path copy = Files.copy(outside.resolve("notes.txt"), tree.resolve("notes.txt"));
        assertThat(copy).exists();
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(writeDoc("notes.txt")).generate())
                .isInstanceOf(SpecException.class)
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("root:x:0:0");
    }

    @Test
    void refToAMissingFileIsAnErrorNotAClasspathLookup() throws IOException {
        assertThatThrownBy(
                        () -> OpenApiCodegen.fromSpec(writeDoc("logback.xml")).generate())
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("$ref 'logback.xml'")
                .hasMessageContaining("does not exist");
    }

    @Test
    void specTextResolvesNoRelativeRefsUnlessGivenABase() throws IOException {
        Files.writeString(tree.resolve("more.yaml"), "More:\n  type: object\n  properties:\n    n: {type: integer}\n");
        String text = docWithRef("more.yaml#/More");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText(text).generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location())
                        .isEqualTo("spec text#/components/schemas/Holder/properties/evil"))
                .hasMessageContaining("$ref 'more.yaml#/More'")
                .hasMessageContaining("base");
        GeneratedSources sources = OpenApiCodegen.fromSpecText(text, tree).generate();
        assertThat(sources.file("generated/api/model/More.java")).isPresent();
        assertRefused(
                OpenApiCodegen.fromSpecText(docWithRef("../../../../../outside/secret.yaml#/Secret"), tree),
                "../../../../../outside/secret.yaml#/Secret");
    }

    @Test
    void policyArgumentsAreValidated() {
        OpenApiCodegen codegen = OpenApiCodegen.fromSpecText(docWithRef("#/x"));
        assertThatThrownBy(() -> codegen.allowRefsFrom((Path) null)).hasMessage("allowRefsFrom: path must not be null");
        assertThatThrownBy(() -> codegen.allowRemoteRefs(" ")).hasMessage("allowRemoteRefs: host must not be blank");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("openapi: 3.0.3", null))
                .hasMessage("spec text base directory must not be null");
    }
}
