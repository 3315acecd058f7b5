package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.backendkit.codegen.internal.ComponentClassifier.Classification;
import io.backendkit.codegen.internal.TypeRegistry.Kind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GIVEN component schemas WHEN they are classified THEN each gets the kind of type it becomes. */
class ComponentClassifierTest {

    private static Classification classify(PlanFixture doc) {
        return new ComponentClassifier(doc.refs(), doc.enums()).classify();
    }

    @Test
    void objectsEnumsUnionsAndAliasesInDocumentOrder() {
        PlanFixture doc = PlanFixture.schemas("""
                Pet: {type: object, properties: {name: {type: string}}}
                Status: {type: string, enum: [on, off]}
                Size: {type: integer, enum: [1, 2]}
                Shape: {oneOf: [{$ref: '#/components/schemas/Pet'}, {type: string}]}
                Single: {anyOf: [{$ref: '#/components/schemas/Pet'}, {description: only words}]}
                PetRef: {$ref: '#/components/schemas/Pet'}
                Name: {type: string, maxLength: 3}
                Names: {type: array, items: {type: string}}
                Labels: {type: object, additionalProperties: {type: string}}
                """);

        assertThat(classify(doc).kinds())
                .containsExactly(
                        entry("Pet", Kind.RECORD),
                        entry("Status", Kind.ENUM),
                        entry("Size", Kind.ENUM),
                        entry("Shape", Kind.UNION),
                        entry("Single", Kind.ALIAS),
                        entry("PetRef", Kind.ALIAS),
                        entry("Name", Kind.ALIAS),
                        entry("Names", Kind.ALIAS),
                        entry("Labels", Kind.ALIAS));
        assertThat(doc.codes()).isEmpty();
    }

    @Test
    void allOfIsARecordUnlessItOnlyRenamesOneOtherSchema() {
        PlanFixture doc = PlanFixture.schemas("""
                Base: {type: object, properties: {id: {type: integer}}}
                Renamed: {allOf: [{$ref: '#/components/schemas/Base'}], description: a new name}
                Inline: {allOf: [{type: object, properties: {x: {type: string}}}]}
                Merged: {allOf: [{$ref: '#/components/schemas/Base'}, {properties: {y: {type: string}}}]}
                Extended: {allOf: [{$ref: '#/components/schemas/Base'}], properties: {z: {type: string}}}
                OfScalar: {allOf: [{type: string}, {maxLength: 4}]}
                OfNothing: {allOf: [{description: words}]}
                ToAlias: {allOf: [{$ref: '#/components/schemas/Renamed'}]}
                """);

        assertThat(classify(doc).kinds())
                .containsExactly(
                        entry("Base", Kind.RECORD),
                        entry("Renamed", Kind.ALIAS),
                        entry("Inline", Kind.RECORD),
                        entry("Merged", Kind.RECORD),
                        entry("Extended", Kind.RECORD),
                        entry("OfScalar", Kind.ALIAS),
                        entry("OfNothing", Kind.ALIAS),
                        entry("ToAlias", Kind.ALIAS));
    }

    @Test
    void aDiscriminatorBaseExtendedThroughAllOfIsAPolymorphicUnion() {
        PlanFixture doc = PlanFixture.schemas("""
                Pet:
                  type: object
                  discriminator: {propertyName: petType}
                  properties: {petType: {type: string}}
                Cat:
                  allOf:
                    - $ref: '#/components/schemas/Pet'
                    - {properties: {meow: {type: boolean}}}
                Lonely:
                  type: object
                  discriminator: {propertyName: kind}
                  properties: {kind: {type: string}}
                Chosen:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator: {propertyName: petType}
                Dog:
                  allOf:
                    - $ref: '#/components/schemas/Chosen'
                    - {properties: {bark: {type: boolean}}}
                Renaming:
                  allOf: [{$ref: '#/components/schemas/Lonely'}]
                """);

        Classification c = classify(doc);

        assertThat(c.polymorphicParents()).containsExactly("Pet");
        assertThat(c.kinds())
                .contains(
                        entry("Pet", Kind.UNION),
                        entry("Cat", Kind.RECORD),
                        entry("Lonely", Kind.RECORD),
                        entry("Chosen", Kind.UNION),
                        entry("Dog", Kind.RECORD),
                        entry("Renaming", Kind.ALIAS));
    }

    @Test
    void enumsNoJavaEnumCanHoldAreScalarsWithAFindingAndLostValuesAreRecovered() {
        PlanFixture doc = PlanFixture.schemas("""
                Flag: {type: boolean, enum: [true]}
                Pair: {type: object, enum: [{a: 1}]}
                Huge: {type: integer, enum: [1, 99999999999999999999]}
                """);

        Classification c = classify(doc);

        assertThat(c.kinds())
                .containsExactly(entry("Flag", Kind.ALIAS), entry("Pair", Kind.ALIAS), entry("Huge", Kind.ENUM));
        assertThat(doc.findings("ENUM_VALUES_DROPPED"))
                .extracting(f -> f.location())
                .containsExactly("spec text#/components/schemas/Flag", "spec text#/components/schemas/Pair");
        assertThat(doc.findings("ENUM_VALUES_DROPPED").get(0).message()).contains("boolean values");
        assertThat(doc.findings("ENUM_VALUES_DROPPED").get(1).message()).contains("object values");
        assertThat(List.<Object>copyOf(doc.schema("Huge").getEnum()))
                .containsExactly(BigInteger.ONE, new BigInteger("99999999999999999999"));
    }
}
