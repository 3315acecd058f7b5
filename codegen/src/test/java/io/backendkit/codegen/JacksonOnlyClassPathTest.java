package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN the generated server and client of the feature document WHEN they are compiled and run with
 * nothing but the Jackson jars on the class path (and the JDK) THEN they compile without warnings,
 * serve requests and call the server: Jackson is their only dependency.
 */
class JacksonOnlyClassPathTest {

    /** The jars the generated code may need: databind, core, annotations and the java.time module. */
    static final Pattern JACKSON_JAR =
            Pattern.compile("jackson-(databind|core|annotations|datatype-jsr310)-[0-9][^/\\\\]*\\.jar");

    @TempDir
    Path classes;

    static List<Path> jacksonJars() {
        List<Path> jars = Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .map(Path::of)
                .filter(p -> JACKSON_JAR.matcher(p.getFileName().toString()).matches())
                .sorted()
                .toList();
        assertThat(jars)
                .extracting(p -> p.getFileName().toString().replaceAll("-[0-9].*", ""))
                .as("Jackson jars on the test class path")
                .containsExactlyInAnyOrder(
                        "jackson-annotations", "jackson-core", "jackson-databind", "jackson-datatype-jsr310");
        return jars;
    }

    @Test
    void generatedServerAndClientCompileAndRunWithOnlyJacksonOnTheClassPath() throws Exception {
        GeneratedSources sources = OpenApiCodegen.fromSpec(ModelGenerationTest.FEATURES)
                .basePackage("com.acme.zoo")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<Path> jackson = jacksonJars();
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compileWithClassPath(sources.files(), classes, jackson);
        assertThat(compiled.errors()).as("compile errors with only Jackson").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();

        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        for (Path jar : jackson) {
            urls.add(jar.toUri().toURL());
        }
        try (URLClassLoader isolated =
                        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
                HttpClient http = HttpClient.newHttpClient()) {
            // nothing of the test class path leaks in
            assertThatThrownBy(() -> Class.forName("org.assertj.core.api.Assertions", false, isolated))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("io.swagger.v3.oas.models.OpenAPI", false, isolated))
                    .isInstanceOf(ClassNotFoundException.class);

            // the "misc" operations echo their body; the "pets" operations have no handler
            Class<?> miscApi = Class.forName("com.acme.zoo.api.MiscApi", true, isolated);
            Object echo = Proxy.newProxyInstance(
                    isolated, new Class<?>[] {miscApi}, (proxy, method, args) -> switch (method.getName()) {
                        case "toString" -> "echo";
                        case "hashCode" -> 0;
                        case "equals" -> proxy == args[0];
                        default -> args[0];
                    });
            Class<?> router = Class.forName("com.acme.zoo.server.ApiRouter", true, isolated);
            Object builder = router.getMethod("builder").invoke(null);
            builder.getClass().getMethod("misc", miscApi).invoke(builder, echo);
            Object handler = builder.getClass().getMethod("build").invoke(builder);
            Class<?> apiServer = Class.forName("com.acme.zoo.server.ApiServer", true, isolated);
            Class<?> httpHandler = Class.forName("com.sun.net.httpserver.HttpHandler");
            try (AutoCloseable server = (AutoCloseable) apiServer
                    .getMethod("start", httpHandler, InetSocketAddress.class)
                    .invoke(null, handler, new InetSocketAddress("127.0.0.1", 0))) {
                int port = (int) apiServer.getMethod("port").invoke(server);
                URI base = URI.create("http://127.0.0.1:" + port);

                // raw HTTP: no handler for the tag, so the router answers 501 in the error envelope
                HttpResponse<String> raw = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/pets?limit=2"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(raw.statusCode()).isEqualTo(501);
                JsonNode body = new ObjectMapper().readTree(raw.body());
                assertThat(body.path("error").path("code").asText()).isEqualTo("NOT_IMPLEMENTED");
                assertThat(body.path("meta").path("timestamp").asText()).isNotBlank();

                // JSON bodies are bound, validated and echoed in the success envelope
                HttpResponse<String> echoed = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/everything"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(JdkServerTest.EVERYTHING))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(echoed.statusCode()).isEqualTo(200);
                assertThat(new ObjectMapper()
                                .readTree(echoed.body())
                                .path("data")
                                .path("day")
                                .asText())
                        .isEqualTo("2024-02-29");
                HttpResponse<String> invalid = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/shapes"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\": \"square\", \"side\": -1}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(invalid.statusCode()).isEqualTo(400);
                assertThat(invalid.body()).contains("\"field\":\"side\",\"message\":\"must be >= 0\"");

                // the generated client, loaded the same way, reads the error envelope back
                Class<?> apiClient = Class.forName("com.acme.zoo.client.ApiClient", true, isolated);
                Object transport = apiClient.getMethod("create", URI.class).invoke(null, base);
                Class<?> petsClient = Class.forName("com.acme.zoo.client.PetsClient", true, isolated);
                Object pets = petsClient.getConstructor(apiClient).newInstance(transport);
                assertThatThrownBy(
                                () -> petsClient.getMethod("getPet", long.class).invoke(pets, 1L))
                        .isInstanceOf(InvocationTargetException.class)
                        .cause()
                        .hasMessage("GET /pets/{petId} answered 501: operation is not implemented by this server");
                Class<?> circle = Class.forName("com.acme.zoo.model.Circle", true, isolated);
                Object twoAndAHalf =
                        circle.getConstructor(String.class, Double.class).newInstance("circle", 2.5);
                Class<?> miscClient = Class.forName("com.acme.zoo.client.MiscClient", true, isolated);
                Object misc = miscClient.getConstructor(apiClient).newInstance(transport);
                Object back = miscClient
                        .getMethod("echoShape", Class.forName("com.acme.zoo.model.Shape", true, isolated))
                        .invoke(misc, twoAndAHalf);
                assertThat(back).isEqualTo(twoAndAHalf);
            }
        }
    }
}
