package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.ComponentClassifier.Classification;
import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a schema at its place of use, and the planning of the types behind it: refs lead to
 * the component's type (or, for an alias, to the shape it stands for), inline copies of components
 * to the component's type, structurally identical inline schemas to one shared type, and other inline
 * enums, unions and objects to new types named after where they occur. Records, unions and enums are
 * planned by {@link RecordPlanner}, {@link UnionPlanner} and {@link EnumPlanner}, which come back here
 * for the shapes of their properties and variants.
 *
 * <p>Built once the components are classified and named in the {@link TypeRegistry}; recursion
 * through named types ends at their names, recursion through aliases and unnamed pointer refs ends
 * in {@code Object} with a finding.
 */
final class ShapePlanner {

    private final TypeRegistry registry;
    private final RefResolver refs;
    private final EnumPlanner enums;
    private final ComponentTwins twins;
    private final InlineSharing sharing;
    private final Classification classification;
    private final Findings findings;
    private final ConstraintPlanner constraints;
    private final RecordPlanner records;
    private final UnionPlanner unions;

    private final Map<Schema<?>, Shape> inlineShapes = new IdentityHashMap<>();
    private final Map<String, Shape> aliasShapes = new HashMap<>();
    private final Set<String> aliasesInProgress = new HashSet<>();
    private final Set<Schema<?>> pointerRefsInProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Whether binary strings are planned as the FileUpload record (inside a form body's schema). */
    private boolean formContext;

    /**
     * A planner over classified components.
     *
     * @param registry the types, with every component of {@code classification} added
     * @param refs the document's refs
     * @param enums plans enum schemas
     * @param twins the components inline schemas may be copies of
     * @param sharing the inline schemas already planned, by structure
     * @param classification what each component becomes
     * @param findings where warnings go
     */
    ShapePlanner(
            TypeRegistry registry,
            RefResolver refs,
            EnumPlanner enums,
            ComponentTwins twins,
            InlineSharing sharing,
            Classification classification,
            Findings findings) {
        this.registry = registry;
        this.refs = refs;
        this.enums = enums;
        this.twins = twins;
        this.sharing = sharing;
        this.classification = classification;
        this.findings = findings;
        this.constraints = new ConstraintPlanner(findings);
        this.records = new RecordPlanner(this, registry, refs, classification.polymorphicParents(), findings);
        this.unions = new UnionPlanner(this, registry, refs, findings);
    }

    /** Plans the records of this planner's shapes (and the FileUpload record). */
    RecordPlanner records() {
        return records;
    }

    /** Plans the unions of this planner's shapes, and completes them at the end. */
    UnionPlanner unions() {
        return unions;
    }

    /** Plans every component schema, in document order. */
    void planComponents() {
        for (Map.Entry<String, Schema<?>> e : refs.components().entrySet()) {
            String name = e.getKey();
            Schema<?> schema = e.getValue();
            String pointer = RefResolver.pointerOf(name);
            switch (registry.kind(name)) {
                case RECORD -> {
                    RecordDecl decl = new RecordDecl(registry.classOf(name), pointer);
                    registry.register(decl);
                    records.plan(decl, schema, pointer);
                }
                case ENUM -> registry.register(enums.plan(registry.classOf(name), schema, pointer));
                case UNION -> {
                    UnionDecl decl = new UnionDecl(registry.classOf(name), pointer);
                    registry.register(decl);
                    if (classification.polymorphicParents().contains(name)
                            && Schemas.variantsOf(schema).isEmpty()) {
                        unions.planPolymorphicBase(decl, schema);
                    } else {
                        unions.plan(decl, schema, pointer);
                    }
                }
                case ALIAS -> aliasShape(name);
            }
        }
    }

    /**
     * The shape of {@code schema} at {@code pointer}; inline object, enum and union schemas become
     * new types named {@code hint} (made unique). The same schema object always gets the same shape.
     */
    Shape shapeOf(Schema<?> schema, String hint, String pointer) {
        if (schema == null) {
            return Shape.any();
        }
        if (schema.get$ref() != null) {
            return refShape(schema.get$ref(), pointer);
        }
        Shape known = inlineShapes.get(schema);
        if (known != null) {
            return known;
        }
        String twin = twins.twinOf(schema);
        Shape shape;
        if (twin != null) {
            shape = componentShape(twin);
        } else {
            StructureKey key = sharing.keyOf(schema, formContext);
            Shape same = sharing.share(key, schema);
            if (same != null) {
                shape = same;
            } else {
                shape = inlineShape(schema, hint, pointer);
                sharing.remember(key, shape);
            }
        }
        inlineShapes.put(schema, shape);
        return shape;
    }

    /**
     * The shape of a form body's schema: as {@link #shapeOf}, except that binary strings planned
     * inline become the generated {@code FileUpload} record (file name, media type, bytes).
     */
    Shape formShapeOf(Schema<?> schema, String hint, String pointer) {
        boolean outer = formContext;
        formContext = true;
        try {
            return shapeOf(schema, hint, pointer);
        } finally {
            formContext = outer;
        }
    }

    private Shape refShape(String ref, String pointer) {
        String name = refs.componentName(ref);
        if (name == null) {
            if (!ref.startsWith("#/")) {
                findings.warn(
                        "UNSUPPORTED_REF",
                        pointer,
                        "$ref '" + ref + "' was not resolved; the value is typed as Object");
                return Shape.any();
            }
            Schema<?> target = refs.navigate(ref);
            if (target == null) {
                throw findings.error(pointer, "$ref '" + ref + "' points to nothing");
            }
            if (!pointerRefsInProgress.add(target)) {
                findings.warn(
                        "RECURSIVE_POINTER_REF",
                        pointer,
                        "$ref '" + ref + "' leads back to itself through schemas without names; typed as Object");
                return Shape.any();
            }
            try {
                List<String> tokens = RefResolver.pointerTokens(ref);
                String hint = tokens.size() < 2
                        ? "Ref"
                        : Names.typeName(tokens.get(tokens.size() - 2), "Ref")
                                + Names.typeName(tokens.get(tokens.size() - 1), "");
                return shapeOf(target, hint, ref);
            } finally {
                pointerRefsInProgress.remove(target);
            }
        }
        if (!refs.isComponent(name)) {
            throw findings.error(pointer, "$ref '" + ref + "' points to nothing");
        }
        return componentShape(name);
    }

    /** The shape of a named component schema. */
    Shape componentShape(String name) {
        return switch (registry.kind(name)) {
            case RECORD -> new Named(registry.classOf(name), NamedKind.RECORD, List.of(), Constraints.NONE);
            case UNION -> new Named(registry.classOf(name), NamedKind.UNION, List.of(), Constraints.NONE);
            case ENUM ->
                new Named(
                        registry.classOf(name),
                        NamedKind.ENUM,
                        EnumPlanner.values(refs.component(name)),
                        Constraints.NONE);
            case ALIAS -> aliasShape(name);
        };
    }

    private Shape aliasShape(String name) {
        Shape known = aliasShapes.get(name);
        if (known != null) {
            return known;
        }
        String pointer = RefResolver.pointerOf(name);
        if (!aliasesInProgress.add(name)) {
            findings.warn(
                    "RECURSIVE_ALIAS",
                    pointer,
                    "schema " + name + " refers to itself without an object in between; typed as Object");
            return Shape.any();
        }
        try {
            Shape shape = shapeOf(refs.component(name), TypeRegistry.typeNameFor(name), pointer);
            aliasShapes.put(name, shape);
            return shape;
        } finally {
            aliasesInProgress.remove(name);
        }
    }

    private Shape inlineShape(Schema<?> s, String hint, String pointer) {
        if (enums.inspect(s, pointer)) {
            EnumDecl decl = enums.plan(registry.allocate(hint), s, pointer);
            registry.register(decl);
            return new Named(decl.name, NamedKind.ENUM, EnumPlanner.values(s), Constraints.NONE);
        }
        List<Schema<?>> variants = Schemas.variantsOf(s);
        if (!variants.isEmpty() && !Schemas.hasProperties(s)) {
            if (variants.size() == 1) {
                int index = indexIn(s, variants.get(0));
                return shapeOf(variants.get(0), hint, pointer + "/" + index);
            }
            ScalarKind common = Schemas.commonScalar(variants);
            if (common != null) {
                return new Scalar(common, Constraints.NONE);
            }
            UnionDecl decl = new UnionDecl(registry.allocate(hint), pointer);
            registry.register(decl);
            unions.plan(decl, s, pointer);
            return new Named(decl.name, NamedKind.UNION, List.of(), Constraints.NONE);
        }
        if (Schemas.hasAllOf(s) && !Schemas.hasProperties(s)) {
            List<Schema<?>> parts = Schemas.meaningful(s.getAllOf());
            String twin = parts.size() == 1 ? twins.twinOf(parts.get(0)) : null;
            if (twin != null) {
                return componentShape(twin);
            }
            if (parts.size() == 1 && !(parts.get(0).get$ref() == null && isObject(parts.get(0)))) {
                return shapeOf(
                        parts.get(0), hint, pointer + "/allOf/" + s.getAllOf().indexOf(parts.get(0)));
            }
            if (parts.isEmpty()) {
                return Shape.any();
            }
        }
        if (isObject(s)) {
            RecordDecl decl = new RecordDecl(registry.allocate(hint), pointer);
            registry.register(decl);
            records.plan(decl, s, pointer);
            return new Named(decl.name, NamedKind.RECORD, List.of(), Constraints.NONE);
        }
        String type = Schemas.typeOf(s);
        if ("array".equals(type) || (type == null && s.getItems() != null)) {
            Shape item = shapeOf(s.getItems(), hint + "Item", pointer + "/items");
            if (s.getItems() == null) {
                item = Shape.any();
            }
            return new ListOf(item, constraints.of(s, pointer));
        }
        if ("object".equals(type) || (type == null && s.getAdditionalProperties() != null)) {
            Object ap = s.getAdditionalProperties();
            if (ap instanceof Schema<?> valueSchema) {
                return new MapOf(
                        shapeOf(valueSchema, hint + "Value", pointer + "/additionalProperties"), Constraints.NONE);
            }
            return new MapOf(Shape.any(), Constraints.NONE);
        }
        if (type == null) {
            return Shape.any();
        }
        if (formContext && "string".equals(type) && "binary".equals(s.getFormat())) {
            return records.fileUpload(pointer);
        }
        if ("mixed".equals(type)) {
            findings.info("MIXED_TYPE", pointer, "schema allows several types " + s.getTypes() + "; typed as Object");
        }
        ScalarKind kind = Schemas.scalarKind(s, type);
        return new Scalar(kind, kind == ScalarKind.ANY ? Constraints.NONE : constraints.of(s, pointer));
    }

    /** Whether an inline schema becomes a record: it has properties or allOf parts. */
    private static boolean isObject(Schema<?> s) {
        return Schemas.hasProperties(s) || Schemas.hasAllOf(s);
    }

    private static int indexIn(Schema<?> s, Schema<?> variant) {
        if (s.getOneOf() != null && s.getOneOf().contains(variant)) {
            return s.getOneOf().indexOf(variant);
        }
        return s.getAnyOf() == null ? 0 : s.getAnyOf().indexOf(variant);
    }
}
