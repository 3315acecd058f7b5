package io.backendkit.codegen.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps U+2028 and U+2029 out of JavaPoet, which breaks lines at every {@code \R} (also inside
 * string literals, where a real line break does not compile). As each document is read (the root
 * and every document a ref leads to) they are swapped for private-use stand-ins (U+E028, U+E029) in
 * all its keys and strings; in the
 * rendered source each stand-in becomes the Unicode escape of its character, which javac reads
 * back as that character. (JavaPoet already escapes U+0085 and the other control characters in
 * literals; {@link Docs} turns them into entities in Javadoc.)
 */
final class LineBreaks {

    private static final char LS = '\u2028';
    private static final char PS = '\u2029';
    private static final char LS_STAND_IN = '\ue028';
    private static final char PS_STAND_IN = '\ue029';

    private LineBreaks() {}

    /** The source with each stand-in written as the Unicode escape of the character it stands for. */
    static String reveal(String source) {
        if (source.indexOf(LS_STAND_IN) < 0 && source.indexOf(PS_STAND_IN) < 0) {
            return source;
        }
        return source.replace(String.valueOf(LS_STAND_IN), "\\u2028").replace(String.valueOf(PS_STAND_IN), "\\u2029");
    }

    static String hide(String s) {
        if (s == null || (s.indexOf(LS) < 0 && s.indexOf(PS) < 0)) {
            return s;
        }
        return s.replace(LS, LS_STAND_IN).replace(PS, PS_STAND_IN);
    }

    /**
     * Swaps the characters for their stand-ins in every key and string of a parsed document, in
     * place, so that no name, value or text of it (discriminator mappings, examples, tags and
     * whatever else a later feature reads) reaches JavaPoet with them.
     */
    static void hide(JsonNode node) {
        if (node instanceof ObjectNode object) {
            boolean renamed = false;
            List<Map.Entry<String, JsonNode>> replaced = null;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                renamed |= needsHiding(field.getKey());
                JsonNode value = field.getValue();
                if (value.isTextual()) {
                    if (needsHiding(value.textValue())) {
                        if (replaced == null) {
                            replaced = new ArrayList<>();
                        }
                        replaced.add(Map.entry(field.getKey(), TextNode.valueOf(hide(value.textValue()))));
                    }
                } else if (value.isContainerNode()) {
                    hide(value);
                }
            }
            if (replaced != null) {
                replaced.forEach(e -> object.set(e.getKey(), e.getValue()));
            }
            if (renamed) {
                List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
                object.removeAll();
                fields.forEach(f -> object.set(hide(f.getKey()), f.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    if (needsHiding(value.textValue())) {
                        array.set(i, TextNode.valueOf(hide(value.textValue())));
                    }
                } else if (value.isContainerNode()) {
                    hide(value);
                }
            }
        }
    }

    private static boolean needsHiding(String s) {
        return s.indexOf(LS) >= 0 || s.indexOf(PS) >= 0;
    }
}
