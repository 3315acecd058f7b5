package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GIVEN the model planner's phases WHEN they are called in or out of order THEN it plans or fails at once. */
class ModelPlannerTest {

    private static final String SCHEMAS = """
            Pet: {type: object, properties: {owner: {type: object, properties: {n: {type: string}}}}}
            B: {type: string, enum: [x]}
            """;

    @Test
    void planningReturnsComponentsAndTheirInlineTypesInPlanningOrder() {
        PlanFixture doc = PlanFixture.schemas(SCHEMAS);
        ModelPlanner planner = doc.planned();
        Shape later = planner.shapeOf(
                new Schema<>().type("object").addProperty("q", new Schema<>().type("string")), "Later", "#/p");

        List<ModelDecl> decls = planner.finish();

        assertThat(decls).extracting(d -> d.name().simpleName()).containsExactly("Pet", "PetOwner", "B", "Later");
        assertThat(later.type()).isEqualTo(type("Later"));
        assertThat(planner.decl(type("PetOwner"))).isSameAs(decls.get(1));
        assertThat(planner.decl(type("Nope"))).isNull();
        assertThat(planner.fileUpload()).isNull();
    }

    @Test
    void inlineSchemasWaitForTheComponents() {
        ModelPlanner planner = PlanFixture.schemas(SCHEMAS).planner();

        assertThatThrownBy(() -> planner.shapeOf(new Schema<>(), "X", "#/x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shapeOf is not allowed before planComponents()");
        assertThatThrownBy(() -> planner.formShapeOf(new Schema<>(), "X", "#/x"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(planner::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> planner.resolve(new Schema<>(), "#/x")).isInstanceOf(IllegalStateException.class);
        assertThat(planner.decl(type("Pet"))).isNull();
        assertThat(planner.fileUpload()).isNull();
    }

    @Test
    void configurationEndsWhenPlanningStartsAndEachPhaseRunsOnce() {
        PlanFixture doc = PlanFixture.schemas(SCHEMAS);
        ModelPlanner planner = doc.planned();

        assertThatThrownBy(planner::planComponents)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("planComponents is not allowed after planComponents()");
        assertThatThrownBy(() -> planner.otherComponents(doc.api.getComponents()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> planner.rawDocument(null)).isInstanceOf(IllegalStateException.class);

        planner.finish();

        assertThatThrownBy(planner::finish)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("finish is not allowed after finish()");
        assertThatThrownBy(() -> planner.shapeOf(new Schema<>(), "X", "#/x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("shapeOf is not allowed after finish()");
        assertThat(planner.decl(type("Pet"))).isNotNull();
        // queries still answer
        Schema<?> toB = new Schema<>().$ref("#/components/schemas/B");
        assertThat(planner.resolve(toB, "#/x")).isSameAs(doc.schema("B"));
        assertThat(planner.isNullable(toB)).isFalse();
        assertThat(planner.navigate("#/components/schemas/Pet/properties/owner"))
                .isSameAs(doc.schema("Pet").getProperties().get("owner"));
    }

    @Test
    void aDocumentWithoutComponentsPlansNothing() {
        PlanFixture doc = PlanFixture.document("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
        ModelPlanner planner = doc.planned();

        assertThat(planner.shapeOf(new Schema<>().type("integer").format("int32"), "N", "#/n")
                        .type())
                .isEqualTo(Shape.ScalarKind.INT.type());
        assertThat(planner.finish()).isEmpty();
        assertThat(doc.codes()).isEmpty();
    }
}
