package io.backendkit.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.internal.OperationPlanner.OperationDecl;
import io.backendkit.codegen.internal.OperationPlanner.ParamDecl;
import io.backendkit.codegen.internal.OperationPlanner.TagGroup;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes the JAKARTA_REST target: one {@code @Path} resource interface per tag carrying the Jakarta
 * REST method, binding and media type annotations and Bean Validation constraints, and {@code
 * ApiFeature}, which registers the exception mappers, the response filter, the JSON mapper and the
 * parameter converters. Jakarta REST types are referenced by name only.
 */
final class JakartaEmitter {

    private static final String RS = "jakarta.ws.rs";
    private static final ClassName PATH = ClassName.get(RS, "Path");
    private static final ClassName HTTP_METHOD = ClassName.get(RS, "HttpMethod");
    private static final ClassName PATH_PARAM = ClassName.get(RS, "PathParam");
    private static final ClassName QUERY_PARAM = ClassName.get(RS, "QueryParam");
    private static final ClassName HEADER_PARAM = ClassName.get(RS, "HeaderParam");
    private static final ClassName COOKIE_PARAM = ClassName.get(RS, "CookieParam");
    private static final ClassName CONSUMES = ClassName.get(RS, "Consumes");
    private static final ClassName PRODUCES = ClassName.get(RS, "Produces");
    private static final ClassName RESPONSE = ClassName.get(RS + ".core", "Response");
    private static final ClassName PARAM_CONVERTER = ClassName.get(RS + ".ext", "ParamConverter");
    private static final ClassName PARAM_CONVERTER_PROVIDER = ClassName.get(RS + ".ext", "ParamConverterProvider");

    private final String apiPackage;
    private final String serverPackage;
    private final String modelPackage;
    private final ModelEmitter models;
    private final ClassName page;
    private SecurityPlanner security;

    JakartaEmitter(String basePackage, ModelEmitter models) {
        this.apiPackage = basePackage + ".api";
        this.serverPackage = basePackage + ".server";
        this.modelPackage = basePackage + ".model";
        this.models = models;
        this.page = ClassName.get(basePackage + ".model", "Page");
    }

    /** The security plan of the document; without one no operation is secured. */
    JakartaEmitter security(SecurityPlanner value) {
        this.security = value;
        return this;
    }

    List<GeneratedFile> emit(List<TagGroup> groups) {
        List<GeneratedFile> files = new ArrayList<>(groups.parallelStream()
                .map(g -> JavaPoets.file(apiPackage, api(g)))
                .toList());
        files.add(JavaPoets.file(serverPackage, converters(groups)));
        files.add(JavaPoets.file(serverPackage, SecurityTable.type(serverPackage, security, groups)));
        return files;
    }

    /** Whether the handler returns {@code Response}: it picks the status or headers. */
    static boolean fullResponse(OperationDecl op) {
        return op.response().choosable();
    }

