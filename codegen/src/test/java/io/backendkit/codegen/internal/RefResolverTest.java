package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.codegen.SpecException;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

/** GIVEN local refs of every kind WHEN they are resolved THEN they lead to the schema they point at, or fail clearly. */
class RefResolverTest {

    private static final PlanFixture DOC = PlanFixture.document("""
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /pets/{id}:
                post:
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: integer, format: int32}}
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            nick: {type: string, maxLength: 9}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema:
                            type: array
                            items: {type: string, format: uuid}
            components:
              parameters:
                limit: {name: limit, in: query, schema: {type: integer, maximum: 50}}
              headers:
                Trace: {schema: {type: string, pattern: '^t'}}
              requestBodies:
                NewPet:
                  content:
                    application/json:
                      schema: {type: object, properties: {color: {type: string, minLength: 3}}}
              responses:
                Problem:
                  description: bad
                  content:
                    application/problem+json:
                      schema: {type: object, properties: {title: {type: string, maxLength: 4}}}
              schemas:
                Pet:
                  type: object
                  properties:
                    tags: {type: array, items: {type: string, minLength: 1}}
                    extra: {type: object, additionalProperties: {type: integer, minimum: 7}}
                    kind: {oneOf: [{type: string, maxLength: 2}, {type: integer, maximum: 3}]}
                A: {$ref: '#/components/schemas/B'}
                B: {$ref: '#/components/schemas/C'}
                C: {type: object, nullable: true, properties: {c: {type: string}}}
                a/b: {type: string}
                t~n: {type: string}
                Foo Bar: {type: string}
            """);

    private final RefResolver refs = DOC.refs();

    @Test
    void componentNamesAreUnescaped() {
        assertThat(refs.componentName("#/components/schemas/Pet")).isEqualTo("Pet");
        assertThat(refs.componentName("#/components/schemas/a~1b")).isEqualTo("a/b");
        assertThat(refs.componentName("#/components/schemas/t~0n")).isEqualTo("t~n");
        assertThat(refs.componentName("#/components/schemas/Foo%20Bar")).isEqualTo("Foo Bar");
        assertThat(refs.componentName("#/components/schemas/Nope")).isEqualTo("Nope");
        assertThat(refs.componentName("#/components/schemas/Pet/properties/tags"))
                .isNull();
        assertThat(refs.componentName("#/paths/~1pets")).isNull();
        assertThat(refs.componentName("other.yaml#/Pet")).isNull();
        assertThat(refs.isComponent("a/b")).isTrue();
        assertThat(refs.isComponent("Nope")).isFalse();
        assertThat(RefResolver.pointerOf("a/b~")).isEqualTo("#/components/schemas/a~1b~0");
    }

    @Test
    void pointersReachSchemasInsideComponentsOperationsAndOtherComponents() {
        assertThat(refs.navigate("#/components/schemas/Pet/properties/tags/items")
                        .getMinLength())
                .isEqualTo(1);
        assertThat(refs.navigate("#/components/schemas/Pet/properties/extra/additionalProperties")
                        .getMinimum())
                .isEqualByComparingTo("7");
        assertThat(refs.navigate("#/components/schemas/Pet/properties/kind/oneOf/1")
                        .getMaximum())
                .isEqualByComparingTo("3");
        assertThat(refs.navigate(
                                "#/paths/~1pets~1{id}/post/requestBody/content/application~1json/schema/properties/nick")
                        .getMaxLength())
                .isEqualTo(9);
        assertThat(refs.navigate("#/paths/~1pets~1{id}/post/responses/200/content/application~1json/schema/items")
                        .getFormat())
                .isEqualTo("uuid");
        assertThat(refs.navigate("#/paths/~1pets~1{id}/post/parameters/0/schema")
                        .getFormat())
                .isEqualTo("int32");
        assertThat(refs.navigate("#/components/parameters/limit/schema").getMaximum())
                .isEqualByComparingTo("50");
        assertThat(refs.navigate("#/components/headers/Trace/schema").getPattern())
                .isEqualTo("^t");
        assertThat(refs.navigate("#/components/requestBodies/NewPet/content/application~1json/schema/properties/color")
                        .getMinLength())
                .isEqualTo(3);
        assertThat(refs.navigate(
                                "#/components/responses/Problem/content/application~1problem+json/schema/properties/title")
                        .getMaxLength())
                .isEqualTo(4);
    }

    @Test
    void pointersToNothingGiveNull() {
        assertThat(refs.navigate("#/components/schemas/Pet/properties/kind/oneOf/7"))
                .isNull();
        assertThat(refs.navigate("#/components/schemas/Pet/properties/nope")).isNull();
        assertThat(refs.navigate("#/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"))
                .isNull();
        assertThat(refs.navigate("#/paths/~1pets~1{id}/post/parameters/x/schema"))
                .isNull();
        assertThat(refs.navigate("#/components/examples/e/value")).isNull();
        assertThat(refs.navigate("#/info/title")).isNull();
        assertThat(refs.navigate("other.yaml#/Pet")).isNull();
    }

    @Test
    void aRefToARefResolvesOneStepAndADanglingRefFailsAtItsPointer() {
        Schema<?> toA = new Schema<>().$ref("#/components/schemas/A");
        Schema<?> a = refs.resolve(toA, "#/x");
        assertThat(a.get$ref()).isEqualTo("#/components/schemas/B");
        assertThat(refs.resolve(refs.resolve(a, "#/y"), "#/z")).isSameAs(DOC.schema("C"));
        Schema<?> plain = new Schema<>().type("string");
        assertThat(refs.resolve(plain, "#/x")).isSameAs(plain);
        assertThat(refs.resolve(null, "#/x")).isNull();

        assertThatThrownBy(() -> refs.resolve(new Schema<>().$ref("#/components/schemas/Nope"), "#/at/here"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("spec text#/at/here")
                .hasMessageContaining("$ref '#/components/schemas/Nope' points to nothing");
        assertThatThrownBy(() -> refs.resolve(new Schema<>().$ref("#/components/schemas/Pet/properties/no"), "#/p"))
                .isInstanceOf(SpecException.class);
    }

    @Test
    void nullabilityFollowsOneRef() {
        assertThat(refs.isNullable(null)).isTrue();
        assertThat(refs.isNullable(new Schema<>().type("string"))).isFalse();
        assertThat(refs.isNullable(new Schema<>().type("string").nullable(true)))
                .isTrue();
        assertThat(refs.isNullable(new Schema<>().$ref("#/components/schemas/C")))
                .isTrue();
        assertThat(refs.isNullable(new Schema<>().$ref("#/components/schemas/Pet")))
                .isFalse();
        // A is a ref to a ref to the nullable C: only one step is followed
        assertThat(refs.isNullable(new Schema<>().$ref("#/components/schemas/A")))
                .isFalse();
        Schema<?> typed = new Schema<>();
        typed.addType("string");
        typed.addType("null");
        assertThat(refs.isNullable(typed)).isTrue();
    }
}
