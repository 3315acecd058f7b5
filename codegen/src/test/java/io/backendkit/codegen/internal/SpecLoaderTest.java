package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GIVEN swagger-parser's messages WHEN reading a JSON pointer out of them THEN it names the attribute. */
class SpecLoaderTest {

    @Test
    void attributeMessagesBecomePointers() {
        assertThat(SpecLoader.pointerOf("attribute paths.'/pets'(get).responses is missing"))
                .isEqualTo("#/paths/~1pets/get/responses");
        assertThat(SpecLoader.pointerOf("paths.'/items/{id}'. Declared path parameter id needs to be defined"))
                .isEqualTo("#/paths/~1items~1{id}");
        assertThat(SpecLoader.pointerOf("attribute components.schemas.Pet.type is unexpected"))
                .isEqualTo("#/components/schemas/Pet/type");
    }

    @Test
    void messagesWithoutAnAttributeGiveNoPointer() {
        assertThat(SpecLoader.pointerOf("unable to read location")).isEmpty();
    }
}