    private TypeSpec api(TagGroup g) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(g.apiName())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(ServerEmitter.suppressDeprecation())
                .addAnnotation(AnnotationSpec.builder(PATH)
                        .addMember("value", "$S", "")
                        .build());
        String description = Docs.escape(g.description());
        t.addJavadoc(
                "Operations tagged &quot;$L&quot;$L\n\n<p>Implement this interface in a resource class and"
                        + " register it with {@code ApiFeature}; the paths, bindings, media types and constraints"
                        + " are declared here. Throw {@code ApiException} for expected errors; the mappers of"
                        + " {@code ApiFeature} render them.\n",
                Docs.escape(g.tag()),
                description.isEmpty() ? "." : ": " + description);
        for (OperationDecl op : g.operations()) {
            t.addMethod(method(op));
        }
        return t.build();
    }

    private static final ClassName STREAMING_OUTPUT = ClassName.get(RS + ".core", "StreamingOutput");

    private MethodSpec method(OperationDecl op) {
        boolean full = fullResponse(op);
        // a binary body is written straight to the response as the handler produces it
        TypeName plain = op.response().binary() ? STREAMING_OUTPUT : ServerEmitter.returnType(op, page);
        MethodSpec.Builder m = MethodSpec.methodBuilder(op.methodName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(full ? RESPONSE : plain);
        if (op.deprecated()) {
            m.addAnnotation(Deprecated.class);
        }
        m.addAnnotation(httpMethod(op.method()));
        SecurityPlanner.Requirement requirement = SecurityTable.requirement(security, op);
        if (SecurityTable.bound(requirement)) {
            m.addAnnotation(AnnotationSpec.builder(ClassName.get(serverPackage, "Secured"))
                    .addMember("value", "$S", requirement.operationId())
                    .build());
        }
        m.addAnnotation(AnnotationSpec.builder(ClassName.get(serverPackage, "ApiOperation"))
                .addMember("value", "$S", requirement.operationId())
                .build());
        m.addAnnotation(
                AnnotationSpec.builder(PATH).addMember("value", "$S", op.path()).build());
        if (op.body() != null) {
            m.addAnnotation(AnnotationSpec.builder(CONSUMES)
                    .addMember("value", "$L", stringArray(op.body().mediaTypes()))
                    .build());
        }
        if (op.response().raw() && op.response().mediaType() != null) {
            m.addAnnotation(AnnotationSpec.builder(PRODUCES)
                    .addMember("value", "$S", op.response().mediaType())
                    .build());
        } else if (!op.response().isVoid() || full) {
            m.addAnnotation(AnnotationSpec.builder(PRODUCES)
                    .addMember("value", "$S", "application/json")
                    .build());
        }
        int status = op.response().status();
        int natural = plain.equals(TypeName.VOID) ? 204 : 200;
        if (!full && status != natural) {
            m.addAnnotation(AnnotationSpec.builder(ClassName.get(serverPackage, "ApiStatus"))
                    .addMember("value", "$L", status)
                    .build());
        }
        for (ParamDecl p : op.params()) {
            m.addParameter(parameter(p));
        }
        if (op.body() != null) {
            // a JSON or form body bound to its record, else raw bytes
            boolean bound = op.body().shape() != null;
            TypeName type = bound
                    ? BeanValidation.annotatedType(op.body().shape(), modelPackage)
                    : ArrayTypeName.of(TypeName.BYTE);
            ParameterSpec.Builder b = ParameterSpec.builder(type, op.body().javaName());
            if (op.body().form()) {
                b.addAnnotation(SpringEmitter.formAnnotation(serverPackage, op.body()));
            }
            if (bound) {
                BeanValidation.annotations(op.body().shape(), op.body().required(), modelPackage)
                        .forEach(b::addAnnotation);
            }
            m.addParameter(b.build());
        }
        String returnNote = ServerEmitter.returnNote(op);
        if (full) {
            returnNote = "the response: its status (" + status + " as documented), headers"
                    + (op.response().isVoid() ? "" : " and body");
        }
        if (op.response().binary()) {
            returnNote = returnNote + ", written to the response as it is produced";
        }
        CodeBlock doc = ServerEmitter.operationDoc(op, returnNote);
        m.addJavadoc(doc);
        return m.build();
    }

    private static AnnotationSpec httpMethod(String method) {
        return switch (method) {
            case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" ->
                AnnotationSpec.builder(ClassName.get(RS, method)).build();
            default ->
                AnnotationSpec.builder(HTTP_METHOD)
                        .addMember("value", "$S", method)
                        .build();
        };
    }

    private static CodeBlock stringArray(List<String> values) {
        if (values.size() == 1) {
            return CodeBlock.of("$S", values.get(0));
        }
        CodeBlock.Builder b = CodeBlock.builder().add("{");
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add("}").build();
    }

    private ParameterSpec parameter(ParamDecl p) {
        // boxed (path parameters aside, they are always there): Jakarta REST gives a missing primitive
        // its default, which @NotNull could not see
        boolean path = p.in().equals("path");
        TypeName type = p.shape() instanceof ListOf
                ? BeanValidation.annotatedType(p.shape(), modelPackage)
                : path ? p.javaType() : p.shape().type();
        ParameterSpec.Builder b = ParameterSpec.builder(type, p.javaName());
        ClassName binding = switch (p.in()) {
            case "path" -> PATH_PARAM;
            case "header" -> HEADER_PARAM;
            case "cookie" -> COOKIE_PARAM;
            default -> QUERY_PARAM;
        };
        b.addAnnotation(AnnotationSpec.builder(binding)
                .addMember("value", "$S", p.wireName())
                .build());
        BeanValidation.annotations(
                        p.shape(), p.required() && !type.isPrimitive() && !(p.shape() instanceof ListOf), modelPackage)
                .forEach(b::addAnnotation);
        return b.build();
    }

    /** {@code ApiParamConverters}: enum parameters by their API values, dates by ISO 8601. */
    private TypeSpec converters(List<TagGroup> groups) {
        Map<String, ClassName> enums = new TreeMap<>();
        for (TagGroup g : groups) {
            for (OperationDecl op : g.operations()) {
                for (ParamDecl p : op.params()) {
                    Shape s = p.shape() instanceof ListOf l ? l.item() : p.shape();
                    if (s instanceof Named n && n.kind() == NamedKind.ENUM) {
                        enums.put(n.type().canonicalName(), n.type());
                    }
                }
            }
        }
        TypeName classOfAny =
                ParameterizedTypeName.get(ClassName.get(Class.class), WildcardTypeName.subtypeOf(Object.class));
        TypeName parser = ParameterizedTypeName.get(
                ClassName.get(java.util.function.Function.class),
                ClassName.get(String.class),
                ClassName.get(Object.class));
        CodeBlock.Builder init = CodeBlock.builder().add("$T.ofEntries(\n$>", Map.class);
        List<CodeBlock> entries = new ArrayList<>();
        entries.add(CodeBlock.of(
                "$T.entry($T.class, $T::parse)", Map.class, java.time.LocalDate.class, java.time.LocalDate.class));
        entries.add(CodeBlock.of(
                "$T.entry($T.class, $T::parse)",
                Map.class,
                java.time.OffsetDateTime.class,
                java.time.OffsetDateTime.class));
        entries.add(CodeBlock.of(
                "$T.entry($T.class, $T::parse)", Map.class, java.time.Instant.class, java.time.Instant.class));
        for (ClassName e : enums.values()) {
            CodeBlock parsed = switch (models.enumValueKind(e)) {
                case INT -> CodeBlock.of("$T.valueOf(value)", Integer.class);
                case LONG -> CodeBlock.of("$T.valueOf(value)", Long.class);
                case DECIMAL -> CodeBlock.of("new $T(value)", java.math.BigDecimal.class);
                default -> CodeBlock.of("value");
            };
            entries.add(CodeBlock.of(
                    "$T.entry($T.class, value -> known($T.fromValue($L), $T.$L))",
                    Map.class,
                    e,
                    e,
                    parsed,
                    e,
                    models.unknownConstant(e)));
        }
        for (int i = 0; i < entries.size(); i++) {
            init.add(entries.get(i)).add(i + 1 < entries.size() ? ",\n" : "");
        }
        init.add(")$<");
        com.palantir.javapoet.TypeVariableName t = com.palantir.javapoet.TypeVariableName.get("T");
        MethodSpec getConverter = MethodSpec.methodBuilder("getConverter")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariable(t)
                .returns(ParameterizedTypeName.get(PARAM_CONVERTER, t))
                .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class), t), "rawType")
                .addParameter(java.lang.reflect.Type.class, "genericType")
                .addParameter(ArrayTypeName.of(java.lang.annotation.Annotation.class), "annotations")
                .addStatement("$T parse = PARSERS.get(rawType)", parser)
                .beginControlFlow("if (parse == null)")
                .addStatement("return null")
                .endControlFlow()
                .addStatement(
                        "return new $T<$T>() {\n$>"
                                + "@Override\npublic $T fromString($T value) {\n$>"
                                + "if (value == null) {\n$>return null;\n$<}\n"
                                + "try {\n$>return rawType.cast(parse.apply(value.trim()));\n$<}"
                                + " catch ($T e) {\n$>throw new $T(\"must be \" + describe(rawType), e);\n$<}\n$<}\n\n"
                                + "@Override\npublic $T toString($T value) {\n$>"
                                + "return value == null ? null : $T.valueOf(value);\n$<}\n$<}",
                        PARAM_CONVERTER,
                        t,
                        t,
                        String.class,
                        RuntimeException.class,
                        IllegalArgumentException.class,
                        String.class,
                        t,
                        String.class)
                .build();
        MethodSpec known = MethodSpec.methodBuilder("known")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(Object.class)
                .addParameter(Object.class, "constant")
                .addParameter(Object.class, "unknown")
                .beginControlFlow("if (constant == unknown)")
                .addStatement("throw new $T(\"not one of the values the API defines\")", IllegalArgumentException.class)
                .endControlFlow()
                .addStatement("return constant")
                .build();
        MethodSpec describe = MethodSpec.methodBuilder("describe")
                .addModifiers(Modifier.STATIC)
                .returns(String.class)
                .addParameter(classOfAny, "type")
                .beginControlFlow("if (type == $T.class)", java.time.LocalDate.class)
                .addStatement("return $S", "a date (YYYY-MM-DD)")
                .endControlFlow()
                .beginControlFlow(
                        "if (type == $T.class || type == $T.class)",
                        java.time.OffsetDateTime.class,
                        java.time.Instant.class)
                .addStatement("return $S", "a date-time with offset (RFC 3339)")
                .endControlFlow()
                .addStatement("$T<$T> values = new $T<>()", List.class, String.class, ArrayList.class)
                .beginControlFlow("for (Object c : type.getEnumConstants())")
                .beginControlFlow("try")
                .addStatement("Object v = type.getMethod(\"value\").invoke(c)")
                .beginControlFlow("if (v != null)")
                .addStatement("values.add($T.valueOf(v))", String.class)
                .endControlFlow()
                .nextControlFlow("catch ($T | $T e)", ReflectiveOperationException.class, RuntimeException.class)
                .addStatement("values.add($T.valueOf(c))", String.class)
                .endControlFlow()
                .endControlFlow()
                .addStatement("return \"one of \" + values")
                .build();
        return TypeSpec.classBuilder(ClassName.get(serverPackage, "ApiParamConverters"))
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                // parameters may be of enums the document deprecates
                .addAnnotation(ServerEmitter.suppressDeprecation())
                .addSuperinterface(PARAM_CONVERTER_PROVIDER)
                .addJavadoc("Reads parameters of the generated enums by their API values (any other value answers 400"
                        + " with {@code must be one of [...]}) and dates and date-times by ISO 8601. Registered by"
                        + " {@code ApiFeature}.\n")
                .addField(com.palantir.javapoet.FieldSpec.builder(
                                ParameterizedTypeName.get(ClassName.get(Map.class), classOfAny, parser),
                                "PARSERS",
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer(init.build())
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Created by {@code ApiFeature}.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .build())
                .addMethod(getConverter)
                .addMethod(known)
                .addMethod(describe)
                .build();
    }
}
