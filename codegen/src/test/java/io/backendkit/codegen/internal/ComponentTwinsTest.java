package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.codegen.internal.TypeRegistry.Kind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GIVEN components and inline schemas WHEN looking for copies THEN only equal copies of typed components match. */
class ComponentTwinsTest {

    private static final String PET = "{type: object, required: [name], properties: {name: {type: string},"
            + " tags: {type: array, items: {type: string}}}}";

    private static ComponentTwins twins(PlanFixture doc) {
        return new ComponentTwins(
                doc.components(),
                new ComponentClassifier(doc.refs(), doc.enums()).classify().kinds());
    }

    @Test
    void anEqualInlineCopyIsTheComponentAndIsCounted() {
        PlanFixture doc =
                PlanFixture.schemas("Pet: " + PET + "\nCopy: " + PET + "\nStatus: {type: string, enum: [a, b]}");
        ComponentTwins twins = twins(doc);
        PlanFixture other = PlanFixture.schemas("Inline: " + PET + "\nStatus: {type: string, enum: [a, b]}");

        // both Pet and Copy have that outline; the first in document order wins
        assertThat(twins.twinOf(other.schema("Inline"))).isEqualTo("Pet");
        assertThat(twins.twinOf(other.schema("Status"))).isEqualTo("Status");
        assertThat(twins.copies()).isEqualTo(2);
    }

    @Test
    void theComponentItselfADifferentSchemaAndARefAreNoCopies() {
        PlanFixture doc = PlanFixture.schemas("Pet: " + PET);
        ComponentTwins twins = twins(doc);
        PlanFixture other =
                PlanFixture.schemas("Pet: {type: object, required: [name], properties: {name: {type: string},"
                        + " tags: {type: array, items: {type: integer}}}}");

        assertThat(twins.twinOf(doc.schema("Pet"))).isNull();
        assertThat(twins.twinOf(other.schema("Pet"))).isNull();
        assertThat(twins.twinOf(new Schema<>().$ref("#/components/schemas/Pet")))
                .isNull();
        assertThat(twins.twinOf(new Schema<>().type("string"))).isNull();
        assertThat(twins.copies()).isZero();
    }

    @Test
    void aliasesAndCyclicComponentsAreNotIndexed() {
        Schema<?> node = new Schema<>().type("object");
        node.addProperty("next", node);
        Map<String, Schema<?>> components = new LinkedHashMap<>();
        components.put("Node", node);
        components.put("Alias", new Schema<>().type("object").addProperty("x", new Schema<>().type("string")));
        ComponentTwins twins = new ComponentTwins(components, Map.of("Node", Kind.RECORD, "Alias", Kind.ALIAS));

        Schema<?> lookalike = new Schema<>().type("object");
        lookalike.addProperty("next", new Schema<>().type("object"));
        assertThat(ComponentTwins.acyclic(node)).isFalse();
        assertThat(ComponentTwins.acyclic(lookalike)).isTrue();
        assertThat(twins.twinOf(lookalike)).isNull();
        assertThat(twins.twinOf(new Schema<>().type("object").addProperty("x", new Schema<>().type("string"))))
                .isNull();
    }
}
