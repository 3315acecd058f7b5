package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.codegen.internal.ModelDecl.Field;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.PlanFixture.Plan;
import org.junit.jupiter.api.Test;

/** GIVEN object schemas WHEN they are planned as records THEN their components merge allOf parts and never clash. */
class RecordPlannerTest {

    @Test
    void allOfPartsMergeInOrderWithTheirRequiredProperties() {
        Plan plan = PlanFixture.schemas("""
                Base:
                  type: object
                  required: [id]
                  properties:
                    id: {type: integer}
                    name: {type: string, description: base name}
                Pet:
                  description: A pet.
                  allOf:
                    - $ref: '#/components/schemas/Base'
                    - required: [tag]
                      properties:
                        name: {type: string, description: pet name}
                        tag: {type: string}
                        born: {type: string, format: date, readOnly: true}
                        secret: {type: string, writeOnly: true, deprecated: true}
                  required: [born, secret]
                """).plan();

        RecordDecl pet = plan.record("Pet");
        assertThat(plan.fields("Pet")).containsExactly("id", "name", "tag", "born", "secret");
        assertThat(pet.fields).extracting(Field::required).containsExactly(true, false, true, false, false);
        assertThat(pet.field("name").description()).isEqualTo("pet name");
        assertThat(pet.field("name").pointer()).isEqualTo("#/components/schemas/Pet/allOf/1/properties/name");
        assertThat(pet.field("id").pointer()).isEqualTo("#/components/schemas/Base/properties/id");
        assertThat(pet.field("secret").deprecated()).isTrue();
        assertThat(pet.description).isEqualTo("A pet.");
        assertThat(pet.additional).isNull();
    }

    @Test
    void javaNamesAvoidRecordMethodsKeywordsAndEachOther() {
        Plan plan = PlanFixture.schemas("""
                Odd:
                  type: object
                  properties:
                    validate: {type: string}
                    hashCode: {type: string}
                    class: {type: string}
                    my-name: {type: string}
                    my_name: {type: string}
                    '2nd': {type: string}
                    '': {type: string}
                    additionalProperties: {type: string}
                  additionalProperties: true
                """).plan();

        assertThat(plan.fields("Odd"))
                .containsExactly(
                        "validate2",
                        "hashCode2",
                        "class_",
                        "myName",
                        "myName2",
                        "value2nd",
                        "value",
                        "additionalProperties");
        RecordDecl odd = plan.record("Odd");
        assertThat(odd.additional).isEqualTo(Shape.any());
        assertThat(odd.additionalJavaName).isEqualTo("additionalProperties2");
    }

    @Test
    void aRecordHoldsAtMostTheLimitAndKeepsTheRestInAdditionalProperties() {
        StringBuilder props = new StringBuilder("Wide:\n  type: object\n  properties:\n");
        for (int i = 0; i < RecordPlanner.MAX_RECORD_COMPONENTS + 3; i++) {
            props.append("    p").append(i).append(": {type: integer}\n");
        }
        PlanFixture doc = PlanFixture.schemas(props.toString());
        Plan plan = doc.plan();

        assertThat(plan.record("Wide").fields).hasSize(RecordPlanner.MAX_RECORD_COMPONENTS);
        assertThat(plan.record("Wide").additional).isEqualTo(Shape.any());
        assertThat(doc.findings("TOO_MANY_PROPERTIES"))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.message()).contains("243 properties").contains("from 'p240'"));
    }

    @Test
    void typedAdditionalPropertiesGetAValueShape() {
        Plan plan = PlanFixture.schemas("""
                Scores:
                  type: object
                  properties: {total: {type: integer}}
                  additionalProperties: {type: object, properties: {v: {type: number}}}
                """).plan();

        assertThat(plan.record("Scores").additional)
                .isEqualTo(new Shape.Named(
                        PlanFixture.type("ScoresValue"),
                        Shape.NamedKind.RECORD,
                        java.util.List.of(),
                        Shape.Constraints.NONE));
        assertThat(plan.decl("ScoresValue").pointer()).isEqualTo("#/components/schemas/Scores/additionalProperties");
    }

    @Test
    void nullabilityComesFromThePropertyOrTheComponentItRefersTo() {
        Plan plan = PlanFixture.schemas("""
                Maybe: {type: object, nullable: true, properties: {x: {type: string}}}
                Holder:
                  type: object
                  properties:
                    maybe: {$ref: '#/components/schemas/Maybe'}
                    plain: {type: string}
                    open: {type: string, nullable: true}
                """).plan();

        assertThat(plan.record("Holder").fields).extracting(Field::nullable).containsExactly(true, false, true);
    }

    @Test
    void mutuallyRecursiveAllOfIsMergedOnceAndUnionPartsAreNotMerged() {
        PlanFixture doc = PlanFixture.schemas("""
                A:
                  allOf:
                    - $ref: '#/components/schemas/B'
                    - properties: {a: {type: string}}
                B:
                  allOf:
                    - $ref: '#/components/schemas/A'
                    - properties: {b: {type: string}}
                Either: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}
                WithUnion:
                  allOf: [{$ref: '#/components/schemas/Either'}]
                  properties: {w: {type: string}}
                  oneOf: [{$ref: '#/components/schemas/A'}]
                """);
        Plan plan = doc.plan();

        assertThat(plan.fields("A")).containsExactly("b", "a");
        assertThat(plan.fields("B")).containsExactly("a", "b");
        assertThat(plan.fields("WithUnion")).containsExactly("w");
        assertThat(doc.codes()).contains("ALLOF_UNION_IGNORED", "UNION_WITH_PROPERTIES_IGNORED");
        assertThat(doc.findings("ALLOF_UNION_IGNORED").get(0).location())
                .isEqualTo("spec text#/components/schemas/WithUnion/allOf/0");
    }
}
