package io.backendkit.codegen.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a local {@code $ref} leads: to a component schema by name, or by JSON pointer to a schema
 * inside a component, an operation's body, response or parameter, or another kind of component.
 * Reads the document only; immutable once built.
 */
final class RefResolver {

    /** The prefix of a ref to a component schema. */
    static final String COMPONENTS = "#/components/schemas/";

    private final Map<String, Schema<?>> components;
    private final Map<String, PathItem> paths;
    private final Components otherComponents;
    private final Findings findings;

    /**
     * A resolver over the document's parts.
     *
     * @param components the component schemas by name (in document order), not null
     * @param paths the document's paths, not null
     * @param otherComponents the document's components, for refs into parameters, headers, bodies and
     *     responses; null when the document has none
     * @param findings where a dangling ref is reported
     */
    RefResolver(
            Map<String, Schema<?>> components,
            Map<String, PathItem> paths,
            Components otherComponents,
            Findings findings) {
        this.components = components;
        this.paths = paths;
        this.otherComponents = otherComponents;
        this.findings = findings;
    }

    /** The JSON pointer of a component schema. */
    static String pointerOf(String component) {
        return COMPONENTS + Names.pointerEscape(component);
    }

    /** The component schemas by name, in document order. */
    Map<String, Schema<?>> components() {
        return components;
    }

    /** The component schema named {@code name}, or null. */
    Schema<?> component(String name) {
        return components.get(name);
    }

    /** Whether the document has a component schema named {@code name}. */
    boolean isComponent(String name) {
        return components.containsKey(name);
    }

    /**
     * The component schema name a ref names ({@code #/components/schemas/<name>}, with {@code ~1},
     * {@code ~0} and, for names that need it, percent escapes undone), or null for any other ref.
     * The name need not exist.
     */
    String componentName(String ref) {
        if (!ref.startsWith(COMPONENTS)) {
            return null;
        }
        String raw = ref.substring(COMPONENTS.length());
        if (raw.contains("/")) {
            return null;
        }
        String name = raw.replace("~1", "/").replace("~0", "~");
        if (!components.containsKey(name) && name.contains("%")) {
            try {
                name = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return name;
            }
        }
        return name;
    }

    /**
     * The schema a {@code $ref} leads to (one step: a ref to a ref gives the second ref's schema),
     * or the schema itself when it is no ref.
     *
     * @throws io.backendkit.codegen.SpecException at {@code pointer} when the ref leads nowhere
     */
    Schema<?> resolve(Schema<?> schema, String pointer) {
        if (schema == null || schema.get$ref() == null) {
            return schema;
        }
        String name = componentName(schema.get$ref());
        Schema<?> target = name == null ? navigate(schema.get$ref()) : components.get(name);
        if (target == null) {
            throw findings.error(pointer, "$ref '" + schema.get$ref() + "' points to nothing");
        }
        return target;
    }

    /** Whether the schema allows null (3.0 {@code nullable}, 3.1 {@code type: [.., "null"]}). */
    boolean isNullable(Schema<?> schema) {
        if (schema == null) {
            return true;
        }
        if (Boolean.TRUE.equals(schema.getNullable())) {
            return true;
        }
        if (schema.getTypes() != null && schema.getTypes().contains("null")) {
            return true;
        }
        if (schema.get$ref() != null) {
            Schema<?> target = components.get(componentName(schema.get$ref()));
            return target != null && target != schema && Boolean.TRUE.equals(target.getNullable());
        }
        return false;
    }

