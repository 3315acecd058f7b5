package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.PlanFixture.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.codegen.internal.ModelDecl.WrapperDecl;
import io.backendkit.codegen.internal.PlanFixture.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GIVEN oneOf/anyOf schemas and discriminator bases WHEN they are planned THEN variants and discriminator values are right. */
class UnionPlannerTest {

    private static final String PETS = """
            Cat: {type: object, properties: {meow: {type: boolean}}}
            Dog: {type: object, properties: {petType: {type: string}, bark: {type: boolean}}}
            """;

    @Test
    void refVariantsAreSelectedByMappingOrByTheirComponentName() {
        PlanFixture doc = PlanFixture.schemas(PETS + """
                Pet:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator:
                    propertyName: petType
                    mapping: {kitty: '#/components/schemas/Cat', puss: Cat}
                """);
        Plan plan = doc.plan();

        UnionDecl pet = plan.union("Pet");
        assertThat(pet.variants).containsExactly(type("Cat"), type("Dog"));
        assertThat(pet.discriminator).isEqualTo("petType");
        assertThat(pet.discriminatorValues)
                .containsExactly(entry(type("Cat"), List.of("kitty", "puss")), entry(type("Dog"), List.of("Dog")));
        assertThat(plan.record("Cat").discriminatorVariant).isTrue();
        assertThat(plan.record("Cat").parents).containsExactly(type("Pet"));
        // the discriminator property is added to the variant that does not declare it, first
        assertThat(plan.fields("Cat")).containsExactly("petType", "meow");
        assertThat(plan.fields("Dog")).containsExactly("petType", "bark");
        assertThat(doc.codes()).isEmpty();
    }

    @Test
    void nonObjectVariantsAreWrappedAndThenTheDiscriminatorCannotSelectThem() {
        PlanFixture doc = PlanFixture.schemas(PETS + """
                Value:
                  oneOf:
                    - {$ref: '#/components/schemas/Cat'}
                    - {type: string}
                    - {type: array, items: {type: integer}}
                    - {type: object, title: pair, properties: {l: {type: string}}}
                  discriminator: {propertyName: petType}
                """);
        Plan plan = doc.plan();

        UnionDecl value = plan.union("Value");
        assertThat(value.variants)
                .containsExactly(type("Cat"), type("ValueString"), type("ValueList"), type("ValuePair"));
        assertThat(((WrapperDecl) plan.decl("ValueString")).inner).isEqualTo(Shape.string());
        assertThat(plan.decl("ValueList").pointer()).isEqualTo("#/components/schemas/Value/oneOf/2");
        assertThat(value.discriminator).isNull();
        assertThat(value.discriminatorValues).isEmpty();
        assertThat(plan.record("Cat").deductionVariant).isTrue();
        assertThat(plan.record("Cat").discriminatorVariant).isFalse();
        assertThat(plan.decl("ValueString").parents).containsExactly(type("Value"));
        assertThat(doc.codes()).containsExactly("DISCRIMINATOR_IGNORED");
    }

    @Test
    void aDiscriminatorBaseGetsTheRecordsExtendingItAsVariants() {
        PlanFixture doc = PlanFixture.schemas("""
                Pet:
                  type: object
                  description: Any pet.
                  required: [petType]
                  properties: {petType: {type: string}, name: {type: string}}
                  discriminator: {propertyName: petType, mapping: {kitty: '#/components/schemas/Cat'}}
                Cat:
                  allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {meow: {type: boolean}}}]
                Dog:
                  allOf: [{$ref: '#/components/schemas/Pet'}, {properties: {bark: {type: boolean}}}]
                """);
        Plan plan = doc.plan();

        UnionDecl pet = plan.union("Pet");
        assertThat(pet.description).isEqualTo("Any pet.");
        assertThat(pet.variants).containsExactly(type("Cat"), type("Dog"));
        assertThat(pet.discriminatorValues)
                .containsExactly(entry(type("Cat"), List.of("kitty")), entry(type("Dog"), List.of("Dog")));
        assertThat(plan.fields("Cat")).containsExactly("petType", "name", "meow");
        assertThat(plan.record("Dog").parents).containsExactly(type("Pet"));
        assertThat(plan.record("Dog").discriminatorVariant).isTrue();
    }

    @Test
    void aUnionListingItselfLosesThatVariantAndOneWithNoneIsOpen() {
        PlanFixture doc = PlanFixture.schemas(PETS + """
                Self: {oneOf: [{$ref: '#/components/schemas/Self'}, {$ref: '#/components/schemas/Cat'}]}
                Empty: {anyOf: [{$ref: '#/components/schemas/Empty'}, {$ref: '#/components/schemas/Empty'}]}
                """);
        Plan plan = doc.plan();

        assertThat(plan.union("Self").variants).containsExactly(type("Cat"));
        assertThat(plan.union("Empty").variants).isEmpty();
        assertThat(doc.codes())
                .containsExactly(
                        "RECURSIVE_VARIANT", "RECURSIVE_VARIANT", "RECURSIVE_VARIANT", "UNION_WITHOUT_VARIANTS");
    }

    @Test
    void unionsNestUnlessTheNestingIsACycleWhichAWrapperBreaks() {
        PlanFixture doc = PlanFixture.schemas(PETS + """
                Outer: {oneOf: [{$ref: '#/components/schemas/Inner'}, {$ref: '#/components/schemas/Cat'}]}
                Inner: {oneOf: [{$ref: '#/components/schemas/Outer'}, {$ref: '#/components/schemas/Dog'}]}
                """);
        Plan plan = doc.plan();

        assertThat(plan.union("Outer").variants).containsExactly(type("Inner"), type("Cat"));
        assertThat(plan.union("Inner").variants).containsExactly(type("InnerOuter"), type("Dog"));
        assertThat(((WrapperDecl) plan.decl("InnerOuter")).inner)
                .isEqualTo(new Shape.Named(type("Outer"), Shape.NamedKind.UNION, List.of(), Shape.Constraints.NONE));
        assertThat(plan.union("Inner").parents).containsExactly(type("Outer"));
        assertThat(plan.record("Cat").deductionVariant).isTrue();
    }

    @Test
    void inlineVariantsAreNamedByTitleOrPosition() {
        Plan plan = PlanFixture.schemas("""
                Shape:
                  anyOf:
                    - {type: object, properties: {r: {type: number}}}
                    - {type: object, title: square, properties: {side: {type: number}}}
                """).plan();

        assertThat(plan.union("Shape").variants).containsExactly(type("ShapeOption1"), type("ShapeSquare"));
        assertThat(plan.decl("ShapeSquare").pointer()).isEqualTo("#/components/schemas/Shape/anyOf/1");
    }
}
