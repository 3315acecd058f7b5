package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN number enums, integer enums beyond a long, int32 enums with values beyond 32 bits and enums
 * no Java enum can hold WHEN generated (server and client), compiled by javac with an implementation
 * and called over HTTP THEN the first three are Java enums whose values travel as JSON numbers, and
 * the last one is named in an ENUM_VALUES_DROPPED finding.
 */
class NumberEnumsTest {

    @TempDir
    Path classes;

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /readings/{ratio}:
                post:
                  tags: [readings]
                  operationId: store
                  parameters:
                    - {name: ratio, in: path, required: true, schema: {$ref: '#/components/schemas/Ratio'}}
                    - {name: huge, in: query, schema: {$ref: '#/components/schemas/Huge'}}
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Reading'}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Reading'}
            components:
              schemas:
                Ratio: {type: number, enum: [1.5, 2.5, -0.25]}
                Huge: {type: integer, enum: [1, 99999999999999999999]}
                Wide: {type: integer, format: int32, enum: [1, 5000000000]}
                Level: {type: integer, format: int32, enum: [1, 2]}
                Mixed: {enum: [a, 1]}
                Reading:
                  type: object
                  required: [ratio]
                  properties:
                    ratio: {$ref: '#/components/schemas/Ratio'}
                    huge: {$ref: '#/components/schemas/Huge'}
                    wide: {$ref: '#/components/schemas/Wide'}
                    level: {$ref: '#/components/schemas/Level'}
                    mixed: {$ref: '#/components/schemas/Mixed'}
                    note: {type: string}
            """;

    /** Uses the constants by name with their value types: compiles only if they are generated so. */
    static final String IMPL = """
            package impl;

            import com.acme.num.api.ReadingsApi;
            import com.acme.num.client.ApiClient;
            import com.acme.num.client.ReadingsClient;
            import com.acme.num.model.Huge;
            import com.acme.num.model.Level;
            import com.acme.num.model.Ratio;
            import com.acme.num.model.Reading;
            import com.acme.num.model.Wide;
            import com.acme.num.server.ApiRouter;
            import com.acme.num.server.ApiServer;
            import java.math.BigDecimal;
            import java.net.InetSocketAddress;
            import java.net.URI;

            public final class Impl implements ReadingsApi {
                @Override
                public Reading store(Ratio ratio, Huge huge, Reading body) {
                    return new Reading(body.ratio(), huge, body.wide(), body.level(), body.mixed(),
                            "path " + ratio + " " + ratio.name());
                }

                public static ApiServer start() throws java.io.IOException {
                    ApiRouter router = ApiRouter.builder().readings(new Impl()).envelope(false).build();
                    return ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
                }

                public static String viaClient(URI base) {
                    BigDecimal ratio = Ratio.VALUE_MINUS_0_25.value();
                    Long wide = Wide.VALUE_5000000000.value();
                    Integer level = Level.VALUE_2.value();
                    BigDecimal huge = Huge.VALUE_99999999999999999999.value();
                    try (ApiClient api = ApiClient.builder(base).envelope(false).build()) {
                        Reading r = new ReadingsClient(api).store(Ratio.VALUE_2_5, Huge.VALUE_99999999999999999999,
                                new Reading(Ratio.VALUE_1_5, null, Wide.VALUE_5000000000, Level.VALUE_2, "a", null));
                        return r.ratio().name() + " " + r.huge().name() + " " + r.wide().name() + " "
                                + r.level().name() + " " + r.mixed() + " " + r.note() + " | " + ratio + " " + wide
                                + " " + level + " " + huge;
                    }
                }
            }
            """;

    @Test
    void numberEnumsAndWideIntegerEnumsAreEnumsThatTravelAsJsonNumbers() throws Exception {
        GeneratedSources sources = OpenApiCodegen.fromSpecText(SPEC)
                .basePackage("com.acme.num")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        assertThat(sources.findings().stream().map(Object::toString))
                .anyMatch(f -> f.contains("ENUM_VALUES_DROPPED") && f.contains("/components/schemas/Mixed"))
                .noneMatch(f -> f.contains("ENUM_VALUES_DROPPED") && f.contains("/components/schemas/Ratio"))
                .noneMatch(f -> f.contains("ENUM_VALUES_DROPPED") && f.contains("/components/schemas/Huge"));
        assertThat(sources.file("com/acme/num/model/Level.java").orElseThrow().content())
                .contains("VALUE_1(1)")
                .doesNotContain("1L");
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile("impl/Impl.java", IMPL));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        try (URLClassLoader loader = compiled.classLoader()) {
            Class<?> impl = Class.forName("impl.Impl", true, loader);
            try (AutoCloseable server = (AutoCloseable) impl.getMethod("start").invoke(null)) {
                int port = (int) server.getClass().getMethod("port").invoke(server);
                URI base = URI.create("http://127.0.0.1:" + port);
                assertThat(impl.getMethod("viaClient", URI.class).invoke(null, base))
                        .isEqualTo("VALUE_1_5 VALUE_99999999999999999999 VALUE_5000000000 VALUE_2 a"
                                + " path 2.5 VALUE_2_5 | -0.25 5000000000 2 99999999999999999999");
                try (HttpClient http = HttpClient.newHttpClient()) {
                    // 1.50 is the constant 1.5 (numerically equal), written back as the document's 1.5
                    HttpResponse<String> ok = post(
                            http,
                            base + "/readings/-0.25?huge=99999999999999999999",
                            "{\"ratio\": 1.50, \"wide\": 5000000000, \"level\": 1, \"huge\": 1}");
                    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                    assertThat(ok.body())
                            .isEqualTo("{\"ratio\":1.5,\"huge\":99999999999999999999,\"wide\":5000000000,"
                                    + "\"level\":1,\"note\":\"path -0.25 VALUE_MINUS_0_25\"}");
                    HttpResponse<String> unknown = post(http, base + "/readings/1.5", "{\"ratio\": 3.5}");
                    assertThat(unknown.statusCode()).isEqualTo(400);
                    assertThat(unknown.body()).contains("VALIDATION_ERROR").contains("\"field\":\"ratio\"");
                    HttpResponse<String> asString = post(http, base + "/readings/1.5", "{\"ratio\": \"1.5\"}");
                    assertThat(asString.statusCode()).isEqualTo(400);
                    HttpResponse<String> badPath = post(http, base + "/readings/abc", "{\"ratio\": 1.5}");
                    assertThat(badPath.statusCode()).isEqualTo(400);
                    assertThat(badPath.body()).contains("\"field\":\"ratio\"");
                }
            }
            Class<?> ratio = Class.forName("com.acme.num.model.Ratio", true, loader);
            assertThat(ratio.getMethod("value").getReturnType()).isEqualTo(BigDecimal.class);
        }
    }

    @Test
    void integerValuesTheParserDropsAreReadBackOrNamedInAFinding(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(
                dir.resolve("other.yaml"), "Far: {type: integer, enum: [3, 99999999999999999999]}\n");
        String doc = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /things:
                    get:
                      parameters:
                        - {name: code, in: query, schema: {type: integer, enum: [1, 99999999999999999999]}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: 'other.yaml#/Far'}
                """;
        GeneratedSources sources = OpenApiCodegen.fromSpecText(doc, dir)
                .basePackage("com.acme.far")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        // read back from the document itself
        assertThat(sources.files().stream().map(GeneratedFile::content))
                .anyMatch(c -> c.contains("VALUE_99999999999999999999(new BigDecimal(\"99999999999999999999\"))"));
        // the referenced file is not read a second time: the value it lost is named in a finding
        assertThat(sources.findings().stream().map(Object::toString))
                .anyMatch(f -> f.contains("ENUM_VALUES_DROPPED") && f.contains("Far"));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void aSwagger2ParameterEnumBeyondALongIsACleanSpecException() {
        String swagger = """
                swagger: '2.0'
                info: {title: t, version: '1'}
                paths:
                  /things:
                    get:
                      parameters:
                        - {name: code, in: query, type: integer, enum: [1, 99999999999999999999]}
                      responses:
                        '200': {description: ok}
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpenApiCodegen.fromSpecText(swagger)
                        .basePackage("com.acme.sw")
                        .generate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("spec text")
                .hasMessageContaining("swagger-parser");
    }

    private static HttpResponse<String> post(HttpClient http, String uri, String json) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
