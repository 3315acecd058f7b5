package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** GIVEN a document with examples WHEN they are stripped THEN only the keywords go, never names. */
class ExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exampleKeywordsGoAndPropertiesParametersAndExtensionsNamedExampleStay() throws Exception {
        JsonNode doc = JSON.readTree("""
                {"openapi": "3.0.3",
                 "paths": {"/a": {"get": {
                   "parameters": [{"name": "examples", "in": "query", "schema": {"type": "string"}, "example": "x"}],
                   "responses": {"200": {"description": "ok", "content": {"application/json": {
                     "schema": {"type": "object", "example": {"example": 1},
                       "properties": {"example": {"type": "string", "examples": ["a"]},
                                      "examples": {"type": "object", "properties": {"example": {"type": "integer"}}}},
                       "default": {"example": 2}},
                     "examples": {"one": {"value": {"a": 1}}}}}}},
                   "callbacks": {"cb": {"{$url}": {"post": {"requestBody": {"content": {"application/json": {
                     "schema": {"type": "string"}, "example": "y"}}}}}}},
                   "x-vendor": {"example": 3}}}},
                 "components": {
                   "schemas": {"example": {"type": "string", "example": "z"}},
                   "parameters": {"example": {"name": "e", "in": "query", "schema": {"type": "string"}}},
                   "examples": {"shared": {"value": 1}}}}
                """);

        Examples.strip(doc);

        String text = doc.toString();
        JsonNode get = doc.at("/paths/~1a/get");
        assertThat(get.at("/parameters/0/example").isMissingNode()).isTrue();
        assertThat(get.at("/parameters/0/name").asText()).isEqualTo("examples");
        JsonNode media = get.at("/responses/200/content/application~1json");
        assertThat(media.has("examples")).isFalse();
        JsonNode schema = media.get("schema");
        assertThat(schema.has("example")).isFalse();
        assertThat(schema.at("/properties/example/type").asText()).isEqualTo("string");
        assertThat(schema.at("/properties/example").has("examples")).isFalse();
        assertThat(schema.at("/properties/examples/properties/example/type").asText())
                .isEqualTo("integer");
        assertThat(schema.at("/default/example").asInt()).isEqualTo(2);
        assertThat(get.at("/callbacks/cb/{$url}/post/requestBody/content/application~1json")
                        .has("example"))
                .isFalse();
        assertThat(get.at("/x-vendor/example").asInt()).isEqualTo(3);
        assertThat(doc.at("/components/schemas/example/type").asText()).isEqualTo("string");
        assertThat(doc.at("/components/schemas/example").has("example")).isFalse();
        assertThat(doc.at("/components/parameters/example/name").asText()).isEqualTo("e");
        assertThat(doc.at("/components").has("examples")).isFalse();
        assertThat(text).doesNotContain("\"x\"").doesNotContain("\"y\"").doesNotContain("\"z\"");
    }
}
