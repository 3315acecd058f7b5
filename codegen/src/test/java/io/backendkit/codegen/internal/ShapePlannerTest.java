package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.codegen.internal.PlanFixture.Plan;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GIVEN schemas at their places of use WHEN their shapes are planned THEN refs, aliases, inline types
 * and recursion end in the right types with names taken from where they occur.
 */
class ShapePlannerTest {

    private static Shape field(Plan plan, String record, String json) {
        return plan.record(record).field(json).shape();
    }

    private static Named named(String simpleName, NamedKind kind) {
        return new Named(type(simpleName), kind, List.of(), Shape.Constraints.NONE);
    }

    @Test
    void nestedInlineSchemasAreNamedAfterWhereTheyOccur() {
        Plan plan = PlanFixture.schemas("""
                Pet:
                  type: object
                  properties:
                    owner:
                      type: object
                      properties:
                        address: {type: object, properties: {city: {type: string}}}
                    tags: {type: array, items: {type: object, properties: {label: {type: string}}}}
                    labels: {type: object, additionalProperties: {type: object, properties: {v: {type: integer}}}}
                    color: {type: string, enum: [red, green]}
                Other: {type: object, properties: {n: {type: integer}}}
                """).plan();

        assertThat(plan.names())
                .containsExactly(
                        "Pet", "PetOwner", "PetOwnerAddress", "PetTagsItem", "PetLabelsValue", "PetColor", "Other");
        assertThat(field(plan, "PetOwner", "address")).isEqualTo(named("PetOwnerAddress", NamedKind.RECORD));
        assertThat(field(plan, "Pet", "tags")).isInstanceOf(ListOf.class);
        assertThat(((ListOf) field(plan, "Pet", "tags")).item()).isEqualTo(named("PetTagsItem", NamedKind.RECORD));
        assertThat(((MapOf) field(plan, "Pet", "labels")).value()).isEqualTo(named("PetLabelsValue", NamedKind.RECORD));
        assertThat(field(plan, "Pet", "color"))
                .isEqualTo(
                        new Named(type("PetColor"), NamedKind.ENUM, List.of("red", "green"), Shape.Constraints.NONE));
        assertThat(plan.decl("PetOwnerAddress").pointer())
                .isEqualTo("#/components/schemas/Pet/properties/owner/properties/address");
    }

    @Test
    void componentsAreNamedBeforeInlineSchemasSoAnInlineNameYields() {
        Plan plan = PlanFixture.schemas("""
                Pet: {type: object, properties: {owner: {type: object, properties: {n: {type: string}}}}}
                PetOwner: {type: object, properties: {id: {type: integer}}}
                Violation: {type: object, properties: {rule: {type: string}}}
                """).plan();

        assertThat(plan.names()).containsExactly("Pet", "PetOwner2", "PetOwner", "ViolationModel");
        assertThat(plan.decl("PetOwner").pointer()).isEqualTo("#/components/schemas/PetOwner");
        assertThat(field(plan, "Pet", "owner")).isEqualTo(named("PetOwner2", NamedKind.RECORD));
    }

    @Test
    void refsToRefsEndAtTheNamedTypeAndAliasesAtTheirShape() {
        PlanFixture doc = PlanFixture.schemas("""
                Holder:
                  type: object
                  properties:
                    a: {$ref: '#/components/schemas/A'}
                    name: {$ref: '#/components/schemas/Name'}
                    names: {$ref: '#/components/schemas/Names'}
                A: {$ref: '#/components/schemas/B'}
                B: {$ref: '#/components/schemas/C'}
                C: {type: object, properties: {c: {type: string}}}
                Name: {type: string, maxLength: 5}
                Names: {type: array, items: {$ref: '#/components/schemas/Name'}}
                """);
        Plan plan = doc.plan();

        assertThat(plan.names()).containsExactly("Holder", "C");
        assertThat(field(plan, "Holder", "a")).isEqualTo(named("C", NamedKind.RECORD));
        Scalar name = (Scalar) field(plan, "Holder", "name");
        assertThat(name.kind()).isEqualTo(ScalarKind.STRING);
        assertThat(name.constraints().maxLength()).isEqualTo(5);
        assertThat(((ListOf) field(plan, "Holder", "names")).item()).isEqualTo(name);
        assertThat(doc.codes()).isEmpty();
    }

    @Test
    void recursionThroughRecordsEndsAtTheirNamesAndThroughAliasesInObject() {
        PlanFixture doc = PlanFixture.schemas("""
                Node:
                  type: object
                  properties:
                    children: {type: array, items: {$ref: '#/components/schemas/Node'}}
                    loop: {$ref: '#/components/schemas/Loop'}
                Loop: {$ref: '#/components/schemas/Back'}
                Back: {$ref: '#/components/schemas/Loop'}
                """);
        Plan plan = doc.plan();

        assertThat(((ListOf) field(plan, "Node", "children")).item()).isEqualTo(named("Node", NamedKind.RECORD));
        assertThat(field(plan, "Node", "loop")).isEqualTo(Shape.any());
        assertThat(doc.findings("RECURSIVE_ALIAS")).isNotEmpty();
        assertThat(plan.names()).containsExactly("Node");
    }

