package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.TypeRegistry.Kind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what each component schema becomes ({@link Kind}) before any is planned, so that refs and
 * recursion can be resolved to names. A discriminator base that others extend through {@code allOf}
 * (a <em>polymorphic parent</em>) becomes a union of them.
 */
final class ComponentClassifier {

    /**
     * The kinds of the component schemas.
     *
     * @param kinds every component's kind, in document order
     * @param polymorphicParents the components extended through {@code allOf} as discriminator bases
     */
    record Classification(Map<String, Kind> kinds, Set<String> polymorphicParents) {

        /** Makes the collections unmodifiable (the iteration order is kept). */
        Classification {
            kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
            polymorphicParents = Collections.unmodifiableSet(new LinkedHashSet<>(polymorphicParents));
        }
    }

    private final RefResolver refs;
    private final EnumPlanner enums;

    /** A classifier of the components {@code refs} knows; {@code enums} inspects enum schemas. */
    ComponentClassifier(RefResolver refs, EnumPlanner enums) {
        this.refs = refs;
        this.enums = enums;
    }

    /** Classifies every component schema. Enum values the parser dropped are restored on the way. */
    Classification classify() {
        Set<String> polymorphicParents = polymorphicParents();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        for (Map.Entry<String, Schema<?>> e : refs.components().entrySet()) {
            kinds.put(e.getKey(), classify(e.getKey(), e.getValue(), polymorphicParents));
        }
        return new Classification(kinds, polymorphicParents);
    }

    private Set<String> polymorphicParents() {
        Set<String> parents = new LinkedHashSet<>();
        for (Map.Entry<String, Schema<?>> e : refs.components().entrySet()) {
            Schema<?> s = e.getValue();
            if (!Schemas.hasAllOf(s)) {
                continue;
            }
            boolean objectLike = Schemas.meaningful(s.getAllOf()).size() > 1 || Schemas.hasProperties(s);
            if (!objectLike) {
                continue;
            }
            for (Schema<?> part : s.getAllOf()) {
                String parent = part.get$ref() == null ? null : refs.componentName(part.get$ref());
                Schema<?> p = parent == null ? null : refs.component(parent);
                if (p != null
                        && !parent.equals(e.getKey())
                        && p.getDiscriminator() != null
                        && p.getDiscriminator().getPropertyName() != null
                        && Schemas.variantsOf(p).isEmpty()) {
                    parents.add(parent);
                }
            }
        }
        return parents;
    }

    private Kind classify(String name, Schema<?> s, Set<String> polymorphicParents) {
        if (s.get$ref() != null) {
            return Kind.ALIAS;
        }
        if (enums.inspect(s, RefResolver.pointerOf(name))) {
            return Kind.ENUM;
        }
        List<Schema<?>> variants = Schemas.variantsOf(s);
        if (!variants.isEmpty() && !Schemas.hasProperties(s)) {
            return variants.size() == 1 ? Kind.ALIAS : Kind.UNION;
        }
        if (polymorphicParents.contains(name)) {
            return Kind.UNION;
        }
        if (Schemas.hasAllOf(s)) {
            List<Schema<?>> parts = Schemas.meaningful(s.getAllOf());
            if (!Schemas.hasProperties(s) && parts.size() <= 1) {
                if (parts.isEmpty() || !isObjectish(parts.get(0))) {
                    return Kind.ALIAS;
                }
                return parts.get(0).get$ref() != null ? Kind.ALIAS : Kind.RECORD;
            }
            return Kind.RECORD;
        }
        return Schemas.hasProperties(s) ? Kind.RECORD : Kind.ALIAS;
    }

    /** Whether {@code s}, or the component it refers to, has properties or allOf parts. */
    private boolean isObjectish(Schema<?> s) {
        if (s.get$ref() != null) {
            String name = refs.componentName(s.get$ref());
            Schema<?> target = name == null ? null : refs.component(name);
            return target != null && (Schemas.hasProperties(target) || Schemas.hasAllOf(target));
        }
        return Schemas.hasProperties(s) || Schemas.hasAllOf(s);
    }
}
