package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GIVEN documents in every input format the generator reads (OpenAPI 3.0 as JSON and YAML, 3.1,
 * Swagger 2.0, several files) WHEN server and client are generated THEN the output compiles without
 * errors or warnings, is the same on a second run, and has the operations the document describes.
 */
class SpecFormatsTest {

    static final Path SPECS = Path.of("src/test/resources/specs");

    @TempDir
    Path classes;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "petstore.json     | json/api/PetsApi.java   | Pet showPetById(UUID petId);",
                "swagger2.yaml     | json/api/DefaultApi.java | List<Item> listItems(Integer limit, List<String> tags, String xTenant);",
                "openapi31.yaml    | json/model/Thing.java   | String note",
                "multi/main.yaml   | json/model/Owner.java   | Address address",
            })
    void serverAndClientCompileForEveryInputFormat(String document, String file, String expected) {
        Path spec = SPECS.resolve(document);
        GeneratedSources sources = OpenApiCodegen.fromSpec(spec)
                .basePackage("json")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        assertThat(sources.findings(Severity.WARNING)).as("warnings").isEmpty();
        assertThat(sources.file(file).orElseThrow().content()).contains(expected);
        assertThat(OpenApiCodegen.fromSpec(spec)
                        .basePackage("json")
                        .target(Target.JDK_HTTP_SERVER)
                        .client(true)
                        .generate())
                .isEqualTo(sources);
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
    }
}
