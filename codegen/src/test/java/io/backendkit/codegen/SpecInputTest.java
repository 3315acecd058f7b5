package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.backendkit.codegen.internal.RefPolicy;
import io.backendkit.codegen.internal.SpecLoader;
import io.backendkit.codegen.internal.SpecSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GIVEN documents of every kind, good and bad, WHEN generating THEN results or clear errors. */
class SpecInputTest {

    static final Path SPECS = Path.of("src/test/resources/specs");

    @TempDir
    Path tmp;

    @Test
    void missingFileIsNamed() {
        Path missing = SPECS.resolve("nope.yaml");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(missing).generate())
                .isInstanceOf(SpecException.class)
                .hasMessage(missing + ": spec not found");
    }

    @Test
    void directoryIsRejected() {
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(SPECS).generate())
                .isInstanceOf(SpecException.class)
                .hasMessageEndingWith("spec is a directory, not a file");
    }

    @Test
    void invalidYamlGivesLineAndColumn() {
        Path invalid = SPECS.resolve("invalid.yaml");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(invalid).generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location()).startsWith(invalid + " line 8, column "))
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void invalidJsonGivesLineAndColumn() {
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("{\"openapi\": \"3.0.3\",\n \"info\": }")
                        .generate())
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("spec text line 2, column 10: invalid JSON");
    }

    @Test
    void refToNothingNamesTheJsonPointer() {
        Path badRef = SPECS.resolve("bad-ref.yaml");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(badRef).generate())
                .isInstanceOf(SpecException.class)
                .hasMessage(badRef + "#/components/schemas/Pet/properties/tags/items: $ref '#/components/schemas/Tag'"
                        + " points to nothing");
    }

    @Test
    void documentsThatAreNotOpenApiAreRejected() {
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("name: not a spec").generate())
                .isInstanceOf(SpecException.class)
                .hasMessage("spec text#: not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("- a\n- b").generate())
                .hasMessage("spec text#: document root must be an object/mapping, found array");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("openapi: 4.0.0\ninfo: {title: t, version: '1'}")
                        .generate())
                .hasMessageStartingWith("spec text#/openapi: unsupported OpenAPI version '4.0.0'");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText("swagger: '1.2'").generate())
                .hasMessageStartingWith("spec text#/swagger: unsupported Swagger version '1.2'");
    }

    @Test
    void argumentsAreValidatedAtTheDoor() {
        assertThatThrownBy(() -> OpenApiCodegen.fromSpecText(" ")).hasMessage("spec document text must not be blank");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec((Path) null)).hasMessage("spec path must not be null");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(java.net.URI.create("ftp://x/y")))
                .hasMessage("spec URI must use file:, http: or https: (was ftp://x/y)");
        OpenApiCodegen codegen = OpenApiCodegen.fromSpec(SPECS.resolve("swagger2.yaml"));
        assertThatThrownBy(() -> codegen.basePackage("com.acme.class"))
                .hasMessage("basePackage is not a valid Java package name: 'com.acme.class' (bad segment 'class')");
        assertThatThrownBy(() -> codegen.basePackage("com..acme"))
                .hasMessage("basePackage is not a valid Java package name: 'com..acme' (bad segment '')");
        assertThatThrownBy(() -> codegen.target(null)).hasMessage("target must not be null");
    }

    @Test
    void swagger2IsConvertedAndPointersUseDefinitions() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(SPECS.resolve("swagger2.yaml"))
                .basePackage("legacy")
                .generate();
        assertThat(sources.file("legacy/model/Item.java")).isPresent();
        assertThat(sources.file("legacy/model/Item.java").orElseThrow().content())
                .contains("Generated from #/components/schemas/Item")
                .contains("Long id");
    }

    @Test
    void refsToOtherFilesAreResolved() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(SPECS.resolve("multi/main.yaml"))
                .basePackage("multi")
                .generate();
        assertThat(sources.file("multi/model/Owner.java").orElseThrow().content())
                .contains("Address address");
        assertThat(sources.file("multi/model/Address.java")).isPresent();
    }

    @Test
    void openApi31TypeArraysAndNumericExclusiveBoundsAreUnderstood() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(SPECS.resolve("openapi31.yaml"))
                .basePackage("v31")
                .generate();
        String thing = sources.file("v31/model/Thing.java").orElseThrow().content();
        assertThat(thing)
                .contains("String note")
                .contains("Optional, may be null")
                .contains("Long count")
                .contains("this.count <= 0L")
                .contains("must be > 0");
    }

    @Test
    void multiMegabyteYamlParses() throws IOException {
        StringBuilder yaml = new StringBuilder(
                "openapi: 3.0.3\ninfo: {title: big, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
        int i = 0;
        while (yaml.length() < 4_500_000) {
            yaml.append("    S").append(i++).append(":\n      type: object\n      description: >\n");
            yaml.append("        ")
                    .append("lorem ipsum dolor sit amet ".repeat(40))
                    .append('\n');
            yaml.append("      properties:\n        id: {type: integer}\n");
        }
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, yaml);
        assertThat(Files.size(big)).isGreaterThan(4_000_000);
        GeneratedSources sources =
                OpenApiCodegen.fromSpec(big).basePackage("big").generate();
        assertThat(sources.modelCount()).isEqualTo(i);
    }

    /**
     * An OpenAPI 3.1 YAML document of at least {@code chars} characters: one operation per schema,
     * schemas chained by refs, 3.1 type arrays, nested inline objects and long descriptions.
     */
    static String bigOpenApi31Yaml(int chars) {
        StringBuilder paths = new StringBuilder();
        StringBuilder schemas = new StringBuilder();
        int i = 0;
        while (paths.length() + schemas.length() < chars) {
            paths.append("  /things")
                    .append(i)
                    .append("/{id}:\n    get:\n      operationId: getThing")
                    .append(i)
                    .append(
                            "\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}")
                    .append("\n      responses:\n        '200':\n          description: ok\n          content:")
                    .append("\n            application/json:\n              schema: {$ref: '#/components/schemas/Thing")
                    .append(i)
                    .append("'}\n");
            schemas.append("    Thing")
                    .append(i)
                    .append(":\n      type: object\n      required: [id]\n")
                    .append("      description: >\n        ")
                    .append("lorem ipsum dolor sit amet ".repeat(12))
                    .append("\n      properties:\n        id: {type: string}\n")
                    .append("        count: {type: [integer, 'null'], minimum: 0}\n")
                    .append("        state: {type: string, enum: [open, closed]}\n")
                    .append("        next: {$ref: '#/components/schemas/Thing")
                    .append(i + 1)
                    .append("'}\n")
                    .append("        inner:\n          type: object\n          properties:\n")
                    .append("            tags: {type: array, items: {type: string}}\n")
                    .append("            owner: {$ref: '#/components/schemas/Thing")
                    .append(i / 2)
                    .append("'}\n");
            i++;
        }
        schemas.append("    Thing").append(i).append(":\n      type: object\n");
        return "openapi: 3.1.0\ninfo: {title: big, version: '1'}\npaths:\n" + paths + "components:\n  schemas:\n"
                + schemas;
    }

    @Test
    void aFourAndAHalfMegabyteOpenApi31YamlDocumentLoadsInSeconds() throws IOException {
        // swagger-parser's 3.1 resolver read the file again from its location for every ref (with
        // SnakeYAML's 3 MB limit): more than 10 minutes before; a few seconds of loading now
        Path big = Files.writeString(tmp.resolve("big31.yaml"), bigOpenApi31Yaml(4_500_000));
        assertThat(Files.size(big)).isGreaterThan(4_400_000);
        SpecLoader.LoadedSpec spec = assertTimeoutPreemptively(
                Duration.ofSeconds(120),
                () -> SpecLoader.loadOnLoaderThread(new SpecSource.FromPath(big), RefPolicy.ownTreeOnly()));
        assertThat(spec.findings()).isEmpty();
        assertThat(spec.api().getPaths()).hasSizeGreaterThan(4000);
        io.swagger.v3.oas.models.media.Schema<?> thing7 =
                spec.api().getComponents().getSchemas().get("Thing7");
        io.swagger.v3.oas.models.media.Schema<?> next = thing7.getProperties().get("next");
        io.swagger.v3.oas.models.media.Schema<?> count = thing7.getProperties().get("count");
        assertThat(next.get$ref()).isEqualTo("#/components/schemas/Thing8");
        assertThat(count.getTypes()).containsExactlyInAnyOrder("integer", "null");
    }

    @Test
    void documentWithoutPathsOrSchemasGivesOnlySupportFiles() {
        GeneratedSources sources = OpenApiCodegen.fromSpecText(
                        "openapi: 3.0.3\ninfo: {title: empty, version: '1'}\npaths: {}")
                .basePackage("empty")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        assertThat(sources.modelCount()).isZero();
        assertThat(sources.operationCount()).isZero();
        assertThat(sources.files()).extracting(GeneratedFile::path).contains("empty/model/Violation.java");
    }

    @Test
    void documentsWithoutAPathsKeyGiveCleanResultsThatCompile(@TempDir Path classes) {
        // OpenAPI 3.1 allows a document of components (or webhooks) only; 3.0 requires paths
        GeneratedSources only31 = OpenApiCodegen.fromSpecText("""
                        openapi: 3.1.0
                        info: {title: shared models, version: '1'}
                        components:
                          schemas:
                            Money:
                              type: object
                              required: [amount, currency]
                              properties:
                                amount: {type: string, pattern: '^[0-9]+[.][0-9]{2}$'}
                                currency: {type: string, enum: [EUR, USD]}
                        """)
                .basePackage("shared")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        assertThat(only31.operationCount()).isZero();
        assertThat(only31.files())
                .extracting(GeneratedFile::path)
                .contains("shared/model/Money.java", "shared/model/MoneyCurrency.java");
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(only31.files(), classes);
        assertThat(compiled.errors()).isEmpty();

        GeneratedSources bare = OpenApiCodegen.fromSpecText("openapi: 3.0.3\ninfo: {title: bare, version: '1'}")
                .basePackage("bare")
                .generate();
        assertThat(bare.modelCount()).isZero();
        assertThat(bare.operationCount()).isZero();
    }

    @Test
    void writeToCreatesTheSourceTree() throws IOException {
        GeneratedSources sources = OpenApiCodegen.fromSpec(SPECS.resolve("swagger2.yaml"))
                .basePackage("legacy")
                .generate();
        var written = sources.writeTo(tmp.resolve("out"));
        assertThat(written).hasSize(sources.files().size());
        assertThat(Files.readString(tmp.resolve("out/legacy/model/Item.java")))
                .isEqualTo(sources.file("legacy/model/Item.java").orElseThrow().content());
    }

    @Test
    void writeToKeepsTheLastOfTwoFilesWithOnePath() throws IOException {
        GeneratedSources sources = new GeneratedSources(
                java.util.List.of(
                        new GeneratedFile("a/A.java", "first"),
                        new GeneratedFile("b/B.java", "other"),
                        new GeneratedFile("a/A.java", "second")),
                java.util.List.of(),
                0,
                0);
        var written = sources.writeTo(tmp.resolve("dup"));
        assertThat(written)
                .containsExactly(tmp.resolve("dup/a/A.java"), tmp.resolve("dup/a/A.java"), tmp.resolve("dup/b/B.java"));
        assertThat(Files.readString(tmp.resolve("dup/a/A.java"))).isEqualTo("second");
        assertThat(Files.readString(tmp.resolve("dup/b/B.java"))).isEqualTo("other");
    }

    @Test
    void writeToNamesTheFirstFileThatCannotBeWritten() throws IOException {
        java.util.List<GeneratedFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            files.add(new GeneratedFile("p/F" + (100 + i) + ".java", "class F" + i + " {}"));
        }
        Path root = tmp.resolve("blocked");
        // directories where two of the files should go: neither can be written
        Files.createDirectories(root.resolve("p/F117.java"));
        Files.createDirectories(root.resolve("p/F131.java"));
        GeneratedSources sources = new GeneratedSources(files, java.util.List.of(), 0, 0);
        assertThatThrownBy(() -> sources.writeTo(root))
                .isInstanceOf(io.backendkit.core.BackendKitException.class)
                .hasMessageContaining(root.resolve("p/F117.java").toString())
                .hasMessageContaining("cannot write generated file");
        assertThat(Files.readString(root.resolve("p/F100.java"))).isEqualTo("class F0 {}");
    }

    @Test
    void documentsAndTheirRefsAreFetchedOverHttp() throws IOException {
        com.sun.net.httpserver.HttpServer server =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/specs/", exchange -> {
            Path file = SPECS.resolve("multi")
                    .resolve(exchange.getRequestURI().getPath().substring("/specs/".length()));
            byte[] body = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/specs/";
            GeneratedSources sources = OpenApiCodegen.fromSpec(java.net.URI.create(base + "main.yaml"))
                    .basePackage("remote")
                    .generate();
            assertThat(sources.file("remote/model/Owner.java").orElseThrow().content())
                    .contains("Address address");
            assertThatThrownBy(() -> OpenApiCodegen.fromSpec(java.net.URI.create(base + "missing.yaml"))
                            .generate())
                    .isInstanceOf(SpecException.class)
                    .hasMessage(base + "missing.yaml: cannot fetch spec: HTTP 404");
        } finally {
            server.stop(0);
        }
    }
}
