package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Severity;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN documents generated for {@link Target#SPRING_MVC} WHEN the sources are compiled with {@code
 * -Xlint:all -Werror} against spring-web, spring-webmvc, spring-context, jakarta.validation-api and
 * Jackson THEN there are no errors and no warnings, and the annotations say what the schema says.
 */
class SpringMvcTargetTest {

    @TempDir
    Path tmp;

    private static GeneratedSources features(boolean envelope) {
        return OpenApiCodegen.fromSpec(ModelGenerationTest.FEATURES)
                .basePackage("com.acme.zoo")
                .target(Target.SPRING_MVC)
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
        assertThat(file(sources, "com/acme/zoo/server/ApiResponseAdvice.java")).contains("ENVELOPE = false");
    }

    @Test
    void featureDocumentCompilesAgainstSpring62() throws IOException {
        Path spring6 = Path.of("target/spring-6.2");
        assertThat(spring6)
                .as("copied by maven-dependency-plugin at generate-test-resources")
                .isDirectory();
        List<Path> classPath = new ArrayList<>();
        try (var jars = Files.list(spring6)) {
            jars.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(classPath::add);
        }
        assertThat(classPath).hasSize(8);
        // everything else from the test class path except Spring 7
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("springframework") && entry.endsWith(".jar")) {
                classPath.add(Path.of(entry));
            }
        }
        JavaSourceCompiler.Result result =
                JavaSourceCompiler.compileWithClassPath(features(true).files(), tmp.resolve("c"), classPath);
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void securedDocumentCompilesWithoutWarningsAndMarksTheSecuredMethods() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(Path.of("src/test/resources/specs/security.yaml"))
                .basePackage("com.acme.vault")
                .target(Target.SPRING_MVC)
                .client(true)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
        String api = sources.files().stream()
                .filter(f -> f.path().equals("com/acme/vault/api/VaultApi.java"))
                .findFirst()
                .orElseThrow()
                .content();
        assertThat(api)
                .contains("@ApiSecured(\"postAdmin\")")
                .contains("@ApiSecured(\"getMaybe\")")
                .doesNotContain("@ApiSecured(\"getPublic\")")
                // every operation is named for the rate limiter, secured or not
                .contains("@ApiOperation(\"getPublic\")", "@ApiOperation(\"postAdmin\")");
        assertThat(sources.files().stream().map(GeneratedFile::path))
                .contains(
                        "com/acme/vault/server/ApiSecurity.java",
                        "com/acme/vault/server/ApiSecurityInterceptor.java",
                        "com/acme/vault/server/Authenticator.java",
                        "com/acme/vault/server/RateLimiter.java",
                        "com/acme/vault/server/ApiRateLimitInterceptor.java");
    }

    @Test
    void interfacesCarryTheMappingsAndTheConstraints() {
        GeneratedSources sources = features(true);
        String pets = file(sources, "com/acme/zoo/api/PetsApi.java");
        assertThat(pets)
                .contains("@Validated")
                .contains("@GetMapping(\n            path = \"/pets\"")
                .contains("@RequestParam(name = \"limit\", required = false) @Min(")
                .contains("@RequestHeader(name = \"X-Request-Tenant\", required = false) @Pattern(")
                .contains("@PathVariable(name = \"petId\") long petId")
                .contains("ResponseEntity<Pet> createPet(@RequestBody(required = true) @Valid NewPet body)")
                .contains("@ResponseStatus(HttpStatus.NO_CONTENT)");
        String lookup = file(sources, "com/acme/zoo/api/LookupApi.java");
        assertThat(lookup).contains("@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day");
        // no Spring type in the models: they stay usable without Spring
        String newPet = file(sources, "com/acme/zoo/model/NewPet.java");
        assertThat(newPet).contains("@NotNull").doesNotContain("springframework");
        String config = file(sources, "com/acme/zoo/server/ApiWebConfiguration.java");
        assertThat(config).contains("registry.addConverter(String.class, ");
    }

    @Test
    void patternsMatchAnywhereInTheValueAsOpenApiSays() throws Exception {
        String spec = """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths: {}
                components:
                  schemas:
                    Code:
                      type: object
                      properties:
                        anywhere: {type: string, pattern: 'ab+c'}
                        anchored: {type: string, pattern: '^[a-z]+$'}
                        quoted: {type: string, pattern: '"\\d{2}\\$'}
                        lines: {type: string, pattern: 'x'}
                """;
        GeneratedSources sources = OpenApiCodegen.fromSpecText(spec)
                .basePackage("p")
                .target(Target.SPRING_MVC)
                .generate();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("c"), "-Werror");
        assertThat(result.errors()).isEmpty();
        assertThat(result.warnings()).isEmpty();
        try (URLClassLoader loader = result.classLoader()) {
            Class<?> code = Class.forName("p.model.Code", true, loader);
            assertThat(matches(code, "anywhere", "xx abbbc yy")).isTrue();
            assertThat(matches(code, "anywhere", "ac")).isFalse();
            assertThat(matches(code, "anchored", "abc")).isTrue();
            assertThat(matches(code, "anchored", "abc1")).isFalse();
            assertThat(matches(code, "quoted", "a\"12$")).isTrue();
            assertThat(matches(code, "quoted", "a\"12")).isFalse();
            assertThat(matches(code, "lines", "first\nsecond x\nthird")).isTrue();
        }
    }

    /** Whole-string matching, as Bean Validation applies {@code @Pattern}. */
    private static boolean matches(Class<?> type, String field, String value) throws Exception {
        for (Annotation a : type.getDeclaredField(field).getAnnotations()) {
            if (a.annotationType().getName().equals("jakarta.validation.constraints.Pattern")) {
                String regexp = (String) a.annotationType().getMethod("regexp").invoke(a);
                return Pattern.compile(regexp).matcher(value).matches();
            }
        }
        throw new AssertionError("no @Pattern on " + field);
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
                        .basePackage("ex.s" + n++)
                        .target(Target.SPRING_MVC)
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
                .target(Target.SPRING_MVC)
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
                .target(Target.SPRING_MVC)
                .generate();
        JavaSourceCompiler.Result result =
                JavaSourceCompiler.compile(sources.files(), tmp.resolve("classes"), "-Werror");
        assertThat(result.errors()).as("compile errors").isEmpty();
        assertThat(result.warnings()).as("compile warnings").isEmpty();
    }
}