    @Test
    void pointerRefsReuseTheTypeOfTheSchemaTheyPointAtAndCyclesEndInObject() {
        PlanFixture doc = PlanFixture.schemas("""
                Pet:
                  type: object
                  properties:
                    owner: {type: object, properties: {n: {type: string}}}
                    sameOwner: {$ref: '#/components/schemas/Pet/properties/owner'}
                    tag: {$ref: '#/components/schemas/Tree/properties/sub'}
                Tree:
                  type: object
                  properties:
                    sub:
                      type: object
                      properties:
                        again: {$ref: '#/components/schemas/Tree/properties/sub'}
                """);
        Plan plan = doc.plan();

        assertThat(field(plan, "Pet", "sameOwner")).isEqualTo(field(plan, "Pet", "owner"));
        assertThat(field(plan, "Pet", "sameOwner")).isEqualTo(named("PetOwner", NamedKind.RECORD));
        // the first use of Tree's sub is through a pointer, so its type is named after the pointer
        assertThat(field(plan, "Pet", "tag")).isEqualTo(named("PropertiesSub", NamedKind.RECORD));
        assertThat(field(plan, "PropertiesSub", "again")).isEqualTo(Shape.any());
        assertThat(field(plan, "Tree", "sub")).isEqualTo(named("PropertiesSub", NamedKind.RECORD));
        assertThat(doc.findings("RECURSIVE_POINTER_REF"))
                .singleElement()
                .satisfies(f -> assertThat(f.location())
                        .isEqualTo("spec text#/components/schemas/Tree/properties/sub/properties/again"));
    }

    @Test
    void inlineUnionsOfOneVariantOrOfOneScalarKindNeedNoType() {
        PlanFixture doc = PlanFixture.schemas31("""
                Holder:
                  type: object
                  properties:
                    one: {oneOf: [{$ref: '#/components/schemas/Pet'}, {type: 'null'}]}
                    text: {anyOf: [{type: string, maxLength: 3}, {type: string, format: email}]}
                    either: {oneOf: [{type: string}, {type: integer}]}
                    renamed: {allOf: [{$ref: '#/components/schemas/Pet'}], description: the pet}
                    nothing: {allOf: [{description: only words}]}
                    mixed: {type: [string, integer]}
                Pet: {type: object, properties: {n: {type: string}}}
                """);
        Plan plan = doc.plan();

        assertThat(field(plan, "Holder", "one")).isEqualTo(named("Pet", NamedKind.RECORD));
        assertThat(field(plan, "Holder", "text")).isEqualTo(Shape.string());
        assertThat(field(plan, "Holder", "either")).isEqualTo(named("HolderEither", NamedKind.UNION));
        assertThat(field(plan, "Holder", "renamed")).isEqualTo(named("Pet", NamedKind.RECORD));
        assertThat(field(plan, "Holder", "nothing")).isEqualTo(Shape.any());
        assertThat(field(plan, "Holder", "mixed")).isEqualTo(Shape.any());
        assertThat(doc.findings("MIXED_TYPE"))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).endsWith("/Holder/properties/mixed"));
    }

    @Test
    void binaryStringsInFormBodiesBecomeOneFileUploadRecord() {
        PlanFixture doc = PlanFixture.schemas("""
                Upload:
                  type: object
                  properties:
                    file: {type: string, format: binary}
                    more: {type: array, items: {type: string, format: binary}}
                """);
        ModelPlanner planner = doc.planned();
        Schema<?> inlineForm = new Schema<>()
                .type("object")
                .addProperty("file", new Schema<>().type("string").format("binary"))
                .addProperty("note", new Schema<>().type("string"));

        Shape formShape = planner.formShapeOf(inlineForm, "UploadRequest", "#/paths/~1up/post/requestBody");
        Shape again = planner.formShapeOf(new Schema<>().type("string").format("binary"), "File", "#/x");
        Plan plan = new Plan(planner.finish());

        assertThat(field(plan, "Upload", "file")).isEqualTo(new Scalar(ScalarKind.BYTES, Shape.Constraints.NONE));
        assertThat(formShape).isEqualTo(named("UploadRequest", NamedKind.RECORD));
        assertThat(field(plan, "UploadRequest", "file")).isEqualTo(named("FileUpload", NamedKind.RECORD));
        assertThat(again).isEqualTo(named("FileUpload", NamedKind.RECORD));
        assertThat(planner.fileUpload()).isEqualTo(type("FileUpload"));
        assertThat(plan.fields("FileUpload")).containsExactly("filename", "contentType", "content");
        assertThat(plan.decl("FileUpload").pointer()).isEqualTo("#/paths/~1up/post/requestBody/properties/file");
    }

    @Test
    void aSchemaObjectGetsOneShapeWhereverItIsUsed() {
        PlanFixture doc = PlanFixture.schemas("Pet: {type: object, properties: {n: {type: string}}}");
        ModelPlanner planner = doc.planned();
        Schema<?> inline = new Schema<>().type("object").addProperty("x", new Schema<>().type("integer"));

        Shape first = planner.shapeOf(inline, "First", "#/a");
        Shape second = planner.shapeOf(inline, "Second", "#/b");

        assertThat(first).isSameAs(second).isEqualTo(named("First", NamedKind.RECORD));
        assertThat(planner.shapeOf(null, "Nothing", "#/c")).isEqualTo(Shape.any());
        assertThat(planner.shapeOf(new Schema<>().$ref("other.yaml#/X"), "X", "#/d"))
                .isEqualTo(Shape.any());
        assertThat(doc.codes()).containsExactly("UNSUPPORTED_REF");
        assertThat(new Plan(planner.finish()).names()).containsExactly("Pet", "First");
    }
}
