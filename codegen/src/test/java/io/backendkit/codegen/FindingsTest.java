package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN documents with constructs the generator approximates or skips WHEN generating THEN each one
 * is reported as a core {@link Finding} with its code, severity and the JSON pointer of the construct,
 * and the code generated anyway compiles.
 */
class FindingsTest {

    static final Path WARNINGS = Path.of("src/test/resources/specs/warnings.yaml");

    @TempDir
    Path classes;

    @Test
    void everyApproximationIsAFindingAtItsJsonPointerAndTheOutputStillCompiles() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(WARNINGS)
                .basePackage("warn")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        String doc = WARNINGS.toString();
        assertThat(sources.findings())
                .extracting(Finding::code, Finding::severity, Finding::location)
                .containsExactlyInAnyOrder(
                        // swagger-parser's own messages, with the pointer read out of the message
                        tuple("SPEC_MESSAGE", Severity.WARNING, doc + "#/paths/~1items~1{id}"),
                        tuple("SPEC_MESSAGE", Severity.WARNING, doc + "#/paths/~1ping/get/responses"),
                        // operations
                        tuple("PATH_PARAM_UNDECLARED", Severity.WARNING, doc + "#/paths/~1items~1{id}/get"),
                        tuple("PATH_PARAM_UNUSED", Severity.WARNING, doc + "#/paths/~1items~1{id}/get/parameters/0"),
                        tuple("PARAM_AS_STRING", Severity.INFO, doc + "#/paths/~1items~1{id}/get/parameters/1"),
                        tuple("PARAM_CONTENT_AS_STRING", Severity.INFO, doc + "#/paths/~1items~1{id}/get/parameters/2"),
                        tuple("PAGINATION_IGNORED", Severity.WARNING, doc + "#/paths/~1items~1{id}/get/x-pagination"),
                        tuple("PAGINATION_IGNORED", Severity.WARNING, doc + "#/paths/~1items/get/x-pagination"),
                        // models
                        tuple(
                                "PATTERN_NOT_CHECKED",
                                Severity.WARNING,
                                doc + "#/components/schemas/Pet/properties/name/pattern"),
                        tuple("NOT_IGNORED", Severity.INFO, doc + "#/components/schemas/Pet/properties/code/not"),
                        tuple("MIXED_TYPE", Severity.INFO, doc + "#/components/schemas/Pet/properties/tags"),
                        tuple("RECURSIVE_ALIAS", Severity.WARNING, doc + "#/components/schemas/Loop"),
                        tuple(
                                "RECURSIVE_POINTER_REF",
                                Severity.WARNING,
                                doc + "#/components/schemas/SelfPointer/properties/x"),
                        tuple("UNION_WITH_PROPERTIES_IGNORED", Severity.WARNING, doc + "#/components/schemas/Mixed"),
                        tuple("ALLOF_UNION_IGNORED", Severity.WARNING, doc + "#/components/schemas/Composed/allOf/0"),
                        tuple("DISCRIMINATOR_IGNORED", Severity.WARNING, doc + "#/components/schemas/PetOrText"),
                        tuple("UNION_WITHOUT_VARIANTS", Severity.WARNING, doc + "#/components/schemas/Base"));
        assertThat(sources.findings())
                .filteredOn(f -> f.code().equals("MIXED_TYPE"))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("schema allows several types [string, integer]; typed as Object");
        assertThat(sources.findings())
                .filteredOn(f -> f.location().endsWith("/~1items/get/x-pagination"))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("x-pagination must be true or false (was 'sometimes'); the operation is not paged");
        assertThat(sources.file("warn/model/Pet.java").orElseThrow().content())
                .contains("Object tags")
                .contains("String name");

        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
    }

    @Test
    void recordWithMorePropertiesThanARecordCanHoldKeepsTheRestInAdditionalProperties() {
        StringBuilder yaml = new StringBuilder(
                "openapi: 3.0.3\ninfo: {title: wide, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                        + "    Wide:\n      type: object\n      properties:\n");
        for (int i = 0; i < 250; i++) {
            yaml.append("        p").append(i).append(": {type: string}\n");
        }
        GeneratedSources sources =
                OpenApiCodegen.fromSpecText(yaml.toString()).basePackage("wide").generate();
        assertThat(sources.findings())
                .extracting(Finding::code, Finding::severity, Finding::location)
                .containsExactly(tuple("TOO_MANY_PROPERTIES", Severity.WARNING, "spec text#/components/schemas/Wide"));
        assertThat(sources.file("wide/model/Wide.java").orElseThrow().content())
                .contains("String p239")
                .doesNotContain("String p240")
                .contains("Map<String, Object> additionalProperties");
    }

    @Test
    void swagger2FindingsPointIntoDefinitions() {
        GeneratedSources sources =
                OpenApiCodegen.fromSpecText("""
                        swagger: '2.0'
                        info: {title: legacy, version: '1'}
                        paths: {}
                        definitions:
                          Item:
                            type: object
                            properties:
                              name: {type: string, pattern: '(unclosed'}
                        """).basePackage("legacy").generate();
        assertThat(sources.findings())
                .extracting(Finding::code, Finding::location)
                .containsExactly(tuple("PATTERN_NOT_CHECKED", "spec text#/definitions/Item/properties/name/pattern"));
    }
}
