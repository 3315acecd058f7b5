package io.backendkit.codegen.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The root document as written, read again only when the parsed model lost something that the
 * generated code needs (swagger-parser drops integer enum values beyond a long). Reads nothing but
 * the root document itself: no refs are followed and nothing is fetched. Single use, not
 * thread-safe.
 */
final class RawDocument {

    private final SpecSource source;
    private JsonNode tree;
    private boolean read;

    RawDocument(SpecSource source) {
        this.source = source;
    }

    /**
     * The {@code enum} values of the schema at {@code pointer} (such as {@code
     * #/components/schemas/Pet/properties/size}) as the document writes them, integers of any size
     * as BigInteger, or null when the root document has no such schema (it came from another file).
     */
    List<Object> enumAt(String pointer) {
        JsonNode root = tree();
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

    private JsonNode tree() {
        if (read) {
            return tree;
        }
        read = true;
        try {
            String text = switch (source) {
                case SpecSource.FromText t -> t.text();
                case SpecSource.FromPath p -> Files.readString(p.path());
                case SpecSource.FromUri u -> null; // not fetched a second time
            };
            if (text != null) {
                LoaderOptions options = new LoaderOptions();
                options.setCodePointLimit(1 << 30);
                ObjectMapper mapper = text.stripLeading().startsWith("{")
                        ? new ObjectMapper()
                        : new ObjectMapper(
                                YAMLFactory.builder().loaderOptions(options).build());
                tree = mapper.readTree(text);
            }
        } catch (IOException | RuntimeException e) {
            tree = null; // the caller reports the values as dropped
        }
        return tree;
    }
}
