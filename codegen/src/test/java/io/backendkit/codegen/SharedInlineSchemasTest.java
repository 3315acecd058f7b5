package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GIVEN inline schemas that are structurally identical WHEN code is generated THEN they share one type. */
class SharedInlineSchemasTest {

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            description: the first
                            properties:
                              level: {type: string, enum: [read, write], description: a level}
                              owner:
                                type: object
                                properties:
                                  login: {type: string}
                                  id: {type: integer, format: int64}
              /b:
                get:
                  operationId: getB
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            description: the second, worded otherwise
                            properties:
                              level: {type: string, enum: [read, write], example: read}
                              owner:
                                type: object
                                title: Someone
                                properties:
                                  login: {type: string, description: their login}
                                  id: {type: integer, format: int64}
              /c:
                get:
                  operationId: getC
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: object
                            properties:
                              level: {type: string, enum: [read, write, admin]}
                              owner:
                                type: object
                                properties:
                                  id: {type: integer, format: int64}
                                  login: {type: string}
            """;

    @TempDir
    Path classes;

    @Test
    void identicalInlineSchemasShareTheFirstOnesTypeAndDifferentOnesDoNot() {
        GeneratedSources sources =
                OpenApiCodegen.fromSpecText(SPEC).basePackage("com.acme.shared").generate();
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).isEmpty();
        assertThat(compiled.warnings()).isEmpty();

        // /b's body, its enum and its nested object are /a's (documentation differs, structure does not)
        assertThat(sources.file("com/acme/shared/model/GetAResponse.java")).isPresent();
        assertThat(sources.file("com/acme/shared/model/GetBResponse.java")).isEmpty();
        assertThat(sources.file("com/acme/shared/model/GetBResponseLevel.java")).isEmpty();
        assertThat(sources.file("com/acme/shared/model/GetBResponseOwner.java")).isEmpty();
        // /c differs in the enum's values and in the order of the object's properties
        assertThat(sources.file("com/acme/shared/model/GetCResponse.java")).isPresent();
        assertThat(sources.file("com/acme/shared/model/GetCResponseLevel.java")).isPresent();
        assertThat(sources.file("com/acme/shared/model/GetCResponseOwner.java")).isPresent();

        String shared = sources.file("com/acme/shared/model/GetAResponse.java")
                .orElseThrow()
                .content();
        // the sharers describe the type differently: neither text is kept, the sharing is said
        assertThat(shared)
                .doesNotContain("the first")
                .doesNotContain("the second")
                .contains("shared by 1 structurally identical inline schema(s) after it");
        assertThat(sources.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo("INLINE_SCHEMAS_SHARED"));

        GeneratedSources again =
                OpenApiCodegen.fromSpecText(SPEC).basePackage("com.acme.shared").generate();
        assertThat(again.files()).isEqualTo(sources.files());
    }
}
