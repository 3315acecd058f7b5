package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Severity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN documents generated for {@link Target#JAKARTA_REST} WHEN the sources are compiled with {@code
 * -Xlint:all -Werror} against jakarta.ws.rs-api, jakarta.validation-api and Jackson THEN there are no
 * errors and no warnings, and the annotations say what the document says.
 */
class JakartaRestTargetTest {

    @TempDir
    Path tmp;

    private static GeneratedSources features(boolean envelope) {
        return OpenApiCodegen.fromSpec(ModelGenerationTest.FEATURES)
                .basePackage("com.acme.zoo")
                .target(Target.JAKARTA_REST)
                .client(true)
                .envelope(envelope)
                .generate();
    }

    private static String file(GeneratedSources sources, String path) {
        return sources.files().stream()
                .filter(f -> f.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + path))
                .content();
    }

    @Test
    void featureDocumentCompilesWithoutWarnings() {
        GeneratedSources sources = features(true);
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void featureDocumentWithoutEnvelopeCompilesWithoutWarnings() {
        GeneratedSources sources = features(false);
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
        assertThat(file(sources, "com/acme/zoo/server/ApiResponseFilter.java")).contains("ENVELOPE = false");
    }

    @Test
    void featureDocumentCompilesWithoutWarningsAgainstJakartaRest31() {
        Path api31 = Path.of("target/jakarta-rest-3.1/jakarta.ws.rs-api-3.1.0.jar");
        assertThat(api31).as("copied by the build").isRegularFile();
        List<Path> classPath = new ArrayList<>(JacksonOnlyClassPathTest.jacksonJars());
        classPath.add(api31);
        Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith("jakarta.validation-api-"))
                .forEach(classPath::add);
        assertThat(classPath).hasSize(6);
        JavaSourceCompiler.Result result =
                JavaSourceCompiler.compileWithClassPath(features(true).files(), tmp.resolve("c"), classPath);
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void securedDocumentCompilesWithoutWarningsAndBindsTheFilter() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(Path.of("src/test/resources/specs/security.yaml"))
                .basePackage("com.acme.vault")
                .target(Target.JAKARTA_REST)
                .client(true)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
        String api = file(sources, "com/acme/vault/api/VaultApi.java");
        assertThat(api)
                .contains("@Secured(\"postAdmin\")")
                .contains("@Secured(\"getMaybe\")")
                .doesNotContain("@Secured(\"getPublic\")")
                // every operation is named for the rate limiter, secured or not
                .contains("@ApiOperation(\"getPublic\")", "@ApiOperation(\"postAdmin\")");
        assertThat(file(sources, "com/acme/vault/server/ApiRateLimitFilter.java"))
                .contains("RateLimiter");
        String table = file(sources, "com/acme/vault/server/ApiSecurity.java");
        assertThat(table)
                .contains("new Need(\"bearerAuth\", \"http\", \"header\", \"bearer\", List.of(\"admin\"))")
                .contains("new Need(\"cookieKey\", \"apiKey\", \"cookie\", \"session\", List.of())")
                .doesNotContain("\"getPublic\"");
        assertThat(file(sources, "com/acme/vault/server/ApiSecurityFilter.java"))
                .contains("@Secured");
    }

    @Test
    void interfacesCarryTheBindingsAndTheConstraints() {
        GeneratedSources sources = features(true);
        String pets = file(sources, "com/acme/zoo/api/PetsApi.java");
        assertThat(pets)
                .contains("@Path(\"\")")
                .contains("@GET")
                .contains("@Path(\"/pets\")")
                .contains("@QueryParam(\"limit\") @Min(")
                .contains("@HeaderParam(\"X-Request-Tenant\") @Pattern(")
                .contains("Pet getPet(@PathParam(\"petId\") long petId)")
                .contains("Response createPet(@NotNull(message = \"is required\") @Valid NewPet body)")
                .contains("@Consumes(\"application/json\")")
                .contains("@Produces(\"application/json\")")
                .doesNotContain("springframework");
        String newPet = file(sources, "com/acme/zoo/model/NewPet.java");
        assertThat(newPet).contains("@NotNull").doesNotContain("jakarta.ws.rs");
        String converters = file(sources, "com/acme/zoo/server/ApiParamConverters.java");
        assertThat(converters).contains("fromValue(");
        assertThat(file(sources, "com/acme/zoo/server/ApiFeature.java"))
                .contains("ApiExceptionMappers.InvalidCall.class,")
                .contains("context.register(mapper, Priorities.USER - 100)");
    }

    @Test
    void documentsWithoutOperationsOrWithOddMethodsCompileWithoutWarnings() {
        String spec = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /things/{id}:
                    head:
                      operationId: probe
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
                      responses:
                        '200': {description: there}
                    options:
                      operationId: discover
                      responses:
                        '204': {description: allowed}
                    post:
                      operationId: make
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '201':
                          description: made
                          headers:
                            Location: {schema: {type: string}}
                        '202': {description: queued}
                """;
        GeneratedSources sources = OpenApiCodegen.fromSpecText(spec)
                .basePackage("p")
                .target(Target.JAKARTA_REST)
                .client(true)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
        String api = file(sources, "p/api/DefaultApi.java");
        assertThat(api)
                .contains("@HEAD")
                .contains("@OPTIONS")
                .contains("Response make(")
                .contains(
                        "@ApiStatus(200)\n    void probe(@PathParam(\"id\") @NotNull(message = \"is required\") UUID id)");

        GeneratedSources empty = OpenApiCodegen.fromSpecText("""
                        openapi: 3.0.3
                        info: {title: t, version: '1'}
                        paths: {}
                        """)
                .basePackage("q")
                .target(Target.JAKARTA_REST)
                .generate();
        JavaSourceCompiler.Result none = JavaSourceCompiler.compile(empty.files(), tmp.resolve("e"), "-Werror");
        assertThat(none.errors()).as("compile errors").isEmpty();
        assertThat(none.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void everyOasExampleCompilesWithoutErrors() throws IOException {
        Path examples = RealWorldSpecsTest.specsDir().resolve("oas-examples");
        Assumptions.assumeTrue(Files.isDirectory(examples), "no oas-examples folder in " + examples.getParent());
        List<Path> docs = RealWorldSpecsTest.documents(examples);
        assertThat(docs).hasSizeGreaterThan(90);
        List<GeneratedFile> all = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Path doc : docs) {
            try {
                GeneratedSources sources = OpenApiCodegen.fromSpec(doc)
                        .basePackage("ex.j" + n++)
                        .target(Target.JAKARTA_REST)
                        .client(true)
                        .generate();
                assertThat(sources.findings(Severity.ERROR)).isEmpty();
                all.addAll(sources.files());
            } catch (SpecException e) {
                assertThat(e.getMessage()).startsWith(doc.toString());
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("documents refused").isEmpty();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(all, tmp.resolve("classes"));
        assertThat(result.errors()).as("compile errors").isEmpty();
    }

    @Test
    void githubEnterpriseDescriptionCompilesWithoutErrors() {
        Path github = RealWorldSpecsTest.specsDir().resolve("github-ghes-3.12.json");
        Assumptions.assumeTrue(Files.isRegularFile(github), "no github-ghes-3.12.json in " + github.getParent());
        GeneratedSources sources = OpenApiCodegen.fromSpec(github)
                .basePackage("com.github.ghes")
                .target(Target.JAKARTA_REST)
                .envelope(false)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("classes"));
        assertThat(result.errors()).as("compile errors").isEmpty();
    }

    @Test
    void aDeprecatedEnumParameterCompilesWithoutWarnings() {
        String spec = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /things:
                    get:
                      operationId: listThings
                      parameters:
                        - name: status
                          in: query
                          schema: {$ref: '#/components/schemas/Status'}
                      responses:
                        '204': {description: none}
                components:
                  schemas:
                    Status: {type: string, enum: [a, b], deprecated: true}
                """;
        GeneratedSources sources = OpenApiCodegen.fromSpecText(spec)
                .basePackage("com.acme.old")
                .target(Target.JAKARTA_REST)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("old"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
    }
}
