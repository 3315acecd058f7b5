package io.backendkit.codegen.internal;

import static io.backendkit.codegen.internal.JavaPoets.JSON_ANY_GETTER;
import static io.backendkit.codegen.internal.JavaPoets.JSON_ANY_SETTER;
import static io.backendkit.codegen.internal.JavaPoets.JSON_CREATOR;
import static io.backendkit.codegen.internal.JavaPoets.JSON_DESERIALIZE;
import static io.backendkit.codegen.internal.JavaPoets.JSON_DESERIALIZER;
import static io.backendkit.codegen.internal.JavaPoets.JSON_IGNORE_PROPERTIES;
import static io.backendkit.codegen.internal.JavaPoets.JSON_INCLUDE;
import static io.backendkit.codegen.internal.JavaPoets.JSON_INCLUDE_INCLUDE;
import static io.backendkit.codegen.internal.JavaPoets.JSON_NODE;
import static io.backendkit.codegen.internal.JavaPoets.JSON_PROPERTY;
import static io.backendkit.codegen.internal.JavaPoets.JSON_SUB_TYPES;
import static io.backendkit.codegen.internal.JavaPoets.JSON_TYPE_INFO;
import static io.backendkit.codegen.internal.JavaPoets.JSON_VALUE;
import static io.backendkit.codegen.internal.JavaPoets.STRING;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.ModelDecl.Field;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.codegen.internal.ModelDecl.WrapperDecl;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/** Writes model declarations as Java source with JavaPoet. */
final class ModelEmitter {

    private final String modelPackage;
    private final Function<ClassName, ModelDecl> decls;
    private final ClassName validatable;
    private final ClassName violation;
    private final boolean beanValidation;

    ModelEmitter(String modelPackage, Function<ClassName, ModelDecl> decls) {
        this(modelPackage, decls, false);
    }

    private ModelEmitter(String modelPackage, Function<ClassName, ModelDecl> decls, boolean beanValidation) {
        this.modelPackage = modelPackage;
        this.decls = decls;
        this.validatable = ClassName.get(modelPackage, "Validatable");
        this.violation = ClassName.get(modelPackage, "Violation");
        this.beanValidation = beanValidation;
    }

    /**
     * A copy that also puts Jakarta Bean Validation annotations on record components (NotNull, Size,
     * Pattern, bounds, Email, Valid). Default off.
     */
    ModelEmitter beanValidation(boolean value) {
        return new ModelEmitter(modelPackage, decls, value);
    }

    /** The type of a component of {@code shape}, with element constraints when bean validation is on. */
    private TypeName componentType(Shape shape) {
        return beanValidation ? BeanValidation.annotatedType(shape, modelPackage) : shape.type();
    }

    private void constrain(ParameterSpec.Builder p, Shape shape, boolean notNull) {
        if (beanValidation) {
            BeanValidation.annotations(shape, notNull, modelPackage).forEach(p::addAnnotation);
        }
    }

    GeneratedFile emit(ModelDecl decl) {
        TypeSpec type = switch (decl) {
            case RecordDecl r -> record(r);
            case EnumDecl e -> enumeration(e);
            case UnionDecl u -> union(u);
            case WrapperDecl w -> wrapper(w);
        };
        return JavaPoets.file(modelPackage, type);
    }

    /** The "unrecognized" constant of a generated enum. */
    String unknownConstant(ClassName enumType) {
        return ((EnumDecl) decls.apply(enumType)).unknownConstant;
    }

    /** The JSON value kind of a generated enum: STRING, INT, LONG or DECIMAL. */
    Shape.ScalarKind enumValueKind(ClassName enumType) {
        return ((EnumDecl) decls.apply(enumType)).valueKind;
    }

    private ValidationWriter newValidationWriter() {
        return new ValidationWriter(modelPackage, this::unknownConstant);
    }

    private static CodeBlock javadoc(ModelDecl decl, List<String> extra) {
        CodeBlock.Builder doc = CodeBlock.builder();
        String description = Docs.escape(decl.description);
        String from = "Generated from " + Docs.escape(decl.pointer)
                + (decl.sharedBy == 0
                        ? "."
                        : " and shared by " + decl.sharedBy + " structurally identical inline schema(s) after it.");
        doc.add("$L", description.isEmpty() ? from : description);
        doc.add("\n");
        if (!description.isEmpty()) {
            doc.add("\n<p>$L\n", from);
        }
        if (!extra.isEmpty()) {
            doc.add("\n");
            for (String line : extra) {
                doc.add("$L\n", line);
            }
        }
        return doc.build();
    }

