package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.codegen.internal.PlanFixture.Plan;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GIVEN inline schemas that are structurally identical, or copies of components WHEN they are planned
 * THEN they share one type and the sharing is reported.
 */
class InlineSharingTest {

    private static Named record(String simpleName) {
        return new Named(type(simpleName), NamedKind.RECORD, List.of(), Shape.Constraints.NONE);
    }

    @Test
    void identicalInlineSchemasShareTheFirstOnesTypeAndItsDescriptionOnlyWhenAllAgree() {
        PlanFixture doc = PlanFixture.schemas("""
                A:
                  type: object
                  properties:
                    point: {type: object, description: a point, properties: {x: {type: integer}, y: {type: integer}}}
                    same: {type: object, description: a point, properties: {x: {type: integer}, y: {type: integer}}}
                B:
                  type: object
                  properties:
                    where: {type: object, description: a place, properties: {x: {type: integer}, y: {type: integer}}}
                    swapped: {type: object, properties: {y: {type: integer}, x: {type: integer}}}
                C:
                  type: object
                  properties:
                    kept: {type: object, description: kept, properties: {z: {type: integer}}}
                    alsoKept: {type: object, title: kept, properties: {z: {type: integer}}}
                """);
        Plan plan = doc.plan();

        assertThat(plan.record("A").field("same").shape()).isEqualTo(record("APoint"));
        assertThat(plan.record("B").field("where").shape()).isEqualTo(record("APoint"));
        assertThat(plan.record("B").field("swapped").shape()).isEqualTo(record("BSwapped"));
        assertThat(plan.decl("APoint").sharedBy).isEqualTo(2);
        assertThat(plan.decl("APoint").description).isNull();
        assertThat(plan.decl("CKept").sharedBy).isEqualTo(1);
        assertThat(plan.decl("CKept").description).isEqualTo("kept");
        assertThat(plan.names()).containsExactly("A", "APoint", "B", "BSwapped", "C", "CKept");
        assertThat(doc.findings("INLINE_SCHEMAS_SHARED"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("3 inline schema(s)"));
    }

    @Test
    void aFormBodyDoesNotShareWithAnIdenticalSchemaOutsideForms() {
        PlanFixture doc = PlanFixture.schemas("X: {type: string}");
        ModelPlanner planner = doc.planned();

        Shape json = planner.shapeOf(upload(), "Json", "#/a");
        Shape form = planner.formShapeOf(upload(), "Form", "#/b");
        Shape jsonAgain = planner.shapeOf(upload(), "JsonAgain", "#/c");
        Shape formAgain = planner.formShapeOf(upload(), "FormAgain", "#/d");
        planner.finish();

        assertThat(json).isEqualTo(record("Json"));
        assertThat(form).isEqualTo(record("Form"));
        assertThat(jsonAgain).isEqualTo(json);
        assertThat(formAgain).isEqualTo(form);
    }

    private static Schema<?> upload() {
        return new Schema<>()
                .type("object")
                .addProperty("file", new Schema<>().type("string").format("binary"));
    }

    @Test
    void inlineCopiesOfComponentsInABundledDocumentAreTheComponents() {
        PlanFixture doc = PlanFixture.document("""
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                  /pets:
                    get:
                      responses:
                        '200':
                          description: ok
                          content:
                            application/json:
                              schema:
                                type: array
                                items:
                                  type: object
                                  required: [name]
                                  properties: {name: {type: string}, status: {type: string, enum: [on, off]}}
                components:
                  schemas:
                    Pet:
                      type: object
                      required: [name]
                      properties: {name: {type: string}, status: {type: string, enum: [on, off]}}
                    Owner:
                      type: object
                      properties:
                        pet:
                          type: object
                          required: [name]
                          properties: {name: {type: string}, status: {type: string, enum: [on, off]}}
                """);
        ModelPlanner planner = doc.planned();
        Schema<?> items = doc.api
                .getPaths()
                .get("/pets")
                .getGet()
                .getResponses()
                .get("200")
                .getContent()
                .get("application/json")
                .getSchema();

        Shape shape = planner.shapeOf(items, "ListPetsResponse", "#/paths/~1pets/get/responses/200");
        Plan plan = new Plan(planner.finish());

        assertThat(((Shape.ListOf) shape).item()).isEqualTo(record("Pet"));
        assertThat(plan.record("Owner").field("pet").shape()).isEqualTo(record("Pet"));
        assertThat(plan.names()).containsExactly("Pet", "PetStatus", "Owner");
        assertThat(doc.findings("INLINE_COPIES_OF_COMPONENTS"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("2 inline schema(s)"));
    }
}