    /** The unescaped tokens of a local ref ({@code #/a/b~1c} gives {@code a}, {@code b/c}). */
    static List<String> pointerTokens(String ref) {
        List<String> tokens = new ArrayList<>();
        for (String t : ref.substring(2).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    /**
     * The schema a local JSON pointer reaches inside component schemas or operations, or null. Only
     * schema-bearing places are followed: properties, items, allOf/oneOf/anyOf, additionalProperties,
     * request bodies, responses and parameters.
     */
    Schema<?> navigate(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        List<String> t = pointerTokens(ref);
        int i;
        Schema<?> s;
        if (t.size() >= 3 && t.get(0).equals("components") && t.get(1).equals("schemas")) {
            s = components.get(t.get(2));
            i = 3;
        } else if (t.size() >= 4 && t.get(0).equals("components") && otherComponents != null) {
            return navigateComponent(t);
        } else if (t.size() >= 3 && t.get(0).equals("paths")) {
            PathItem item = paths.get(t.get(1));
            Operation op = item == null ? null : operation(item, t.get(2));
            if (op == null || t.size() < 4) {
                return null;
            }
            Content content = null;
            i = 4;
            switch (t.get(3)) {
                case "requestBody" -> {
                    if (op.getRequestBody() != null && t.size() > 5 && t.get(4).equals("content")) {
                        content = op.getRequestBody().getContent();
                        i = 5;
                    }
                }
                case "responses" -> {
                    if (op.getResponses() != null && t.size() > 6 && t.get(5).equals("content")) {
                        var r = op.getResponses().get(t.get(4));
                        content = r == null ? null : r.getContent();
                        i = 6;
                    }
                }
                case "parameters" -> {
                    try {
                        var p = op.getParameters().get(Integer.parseInt(t.get(4)));
                        if (t.size() > 5 && t.get(5).equals("schema")) {
                            s = p.getSchema();
                            return walk(s, t, 6);
                        }
                    } catch (RuntimeException e) {
                        return null;
                    }
                    return null;
                }
                default -> {
                    return null;
                }
            }
            if (content == null
                    || t.size() <= i + 1
                    || content.get(t.get(i)) == null
                    || !t.get(i + 1).equals("schema")) {
                return null;
            }
            s = content.get(t.get(i)).getSchema();
            i += 2;
        } else {
            return null;
        }
        return walk(s, t, i);
    }

    /**
     * A schema inside another kind of component: {@code #/components/parameters/p/schema},
     * {@code .../headers/h/schema}, {@code .../requestBodies/b/content/<type>/schema}, {@code
     * .../responses/r/content/<type>/schema}, and below them.
     */
    private Schema<?> navigateComponent(List<String> t) {
        String kind = t.get(1);
        String name = t.get(2);
        Components c = otherComponents;
        switch (kind) {
            case "parameters" -> {
                var p = c.getParameters() == null ? null : c.getParameters().get(name);
                return p == null || !t.get(3).equals("schema") ? null : walk(p.getSchema(), t, 4);
            }
            case "headers" -> {
                var h = c.getHeaders() == null ? null : c.getHeaders().get(name);
                return h == null || !t.get(3).equals("schema") ? null : walk(h.getSchema(), t, 4);
            }
            case "requestBodies", "responses" -> {
                Content content;
                if (kind.equals("requestBodies")) {
                    var b = c.getRequestBodies() == null
                            ? null
                            : c.getRequestBodies().get(name);
                    content = b == null ? null : b.getContent();
                } else {
                    var r = c.getResponses() == null ? null : c.getResponses().get(name);
                    content = r == null ? null : r.getContent();
                }
                if (content == null
                        || t.size() < 6
                        || !t.get(3).equals("content")
                        || content.get(t.get(4)) == null
                        || !t.get(5).equals("schema")) {
                    return null;
                }
                return walk(content.get(t.get(4)).getSchema(), t, 6);
            }
            default -> {
                return null;
            }
        }
    }

    @SuppressWarnings("rawtypes") // swagger-parser's model exposes raw Schema collections
    private static Schema<?> walk(Schema<?> start, List<String> t, int from) {
        Schema<?> s = start;
        int i = from;
        try {
            while (s != null && i < t.size()) {
                String key = t.get(i);
                switch (key) {
                    case "properties" -> {
                        s = s.getProperties() == null ? null : s.getProperties().get(t.get(i + 1));
                        i += 2;
                    }
                    case "items" -> {
                        s = s.getItems();
                        i++;
                    }
                    case "additionalProperties" -> {
                        s = s.getAdditionalProperties() instanceof Schema<?> as ? as : null;
                        i++;
                    }
                    case "allOf", "oneOf", "anyOf" -> {
                        List<Schema> list =
                                key.equals("allOf") ? s.getAllOf() : key.equals("oneOf") ? s.getOneOf() : s.getAnyOf();
                        s = list == null ? null : list.get(Integer.parseInt(t.get(i + 1)));
                        i += 2;
                    }
                    default -> s = null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return s;
    }

    private static Operation operation(PathItem item, String method) {
        return switch (method) {
            case "get" -> item.getGet();
            case "put" -> item.getPut();
            case "post" -> item.getPost();
            case "delete" -> item.getDelete();
            case "options" -> item.getOptions();
            case "head" -> item.getHead();
            case "patch" -> item.getPatch();
            case "trace" -> item.getTrace();
            default -> null;
        };
    }
}
