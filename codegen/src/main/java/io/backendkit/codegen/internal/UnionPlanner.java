package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ModelDecl.Field;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.codegen.internal.ModelDecl.WrapperDecl;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * oneOf/anyOf schemas and discriminator bases as sealed interfaces: the variants (records and unions
 * as they are, anything else wrapped in a one-component record), the discriminator and the values
 * that select each variant. A discriminator base extended through {@code allOf} gets its variants only
 * when every schema is planned, in {@link #finish()}, which also drops a discriminator that cannot
 * select every variant.
 */
final class UnionPlanner {

    private final ShapePlanner shapes;
    private final TypeRegistry registry;
    private final RefResolver refs;
    private final Findings findings;
    /** The discriminator bases whose variants are the records extending them, by type. */
    private final Map<ClassName, Discriminator> polymorphicDiscriminators = new LinkedHashMap<>();

    /** A planner; {@code shapes} plans the variants' shapes. */
    UnionPlanner(ShapePlanner shapes, TypeRegistry registry, RefResolver refs, Findings findings) {
        this.shapes = shapes;
        this.registry = registry;
        this.refs = refs;
        this.findings = findings;
    }

    /** Fills in the union {@code decl} registered for the oneOf/anyOf schema {@code s}. */
    void plan(UnionDecl decl, Schema<?> s, String pointer) {
        Schemas.describe(decl, s);
        String owner = decl.name.simpleName();
        List<Schema<?>> variants = Schemas.variantsOf(s);
        Map<ClassName, String> refNames = new HashMap<>();
        int i = 0;
        for (Schema<?> v : variants) {
            i++;
            String vp = variantPointer(s, v, pointer);
            String hint = owner + (v.getTitle() != null ? Names.typeName(v.getTitle(), "Option") : "Option" + i);
            Shape shape = shapes.shapeOf(v, hint, vp);
            if (shape instanceof Named n && n.type().equals(decl.name)) {
                // a union that lists itself: the variant adds no values, and trying it would recurse
                findings.warn(
                        "RECURSIVE_VARIANT",
                        vp,
                        owner + " lists itself as a variant; that variant adds nothing and is left out");
                continue;
            }
            ClassName variant;
            if (shape instanceof Named n && n.kind() == NamedKind.RECORD) {
                variant = n.type();
            } else if (shape instanceof Named n
                    && n.kind() == NamedKind.UNION
                    && !registry.isAncestor(n.type(), decl.name)) {
                variant = n.type();
            } else {
                WrapperDecl wrapper = new WrapperDecl(registry.allocate(owner + wrapperSuffix(shape)), vp, shape);
                wrapper.description = v.getDescription();
                registry.register(wrapper);
                variant = wrapper.name;
            }
            if (decl.variants.contains(variant)) {
                continue;
            }
            decl.variants.add(variant);
            registry.addParent(variant, decl.name);
            if (v.get$ref() != null) {
                refNames.put(variant, refs.componentName(v.get$ref()));
            }
        }
        Discriminator d = s.getDiscriminator();
        if (d != null && d.getPropertyName() != null) {
            decl.discriminator = d.getPropertyName();
            addMappedValues(decl, d);
            for (ClassName v : decl.variants) {
                if (!decl.discriminatorValues.containsKey(v) && refNames.containsKey(v)) {
                    decl.discriminatorValues.put(v, new ArrayList<>(List.of(refNames.get(v))));
                }
            }
        }
    }

    /**
     * Fills in the union {@code decl} for a discriminator base without oneOf/anyOf: its variants are
     * the records that extend it through allOf, found in {@link #finish()}.
     */
    void planPolymorphicBase(UnionDecl decl, Schema<?> s) {
        decl.discriminator = s.getDiscriminator().getPropertyName();
        polymorphicDiscriminators.put(decl.name, s.getDiscriminator());
        Schemas.describe(decl, s);
    }

    /**
     * Completes every declaration once all schemas are planned: sealed parents, the variants and
     * discriminator values of discriminator bases, discriminator fields of the variants; drops
     * discriminators that cannot select every variant.
     */
    void finish() {
        for (ModelDecl d : registry.decls()) {
            d.parents.addAll(registry.parentsOf(d.name));
        }
        for (Map.Entry<ClassName, Discriminator> e : polymorphicDiscriminators.entrySet()) {
            UnionDecl union = (UnionDecl) registry.decl(e.getKey());
            for (ModelDecl d : registry.decls()) {
                if (d instanceof RecordDecl r && r.parents.contains(union.name)) {
                    union.variants.add(r.name);
                }
            }
            addMappedValues(union, e.getValue());
            for (ClassName v : union.variants) {
                String component = registry.componentOf(v);
                if (!union.discriminatorValues.containsKey(v) && component != null) {
                    union.discriminatorValues.put(v, new ArrayList<>(List.of(component)));
                }
            }
        }
        for (ModelDecl d : List.copyOf(registry.decls())) {
            if (d instanceof UnionDecl union) {
                finish(union);
            }
        }
    }

    private void finish(UnionDecl union) {
        if (union.discriminator != null) {
            boolean allRecords = union.variants.stream().allMatch(v -> registry.decl(v) instanceof RecordDecl);
            boolean allNamed = union.variants.stream()
                    .allMatch(v -> !union.discriminatorValues
                            .getOrDefault(v, List.of())
                            .isEmpty());
            if (!allRecords || !allNamed) {
                findings.warn(
                        "DISCRIMINATOR_IGNORED",
                        union.pointer,
                        "discriminator '" + union.discriminator + "' cannot select every variant of "
                                + union.name.simpleName()
                                + " (a variant is not an object schema or has no discriminator value);"
                                + " the variant is chosen by shape instead");
                union.discriminator = null;
                union.discriminatorValues.clear();
            }
        }
        for (ClassName v : union.variants) {
            if (registry.decl(v) instanceof RecordDecl r) {
                if (union.discriminator != null) {
                    r.discriminatorVariant = true;
                    ensureDiscriminatorField(r, union.discriminator);
                } else {
                    r.deductionVariant = true;
                }
            }
        }
        if (union.variants.isEmpty()) {
            findings.warn(
                    "UNION_WITHOUT_VARIANTS",
                    union.pointer,
                    union.name.simpleName() + " has no variants; it is generated as an open interface");
        }
    }

    /** The discriminator mapping's values for the union's variants, in mapping order. */
    private void addMappedValues(UnionDecl union, Discriminator d) {
        Map<String, String> mapping = d.getMapping() == null ? Map.of() : d.getMapping();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            ClassName target = mappingTarget(m.getValue());
            if (target != null && union.variants.contains(target)) {
                union.discriminatorValues
                        .computeIfAbsent(target, k -> new ArrayList<>())
                        .add(m.getKey());
            }
        }
    }

    /** A discriminator mapping value is a $ref or a bare schema name. */
    private ClassName mappingTarget(String value) {
        String name = value.startsWith("#") ? refs.componentName(value) : value;
        return name == null ? null : registry.classOf(name);
    }

    private static String variantPointer(Schema<?> s, Schema<?> variant, String pointer) {
        if (s.getOneOf() != null) {
            int i = indexOfIdentity(s.getOneOf(), variant);
            if (i >= 0) {
                return pointer + "/oneOf/" + i;
            }
        }
        return pointer + "/anyOf/" + (s.getAnyOf() == null ? 0 : indexOfIdentity(s.getAnyOf(), variant));
    }

    @SuppressWarnings("rawtypes") // swagger-parser's model exposes List<Schema>
    private static int indexOfIdentity(List<Schema> list, Schema<?> item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    /** What a wrapper record of a variant of this shape is called after its union's name. */
    static String wrapperSuffix(Shape shape) {
        return switch (shape) {
            case Scalar s ->
                switch (s.kind()) {
                    case STRING -> "String";
                    case INT -> "Integer";
                    case LONG -> "Long";
                    case FLOAT -> "Float";
                    case DOUBLE -> "Double";
                    case DECIMAL -> "Number";
                    case BOOLEAN -> "Boolean";
                    case DATE -> "Date";
                    case DATE_TIME -> "DateTime";
                    case UUID -> "Uuid";
                    case URI -> "Uri";
                    case BYTES -> "Bytes";
                    case ANY -> "Value";
                };
            case Named n -> n.type().simpleName();
            case ListOf l -> "List";
            case MapOf m -> "Map";
        };
    }

    /** Adds the discriminator property to a variant record that does not declare it, as its first field. */
    private static void ensureDiscriminatorField(RecordDecl r, String property) {
        if (r.field(property) != null) {
            return;
        }
        Set<String> taken = new HashSet<>(RecordPlanner.RESERVED_MEMBERS);
        r.fields.forEach(f -> taken.add(f.javaName()));
        String javaName = Names.memberName(property, "type");
        String unique = javaName;
        for (int n = 2; taken.contains(unique); n++) {
            unique = javaName + n;
        }
        r.fields.add(
                0, new Field(property, unique, Shape.string(), false, false, "The discriminator.", false, r.pointer));
    }
}
