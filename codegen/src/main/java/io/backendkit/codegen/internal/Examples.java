package io.backendkit.codegen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Takes the {@code example} and {@code examples} keywords out of an OpenAPI 3.x document before
 * swagger-parser reads it. Nothing generated depends on examples, and swagger-parser converts each
 * example value into plain Java objects (a good part of its time on large documents).
 *
 * <p>Only keywords go: a property, parameter, header or schema <em>named</em> {@code example} stays.
 * The walk knows which objects map names to objects ({@code properties}, {@code paths}, {@code
 * responses}, {@code content}, {@code components/schemas}...) and never looks into literals ({@code
 * default}, {@code enum}, {@code const}) or vendor extensions.
 */
final class Examples {

    /** Keywords whose object value maps names (not keywords) to objects that have keywords. */
    private static final Set<String> NAME_MAPS = Set.of(
            "properties",
            "patternProperties",
            "$defs",
            "definitions",
            "dependentSchemas",
            "paths",
            "webhooks",
            "responses",
            "content",
            "headers",
            "encoding",
            "links",
            "variables",
            "schemas",
            "parameters",
            "requestBodies",
            "securitySchemes",
            "pathItems");

    /** Keywords whose values are literals or free-form: never walked. */
    private static final Set<String> LITERALS = Set.of("default", "enum", "const", "mapping", "security", "scopes");

    private Examples() {}

    /** Removes the example keywords from the document root {@code root}, in place. */
    static void strip(JsonNode root) {
        keywords(root, 0);
    }

    /** An object whose keys are keywords (a schema, an operation, a media type...). */
    private static void keywords(JsonNode node, int depth) {
        if (depth > 10_000) {
            return; // the loader's stack guard has already met documents this deep; leave them as they are
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                keywords(item, depth + 1);
            }
            return;
        }
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("example") || key.equals("examples")) {
                fields.remove();
            } else if (key.startsWith("x-") || LITERALS.contains(key)) {
                continue;
            } else if (key.equals("callbacks") && value.isObject()) {
                // name → callback, itself expression → path item
                for (JsonNode callback : value) {
                    names(callback, depth + 1);
                }
            } else if (NAME_MAPS.contains(key) && value.isObject()) {
                names(value, depth + 1);
            } else if (value.isContainerNode()) {
                keywords(value, depth + 1);
            }
        }
    }

    /** An object whose keys are names, each value an object with keywords. */
    private static void names(JsonNode node, int depth) {
        if (node instanceof ObjectNode) {
            for (JsonNode value : node) {
                keywords(value, depth + 1);
            }
        }
    }
}