    private TypeSpec record(RecordDecl r) {
        TypeSpec.Builder t =
                TypeSpec.recordBuilder(r.name).addModifiers(Modifier.PUBLIC).addAnnotation(JavaPoets.generated());
        if (r.deprecated) {
            t.addAnnotation(Deprecated.class);
        }
        if (r.discriminatorVariant) {
            t.addAnnotation(AnnotationSpec.builder(JSON_TYPE_INFO)
                    .addMember("use", "$T.Id.NONE", JSON_TYPE_INFO)
                    .build());
        }
        if (r.deductionVariant) {
            t.addAnnotation(AnnotationSpec.builder(JSON_DESERIALIZE)
                    .addMember("using", "$T.None.class", JSON_DESERIALIZER)
                    .build());
        }
        if (r.additional == null) {
            t.addAnnotation(AnnotationSpec.builder(JSON_IGNORE_PROPERTIES)
                    .addMember("ignoreUnknown", "true")
                    .build());
        }
        t.addSuperinterface(validatable);
        r.parents.forEach(t::addSuperinterface);
        if (r.fields.stream().anyMatch(f -> referencesDeprecated(f.shape()))
                || (r.additional != null && referencesDeprecated(r.additional))
                || r.parents.stream().anyMatch(p -> decls.apply(p).deprecated)) {
            t.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "deprecation")
                    .build());
        }

        List<String> params = new ArrayList<>();
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (Field f : r.fields) {
            AnnotationSpec.Builder property =
                    AnnotationSpec.builder(JSON_PROPERTY).addMember("value", "$S", f.jsonName());
            if (f.required() && f.nullable()) {
                // null is allowed, so validation cannot tell an absent value from a null one: Jackson
                // enforces presence of required creator properties (the server maps it to a 400)
                property.addMember("required", "true");
            }
            ParameterSpec.Builder p = ParameterSpec.builder(componentType(f.shape()), f.javaName())
                    .addAnnotation(property.build());
            constrain(p, f.shape(), f.required() && !f.nullable());
            if (!f.required()) {
                p.addAnnotation(AnnotationSpec.builder(JSON_INCLUDE)
                        .addMember("value", "$T.NON_NULL", JSON_INCLUDE_INCLUDE)
                        .build());
            }
            ctor.addParameter(p.build());
            String description = Docs.escape(f.description());
            if (!description.isEmpty() && ".!?:".indexOf(description.charAt(description.length() - 1)) < 0) {
                description = description + ".";
            }
            String status = (f.deprecated() ? "Deprecated. " : "") + (f.required() ? "Required" : "Optional")
                    + (f.nullable() ? ", may be null" : "") + "; JSON name &quot;" + Docs.escape(f.jsonName())
                    + "&quot;.";
            params.add("@param " + f.javaName() + " " + (description.isEmpty() ? "" : description + " ") + status);
        }
        if (r.additional != null) {
            MapOf additional = new MapOf(r.additional, Shape.Constraints.NONE);
            ParameterSpec.Builder p = ParameterSpec.builder(componentType(additional), r.additionalJavaName)
                    .addAnnotation(JSON_ANY_SETTER)
                    .addAnnotation(JSON_ANY_GETTER);
            constrain(p, additional, false);
            ctor.addParameter(p.build());
            params.add("@param " + r.additionalJavaName + " properties not declared by the schema");
        }
        t.recordConstructor(ctor.build());
        t.addJavadoc(javadoc(r, params));

        ValidationWriter v = newValidationWriter();
        CodeBlock.Builder body = CodeBlock.builder();
        for (Field f : r.fields) {
            CodeBlock value = CodeBlock.of("this.$N", f.javaName());
            v.checkValue(
                    body,
                    f.shape(),
                    value,
                    v.fieldPath(CodeBlock.of("path"), f.jsonName()),
                    f.required() && !f.nullable());
        }
        if (r.additional != null && r.additional.needsChecks()) {
            v.checkValue(
                    body,
                    new MapOf(r.additional, Shape.Constraints.NONE),
                    CodeBlock.of("this.$N", r.additionalJavaName),
                    CodeBlock.of("path"),
                    false);
        }
        t.addMethod(validateInto(body.build()));
        v.staticFields().forEach(t::addField);
        return t.build();
    }

    private boolean referencesDeprecated(Shape shape) {
        return switch (shape) {
            case Named n -> decls.apply(n.type()).deprecated;
            case ListOf l -> referencesDeprecated(l.item());
            case MapOf m -> referencesDeprecated(m.value());
            case Scalar s -> false;
        };
    }

    private MethodSpec validateInto(CodeBlock body) {
        return MethodSpec.methodBuilder("validateInto")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(STRING, "path")
                .addParameter(JavaPoets.listOf(violation), "violations")
                .addCode(body)
                .build();
    }

    private TypeSpec enumeration(EnumDecl e) {
        TypeName valueType = e.valueKind.type();
        TypeSpec.Builder t = TypeSpec.enumBuilder(e.name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addJavadoc(javadoc(
                        e,
                        List.of("<p>Values this version does not know are read as {@link #" + e.unknownConstant
                                + "} instead of failing; validation reports them.")));
        if (e.deprecated) {
            t.addAnnotation(Deprecated.class);
        }
        for (Map.Entry<String, Object> c : e.constants.entrySet()) {
            CodeBlock arg = switch (c.getValue()) {
                case String s -> CodeBlock.of("$S", s);
                case java.math.BigDecimal d -> CodeBlock.of("new $T($S)", java.math.BigDecimal.class, d.toString());
                case Long l -> CodeBlock.of("$LL", l);
                default -> CodeBlock.of("$L", c.getValue());
            };
            t.addEnumConstant(
                    c.getKey(),
                    TypeSpec.anonymousClassBuilder("$L", arg)
                            .addJavadoc("JSON value $L.", Docs.escape(String.valueOf(c.getValue())))
                            .build());
        }
        t.addEnumConstant(
                e.unknownConstant,
                TypeSpec.anonymousClassBuilder("null")
                        .addJavadoc("A value this version of the API does not know.")
                        .build());
        t.addField(valueType, "value", Modifier.PRIVATE, Modifier.FINAL);
        t.addMethod(MethodSpec.constructorBuilder()
                .addParameter(valueType, "value")
                .addStatement("this.value = value")
                .build());
        t.addMethod(MethodSpec.methodBuilder("value")
                .addJavadoc("The JSON value; null for {@link #$L}.\n", e.unknownConstant)
                .addAnnotation(JSON_VALUE)
                .addModifiers(Modifier.PUBLIC)
                .returns(valueType)
                .addStatement("return value")
                .build());
        t.addMethod(MethodSpec.methodBuilder("fromValue")
                .addJavadoc(
                        "The constant for a JSON value; {@link #$L} for values this version does not know.\n",
                        e.unknownConstant)
                .addAnnotation(AnnotationSpec.builder(JSON_CREATOR)
                        .addMember("mode", "$T.Mode.DELEGATING", JSON_CREATOR)
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(e.name)
                .addParameter(valueType, "value")
                .beginControlFlow("for ($T candidate : values())", e.name)
                .beginControlFlow(
                        e.valueKind == Shape.ScalarKind.DECIMAL
                                // numerically: 1.50 in a request is the constant 1.5
                                ? "if (candidate.value != null && value != null && candidate.value.compareTo(value) == 0)"
                                : "if (candidate.value != null && candidate.value.equals(value))")
                .addStatement("return candidate")
                .endControlFlow()
                .endControlFlow()
                .addStatement("return $L", e.unknownConstant)
                .build());
        t.addMethod(MethodSpec.methodBuilder("toString")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(STRING)
                .addStatement(
                        "return value == null ? name() : $L",
                        e.valueKind == Shape.ScalarKind.DECIMAL
                                ? CodeBlock.of("value.toPlainString()")
                                : CodeBlock.of("$T.valueOf(value)", STRING))
                .build());
        return t.build();
    }

    private TypeSpec union(UnionDecl u) {
        TypeSpec.Builder t =
                TypeSpec.interfaceBuilder(u.name).addModifiers(Modifier.PUBLIC).addAnnotation(JavaPoets.generated());
        if (!u.variants.isEmpty()) {
            t.addModifiers(Modifier.SEALED);
            u.variants.forEach(t::addPermittedSubclass);
        }
        if (u.deprecated) {
            t.addAnnotation(Deprecated.class);
        }
        t.addSuperinterface(validatable);
        u.parents.forEach(t::addSuperinterface);
        if (u.variants.stream().anyMatch(v -> decls.apply(v).deprecated)
                || u.parents.stream().anyMatch(p -> decls.apply(p).deprecated)) {
            t.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "deprecation")
                    .build());
        }
        List<String> extra = new ArrayList<>();
        if (u.discriminator != null && !u.variants.isEmpty()) {
            extra.add("<p>The variant is selected by the property &quot;" + Docs.escape(u.discriminator) + "&quot;.");
            t.addAnnotation(AnnotationSpec.builder(JSON_TYPE_INFO)
                    .addMember("use", "$T.Id.NAME", JSON_TYPE_INFO)
                    .addMember("include", "$T.As.EXISTING_PROPERTY", JSON_TYPE_INFO)
                    .addMember("property", "$S", u.discriminator)
                    .addMember("visible", "true")
                    .build());
            AnnotationSpec.Builder subTypes = AnnotationSpec.builder(JSON_SUB_TYPES);
            for (ClassName v : u.variants) {
                CodeBlock.Builder names = CodeBlock.builder().add("{");
                List<String> values = u.discriminatorValues.get(v);
                for (int i = 0; i < values.size(); i++) {
                    names.add(i == 0 ? "$S" : ", $S", values.get(i));
                }
                names.add("}");
                subTypes.addMember(
                        "value",
                        "$L",
                        AnnotationSpec.builder(JSON_SUB_TYPES.nestedClass("Type"))
                                .addMember("value", "$T.class", v)
                                .addMember("names", "$L", names.build())
                                .build());
            }
            t.addAnnotation(subTypes.build());
        } else if (!u.variants.isEmpty()) {
            extra.add("<p>Reading JSON picks the first variant whose shape fits best (required properties"
                    + " present, most known properties).");
            t.addAnnotation(AnnotationSpec.builder(JSON_DESERIALIZE)
                    .addMember("using", "$T.Deserializer.class", u.name)
                    .build());
            t.addType(deserializer(u));
        }
        for (MethodSpec accessor : commonAccessors(u)) {
            t.addMethod(accessor);
        }
        t.addJavadoc(javadoc(u, extra));
        return t.build();
    }

    /** Accessors every variant record has with the same type become interface methods. */
    private List<MethodSpec> commonAccessors(UnionDecl u) {
        List<MethodSpec> out = new ArrayList<>();
        if (u.variants.isEmpty() || !u.variants.stream().allMatch(v -> decls.apply(v) instanceof RecordDecl)) {
            return out;
        }
        RecordDecl first = (RecordDecl) decls.apply(u.variants.get(0));
        for (Field f : first.fields) {
            boolean everywhere = u.variants.stream()
                    .allMatch(v -> ((RecordDecl) decls.apply(v))
                            .fields.stream()
                                    .anyMatch(o -> o.javaName().equals(f.javaName())
                                            && o.shape().type().equals(f.shape().type())));
            if (everywhere) {
                out.add(MethodSpec.methodBuilder(f.javaName())
                        .addJavadoc(
                                "The &quot;$L&quot; property, which every variant has.\n", Docs.escape(f.jsonName()))
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .returns(f.shape().type())
                        .build());
            }
        }
        return out;
    }

    private TypeSpec deserializer(UnionDecl u) {
        ClassName self = u.name.nestedClass("Deserializer");
        TypeSpec.Builder d = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .superclass(ParameterizedTypeName.get(JavaPoets.STD_DESERIALIZER, u.name))
                .addJavadoc("Picks the variant of {@link $T} that fits the JSON value best.\n", u.name)
                .addField(FieldSpec.builder(
                                TypeName.LONG, "serialVersionUID", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("1L")
                        .build());
        d.addMethod(MethodSpec.constructorBuilder()
                .addJavadoc("Creates the deserializer.\n")
                .addModifiers(Modifier.PUBLIC)
                .addStatement("super($T.class)", u.name)
                .build());
        ClassName validation = ClassName.get(modelPackage, "Validation");
        ClassName set = ClassName.get(Set.class);
        MethodSpec.Builder m = MethodSpec.methodBuilder("deserialize")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(u.name)
                .addParameter(JavaPoets.JSON_PARSER, "parser")
                .addParameter(JavaPoets.DESERIALIZATION_CONTEXT, "context")
                .addException(java.io.IOException.class)
                .addStatement("$T node = parser.readValueAsTree()", JSON_NODE)
                .addStatement("int best = -1")
                .addStatement("int bestScore = -1")
                .addStatement("int score");
        CodeBlock.Builder cases = CodeBlock.builder();
        for (int i = 0; i < u.variants.size(); i++) {
            ClassName v = u.variants.get(i);
            ModelDecl vd = decls.apply(v);
            CodeBlock score;
            CodeBlock read;
            if (vd instanceof RecordDecl r) {
                String required = "REQUIRED_" + i;
                String known = "KNOWN_" + i;
                d.addField(setField(
                        set,
                        required,
                        r.fields.stream()
                                .filter(Field::required)
                                .map(Field::jsonName)
                                .toList()));
                d.addField(setField(
                        set, known, r.fields.stream().map(Field::jsonName).toList()));
                score = CodeBlock.of("$T.objectScore(node, $L, $L)", validation, required, known);
                read = CodeBlock.of("context.readTreeAsValue(node, $T.class)", v);
            } else if (vd instanceof WrapperDecl w) {
                score = CodeBlock.of("$T.$L", validation, scoreFor(w.inner));
                read = CodeBlock.of(
                        "new $T(context.readTreeAsValue(node, $L))",
                        v,
                        JavaPoets.javaType(w.inner.type(), CodeBlock.of("context.getTypeFactory()")));
            } else {
                score = CodeBlock.of("node.isObject() ? 1 : -1");
                read = CodeBlock.of("context.readTreeAsValue(node, $T.class)", v);
            }
            m.addStatement("score = $L", score);
            m.beginControlFlow("if (score > bestScore)");
            m.addStatement("best = $L", i);
            m.addStatement("bestScore = score");
            m.endControlFlow();
            cases.add("case $L -> $L;\n", i, read);
        }
        m.addCode("return switch (best) {\n$>");
        m.addCode(cases.build());
        m.addCode(
                "default -> throw new $T(parser, $T.class, $S);\n",
                validation.nestedClass("NoMatchingVariantException"),
                u.name,
                String.join(", ", u.variants.stream().map(this::variantLabel).toList()));
        m.addCode("$<};\n");
        d.addMethod(m.build());
        return d.build();
    }

    /** How the document names a variant: its schema name, or its JSON type for an inline schema. */
    private String variantLabel(ClassName variant) {
        ModelDecl d = decls.apply(variant);
        String component = componentName(d.pointer);
        if (component != null) {
            return component;
        }
        return switch (d) {
            case WrapperDecl w -> jsonTerm(w.inner);
            case EnumDecl e ->
                switch (e.valueKind) {
                    case INT, LONG -> "integer";
                    case DECIMAL -> "number";
                    default -> "string";
                };
            default -> "object";
        };
    }

    /** The schema name of a component pointer such as {@code #/components/schemas/Pet}, or null. */
    private static String componentName(String pointer) {
        String prefix = ModelPlanner.COMPONENTS;
        if (pointer == null || !pointer.startsWith(prefix) || pointer.indexOf('/', prefix.length()) >= 0) {
            return null;
        }
        return pointer.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
    }

    /** A shape in the document's terms: {@code string (date)}, {@code integer}, a schema name... */
    private String jsonTerm(Shape shape) {
        return switch (shape) {
            case Scalar s ->
                switch (s.kind()) {
                    case STRING -> "string";
                    case INT, LONG -> "integer";
                    case FLOAT, DOUBLE, DECIMAL -> "number";
                    case BOOLEAN -> "boolean";
                    case DATE -> "string (date)";
                    case DATE_TIME -> "string (date-time)";
                    case UUID -> "string (uuid)";
                    case URI -> "string (uri)";
                    case BYTES -> "string (byte)";
                    case ANY -> "any value";
                };
            case Named n -> {
                String component = componentName(decls.apply(n.type()).pointer);
                yield component != null ? component : n.kind() == Shape.NamedKind.ENUM ? "string" : "object";
            }
            case ListOf l -> "array";
            case MapOf m -> "object";
        };
    }

    private static FieldSpec setField(ClassName set, String name, List<String> values) {
        CodeBlock.Builder init = CodeBlock.builder().add("$T.of(", set);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        for (int i = 0; i < distinct.size(); i++) {
            init.add(i == 0 ? "$S" : ", $S", distinct.get(i));
        }
        init.add(")");
        return FieldSpec.builder(
                        ParameterizedTypeName.get(set, STRING), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(init.build())
                .build();
    }

    /** A {@code Validation} call that scores how well a JSON node fits a wrapped shape. */
    private static CodeBlock scoreFor(Shape inner) {
        return switch (inner) {
            case Scalar s ->
                switch (s.kind()) {
                    case STRING -> CodeBlock.of("textScore(node)");
                    case DATE, DATE_TIME, UUID, URI, BYTES -> CodeBlock.of("textScore(node) - 1");
                    case INT, LONG -> CodeBlock.of("integerScore(node)");
                    case FLOAT, DOUBLE, DECIMAL -> CodeBlock.of("numberScore(node)");
                    case BOOLEAN -> CodeBlock.of("booleanScore(node)");
                    case ANY -> CodeBlock.of("anyScore(node)");
                };
            case Named n ->
                n.kind() == Shape.NamedKind.ENUM
                        ? CodeBlock.of("enumScore(node, $L)", stringList(n.enumValues()))
                        : CodeBlock.of("objectScore(node, $T.of(), $T.of())", Set.class, Set.class);
            case ListOf l -> CodeBlock.of("arrayScore(node)");
            case MapOf mo -> CodeBlock.of("mapScore(node)");
        };
    }

    private static CodeBlock stringList(List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", Set.class);
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add(")").build();
    }

    private TypeSpec wrapper(WrapperDecl w) {
        TypeName inner = w.inner.type();
        TypeSpec.Builder t = TypeSpec.recordBuilder(w.name)
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(AnnotationSpec.builder(JSON_DESERIALIZE)
                        .addMember("using", "$T.None.class", JSON_DESERIALIZER)
                        .build())
                .addSuperinterface(validatable);
        w.parents.forEach(t::addSuperinterface);
        if (referencesDeprecated(w.inner) || w.parents.stream().anyMatch(p -> decls.apply(p).deprecated)) {
            t.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "deprecation")
                    .build());
        }
        ParameterSpec.Builder value = ParameterSpec.builder(componentType(w.inner), "value");
        constrain(value, w.inner, false);
        t.recordConstructor(
                MethodSpec.constructorBuilder().addParameter(value.build()).build());
        List<String> parents = w.parents.stream().map(ClassName::simpleName).toList();
        w.description = Objects.requireNonNullElse(
                w.description, "A " + inner + " value of " + String.join(", ", parents) + ".");
        t.addJavadoc(javadoc(w, List.of("@param value the JSON value")));
        t.addMethod(MethodSpec.methodBuilder("of")
                .addJavadoc("Wraps a JSON value.\n")
                .addAnnotation(AnnotationSpec.builder(JSON_CREATOR)
                        .addMember("mode", "$T.Mode.DELEGATING", JSON_CREATOR)
                        .build())
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(w.name)
                .addParameter(inner, "value")
                .addStatement("return new $T(value)", w.name)
                .build());
        t.addMethod(MethodSpec.methodBuilder("jsonValue")
                .addJavadoc("The value written as JSON.\n")
                .addAnnotation(JSON_VALUE)
                .addModifiers(Modifier.PUBLIC)
                .returns(inner)
                .addStatement("return value")
                .build());
        ValidationWriter v = newValidationWriter();
        CodeBlock.Builder body = CodeBlock.builder();
        v.checkValue(body, w.inner, CodeBlock.of("this.value"), CodeBlock.of("path"), false);
        t.addMethod(validateInto(body.build()));
        v.staticFields().forEach(t::addField);
        return t.build();
    }
}
