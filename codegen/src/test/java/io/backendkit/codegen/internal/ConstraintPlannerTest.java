package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.codegen.internal.Shape.Constraints;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** GIVEN scalar and array schemas WHEN their constraints are planned THEN what can be checked is kept. */
class ConstraintPlannerTest {

    @Test
    void lengthsPatternEmailAndItemCountsAreKept() {
        PlanFixture doc = PlanFixture.schemas("""
                Code: {type: string, minLength: 2, maxLength: 8, pattern: '^[A-Z]+$', format: email}
                Tags: {type: array, minItems: 1, maxItems: 3, uniqueItems: true, items: {type: string}}
                """);
        ConstraintPlanner planner = new ConstraintPlanner(doc.findings);

        Constraints code = planner.of(doc.schema("Code"), "#/components/schemas/Code");
        Constraints tags = planner.of(doc.schema("Tags"), "#/components/schemas/Tags");

        assertThat(code)
                .isEqualTo(new Constraints(
                        2,
                        8,
                        "^[A-Z]+$",
                        null,
                        false,
                        null,
                        false,
                        null,
                        null,
                        false,
                        true,
                        java.util.List.of(),
                        null));
        assertThat(tags.minItems()).isEqualTo(1);
        assertThat(tags.maxItems()).isEqualTo(3);
        assertThat(tags.uniqueItems()).isTrue();
        assertThat(tags.minLength()).isNull();
        assertThat(doc.codes()).isEmpty();
    }

    @Test
    void openApi30BooleanExclusiveBoundsApplyToTheBound() {
        PlanFixture doc = PlanFixture.schemas("""
                Ratio: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, multipleOf: 0.5}
                """);

        Constraints c = new ConstraintPlanner(doc.findings).of(doc.schema("Ratio"), "#/r");

        assertThat(c.minimum()).isEqualByComparingTo("0");
        assertThat(c.exclusiveMinimum()).isTrue();
        assertThat(c.maximum()).isEqualByComparingTo("1");
        assertThat(c.exclusiveMaximum()).isFalse();
        assertThat(c.multipleOf()).isEqualByComparingTo("0.5");
    }

    @Test
    void openApi31NumericExclusiveBoundsReplaceTheInclusiveOnes() {
        PlanFixture doc = PlanFixture.schemas31("""
                Score: {type: integer, minimum: 1, exclusiveMinimum: 5, exclusiveMaximum: 10}
                """);

        Constraints c = new ConstraintPlanner(doc.findings).of(doc.schema("Score"), "#/s");

        assertThat(c.minimum()).isEqualByComparingTo("5");
        assertThat(c.exclusiveMinimum()).isTrue();
        assertThat(c.maximum()).isEqualByComparingTo("10");
        assertThat(c.exclusiveMaximum()).isTrue();
    }

    @Test
    void whatCannotBeCheckedIsDroppedAndReported() {
        Schema<?> s = new Schema<>()
                .type("string")
                .pattern("[unclosed")
                .minLength(-1)
                .maxLength(-3)
                .multipleOf(BigDecimal.ZERO)
                .not(new Schema<>().type("integer"));
        PlanFixture doc = PlanFixture.schemas("X: {type: string}");

        Constraints c = new ConstraintPlanner(doc.findings).of(s, "#/components/schemas/X");

        assertThat(c).isEqualTo(Constraints.NONE);
        assertThat(doc.codes()).containsExactly("NOT_IGNORED", "PATTERN_NOT_CHECKED");
        assertThat(doc.findings("PATTERN_NOT_CHECKED").get(0).location())
                .isEqualTo("spec text#/components/schemas/X/pattern");
        assertThat(doc.findings("NOT_IGNORED").get(0).location()).isEqualTo("spec text#/components/schemas/X/not");
    }
}
