package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GIVEN enum schemas WHEN they are planned THEN the constants have unique Java names and typed values. */
class EnumPlannerTest {

    private static EnumDecl plan(PlanFixture doc, String component) {
        EnumPlanner enums = doc.enums();
        String pointer = RefResolver.pointerOf(component);
        assertThat(enums.inspect(doc.schema(component), pointer)).isTrue();
        return enums.plan(type(component), doc.schema(component), pointer);
    }

    @Test
    void stringConstantsAreUniqueAndTheSentinelKeepsItsName() {
        PlanFixture doc = PlanFixture.schemas("""
                Status:
                  type: string
                  description: The state.
                  deprecated: true
                  enum: [active, in progress, UNRECOGNIZED, active, In-Progress, class, '1st', '']
                """);

        EnumDecl decl = plan(doc, "Status");

        assertThat(decl.valueKind).isEqualTo(ScalarKind.STRING);
        assertThat(decl.unknownConstant).isEqualTo("UNRECOGNIZED");
        assertThat(decl.constants)
                .containsExactly(
                        entry("ACTIVE", "active"),
                        entry("IN_PROGRESS", "in progress"),
                        entry("UNRECOGNIZED2", "UNRECOGNIZED"),
                        entry("IN_PROGRESS2", "In-Progress"),
                        entry("CLASS", "class"),
                        entry("VALUE_1ST", "1st"),
                        entry("VALUE", ""));
        assertThat(decl.description).isEqualTo("The state.");
        assertThat(decl.deprecated).isTrue();
        assertThat(EnumPlanner.values(doc.schema("Status")))
                .containsExactly("active", "in progress", "UNRECOGNIZED", "In-Progress", "class", "1st", "");
    }

    @Test
    void integerEnumsAreIntWhenInt32FitsAndLongOtherwise() {
        PlanFixture doc = PlanFixture.schemas("""
                Small: {type: integer, format: int32, enum: [1, -2, 1]}
                Wide: {type: integer, format: int32, enum: [1, 5000000000]}
                Plain: {type: integer, enum: [7]}
                """);

        EnumDecl small = plan(doc, "Small");
        EnumDecl wide = plan(doc, "Wide");
        EnumDecl plain = plan(doc, "Plain");

        assertThat(small.valueKind).isEqualTo(ScalarKind.INT);
        assertThat(small.constants).containsExactly(entry("VALUE_1", 1), entry("VALUE_2", -2));
        assertThat(wide.valueKind).isEqualTo(ScalarKind.LONG);
        assertThat(wide.constants).containsExactly(entry("VALUE_1", 1L), entry("VALUE_5000000000", 5000000000L));
        assertThat(plain.constants).containsExactly(entry("VALUE_7", 7L));
        assertThat(doc.findings("ENUM_WIDENED"))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("spec text#/components/schemas/Wide"));
    }

    @Test
    void numberEnumsAreDecimalsNamedByTheirDigitsAndEqualValuesCountOnce() {
        PlanFixture doc = PlanFixture.schemas("""
                Ratio: {type: number, enum: [1.5, -0.25, 1.50, 2]}
                Odd: {type: integer, enum: [1, 1.5]}
                """);

        EnumDecl ratio = plan(doc, "Ratio");
        EnumDecl odd = plan(doc, "Odd");

        assertThat(ratio.valueKind).isEqualTo(ScalarKind.DECIMAL);
        assertThat(ratio.constants.keySet()).containsExactly("VALUE_1_5", "VALUE_MINUS_0_25", "VALUE_2");
        assertThat(ratio.constants.get("VALUE_1_5")).isEqualTo(new BigDecimal("1.5"));
        assertThat(odd.valueKind).isEqualTo(ScalarKind.DECIMAL);
    }

    @Test
    void integersBeyondALongAreReadFromTheDocumentAsWrittenOrReported() {
        PlanFixture doc = PlanFixture.schemas("""
                Huge: {type: integer, enum: [1, 99999999999999999999]}
                """);

        EnumDecl huge = plan(doc, "Huge");

        assertThat(huge.valueKind).isEqualTo(ScalarKind.DECIMAL);
        assertThat(huge.constants.values()).containsExactly(BigDecimal.ONE, new BigDecimal("99999999999999999999"));
        assertThat(doc.codes()).isEmpty();

        // without the document as written the lost value cannot be recovered
        PlanFixture again = PlanFixture.schemas("Huge: {type: integer, enum: [1, 99999999999999999999]}");
        EnumPlanner blind = new EnumPlanner(null, again.findings);
        assertThat(blind.inspect(again.schema("Huge"), "#/components/schemas/Huge"))
                .isTrue();
        assertThat(again.findings("ENUM_VALUES_DROPPED"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("could not read"));
    }

    @Test
    void schemasWithoutAUsableEnumAreNoEnums() {
        PlanFixture doc = PlanFixture.schemas("Plain: {type: string}");
        Schema<Object> onlyNull = new Schema<>();
        onlyNull.setType("string");
        onlyNull.setEnum(new ArrayList<>(Arrays.asList((Object) null)));
        Schema<Object> objects = new Schema<>();
        objects.setType("object");
        objects.setEnum(new ArrayList<>(List.of(Map.of("a", 1))));

        EnumPlanner enums = doc.enums();
        assertThat(enums.inspect(doc.schema("Plain"), "#/p")).isFalse();
        assertThat(enums.inspect(onlyNull, "#/n")).isFalse();
        assertThat(enums.inspect(objects, "#/o")).isFalse();
        assertThat(doc.findings("ENUM_VALUES_DROPPED"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("object values"));
    }
}
