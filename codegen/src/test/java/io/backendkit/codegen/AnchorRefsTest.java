package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN OpenAPI 3.1 documents whose {@code $ref}s name a schema by its {@code $anchor} ({@code
 * #pet}, and {@code other.yaml#toy} in another file) WHEN generated and compiled THEN the referenced
 * types are used; an anchor no schema declares is a SpecException naming the ref and where it is.
 */
class AnchorRefsTest {

    @TempDir
    Path tmp;

    private Path write(String ownerProperties) throws IOException {
        Files.writeString(tmp.resolve("other.yaml"), """
                Toy:
                  $anchor: toy
                  type: object
                  properties:
                    color: {type: string}
                """);
        return Files.writeString(tmp.resolve("api.yaml"), """
                openapi: 3.1.0
                info: {title: t, version: '1'}
                paths:
                  /owners/{id}:
                    get:
                      operationId: getOwner
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: string}}
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: '#/components/schemas/Owner'}
                components:
                  schemas:
                    Pet:
                      $anchor: pet
                      type: object
                      properties:
                        name: {type: string}
                    Owner:
                      type: object
                      properties:
                """ + ownerProperties.indent(10));
    }

    @Test
    void anchorRefsInTheDocumentAndInAnotherFileResolveAndCompile() throws Exception {
        Path doc = write("""
                pet: {$ref: '#pet'}
                toy: {$ref: 'other.yaml#toy'}
                pets:
                  type: array
                  items: {$ref: '#pet'}
                """);
        GeneratedSources sources = OpenApiCodegen.fromSpec(doc)
                .basePackage("com.acme.anchor")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        String owner =
                sources.file("com/acme/anchor/model/Owner.java").orElseThrow().content();
        assertThat(owner).contains("Pet pet").contains("OwnerToy toy").contains("List<Pet> pets");
        // swagger-parser's 3.1 reader inlines schemas from other files (as for other.yaml#/Toy)
        assertThat(sources.file("com/acme/anchor/model/OwnerToy.java")
                        .orElseThrow()
                        .content())
                .contains("String color");
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), tmp.resolve("classes"));
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        try (URLClassLoader loader = compiled.classLoader()) {
            Class<?> ownerType = Class.forName("com.acme.anchor.model.Owner", true, loader);
            assertThat(ownerType.getRecordComponents())
                    .anySatisfy(c -> assertThat(c.getType().getName()).isEqualTo("com.acme.anchor.model.Pet"));
        }
    }

    @Test
    void anUnknownAnchorNamesTheRefAndWhereItIs() throws IOException {
        Path local = write("pet: {$ref: '#nope'}\n");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(local).generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location())
                        .isEqualTo(local + "#/components/schemas/Owner/properties/pet"))
                .hasMessageContaining("$ref '#nope'")
                .hasMessageContaining("anchor 'nope'");
        Path other = write("toy: {$ref: 'other.yaml#nope'}\n");
        assertThatThrownBy(() -> OpenApiCodegen.fromSpec(other).generate())
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).location())
                        .isEqualTo(other + "#/components/schemas/Owner/properties/toy"))
                .hasMessageContaining("$ref 'other.yaml#nope'")
                .hasMessageContaining("other.yaml");
    }
}
