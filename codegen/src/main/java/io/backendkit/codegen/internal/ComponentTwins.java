package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.TypeRegistry.Kind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the inline schemas that are copies of component schemas: bundled documents replace every
 * {@code $ref} by an inline copy of its target, and an inline schema equal to a component
 * (swagger-parser's models compare by value) is that component. Components are indexed by their
 * {@link #outline} (cheap to compute); only candidates with the same outline are compared in depth.
 */
final class ComponentTwins {

    private final Map<String, Schema<?>> components;
    private final Map<List<Object>, List<String>> componentsByOutline = new HashMap<>();
    private int copies;

    /**
     * An index of the components that can have twins: those that get a type of their own and whose
     * sub-schemas form a tree (comparing with a cyclic one would not terminate).
     *
     * @param components the component schemas by name, in document order
     * @param kinds every component's kind
     */
    ComponentTwins(Map<String, Schema<?>> components, Map<String, Kind> kinds) {
        this.components = components;
        for (Map.Entry<String, Schema<?>> e : components.entrySet()) {
            if (kinds.get(e.getKey()) != Kind.ALIAS && Schemas.becomesType(e.getValue()) && acyclic(e.getValue())) {
                componentsByOutline
                        .computeIfAbsent(outline(e.getValue()), k -> new ArrayList<>())
                        .add(e.getKey());
            }
        }
    }

    /** The component {@code s} is a copy of, or null; a match is counted in {@link #copies()}. */
    String twinOf(Schema<?> s) {
        if (componentsByOutline.isEmpty() || s.get$ref() != null || !Schemas.becomesType(s)) {
            return null;
        }
        List<String> candidates = componentsByOutline.get(outline(s));
        if (candidates == null) {
            return null;
        }
        for (String name : candidates) {
            Schema<?> component = components.get(name);
            if (component != s && component.equals(s)) {
                copies++;
                return name;
            }
        }
        return null;
    }

    /** How many inline schemas {@link #twinOf} found to be copies of components. */
    int copies() {
        return copies;
    }

    /** What a copy must share with its original at the top level: title, type, property names, enum. */
    private static List<Object> outline(Schema<?> s) {
        return Arrays.asList(
                s.getTitle(),
                Schemas.typeOf(s),
                s.getProperties() == null ? null : List.copyOf(s.getProperties().keySet()),
                s.getRequired(),
                s.getEnum(),
                s.getAllOf() == null ? 0 : s.getAllOf().size(),
                s.getOneOf() == null ? 0 : s.getOneOf().size(),
                s.getAnyOf() == null ? 0 : s.getAnyOf().size());
    }

    /**
     * Whether the schema's sub-schemas form a tree (hashing a cyclic model would not terminate).
     * Documents parsed without full resolution always do; this guards against any that do not.
     */
    static boolean acyclic(Schema<?> root) {
        return acyclic(root, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    @SuppressWarnings("rawtypes") // swagger-parser's model exposes raw Schema collections
    private static boolean acyclic(Schema<?> s, Set<Schema<?>> path, int depth) {
        if (s == null) {
            return true;
        }
        if (depth > 200 || !path.add(s)) {
            return false;
        }
        List<Schema> children = new ArrayList<>();
        if (s.getProperties() != null) {
            children.addAll(s.getProperties().values());
        }
        if (s.getItems() != null) {
            children.add(s.getItems());
        }
        if (s.getAdditionalProperties() instanceof Schema<?> ap) {
            children.add(ap);
        }
        if (s.getNot() != null) {
            children.add(s.getNot());
        }
        for (List<Schema> list :
                List.of(nullToEmpty(s.getAllOf()), nullToEmpty(s.getOneOf()), nullToEmpty(s.getAnyOf()))) {
            children.addAll(list);
        }
        if (s.getPrefixItems() != null) {
            children.addAll(s.getPrefixItems());
        }
        if (s.getPatternProperties() != null) {
            children.addAll(s.getPatternProperties().values());
        }
        for (Schema child : children) {
            if (!acyclic((Schema<?>) child, path, depth + 1)) {
                return false;
            }
        }
        path.remove(s);
        return true;
    }

    @SuppressWarnings("rawtypes")
    private static List<Schema> nullToEmpty(List<Schema> list) {
        return list == null ? List.of() : list;
    }
}
