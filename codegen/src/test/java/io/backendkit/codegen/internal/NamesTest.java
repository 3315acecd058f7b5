package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GIVEN names from real documents WHEN sanitised THEN they are valid, readable Java identifiers. */
class NamesTest {

    @Test
    void typeNamesArePascalCaseAndNeverStartWithADigit() {
        assertThat(Names.typeName("pet-store_item", "Model")).isEqualTo("PetStoreItem");
        assertThat(Names.typeName("HTTPServer", "Model")).isEqualTo("HttpServer");
        assertThat(Names.typeName("repos/get-content", "Model")).isEqualTo("ReposGetContent");
        assertThat(Names.typeName("2fa", "Model")).isEqualTo("Model2fa");
        assertThat(Names.typeName("Café", "Model")).isEqualTo("Cafe");
        assertThat(Names.typeName("名前", "Model")).isEqualTo("U540DU524D");
        assertThat(Names.typeName("$%&", "Model")).isEqualTo("Model");
    }

    @Test
    void memberNamesAreCamelCaseAndAvoidKeywords() {
        assertThat(Names.memberName("created_at", "v")).isEqualTo("createdAt");
        assertThat(Names.memberName("X-Request-Id", "v")).isEqualTo("xRequestId");
        assertThat(Names.memberName("class", "v")).isEqualTo("class_");
        assertThat(Names.memberName("default", "v")).isEqualTo("default_");
        assertThat(Names.memberName("_links", "v")).isEqualTo("links");
        assertThat(Names.memberName("+1", "v")).isEqualTo("v1");
        assertThat(Names.memberName("", "v")).isEqualTo("v");
    }

    @Test
    void constantNamesAreUpperSnakeCase() {
        assertThat(Names.constantName("in-progress", "VALUE")).isEqualTo("IN_PROGRESS");
        assertThat(Names.constantName("+1", "VALUE")).isEqualTo("PLUS_1");
        assertThat(Names.constantName("-1", "VALUE")).isEqualTo("MINUS_1");
        assertThat(Names.constantName("3d", "VALUE")).isEqualTo("VALUE_3D");
        assertThat(Names.constantName("", "VALUE")).isEqualTo("VALUE");
    }

    @Test
    void scopesHandOutUniqueNamesIgnoringCaseWhenAsked() {
        Names.Scope types = new Names.Scope(true);
        assertThat(types.allocate("Pet")).isEqualTo("Pet");
        assertThat(types.allocate("PET")).isEqualTo("PET2");
        assertThat(types.allocate("Pet")).isEqualTo("Pet3");
        Names.Scope members = new Names.Scope(false);
        members.reserve("validate");
        assertThat(members.allocate("validate")).isEqualTo("validate2");
        assertThat(members.allocate("Validate")).isEqualTo("Validate");
    }

    @Test
    void javadocTextCannotBreakOutOfTheComment() {
        assertThat(Docs.escape("a */ b /* c <p> & @see {@link X} \\u000a"))
                .isEqualTo("a &#42;/ b &#47;* c &lt;p&gt; &amp; &#64;see &#123;&#64;link X&#125; &#92;u000a");
        assertThat(Docs.escape("line one  \r\nline two\t")).isEqualTo("line one\nline two");
        assertThat(Docs.escape(null)).isEmpty();
    }

    @Test
    void swaggerParserMessagesBecomeJsonPointers() {
        assertThat(SpecLoader.pointerOf("attribute paths.'/pets/{id}'(get).responses is missing"))
                .isEqualTo("#/paths/~1pets~1{id}/get/responses");
        assertThat(SpecLoader.pointerOf("attribute components.schemas.Pet.properties is not of type `object`"))
                .isEqualTo("#/components/schemas/Pet/properties");
        assertThat(SpecLoader.pointerOf("unable to read location")).isEmpty();
    }
}
