package io.backendkit.codegen.internal;

import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schema generates, documentation aside: every keyword of it and of its sub-schemas except
 * {@code description}, {@code title}, {@code example(s)}, {@code externalDocs}, {@code xml} and
 * {@code $comment}. Two inline schemas with equal keys become the same Java type. Property order is
 * part of the key (it is the order of a record's components); {@code $ref}s compare as written.
 *
 * <p>Keys are built by a {@link Builder}, which remembers the key of each schema it has seen, so that
 * nested inline schemas are walked once. Not thread-safe.
 */
final class StructureKey {

    /** Deeper than this, or cyclic, a schema gets no key (and so is never shared). */
    private static final int MAX_DEPTH = 200;

    private final Object[] parts;
    private final int hash;

    private StructureKey(Object[] parts) {
        this.parts = parts;
        this.hash = Arrays.hashCode(parts);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || (o instanceof StructureKey k && k.hash == hash && Arrays.equals(k.parts, parts));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Builds keys, remembering those of the schemas already seen (by identity). */
    static final class Builder {
        /** Marks a schema whose key cannot be built (cyclic, too deep, or enum values the parser lost). */
        private static final StructureKey NONE = new StructureKey(new Object[0]);

        private final Map<Schema<?>, StructureKey> known = new IdentityHashMap<>();
        private final Set<Schema<?>> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());

        /**
         * The key of {@code schema} planned in or out of a form body (binary strings differ there), or
         * null when it has none.
         */
        StructureKey of(Schema<?> schema, boolean formContext) {
            StructureKey key = key(schema, 0);
            return key == NONE ? null : new StructureKey(new Object[] {key, formContext});
        }

        private StructureKey key(Schema<?> s, int depth) {
            if (s == null) {
                return null;
            }
            StructureKey known = this.known.get(s);
            if (known != null) {
                return known;
            }
            if (depth > MAX_DEPTH || !inProgress.add(s)) {
                return NONE;
            }
            StructureKey key;
            try {
                key = build(s, depth + 1);
            } catch (Unkeyable e) {
                key = NONE;
            } finally {
                inProgress.remove(s);
            }
            this.known.put(s, key);
            return key;
        }

        /** Thrown inside a walk that meets a schema without a key; carries no stack. */
        private static final class Unkeyable extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Unkeyable() {
                super(null, null, false, false);
            }
        }

        private Object child(Schema<?> s, int depth) {
            StructureKey k = key(s, depth);
            if (k == NONE) {
                throw new Unkeyable();
            }
            return k;
        }

        @SuppressWarnings("rawtypes") // swagger-parser's model exposes raw Schema collections
        private Object children(List<Schema> list, int depth) {
            if (list == null) {
                return null;
            }
            List<Object> out = new ArrayList<>(list.size());
            for (Schema child : list) {
                out.add(child((Schema<?>) child, depth));
            }
            return out;
        }

        @SuppressWarnings("rawtypes")
        private Object children(Map<String, Schema> map, int depth) {
            if (map == null) {
                return null;
            }
            List<Object> out = new ArrayList<>(map.size() * 2);
            for (Map.Entry<String, Schema> e : map.entrySet()) {
                out.add(e.getKey());
                out.add(child((Schema<?>) e.getValue(), depth));
            }
            return out;
        }

        private StructureKey build(Schema<?> s, int depth) {
            if (s.getEnum() != null && s.getEnum().contains(null)) {
                // a null the parser may have put for a value it could not read: the raw document
                // decides what the values are, per location
                return NONE;
            }
            Object additional = s.getAdditionalProperties() instanceof Schema<?> ap
                    ? child(ap, depth)
                    : s.getAdditionalProperties();
            Discriminator d = s.getDiscriminator();
            return new StructureKey(new Object[] {
                s.getClass().getName(),
                s.get$ref(),
                s.getType(),
                s.getTypes(),
                s.getFormat(),
                s.getEnum(),
                s.getConst(),
                s.getDefault(),
                s.getDefaultSetFlag(),
                s.getNullable(),
                s.getReadOnly(),
                s.getWriteOnly(),
                s.getDeprecated(),
                s.getRequired(),
                s.getName(),
                s.getMultipleOf(),
                s.getMaximum(),
                s.getExclusiveMaximum(),
                s.getExclusiveMaximumValue(),
                s.getMinimum(),
                s.getExclusiveMinimum(),
                s.getExclusiveMinimumValue(),
                s.getMaxLength(),
                s.getMinLength(),
                s.getPattern(),
                s.getMaxItems(),
                s.getMinItems(),
                s.getUniqueItems(),
                s.getMaxProperties(),
                s.getMinProperties(),
                s.getMaxContains(),
                s.getMinContains(),
                s.getContentEncoding(),
                s.getContentMediaType(),
                s.getDependentRequired(),
                s.getExtensions(),
                s.getBooleanSchemaValue(),
                s.getSpecVersion(),
                s.get$id(),
                s.get$anchor(),
                s.get$schema(),
                d == null ? null : List.of(String.valueOf(d.getPropertyName()), String.valueOf(d.getMapping())),
                children(s.getProperties(), depth),
                child(s.getItems(), depth),
                additional,
                children(s.getAllOf(), depth),
                children(s.getOneOf(), depth),
                children(s.getAnyOf(), depth),
                child(s.getNot(), depth),
                children(s.getPrefixItems(), depth),
                children(s.getPatternProperties(), depth),
                child(s.getContains(), depth),
                child(s.getContentSchema(), depth),
                child(s.getPropertyNames(), depth),
                child(s.getUnevaluatedProperties(), depth),
                child(s.getAdditionalItems(), depth),
                child(s.getUnevaluatedItems(), depth),
                child(s.getIf(), depth),
                child(s.getThen(), depth),
                child(s.getElse(), depth),
                children(s.getDependentSchemas(), depth)
            });
        }
    }
}
