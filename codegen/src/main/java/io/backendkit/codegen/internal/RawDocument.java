package io.backendkit.codegen.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The root document as it was read (once, by {@link SpecLoader}), consulted only when the parsed
 * model lost something that the generated code needs (swagger-parser drops integer enum values
 * beyond a long). Nothing is read again: no file, no refs, no network.
 */
final class RawDocument {

    private final JsonNode tree;

    RawDocument(JsonNode tree) {
        this.tree = tree;
    }

    /**
     * The {@code enum} values of the schema at {@code pointer} (such as {@code
     * #/components/schemas/Pet/properties/size}) as the document writes them, integers of any size
     * as BigInteger, or null when the root document has no such schema (it came from another file).
     */
    List<Object> enumAt(String pointer) {
        JsonNode root = tree;
        if (root == null || pointer == null || !pointer.startsWith("#")) {
            return null;
        }
        String path = pointer.substring(1);
        JsonNode values;
        try {
            values = root.at(JsonPointer.compile(path)).get("enum");
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (values == null || !values.isArray()) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode v : values) {
            if (v.isNull()) {
                out.add(null);
            } else if (v.isIntegralNumber()) {
                out.add(v.bigIntegerValue());
            } else if (v.isNumber()) {
                out.add(v.decimalValue());
            } else if (v.isTextual()) {
                out.add(v.textValue());
            } else {
                out.add(v);
            }
        }
        return out;
    }
}
