package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.Shape.Named;
import io.swagger.v3.oas.models.media.Schema;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lets structurally identical inline schemas share one type: a later inline schema with the same
 * {@link StructureKey} (documentation aside) as an earlier one gets the earlier one's shape instead
 * of a type of its own. The shared declaration counts its sharers, and loses its description when
 * they describe it differently.
 */
final class InlineSharing {

    private final TypeRegistry registry;
    private final StructureKey.Builder keys = new StructureKey.Builder();
    private final Map<StructureKey, Shape> byStructure = new HashMap<>();
    private int shared;

    /** Sharing among the types of {@code registry}. */
    InlineSharing(TypeRegistry registry) {
        this.registry = registry;
    }

    /**
     * The key under which {@code s} may share a type, or null when it cannot: it would get no type
     * of its own, or it has no key (cyclic, too deep, or enum values the parser lost).
     */
    StructureKey keyOf(Schema<?> s, boolean formContext) {
        return Schemas.becomesType(s) ? keys.of(s, formContext) : null;
    }

    /**
     * The shape planned for an earlier schema with {@code key}, now shared by {@code s}, or null
     * when there was none (or {@code key} is null).
     */
    Shape share(StructureKey key, Schema<?> s) {
        Shape same = key == null ? null : byStructure.get(key);
        if (same == null) {
            return null;
        }
        shared++;
        if (same instanceof Named n && registry.decl(n.type()) instanceof ModelDecl d) {
            d.sharedBy++;
            String description = s.getDescription() != null ? s.getDescription() : s.getTitle();
            if (!Objects.equals(d.description, description)) {
                d.description = null; // the sharers describe it differently: no one's text fits all
            }
        }
        return same;
    }

    /** Remembers the shape planned for the first schema with {@code key} (nothing when null). */
    void remember(StructureKey key, Shape shape) {
        if (key != null) {
            byStructure.put(key, shape);
        }
    }

    /** How many inline schemas share the type of an earlier one. */
    int sharedCount() {
        return shared;
    }
}
