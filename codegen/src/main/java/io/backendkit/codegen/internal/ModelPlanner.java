package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.ModelDecl.Field;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.codegen.internal.ModelDecl.WrapperDecl;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides which Java type every schema becomes: component schemas first (so {@code $ref}s and
 * recursion resolve to stable names), then inline schemas on demand, named after where they occur.
 */
public final class ModelPlanner {

    static final String COMPONENTS = "#/components/schemas/";

    /** Support types generated into the model package. */
    static final Set<String> SUPPORT_TYPES =
            Set.of("Violation", "Validatable", "Validation", "ApiJson", "Page", "FormData", "ApiConstraints");

    /** Record component names that would clash with methods every record has or gets. */
    static final Set<String> RESERVED_MEMBERS = Set.of(
            "validate",
            "validateInto",
            "hashCode",
            "toString",
            "equals",
            "getClass",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");

    /** A record may have at most this many components (JVM limit of 255 parameter slots). */
    static final int MAX_RECORD_COMPONENTS = 240;

    private enum Kind {
        RECORD,
        ENUM,
        UNION,
        ALIAS
    }

    private final Map<String, Schema<?>> components;
    private final Map<String, PathItem> paths;
    private final Set<Schema<?>> pointerRefsInProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final String modelPackage;
    private final Findings findings;
    private Components otherComponents;
    private RawDocument rawDocument;
    /** Whether binary strings are planned as {@link #fileUpload} (inside a form body's schema). */
    private boolean formContext;
    /** The generated FileUpload record, once a form body has a file. */
    private ClassName fileUpload;

    private final Names.Scope typeNames = new Names.Scope(true);
    private final Map<String, Kind> kinds = new HashMap<>();
    private final Map<String, ClassName> componentClasses = new HashMap<>();
    private final Map<ClassName, String> componentNames = new HashMap<>();
    private final Map<String, Shape> aliasShapes = new HashMap<>();
    private final Set<String> aliasesInProgress = new HashSet<>();
    private final Map<ClassName, ModelDecl> decls = new LinkedHashMap<>();
    private final Map<Schema<?>, Shape> inlineShapes = new IdentityHashMap<>();
    /**
     * Named component schemas by {@link #outline}: bundled documents replace every {@code $ref} by
     * an inline copy of its target, and an inline schema equal to a component (swagger-parser's
     * models compare by value) is that component.
     */
    private final Map<List<Object>, List<String>> componentsByOutline = new HashMap<>();
    /** How many inline schemas turned out to be copies of components. */
    private int inlineCopies;
    /**
     * Inline schemas already planned, by {@link StructureKey}: a later inline schema with the same
     * structure (documentation aside) shares the earlier one's type instead of getting its own.
     */
    private final Map<StructureKey, Shape> inlineByStructure = new HashMap<>();

    private final StructureKey.Builder structureKeys = new StructureKey.Builder();
    /** How many inline schemas share the type of an earlier, structurally identical one. */
    private int sharedInline;

    private final Set<String> polymorphicParents = new LinkedHashSet<>();
    private final Map<ClassName, Discriminator> polymorphicDiscriminators = new LinkedHashMap<>();
    /** Sealed parents per type, collected while planning (a variant may be planned after its union). */
    private final Map<ClassName, Set<ClassName>> parentsOf = new HashMap<>();

    /**
     * A planner.
     *
     * @param components the document's component schemas (may be null)
     * @param modelPackage the package models go in
     * @param findings where warnings go
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ModelPlanner(
            Map<String, Schema> components, Map<String, PathItem> paths, String modelPackage, Findings findings) {
        this.components = components == null ? Map.of() : (Map) components;
        this.paths = paths == null ? Map.of() : paths;
        this.modelPackage = modelPackage;
        this.findings = findings;
        SUPPORT_TYPES.forEach(typeNames::reserve);
        Names.RESERVED_TYPE_NAMES.forEach(typeNames::reserve);
    }

    /** The root document as written, to recover enum values the parser could not read. */
    ModelPlanner rawDocument(RawDocument raw) {
        this.rawDocument = raw;
        return this;
    }

    /** The document's other components, for refs to schemas inside parameters, headers, bodies and responses. */
    public ModelPlanner otherComponents(Components components) {
        this.otherComponents = components;
        return this;
    }

    /** Plans every component schema. Call once, before {@link #shapeOf}. */
    public void planComponents() {
        findPolymorphicParents();
        for (Map.Entry<String, Schema<?>> e : components.entrySet()) {
            Kind kind = classify(e.getKey(), e.getValue());
            kinds.put(e.getKey(), kind);
            if (kind != Kind.ALIAS) {
                ClassName cn = ClassName.get(modelPackage, typeNames.allocate(typeNameFor(e.getKey())));
                componentClasses.put(e.getKey(), cn);
                componentNames.put(cn, e.getKey());
            }
        }
        for (Map.Entry<String, Schema<?>> e : components.entrySet()) {
            if (kinds.get(e.getKey()) != Kind.ALIAS && mayHaveTwins(e.getValue()) && acyclic(e.getValue())) {
                componentsByOutline
                        .computeIfAbsent(outline(e.getValue()), k -> new ArrayList<>())
                        .add(e.getKey());
            }
        }
        for (Map.Entry<String, Schema<?>> e : components.entrySet()) {
            String name = e.getKey();
            Schema<?> schema = e.getValue();
            String pointer = COMPONENTS + Names.pointerEscape(name);
            switch (kinds.get(name)) {
                case RECORD -> {
                    RecordDecl decl = new RecordDecl(componentClasses.get(name), pointer);
                    register(decl);
                    buildRecord(decl, schema, pointer);
                }
                case ENUM -> register(buildEnum(componentClasses.get(name), schema, pointer));
                case UNION -> {
                    UnionDecl decl = new UnionDecl(componentClasses.get(name), pointer);
                    register(decl);
                    if (polymorphicParents.contains(name) && variantsOf(schema).isEmpty()) {
                        decl.discriminator = schema.getDiscriminator().getPropertyName();
                        polymorphicDiscriminators.put(decl.name, schema.getDiscriminator());
                        describe(decl, schema);
                    } else {
                        buildUnion(decl, schema, pointer);
                    }
                }
                case ALIAS -> aliasShape(name);
            }
        }
    }

    /** Completes unions after every schema is planned; returns the declarations in planning order. */
    public List<ModelDecl> finish() {
        if (sharedInline > 0) {
            findings.info(
                    "INLINE_SCHEMAS_SHARED",
                    "#",
                    sharedInline + " inline schema(s) are structurally identical to an earlier inline schema;"
                            + " they share its type");
        }
        if (inlineCopies > 0) {
            findings.info(
                    "INLINE_COPIES_OF_COMPONENTS",
                    "#",
                    inlineCopies + " inline schema(s) are copies of component schemas (a bundled document);"
                            + " they use the component types instead of new ones");
        }
        for (ModelDecl d : decls.values()) {
            d.parents.addAll(parentsOf.getOrDefault(d.name, Set.of()));
        }
        for (Map.Entry<ClassName, Discriminator> e : polymorphicDiscriminators.entrySet()) {
            UnionDecl union = (UnionDecl) decls.get(e.getKey());
            for (ModelDecl d : decls.values()) {
                if (d instanceof RecordDecl r && r.parents.contains(union.name)) {
                    union.variants.add(r.name);
                }
            }
            assignDiscriminatorValues(union, e.getValue());
        }
        for (ModelDecl d : List.copyOf(decls.values())) {
            if (d instanceof UnionDecl union) {
                if (union.discriminator != null) {
                    boolean allRecords = union.variants.stream().allMatch(v -> decls.get(v) instanceof RecordDecl);
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
                    if (decls.get(v) instanceof RecordDecl r) {
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
        }
        return List.copyOf(decls.values());
    }

    /** The declaration of a generated type. */
    public ModelDecl decl(ClassName name) {
        return decls.get(name);
    }

    /**
     * The shape of {@code schema} at {@code pointer}; inline object, enum and union schemas become
     * new types named {@code hint} (made unique).
     */
    public Shape shapeOf(Schema<?> schema, String hint, String pointer) {
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
        String twin = twinOf(schema);
        Shape shape;
        if (twin != null) {
            shape = componentShape(twin);
        } else {
            StructureKey key = mayHaveTwins(schema) ? structureKeys.of(schema, formContext) : null;
            Shape same = key == null ? null : inlineByStructure.get(key);
            if (same != null) {
                sharedInline++;
                shape = same;
                if (same instanceof Named n && decls.get(n.type()) instanceof ModelDecl d) {
                    d.sharedBy++;
                    String description = schema.getDescription() != null ? schema.getDescription() : schema.getTitle();
                    if (!Objects.equals(d.description, description)) {
                        d.description = null; // the sharers describe it differently: no one's text fits all
                    }
                }
            } else {
                shape = inlineShape(schema, hint, pointer);
                if (key != null) {
                    inlineByStructure.put(key, shape);
                }
            }
        }
        inlineShapes.put(schema, shape);
        return shape;
    }

    /**
     * The shape of a form body's schema: as {@link #shapeOf}, except that binary strings planned
     * inline become the generated {@code FileUpload} record (file name, media type, bytes).
     */
    public Shape formShapeOf(Schema<?> schema, String hint, String pointer) {
        boolean outer = formContext;
        formContext = true;
        try {
            return shapeOf(schema, hint, pointer);
        } finally {
            formContext = outer;
        }
    }

    /** The generated FileUpload record, or null when no form body has a file. */
    ClassName fileUpload() {
        return fileUpload;
    }

    private Shape fileUploadShape(String firstUse) {
        if (fileUpload == null) {
            RecordDecl decl = new RecordDecl(allocate("FileUpload"), firstUse);
            decl.description = "A file of a multipart/form-data body: its file name and media type as sent"
                    + " (null when the part has none) and its content.";
            decl.fields.add(new Field(
                    "filename",
                    "filename",
                    Shape.string(),
                    false,
                    true,
                    "The file name the client sent.",
                    false,
                    firstUse));
            decl.fields.add(new Field(
                    "contentType",
                    "contentType",
                    Shape.string(),
                    false,
                    true,
                    "The part's media type.",
                    false,
                    firstUse));
            decl.fields.add(new Field(
                    "content",
                    "content",
                    new Scalar(ScalarKind.BYTES, Constraints.NONE),
                    true,
                    false,
                    "The file's bytes.",
                    false,
                    firstUse));
            register(decl);
            fileUpload = decl.name;
        }
        return new Named(fileUpload, NamedKind.RECORD, List.of(), Constraints.NONE);
    }

    /** Whether the schema allows null (3.0 {@code nullable}, 3.1 {@code type: [.., "null"]}). */
    public boolean isNullable(Schema<?> schema) {
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

    /** Resolves a {@code $ref} to a component schema. */
    public Schema<?> resolve(Schema<?> schema, String pointer) {
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

    // ---------------------------------------------------------------- classification

    private void findPolymorphicParents() {
        for (Map.Entry<String, Schema<?>> e : components.entrySet()) {
            Schema<?> s = e.getValue();
            if (s.getAllOf() == null || s.getAllOf().isEmpty()) {
                continue;
            }
            boolean objectLike = meaningful(s.getAllOf()).size() > 1 || hasProperties(s);
            if (!objectLike) {
                continue;
            }
            for (Schema<?> part : s.getAllOf()) {
                String parent = part.get$ref() == null ? null : componentName(part.get$ref());
                Schema<?> p = parent == null ? null : components.get(parent);
                if (p != null
                        && !parent.equals(e.getKey())
                        && p.getDiscriminator() != null
                        && p.getDiscriminator().getPropertyName() != null
                        && variantsOf(p).isEmpty()) {
                    polymorphicParents.add(parent);
                }
            }
        }
    }

    private Kind classify(String name, Schema<?> s) {
        if (s.get$ref() != null) {
            return Kind.ALIAS;
        }
        recoverDroppedEnumValues(s, COMPONENTS + Names.pointerEscape(name));
        if (isEnum(s)) {
            return Kind.ENUM;
        }
        warnIfEnumUnchecked(s, COMPONENTS + Names.pointerEscape(name));
        List<Schema<?>> variants = variantsOf(s);
        if (!variants.isEmpty() && !hasProperties(s)) {
            return variants.size() == 1 ? Kind.ALIAS : Kind.UNION;
        }
        if (polymorphicParents.contains(name)) {
            return Kind.UNION;
        }
        if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
            List<Schema<?>> parts = meaningful(s.getAllOf());
            if (!hasProperties(s) && parts.size() <= 1) {
                return parts.isEmpty() || !isObjectish(parts.get(0)) ? Kind.ALIAS : aliasOrRecord(parts.get(0));
            }
            return Kind.RECORD;
        }
        return hasProperties(s) ? Kind.RECORD : Kind.ALIAS;
    }

    private Kind aliasOrRecord(Schema<?> single) {
        return single.get$ref() != null ? Kind.ALIAS : Kind.RECORD;
    }

    private static boolean hasProperties(Schema<?> s) {
        return s.getProperties() != null && !s.getProperties().isEmpty();
    }

    private boolean isObjectish(Schema<?> s) {
        if (s.get$ref() != null) {
            String name = componentName(s.get$ref());
            Schema<?> target = name == null ? null : components.get(name);
            return target != null
                    && (hasProperties(target)
                            || (target.getAllOf() != null && !target.getAllOf().isEmpty()));
        }
        return hasProperties(s) || (s.getAllOf() != null && !s.getAllOf().isEmpty());
    }

    /** Parts of allOf that carry types (not only a description or nullable flag). */
    @SuppressWarnings("rawtypes") // swagger-parser's model exposes List<Schema>
    private static List<Schema<?>> meaningful(List<Schema> parts) {
        List<Schema<?>> out = new ArrayList<>();
        for (Schema<?> p : parts) {
            if (p != null && !annotationOnly(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean annotationOnly(Schema<?> s) {
        return s.get$ref() == null
                && typeOf(s) == null
                && !hasProperties(s)
                && s.getItems() == null
                && (s.getAllOf() == null || s.getAllOf().isEmpty())
                && (s.getOneOf() == null || s.getOneOf().isEmpty())
                && (s.getAnyOf() == null || s.getAnyOf().isEmpty())
                && (s.getEnum() == null || s.getEnum().isEmpty())
                && s.getAdditionalProperties() == null;
    }

    /** The oneOf/anyOf variants that carry types (constraint-only variants are ignored), nulls removed. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Schema<?>> variantsOf(Schema<?> s) {
        List<Schema> all = new ArrayList<>();
        if (s.getOneOf() != null) {
            all.addAll(s.getOneOf());
        }
        if (s.getAnyOf() != null) {
            all.addAll(s.getAnyOf());
        }
        if (all.isEmpty()) {
            return List.of();
        }
        List<Schema<?>> typed = new ArrayList<>();
        for (Schema<?> v : (List<Schema<?>>) (List) all) {
            if (v != null && !annotationOnly(v) && !"null".equals(typeOf(v))) {
                typed.add(v);
            }
        }
        return typed;
    }

    /**
     * A finding for an enum whose values no generated Java enum can hold (mixed types, booleans,
     * objects): the type is the plain scalar and the allowed values are dropped from the model.
     */
    private void warnIfEnumUnchecked(Schema<?> s, String pointer) {
        if (s.getEnum() != null && s.getEnum().stream().anyMatch(Objects::nonNull) && !isEnum(s)) {
            findings.warn(
                    "ENUM_VALUES_DROPPED",
                    pointer,
                    "enum of " + (typeOf(s) == null ? "mixed values" : typeOf(s) + " values")
                            + " that a Java enum cannot hold (only strings, integers and numbers can);"
                            + " typed as the plain value, the allowed values are not checked");
        }
    }

    /**
     * swagger-parser reads integer enum values beyond a long as null; they are taken from the
     * document as written, or named in an ENUM_VALUES_DROPPED finding when it cannot be read again.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void recoverDroppedEnumValues(Schema<?> s, String pointer) {
        String type = typeOf(s);
        if (s.getEnum() == null
                || !("integer".equals(type) || "number".equals(type))
                || !s.getEnum().contains(null)
                || Boolean.TRUE.equals(s.getNullable())
                || (s.getTypes() != null && s.getTypes().contains("null"))) {
            return;
        }
        List<Object> written = rawDocument == null ? null : rawDocument.enumAt(pointer);
        if (written != null && written.size() == s.getEnum().size()) {
            ((Schema) s).setEnum(new ArrayList<>(written));
            return;
        }
        findings.warn(
                "ENUM_VALUES_DROPPED",
                pointer,
                "enum values the parser could not read (integers beyond 64 bits) are missing from the generated"
                        + " type");
    }

    private static boolean isEnum(Schema<?> s) {
        return enumKind(s) != null;
    }

    /**
     * The JSON value kind of the generated enum for {@code s}: STRING, INT (int32 values that fit),
     * LONG (integers within a long), DECIMAL (numbers, and integers beyond a long, as BigDecimal);
     * null when {@code s} has no enum or one a Java enum cannot hold.
     */
    static ScalarKind enumKind(Schema<?> s) {
        if (s.getEnum() == null || s.getEnum().isEmpty()) {
            return null;
        }
        List<Object> values = s.getEnum().stream()
                .filter(Objects::nonNull)
                .map(v -> (Object) v)
                .toList();
        if (values.isEmpty()) {
            return null;
        }
        String type = typeOf(s);
        if ((type == null || "string".equals(type)) && values.stream().allMatch(v -> v instanceof String)) {
            return ScalarKind.STRING;
        }
        if (type != null && !"integer".equals(type) && !"number".equals(type)) {
            return null;
        }
        List<BigDecimal> numbers = new ArrayList<>();
        for (Object v : values) {
            BigDecimal d = decimal(v);
            if (d == null) {
                return null;
            }
            numbers.add(d);
        }
        boolean integral = numbers.stream().allMatch(ModelPlanner::isIntegral);
        if ("number".equals(type) || !integral) {
            // an integer schema listing 1.5 still gets a number enum: such values can never be valid
            // integers, but they are kept rather than dropped
            return ScalarKind.DECIMAL;
        }
        if (!numbers.stream().allMatch(ModelPlanner::fitsLong)) {
            return ScalarKind.DECIMAL;
        }
        if ("int32".equals(s.getFormat()) && numbers.stream().allMatch(ModelPlanner::fitsInt)) {
            return ScalarKind.INT;
        }
        return ScalarKind.LONG;
    }

    private static BigDecimal decimal(Object v) {
        if (!(v instanceof Number n)) {
            return null;
        }
        try {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null; // NaN, infinity
        }
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fitsLong(BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean fitsInt(BigDecimal d) {
        try {
            d.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** The schema's single type: 3.0 {@code type}, or the one non-null entry of 3.1 {@code type: [...]}. */
    static String typeOf(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        Set<String> types = s.getTypes();
        if (types == null || types.isEmpty()) {
            return null;
        }
        List<String> nonNull =
                types.stream().filter(t -> !"null".equals(t)).sorted().toList();
        if (nonNull.isEmpty()) {
            return "null";
        }
        return nonNull.size() == 1 ? nonNull.get(0) : "mixed";
    }

    // ---------------------------------------------------------------- shapes

    private String componentName(String ref) {
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

    private Shape refShape(String ref, String pointer) {
        String name = componentName(ref);
        if (name == null) {
            if (!ref.startsWith("#/")) {
                findings.warn(
                        "UNSUPPORTED_REF",
                        pointer,
                        "$ref '" + ref + "' was not resolved; the value is typed as Object");
                return Shape.any();
            }
            Schema<?> target = navigate(ref);
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
                List<String> tokens = pointerTokens(ref);
                String hint = tokens.size() < 2
                        ? "Ref"
                        : Names.typeName(tokens.get(tokens.size() - 2), "Ref")
                                + Names.typeName(tokens.get(tokens.size() - 1), "");
                return shapeOf(target, hint, ref);
            } finally {
                pointerRefsInProgress.remove(target);
            }
        }
        if (!components.containsKey(name)) {
            throw findings.error(pointer, "$ref '" + ref + "' points to nothing");
        }
        return componentShape(name);
    }

    /** The shape of a named component schema. */
    private Shape componentShape(String name) {
        Kind kind = kinds.get(name);
        if (kind == null) {
            throw new IllegalStateException("component " + name + " used before planning");
        }
        return switch (kind) {
            case RECORD -> new Named(componentClasses.get(name), NamedKind.RECORD, List.of(), Constraints.NONE);
            case UNION -> new Named(componentClasses.get(name), NamedKind.UNION, List.of(), Constraints.NONE);
            case ENUM -> {
                ClassName cn = componentClasses.get(name);
                yield new Named(cn, NamedKind.ENUM, enumValues(components.get(name)), Constraints.NONE);
            }
            case ALIAS -> aliasShape(name);
        };
    }

    private static List<String> pointerTokens(String ref) {
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
    @SuppressWarnings("rawtypes")
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

    @SuppressWarnings("rawtypes")
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

    private Shape aliasShape(String name) {
        Shape known = aliasShapes.get(name);
        if (known != null) {
            return known;
        }
        String pointer = COMPONENTS + Names.pointerEscape(name);
        if (!aliasesInProgress.add(name)) {
            findings.warn(
                    "RECURSIVE_ALIAS",
                    pointer,
                    "schema " + name + " refers to itself without an object in between; typed as Object");
            return Shape.any();
        }
        try {
            Shape shape = shapeOf(components.get(name), typeNameFor(name), pointer);
            aliasShapes.put(name, shape);
            return shape;
        } finally {
            aliasesInProgress.remove(name);
        }
    }

    private Shape inlineShape(Schema<?> s, String hint, String pointer) {
        recoverDroppedEnumValues(s, pointer);
        if (isEnum(s)) {
            EnumDecl decl = buildEnum(allocate(hint), s, pointer);
            register(decl);
            return new Named(decl.name, NamedKind.ENUM, enumValues(s), Constraints.NONE);
        }
        warnIfEnumUnchecked(s, pointer);
        List<Schema<?>> variants = variantsOf(s);
        if (!variants.isEmpty() && !hasProperties(s)) {
            if (variants.size() == 1) {
                int index = indexIn(s, variants.get(0));
                return shapeOf(variants.get(0), hint, pointer + "/" + index);
            }
            ScalarKind common = commonScalar(variants);
            if (common != null) {
                return new Scalar(common, Constraints.NONE);
            }
            UnionDecl decl = new UnionDecl(allocate(hint), pointer);
            register(decl);
            buildUnion(decl, s, pointer);
            return new Named(decl.name, NamedKind.UNION, List.of(), Constraints.NONE);
        }
        if (s.getAllOf() != null && !s.getAllOf().isEmpty() && !hasProperties(s)) {
            List<Schema<?>> parts = meaningful(s.getAllOf());
            String twin = parts.size() == 1 ? twinOf(parts.get(0)) : null;
            if (twin != null) {
                return componentShape(twin);
            }
            if (parts.size() == 1 && !(parts.get(0).get$ref() == null && isObjectish(parts.get(0)))) {
                return shapeOf(
                        parts.get(0), hint, pointer + "/allOf/" + s.getAllOf().indexOf(parts.get(0)));
            }
            if (parts.isEmpty()) {
                return Shape.any();
            }
        }
        if (hasProperties(s) || (s.getAllOf() != null && !s.getAllOf().isEmpty())) {
            RecordDecl decl = new RecordDecl(allocate(hint), pointer);
            register(decl);
            buildRecord(decl, s, pointer);
            return new Named(decl.name, NamedKind.RECORD, List.of(), Constraints.NONE);
        }
        String type = typeOf(s);
        if ("array".equals(type) || (type == null && s.getItems() != null)) {
            Shape item = shapeOf(s.getItems(), hint + "Item", pointer + "/items");
            if (s.getItems() == null) {
                item = Shape.any();
            }
            return new ListOf(item, constraints(s, pointer));
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
            return fileUploadShape(pointer);
        }
        ScalarKind kind = scalarKind(s, type, pointer);
        return new Scalar(kind, kind == ScalarKind.ANY ? Constraints.NONE : constraints(s, pointer));
    }

    /**
     * The component an inline schema is a copy of, or null. Candidates share the schema's outline
     * (cheap to compute); only they are compared in depth. A component is acyclic, so comparing
     * with it terminates whatever the inline schema is.
     */
    private String twinOf(Schema<?> s) {
        if (componentsByOutline.isEmpty() || s.get$ref() != null || !mayHaveTwins(s)) {
            return null;
        }
        List<String> candidates = componentsByOutline.get(outline(s));
        if (candidates == null) {
            return null;
        }
        for (String name : candidates) {
            Schema<?> component = components.get(name);
            if (component != s && component.equals(s)) {
                inlineCopies++;
                return name;
            }
        }
        return null;
    }

    /** What a copy must share with its original at the top level: title, type, property names, enum. */
    private static List<Object> outline(Schema<?> s) {
        return Arrays.asList(
                s.getTitle(),
                typeOf(s),
                s.getProperties() == null ? null : List.copyOf(s.getProperties().keySet()),
                s.getRequired(),
                s.getEnum(),
                s.getAllOf() == null ? 0 : s.getAllOf().size(),
                s.getOneOf() == null ? 0 : s.getOneOf().size(),
                s.getAnyOf() == null ? 0 : s.getAnyOf().size());
    }

    /** Schemas that would become a type of their own: objects, enums, unions. */
    private static boolean mayHaveTwins(Schema<?> s) {
        return hasProperties(s)
                || isEnum(s)
                || (s.getAllOf() != null && !s.getAllOf().isEmpty())
                || (s.getOneOf() != null && !s.getOneOf().isEmpty())
                || (s.getAnyOf() != null && !s.getAnyOf().isEmpty());
    }

    /**
     * Whether the schema's sub-schemas form a tree (hashing a cyclic model would not terminate).
     * Documents parsed without full resolution always do; this guards against any that do not.
     */
    private static boolean acyclic(Schema<?> root) {
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

    private static int indexIn(Schema<?> s, Schema<?> variant) {
        if (s.getOneOf() != null && s.getOneOf().contains(variant)) {
            return s.getOneOf().indexOf(variant);
        }
        return s.getAnyOf() == null ? 0 : s.getAnyOf().indexOf(variant);
    }

    private String variantPointer(Schema<?> s, Schema<?> variant, String pointer) {
        if (s.getOneOf() != null) {
            int i = indexOfIdentity(s.getOneOf(), variant);
            if (i >= 0) {
                return pointer + "/oneOf/" + i;
            }
        }
        return pointer + "/anyOf/" + (s.getAnyOf() == null ? 0 : indexOfIdentity(s.getAnyOf(), variant));
    }

    @SuppressWarnings("rawtypes")
    private static int indexOfIdentity(List<Schema> list, Schema<?> item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return -1;
    }

    /** When every variant is an inline scalar of the same Java type, the union is just that type. */
    private ScalarKind commonScalar(List<Schema<?>> variants) {
        ScalarKind common = null;
        for (Schema<?> v : variants) {
            String type = typeOf(v);
            if (v.get$ref() != null
                    || isEnum(v)
                    || type == null
                    || "array".equals(type)
                    || "object".equals(type)
                    || "mixed".equals(type)
                    || hasProperties(v)) {
                return null;
            }
            ScalarKind k = scalarKindQuiet(v, type);
            if (common != null && common != k) {
                return null;
            }
            common = k;
        }
        return common;
    }

    private ScalarKind scalarKind(Schema<?> s, String type, String pointer) {
        if ("mixed".equals(type)) {
            findings.info("MIXED_TYPE", pointer, "schema allows several types " + s.getTypes() + "; typed as Object");
        }
        return scalarKindQuiet(s, type);
    }

    private static ScalarKind scalarKindQuiet(Schema<?> s, String type) {
        String format = s.getFormat() == null ? "" : s.getFormat();
        return switch (type) {
            case "string" ->
                switch (format) {
                    case "date" -> ScalarKind.DATE;
                    case "date-time" -> ScalarKind.DATE_TIME;
                    case "uuid" -> ScalarKind.UUID;
                    case "uri" -> ScalarKind.URI;
                    case "byte", "binary" -> ScalarKind.BYTES;
                    default -> ScalarKind.STRING;
                };
            case "integer" -> "int32".equals(format) ? ScalarKind.INT : ScalarKind.LONG;
            case "number" ->
                switch (format) {
                    case "float" -> ScalarKind.FLOAT;
                    case "double" -> ScalarKind.DOUBLE;
                    case "int32" -> ScalarKind.INT;
                    case "int64" -> ScalarKind.LONG;
                    default -> ScalarKind.DECIMAL;
                };
            case "boolean" -> ScalarKind.BOOLEAN;
            default -> ScalarKind.ANY;
        };
    }

    Constraints constraints(Schema<?> s, String pointer) {
        if (s.getNot() != null) {
            findings.info("NOT_IGNORED", pointer + "/not", "'not' is not checked by generated validation");
        }
        String pattern = s.getPattern();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                findings.warn(
                        "PATTERN_NOT_CHECKED",
                        pointer + "/pattern",
                        "pattern is not a valid Java regular expression and is not checked: " + e.getDescription());
                pattern = null;
            }
        }
        BigDecimal minimum = s.getMinimum();
        boolean exclusiveMin = Boolean.TRUE.equals(s.getExclusiveMinimum());
        if (s.getExclusiveMinimumValue() != null) {
            minimum = s.getExclusiveMinimumValue();
            exclusiveMin = true;
        }
        BigDecimal maximum = s.getMaximum();
        boolean exclusiveMax = Boolean.TRUE.equals(s.getExclusiveMaximum());
        if (s.getExclusiveMaximumValue() != null) {
            maximum = s.getExclusiveMaximumValue();
            exclusiveMax = true;
        }
        boolean email = "email".equals(s.getFormat()) || "idn-email".equals(s.getFormat());
        return new Constraints(
                nonNegative(s.getMinLength()),
                nonNegative(s.getMaxLength()),
                pattern,
                minimum,
                exclusiveMin,
                maximum,
                exclusiveMax,
                nonNegative(s.getMinItems()),
                nonNegative(s.getMaxItems()),
                Boolean.TRUE.equals(s.getUniqueItems()),
                email,
                List.of(),
                s.getMultipleOf() != null && s.getMultipleOf().signum() > 0 ? s.getMultipleOf() : null);
    }

    private static Integer nonNegative(Integer i) {
        return i == null || i < 0 ? null : i;
    }

    // ---------------------------------------------------------------- declarations

    private void register(ModelDecl decl) {
        decls.put(decl.name, decl);
    }

    private ClassName allocate(String hint) {
        String base = Names.typeName(hint, "Model");
        if (Names.RESERVED_TYPE_NAMES.contains(base) || SUPPORT_TYPES.contains(base)) {
            base = base + "Model";
        }
        return ClassName.get(modelPackage, typeNames.allocate(base));
    }

    private static String typeNameFor(String componentName) {
        String base = Names.typeName(componentName, "Model");
        if (Names.RESERVED_TYPE_NAMES.contains(base) || SUPPORT_TYPES.contains(base)) {
            base = base + "Model";
        }
        return base;
    }

    private static void describe(ModelDecl decl, Schema<?> s) {
        decl.description = s.getDescription() != null ? s.getDescription() : s.getTitle();
        decl.deprecated = Boolean.TRUE.equals(s.getDeprecated());
    }

    private EnumDecl buildEnum(ClassName name, Schema<?> s, String pointer) {
        EnumDecl decl = new EnumDecl(name, pointer);
        describe(decl, s);
        decl.valueKind = enumKind(s);
        if ("int32".equals(s.getFormat()) && decl.valueKind == ScalarKind.LONG) {
            findings.info(
                    "ENUM_WIDENED", pointer, "int32 enum with values beyond 32 bits: its values are held as long");
        }
        Names.Scope constants = new Names.Scope(false);
        // the sentinel is named first so that a value spelled UNRECOGNIZED gets another name
        decl.unknownConstant = constants.allocate("UNRECOGNIZED");
        Set<Object> seen = new HashSet<>();
        for (Object v : s.getEnum()) {
            if (v == null) {
                continue;
            }
            // not a conditional expression: Integer : Long would unbox both and box a Long
            Object value;
            Object key;
            String constant;
            switch (decl.valueKind) {
                case INT -> {
                    value = Integer.valueOf(decimal(v).intValueExact());
                    key = value;
                    constant = "value " + value;
                }
                case LONG -> {
                    value = Long.valueOf(decimal(v).longValueExact());
                    key = value;
                    constant = "value " + value;
                }
                case DECIMAL -> {
                    BigDecimal d = decimal(v);
                    value = d;
                    key = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
                    constant = "value " + (d.signum() < 0 ? "minus " : "")
                            + d.abs().toPlainString().replace('.', '_');
                }
                default -> {
                    value = v.toString();
                    key = value;
                    constant = value.toString();
                }
            }
            if (!seen.add(key)) {
                continue;
            }
            constant = Names.constantName(constant, "VALUE");
            if (Names.KEYWORDS.contains(constant)) {
                constant = constant + "_";
            }
            decl.constants.put(constants.allocate(constant), value);
        }
        return decl;
    }

    private List<String> enumValues(Schema<?> s) {
        List<String> out = new ArrayList<>();
        for (Object v : s.getEnum()) {
            if (v != null && !out.contains(v.toString())) {
                out.add(v.toString());
            }
        }
        return out;
    }

    private record Prop(String jsonName, Schema<?> schema, String pointer) {}

    private void buildRecord(RecordDecl decl, Schema<?> s, String pointer) {
        describe(decl, s);
        if (!variantsOf(s).isEmpty()) {
            findings.warn(
                    "UNION_WITH_PROPERTIES_IGNORED",
                    pointer,
                    "oneOf/anyOf next to properties: " + decl.name.simpleName()
                            + " keeps the properties; the variants are not checked");
        }
        Map<String, Prop> props = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        Object[] additional = new Object[2];
        collect(decl, s, pointer, props, required, additional, Collections.newSetFromMap(new IdentityHashMap<>()));
        Names.Scope members = new Names.Scope(false);
        RESERVED_MEMBERS.forEach(members::reserve);
        String owner = decl.name.simpleName();
        List<Prop> overflow = new ArrayList<>();
        for (Prop p : props.values()) {
            if (decl.fields.size() >= MAX_RECORD_COMPONENTS) {
                overflow.add(p);
                continue;
            }
            Schema<?> ps = p.schema() == null ? new Schema<>() : p.schema();
            String javaName = members.allocate(Names.memberName(p.jsonName(), "value"));
            Shape shape = shapeOf(ps, owner + Names.typeName(p.jsonName(), "Property"), p.pointer());
            Schema<?> target = ps.get$ref() != null ? resolve(ps, p.pointer()) : ps;
            boolean readOrWriteOnly = Boolean.TRUE.equals(ps.getReadOnly())
                    || Boolean.TRUE.equals(ps.getWriteOnly())
                    || Boolean.TRUE.equals(target.getReadOnly())
                    || Boolean.TRUE.equals(target.getWriteOnly());
            String description = ps.getDescription() != null ? ps.getDescription() : target.getDescription();
            decl.fields.add(new Field(
                    p.jsonName(),
                    javaName,
                    shape,
                    required.contains(p.jsonName()) && !readOrWriteOnly,
                    isNullable(ps),
                    description,
                    Boolean.TRUE.equals(ps.getDeprecated()),
                    p.pointer()));
        }
        Shape additionalShape = null;
        if (additional[0] instanceof Schema<?> as) {
            additionalShape = shapeOf(as, owner + "Value", (String) additional[1]);
        } else if (Boolean.TRUE.equals(additional[0])) {
            additionalShape = Shape.any();
        }
        if (!overflow.isEmpty()) {
            findings.warn(
                    "TOO_MANY_PROPERTIES",
                    pointer,
                    owner + " has " + props.size() + " properties; a record can hold " + MAX_RECORD_COMPONENTS
                            + ", the rest (from '" + overflow.get(0).jsonName()
                            + "') are kept in additionalProperties");
            additionalShape = Shape.any();
        }
        if (additionalShape != null) {
            decl.additional = additionalShape;
            decl.additionalJavaName = members.allocate("additionalProperties");
        }
    }

    @SuppressWarnings("rawtypes") // swagger-parser's model exposes Map<String, Schema>
    private void collect(
            RecordDecl decl,
            Schema<?> s,
            String pointer,
            Map<String, Prop> props,
            Set<String> required,
            Object[] additional,
            Set<Schema<?>> visited) {
        if (s == null || !visited.add(s)) {
            return;
        }
        if (s.get$ref() != null) {
            String name = componentName(s.get$ref());
            Schema<?> target = resolve(s, pointer);
            if (polymorphicParents.contains(name)) {
                addParent(decl.name, componentClasses.get(name));
            } else if (kinds.get(name) == Kind.UNION) {
                findings.warn(
                        "ALLOF_UNION_IGNORED",
                        pointer,
                        "allOf part " + s.get$ref() + " is a oneOf/anyOf; its properties are not merged into "
                                + decl.name.simpleName());
                return;
            }
            collect(decl, target, COMPONENTS + Names.pointerEscape(name), props, required, additional, visited);
            return;
        }
        if (s.getAllOf() != null) {
            for (int i = 0; i < s.getAllOf().size(); i++) {
                collect(decl, s.getAllOf().get(i), pointer + "/allOf/" + i, props, required, additional, visited);
            }
        }
        if (s.getProperties() != null) {
            for (Map.Entry<String, Schema> e : s.getProperties().entrySet()) {
                props.put(
                        e.getKey(),
                        new Prop(e.getKey(), e.getValue(), pointer + "/properties/" + Names.pointerEscape(e.getKey())));
            }
        }
        if (s.getRequired() != null) {
            required.addAll(s.getRequired());
        }
        if (s.getAdditionalProperties() instanceof Schema<?> as) {
            additional[0] = as;
            additional[1] = pointer + "/additionalProperties";
        } else if (Boolean.TRUE.equals(s.getAdditionalProperties()) && additional[0] == null) {
            additional[0] = Boolean.TRUE;
        }
    }

    private void buildUnion(UnionDecl decl, Schema<?> s, String pointer) {
        describe(decl, s);
        String owner = decl.name.simpleName();
        List<Schema<?>> variants = variantsOf(s);
        Map<ClassName, String> refNames = new HashMap<>();
        int i = 0;
        for (Schema<?> v : variants) {
            i++;
            String vp = variantPointer(s, v, pointer);
            String hint = owner + (v.getTitle() != null ? Names.typeName(v.getTitle(), "Option") : "Option" + i);
            Shape shape = shapeOf(v, hint, vp);
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
            } else if (shape instanceof Named n && n.kind() == NamedKind.UNION && !isAncestor(n.type(), decl.name)) {
                variant = n.type();
            } else {
                WrapperDecl wrapper = new WrapperDecl(allocate(owner + wrapperSuffix(shape)), vp, shape);
                wrapper.description = v.getDescription();
                register(wrapper);
                variant = wrapper.name;
            }
            if (decl.variants.contains(variant)) {
                continue;
            }
            decl.variants.add(variant);
            addParent(variant, decl.name);
            if (v.get$ref() != null) {
                refNames.put(variant, componentName(v.get$ref()));
            }
        }
        Discriminator d = s.getDiscriminator();
        if (d != null && d.getPropertyName() != null) {
            decl.discriminator = d.getPropertyName();
            Map<String, String> mapping = d.getMapping() == null ? Map.of() : d.getMapping();
            for (Map.Entry<String, String> m : mapping.entrySet()) {
                ClassName target = mappingTarget(m.getValue());
                if (target != null && decl.variants.contains(target)) {
                    decl.discriminatorValues
                            .computeIfAbsent(target, k -> new ArrayList<>())
                            .add(m.getKey());
                }
            }
            for (ClassName v : decl.variants) {
                if (!decl.discriminatorValues.containsKey(v) && refNames.containsKey(v)) {
                    decl.discriminatorValues.put(v, new ArrayList<>(List.of(refNames.get(v))));
                }
            }
        }
    }

    private void assignDiscriminatorValues(UnionDecl union, Discriminator d) {
        Map<String, String> mapping = d.getMapping() == null ? Map.of() : d.getMapping();
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            ClassName target = mappingTarget(m.getValue());
            if (target != null && union.variants.contains(target)) {
                union.discriminatorValues
                        .computeIfAbsent(target, k -> new ArrayList<>())
                        .add(m.getKey());
            }
        }
        for (ClassName v : union.variants) {
            if (!union.discriminatorValues.containsKey(v) && componentNames.containsKey(v)) {
                union.discriminatorValues.put(v, new ArrayList<>(List.of(componentNames.get(v))));
            }
        }
    }

    /** A discriminator mapping value is a $ref or a bare schema name. */
    private ClassName mappingTarget(String value) {
        String name = value.startsWith("#") ? componentName(value) : value;
        return name == null ? null : componentClasses.get(name);
    }

    private void addParent(ClassName child, ClassName parent) {
        parentsOf.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(parent);
    }

    private boolean isAncestor(ClassName candidate, ClassName of) {
        if (candidate.equals(of)) {
            return true;
        }
        for (ClassName parent : parentsOf.getOrDefault(of, Set.of())) {
            if (isAncestor(candidate, parent)) {
                return true;
            }
        }
        return false;
    }

    private static String wrapperSuffix(Shape shape) {
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

    private void ensureDiscriminatorField(RecordDecl r, String property) {
        if (r.field(property) != null) {
            return;
        }
        Set<String> taken = new HashSet<>(RESERVED_MEMBERS);
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
