package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN responses.yaml (201 with Location, 200 or 201, 202 with a body, 204, 304, documented error
 * bodies, binary downloads) generated for {@link Target#JDK_HTTP_SERVER} with the client and
 * served by a hand-written handler on 127.0.0.1 WHEN the generated client and raw HTTP call it
 * THEN every documented response arrives with its status, headers and body, errors carry the
 * documented body, and downloads stream.
 */
class FullResponsesTest {

    static final Path SPEC = Path.of("src/test/resources/specs/responses.yaml");
    /** The client scenario, shared with the Spring Boot and Jersey integration tests. */
    static final Path SCENARIO = Path.of("src/test/resources/responses");
    /** The JDK server's handlers. */
    static final Path HANDLERS = Path.of("src/test/resources/responses-jdk");

    @TempDir
    static Path classes;

    static GeneratedSources sources;
    static URLClassLoader loader;
    static AutoCloseable server;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The hand-written sources under {@code dir}: the scenario and the JDK server's handlers. */
    static List<GeneratedFile> support(Path dir) throws IOException {
        List<GeneratedFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p :
                    walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                files.add(new GeneratedFile(dir.relativize(p).toString(), Files.readString(p)));
            }
        }
        return files;
    }

    @BeforeAll
    static void start() throws Exception {
        sources = OpenApiCodegen.fromSpec(SPEC)
                .basePackage("com.acme.resp")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.addAll(support(SCENARIO));
        files.addAll(support(HANDLERS));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        loader = compiled.classLoader();
        server = (AutoCloseable) Class.forName("respjdk.ResponsesJdk", true, loader)
                .getMethod("start")
                .invoke(null);
        int port = (int) server.getClass().getMethod("port").invoke(server);
        base = URI.create("http://127.0.0.1:" + port);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (http != null) {
            http.close();
        }
    }

    static String file(String path) {
        return sources.file("com/acme/resp/" + path + ".java").orElseThrow().content();
    }

    /** Runs a step list of the scenario against a server of its own (the scenario counts ids from 1). */
    @SuppressWarnings("unchecked")
    static List<String> scenario(String method) throws Exception {
        Class<?> scenario = Class.forName("scenario.ResponsesScenario", true, loader);
        try (AutoCloseable own = (AutoCloseable) Class.forName("respjdk.ResponsesJdk", true, loader)
                .getMethod("start")
                .invoke(null)) {
            int port = (int) own.getClass().getMethod("port").invoke(own);
            return (List<String>)
                    scenario.getMethod(method, URI.class).invoke(null, URI.create("http://127.0.0.1:" + port));
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> expected(String method, Object... args) throws Exception {
        Class<?> scenario = Class.forName("scenario.ResponsesScenario", true, loader);
        return (List<String>)
                (args.length == 0
                        ? scenario.getMethod(method).invoke(null)
                        : scenario.getMethod(method, long.class).invoke(null, args));
    }

    static HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theGeneratedClientReadsEveryDocumentedResponseIntoItsType() throws Exception {
        long big = (long) Class.forName("scenario.ResponsesScenario", true, loader)
                .getField("BIG")
                .get(null);
        assertThat(scenario("run")).containsExactlyElementsOf(expected("expected", big));
    }

    @Test
    void aMultiMegabyteDownloadStreamsToTheClientBeforeTheHandlersStreamEnds() throws Exception {
        assertThat(scenario("streaming")).containsExactlyElementsOf(expected("streamingExpected"));
    }

    @Test
    void handlersChooseStatusHeadersAndBodyOnTheWire() throws Exception {
        HttpResponse<String> created = call("POST", "/widgets", "{\"name\": \"zed\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("data").path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/widgets/" + id);
        assertThat(created.headers().allValues("X-Extra")).containsExactly("a", "b");

        HttpResponse<String> again = call("POST", "/widgets", "{\"name\": \"zed\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> read = call("GET", "/widgets/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("ETag")).hasValue("\"" + id + "-v1\"");
        assertThat(read.headers().firstValue("X-Rate-Remaining")).hasValue("42");

        HttpResponse<String> notModified = call("GET", "/widgets/" + id, null, "If-None-Match", "\"" + id + "-v1\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("Content-Type")).isEmpty();

        HttpResponse<String> deleted = call("DELETE", "/widgets/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();

        HttpResponse<String> accepted = call("DELETE", "/widgets/slow-9", null);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).startsWith("/jobs/j");
        assertThat(JSON.readTree(accepted.body()).path("data").path("state").asText())
                .isEqualTo("queued");
    }

    @Test
    void aDocumentedErrorBodyIsSentAsTheDocumentDescribesIt() throws Exception {
        HttpResponse<String> taken = call("POST", "/widgets", "{\"name\": \"taken\"}");
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(taken.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode problem = JSON.readTree(taken.body());
        assertThat(problem.path("title").asText()).isEqualTo("reserved name: taken");
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.has("error")).as("no envelope").isFalse();
    }

    @Test
    void headersAHandlerMustNotSetEndTheRequestWith500AndNoDetail() throws Exception {
        for (String name : List.of("bad-header", "framing")) {
            HttpResponse<String> r = call("POST", "/widgets", "{\"name\": \"" + name + "\"}");
            assertThat(r.statusCode()).as(name).isEqualTo(500);
            JsonNode error = JSON.readTree(r.body()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(r.body()).doesNotContain("Injected", "Content-Length", "Exception", "at ");
            assertThat(r.headers().firstValue("Injected")).isEmpty();
            assertThat(r.headers().firstValue("X-Bad")).isEmpty();
        }
    }

    @Test
    void aDownloadThatBreaksOffIsNotDeliveredAsComplete() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/files/failing?size=100000"))
                .timeout(Duration.ofSeconds(20))
                .build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        // the server goes on serving
        assertThat(call("GET", "/health", null).body()).isEqualTo("ok");
    }

    @Test
    void downloadsKnowTheirLengthOrGoChunked() throws Exception {
        HttpResponse<byte[]> sized = http.send(
                HttpRequest.newBuilder(base.resolve("/files/big?size=5000")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(sized.headers().firstValue("Content-Length")).hasValue("5000");
        assertThat(sized.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(sized.body()).hasSize(5000);
        HttpResponse<byte[]> chunked = http.send(
                HttpRequest.newBuilder(base.resolve("/files/chunked?size=5000")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(chunked.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(chunked.body()).hasSize(5000);
        HttpResponse<String> image = call("GET", "/images/logo", null);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.headers().firstValue("Cache-Control")).hasValue("max-age=60");
    }

    @Test
    void onlyOperationsThatChooseTheirResponseChangeTheirSignature() {
        String files = file("api/FilesApi");
        assertThat(files).contains("byte[] health();");
        assertThat(files).contains("BinaryBody downloadFile(String name, Long size);");
        assertThat(files).contains("GetImageResult getImage(String id, String ifNoneMatch);");
        String widgets = file("api/WidgetsApi");
        assertThat(widgets).contains("static CreateWidgetResult created(Widget body, URI location)");
        assertThat(widgets).contains("static DeleteWidgetResult noContent()");
        assertThat(widgets).contains("sealed interface DeleteWidgetResult");
        String client = file("client/FilesClient");
        assertThat(client).contains("public BinaryStream downloadFile(String name, Long size)");
    }

    @Test
    void theDocumentCompilesWithoutWarningsForEveryTarget() {
        for (Target target : List.of(Target.SPRING_MVC, Target.JAKARTA_REST, Target.MODELS_ONLY)) {
            GeneratedSources other = OpenApiCodegen.fromSpec(SPEC)
                    .basePackage("com.acme.resp")
                    .target(target)
                    .client(true)
                    .envelope(target != Target.MODELS_ONLY)
                    .generate();
            JavaSourceCompiler.Result result =
                    JavaSourceCompiler.compile(other.files(), classes.resolve(target.name()), "-Werror");
            assertThat(result.errors()).as(target + " compile errors").isEmpty();
            assertThat(result.warnings()).as(target + " compile warnings").isEmpty();
        }
    }

    @Test
    void resultTypesKeepClearOfModelAndMemberNames() {
        // models named Ok and CreateThingResult, headers named status and headers, a framing header,
        // a status without a reason phrase, a redirect, an inline default error
        GeneratedSources clash = OpenApiCodegen.fromSpec(Path.of("src/test/resources/specs/responses-clash.yaml"))
                .basePackage("com.acme.clash")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        JavaSourceCompiler.Result result =
                JavaSourceCompiler.compile(clash.files(), classes.resolve("clash"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
        String api =
                clash.file("com/acme/clash/api/DefaultApi.java").orElseThrow().content();
        assertThat(api)
                .contains("static CreateThingResult ok(com.acme.clash.model.Ok body, Long status2, String headers2)");
        assertThat(api).contains("static CreateThingResult status250()");
        assertThat(api).contains("static CreateThingResult found(URI location)");
        assertThat(api).doesNotContain("contentLength");
        String client = clash.file("com/acme/clash/client/DefaultClient.java")
                .orElseThrow()
                .content();
        assertThat(client).contains("Map.entry(0, ");
    }
}
