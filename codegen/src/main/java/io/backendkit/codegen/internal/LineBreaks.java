package io.backendkit.codegen.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps U+2028 and U+2029 out of JavaPoet, which breaks lines at every {@code \R} (also inside
 * string literals, where a real line break does not compile). Before planning they are swapped
 * for private-use stand-ins (U+E028, U+E029) in the document's names, values and texts; in the
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

    /** Swaps the characters for their stand-ins throughout the schemas, parameters and operations of {@code api}. */
    static void hide(OpenAPI api) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (api.getComponents() != null) {
            var c = api.getComponents();
            if (c.getSchemas() != null) {
                c.getSchemas().values().forEach(s -> schema(s, seen));
            }
            if (c.getParameters() != null) {
                c.getParameters().values().forEach(p -> parameter(p, seen));
            }
            if (c.getRequestBodies() != null) {
                c.getRequestBodies().values().forEach(b -> content(b.getContent(), seen));
            }
            if (c.getResponses() != null) {
                c.getResponses().values().forEach(r -> response(r, seen));
            }
        }
        if (api.getPaths() != null) {
            for (PathItem item : api.getPaths().values()) {
                if (item.getParameters() != null) {
                    item.getParameters().forEach(p -> parameter(p, seen));
                }
                for (Operation op : item.readOperations()) {
                    op.setSummary(hide(op.getSummary()));
                    op.setDescription(hide(op.getDescription()));
                    if (op.getParameters() != null) {
                        op.getParameters().forEach(p -> parameter(p, seen));
                    }
                    if (op.getRequestBody() != null) {
                        op.getRequestBody()
                                .setDescription(hide(op.getRequestBody().getDescription()));
                        content(op.getRequestBody().getContent(), seen);
                    }
                    if (op.getResponses() != null) {
                        op.getResponses().values().forEach(r -> response(r, seen));
                    }
                }
            }
        }
    }

    private static void parameter(Parameter p, Set<Object> seen) {
        if (p == null || !seen.add(p)) {
            return;
        }
        p.setName(hide(p.getName()));
        p.setDescription(hide(p.getDescription()));
        schema(p.getSchema(), seen);
        content(p.getContent(), seen);
    }

    private static void response(ApiResponse r, Set<Object> seen) {
        if (r == null || !seen.add(r)) {
            return;
        }
        r.setDescription(hide(r.getDescription()));
        content(r.getContent(), seen);
    }

    private static void content(Content content, Set<Object> seen) {
        if (content == null) {
            return;
        }
        for (MediaType mt : content.values()) {
            if (mt != null) {
                schema(mt.getSchema(), seen);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void schema(Schema s, Set<Object> seen) {
        if (s == null || !seen.add(s)) {
            return;
        }
        s.setTitle(hide(s.getTitle()));
        s.setDescription(hide(s.getDescription()));
        s.setPattern(hide(s.getPattern()));
        if (s.getDefault() instanceof String d && !d.equals(hide(d))) {
            s.setDefault(hide(d));
        }
        if (s.getEnum() != null) {
            List<Object> values = new ArrayList<>(s.getEnum());
            if (values.stream().anyMatch(v -> v instanceof String t && !t.equals(hide(t)))) {
                values.replaceAll(v -> v instanceof String t ? hide(t) : v);
                s.getEnum().clear();
                ((List<Object>) s.getEnum()).addAll(values);
            }
        }
        if (s.getRequired() != null) {
            List<String> required = new ArrayList<>(s.getRequired());
            required.replaceAll(LineBreaks::hide);
            s.setRequired(required);
        }
        Map<String, Schema> props = s.getProperties();
        if (props != null) {
            if (props.keySet().stream().anyMatch(k -> !k.equals(hide(k)))) {
                Map<String, Schema> renamed = new LinkedHashMap<>();
                props.forEach((k, v) -> renamed.put(hide(k), v));
                s.setProperties(renamed);
            }
            s.getProperties().values().forEach(v -> schema((Schema) v, seen));
        }
        schema(s.getItems(), seen);
        schema(s.getNot(), seen);
        if (s.getAdditionalProperties() instanceof Schema a) {
            schema(a, seen);
        }
        for (List<Schema> list : new List[] {s.getAllOf(), s.getAnyOf(), s.getOneOf(), s.getPrefixItems()}) {
            if (list != null) {
                list.forEach(v -> schema(v, seen));
            }
        }
        if (s.getDiscriminator() != null) {
            s.getDiscriminator().setPropertyName(hide(s.getDiscriminator().getPropertyName()));
        }
    }
}
