package io.backendkit.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.internal.OperationPlanner.OperationDecl;
import io.backendkit.codegen.internal.OperationPlanner.ParamDecl;
import io.backendkit.codegen.internal.OperationPlanner.TagGroup;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/** Writes the handler interfaces, the per-tag routes and the router of the JDK_HTTP_SERVER target. */
final class ServerEmitter {

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");

    private final String apiPackage;
    private final String serverPackage;
    private final String modelPackage;
    private final ModelEmitter models;
    private final ClassName route;
    private final ClassName call;
    private final ClassName violation;
    private final ClassName page;

    ServerEmitter(String basePackage, ModelEmitter models) {
        this.apiPackage = basePackage + ".api";
        this.serverPackage = basePackage + ".server";
        this.modelPackage = basePackage + ".model";
        this.models = models;
        this.route = ClassName.get(serverPackage, "Route");
        this.call = ClassName.get(serverPackage, "HttpSupport", "Call");
        this.violation = ClassName.get(modelPackage, "Violation");
        this.page = ClassName.get(modelPackage, "Page");
        this.guard = ClassName.get(serverPackage, "Guard");
        this.binaryBody = ClassName.get(serverPackage, "BinaryBody");
    }

    private final ClassName binaryBody;

    private final ClassName guard;
    private SecurityPlanner security;

    /** The security plan of the document; without one no operation is secured. */
    ServerEmitter security(SecurityPlanner value) {
        this.security = value;
        return this;
    }

    private SecurityPlanner.Requirement requirement(OperationDecl op) {
        String id = op.method() + " " + op.path();
        return security == null
                ? new SecurityPlanner.Requirement(id, List.of())
                : security.requirement(op.pointer(), id);
    }

    /** The requirement as code: a list of alternatives, each a list of {@code Guard.Need}. */
    private CodeBlock needs(SecurityPlanner.Requirement r) {
        List<CodeBlock> alternatives = new ArrayList<>();
        for (List<SecurityPlanner.Need> alternative : r.alternatives()) {
            List<CodeBlock> needs = new ArrayList<>();
            for (SecurityPlanner.Need n : alternative) {
                needs.add(CodeBlock.of(
                        "new $T($S, $S, $S, $S, $L)",
                        guard.nestedClass("Need"),
                        n.scheme(),
                        n.decl().kind(),
                        n.decl().in(),
                        n.decl().name(),
                        stringList(n.scopes())));
            }
            alternatives.add(CodeBlock.of("$T.of($L)", JavaPoets.LIST, CodeBlock.join(needs, ", ")));
        }
        return CodeBlock.of("$T.of($L)", JavaPoets.LIST, CodeBlock.join(alternatives, ", "));
    }

    List<GeneratedFile> emit(List<TagGroup> groups) {
        return tasks(groups).parallelStream().map(Supplier::get).toList();
    }

    /**
     * The files as independent tasks, in the order of {@link #emit}: per group its API interface and
     * its routes, then the router. They may run on any threads.
     */
    List<Supplier<GeneratedFile>> tasks(List<TagGroup> groups) {
        List<Supplier<GeneratedFile>> tasks = new ArrayList<>();
        for (TagGroup g : groups) {
            tasks.add(() -> JavaPoets.file(apiPackage, api(g)));
            tasks.add(() -> JavaPoets.file(serverPackage, routes(g)));
        }
        tasks.add(() -> JavaPoets.file(serverPackage, router(groups)));
        return tasks;
    }

    static AnnotationSpec suppressDeprecation() {
        return AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "deprecation")
                .build();
    }

    /**
     * What the handler returns and the client gives back: the body's type, {@code byte[]} for a raw
     * body, {@code void}, or {@code Page<Item>} for a paged array.
     */
    static TypeName returnType(OperationDecl op, ClassName page) {
        if (op.response().paged()) {
            return ParameterizedTypeName.get(
                    page, ((ListOf) op.response().shape()).item().type());
        }
        if (op.response().raw()) {
            return com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE);
        }
        return op.response().shape() == null
                ? TypeName.VOID
                : op.response().shape().type();
    }

    static TypeName bodyType(OperationDecl op) {
        return op.body().shape() == null
                ? com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE)
                : op.body().shape().type();
    }

    /** The operation's Javadoc: summary, description, parameters, return value. */
    static CodeBlock operationDoc(OperationDecl op, String returnNote) {
        CodeBlock.Builder doc = CodeBlock.builder();
        String summary = Docs.escape(op.summary());
        String description = Docs.escape(op.description());
        doc.add("$L\n", summary.isEmpty() ? Docs.escape(op.method() + " " + op.path()) + "." : summary);
        if (!description.isEmpty() && !description.equals(summary)) {
            doc.add("\n<p>$L\n", description);
        }
        doc.add("\n<p>$L $L ($L)\n", op.method(), Docs.escape(op.path()), Docs.escape(op.pointer()));
        if (op.deprecated()) {
            doc.add("\n<p>Deprecated by the API description.\n");
        }
        doc.add("\n");
        for (ParamDecl p : op.params()) {
            String d = Docs.escape(p.description());
            doc.add(
                    "@param $L $L parameter &quot;$L&quot;$L$L\n",
                    p.javaName(),
                    p.in(),
                    Docs.escape(p.wireName()),
                    p.required() ? ", required" : ", optional (null when absent)",
                    d.isEmpty() ? "" : ": " + d);
        }
        if (op.body() != null) {
            String d = Docs.escape(op.body().description());
            doc.add(
                    "@param $L the request body ($L)$L\n",
                    op.body().javaName(),
                    Docs.escape(String.join(", ", op.body().mediaTypes())),
                    d.isEmpty() ? "" : ": " + d);
        }
        if (!returnNote.isEmpty()) {
            doc.add("@return $L\n", returnNote);
        }
        return doc.build();
    }

    private TypeSpec api(TagGroup g) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(g.apiName())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(suppressDeprecation());
        String description = Docs.escape(g.description());
        t.addJavadoc(
                "Operations tagged &quot;$L&quot;$L\n\n<p>Implement this interface and pass it to {@code"
                        + " ApiRouter.builder().$L(...)}. Throw {@code ApiException} for expected errors.\n",
                Docs.escape(g.tag()),
                description.isEmpty() ? "." : ": " + description,
                g.fieldName());
        ClassName apiName = ClassName.get(apiPackage, g.apiName());
        for (OperationDecl op : g.operations()) {
            if (op.response().choosable()) {
                t.addType(ResultTypes.type(
                        op,
                        apiName.nestedClass(ResultTypes.name(op)),
                        s -> ResultTypes.bodyType(op, s, page, binaryBody),
                        List.of()));
            }
            MethodSpec.Builder m = MethodSpec.methodBuilder(op.methodName())
                    .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .returns(handlerType(op, apiName));
            if (op.deprecated()) {
                m.addAnnotation(Deprecated.class);
            }
            for (ParamDecl p : op.params()) {
                m.addParameter(p.javaType(), p.javaName());
            }
            if (op.body() != null) {
                m.addParameter(bodyType(op), op.body().javaName());
            }
            String returnNote = op.response().choosable()
                    ? "the response, one of the documented statuses "
                            + op.response().statuses().stream()
                                    .map(s -> String.valueOf(s.status()))
                                    .toList()
                            + ": build it with the factory methods of {@link " + ResultTypes.name(op) + "}"
                    : returnNote(op);
            if (!op.response().choosable() && op.response().binary()) {
                returnNote = returnNote + ", streamed to the client and closed";
            }
            m.addJavadoc(operationDoc(op, returnNote));
            t.addMethod(m.build());
        }
        return t.build();
    }

    /**
     * What the JDK handler returns: the operation's result type where it chooses the response,
     * {@code BinaryBody} for a streamed body, otherwise {@link #returnType}.
     */
    private TypeName handlerType(OperationDecl op, ClassName apiName) {
        if (op.response().choosable()) {
            return apiName.nestedClass(ResultTypes.name(op));
        }
        if (op.response().binary()) {
            return binaryBody;
        }
        return returnType(op, page);
    }

    /** The {@code @return} text of an operation, empty for void. */
    static String returnNote(OperationDecl op) {
        if (op.response().isVoid()) {
            return "";
        }
        if (op.response().paged()) {
            return "one page of the " + op.response().status() + " response body: its items, and in {@code"
                    + " pagination} where they are in the whole list";
        }
        return "the " + op.response().status() + " response body"
                + (op.response().raw() ? " (" + Docs.escape(op.response().mediaType()) + ")" : "");
    }

    private TypeSpec routes(TagGroup g) {
        ClassName api = ClassName.get(apiPackage, g.apiName());
        ClassName self = ClassName.get(serverPackage, g.routesName());
        TypeSpec.Builder t = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.FINAL)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(suppressDeprecation())
                .addJavadoc("Binds, validates and dispatches the operations of {@link $T}.\n", api)
                .addField(api, "handler", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .addParameter(api, "handler")
                        .addStatement("this.handler = handler")
                        .build());
        MethodSpec.Builder register = MethodSpec.methodBuilder("register")
                .addJavadoc("Adds a route per operation; without a handler the routes answer 501.\n")
                .addModifiers(Modifier.STATIC)
                .addParameter(JavaPoets.listOf(route), "routes")
                .addParameter(api, "handler")
                .addParameter(guard, "guard")
                .addStatement("$T self = handler == null ? null : new $T(handler)", self, self);
        ValidationWriter v = new ValidationWriter(modelPackage, models::unknownConstant);
        int index = 0;
        for (OperationDecl op : g.operations()) {
            String patternField = "PATH_" + index;
            t.addField(FieldSpec.builder(
                            ClassName.get(Pattern.class),
                            patternField,
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer("$T.compile($S)", Pattern.class, pathRegex(op.path()))
                    .build());
            SecurityPlanner.Requirement requirement = requirement(op);
            String securityField = "SECURITY_" + index;
            t.addField(FieldSpec.builder(
                            JavaPoets.listOf(JavaPoets.listOf(guard.nestedClass("Need"))),
                            securityField,
                            Modifier.PRIVATE,
                            Modifier.STATIC,
                            Modifier.FINAL)
                    .initializer(needs(requirement))
                    .build());
            register.addStatement(
                    "routes.add(new $T($S, $S, $L, guard.wrap($S, $L, self == null ? $T.NOT_IMPLEMENTED : self::$L)))",
                    route,
                    op.method(),
                    op.path(),
                    patternField,
                    requirement.operationId(),
                    securityField,
                    route,
                    op.methodName());
            String bodyField = null;
            if (op.body() != null && op.body().shape() != null) {
                bodyField = "BODY_" + index;
                t.addField(FieldSpec.builder(
                                JavaPoets.JAVA_TYPE, bodyField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(JavaPoets.javaType(
                                op.body().shape().type(), CodeBlock.of("$T.defaultInstance()", JavaPoets.TYPE_FACTORY)))
                        .build());
            }
            if (op.body() != null && op.body().form()) {
                t.addField(formFieldsSpec("FORM_" + index, op.body().formFields()));
            }
            t.addMethod(handlerMethod(op, bodyField, v, api));
            if (op.response().choosable()) {
                t.addMethod(writeMethod(op, api));
            }
            index++;
        }
        v.staticFields().forEach(t::addField);
        t.addMethod(register.build());
        return t.build();
    }

    private static String pathRegex(String template) {
        StringBuilder sb = new StringBuilder("^");
        Matcher m = TEMPLATE_PARAM.matcher(template);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                sb.append(Pattern.quote(template.substring(last, m.start())));
            }
            sb.append("([^/]+)");
            last = m.end();
        }
        if (last < template.length()) {
            sb.append(Pattern.quote(template.substring(last)));
        }
        return sb.append('$').toString();
    }

    /**
     * {@code write(call, result)}: sends the record the handler chose, its documented headers, its
     * further headers and its body. One overload per result type.
     */
    private MethodSpec writeMethod(OperationDecl op, ClassName api) {
        ClassName result = api.nestedClass(ResultTypes.name(op));
        MethodSpec.Builder m = MethodSpec.methodBuilder("write")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addParameter(call, "call")
                .addParameter(result, "result")
                .addException(java.io.IOException.class)
                .addStatement(
                        "$T.requireNonNull(result, $S)",
                        java.util.Objects.class,
                        op.methodName() + " returned null instead of a response");
        m.beginControlFlow("switch (result)");
        for (OperationPlanner.StatusDecl s : op.response().statuses()) {
            m.beginControlFlow("case $T r ->", result.nestedClass(ResultTypes.recordName(s.status())));
            m.addStatement("call.responseHeaders(r.headers())");
            for (OperationPlanner.HeaderDecl h : s.headers()) {
                m.addStatement("call.responseHeader($S, r.$L())", h.wireName(), h.javaName());
            }
            if (s.isVoid()) {
                m.addStatement("call.respondEmpty($L)", s.status());
            } else if (s.binary()) {
                m.addStatement("call.respondStream($L, r.body(), $S)", s.status(), s.mediaType());
            } else if (s.raw()) {
                m.addStatement("call.respondBytes($L, r.body(), $S)", s.status(), s.mediaType());
            } else if (op.response().paged() && s.status() == op.response().status()) {
                m.addStatement("call.respondPage($L, r.body())", s.status());
            } else {
                m.addStatement("call.respond($L, r.body())", s.status());
            }
            m.endControlFlow();
        }
        m.endControlFlow();
        return m.build();
    }

    private MethodSpec handlerMethod(OperationDecl op, String bodyField, ValidationWriter v, ClassName api) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(op.methodName())
                .addModifiers(Modifier.PRIVATE)
                .addParameter(call, "call")
                .addException(java.io.IOException.class)
                .addStatement("$T violations = call.violations()", JavaPoets.listOf(violation));
        int pathIndex = 0;
        List<CodeBlock> args = new ArrayList<>();
        for (ParamDecl p : op.params()) {
            boolean list = p.shape() instanceof ListOf;
            TypeName rawType = list ? JavaPoets.listOf(JavaPoets.STRING) : JavaPoets.STRING;
            CodeBlock raw = switch (p.in()) {
                case "path" ->
                    list ? CodeBlock.of("call.pathList($L)", pathIndex++) : CodeBlock.of("call.path($L)", pathIndex++);
                case "header" -> CodeBlock.of(list ? "call.headerList($S)" : "call.header($S)", p.wireName());
                case "cookie" -> CodeBlock.of(list ? "call.cookieList($S)" : "call.cookie($S)", p.wireName());
                default ->
                    list
                            ? CodeBlock.of("call.queryList($S, $L)", p.wireName(), p.explode())
                            : CodeBlock.of("call.query($S)", p.wireName());
            };
            m.addStatement("$T $L = $L", rawType, p.rawName(), raw);
            if (p.required()) {
                m.addStatement("call.require($L, $S)", p.rawName(), p.wireName());
            }
            m.addStatement("$T $L = $L", p.shape().type(), p.javaName(), convert(p));
            CodeBlock.Builder checks = CodeBlock.builder();
            v.checkValue(checks, p.shape(), CodeBlock.of("$L", p.javaName()), CodeBlock.of("$S", p.wireName()), false);
            m.addCode(checks.build());
            args.add(CodeBlock.of("$L", p.javaName()));
        }
        if (op.body() != null) {
            CodeBlock mediaTypes = stringList(op.body().mediaTypes());
            if (op.body().form()) {
                m.addStatement(
                        "$T $L = call.readForm($L, $L, $L, $T.parser($L))",
                        op.body().shape().type(),
                        op.body().javaName(),
                        bodyField,
                        op.body().required(),
                        mediaTypes,
                        ClassName.get(modelPackage, "FormData"),
                        bodyField.replace("BODY_", "FORM_"));
                CodeBlock.Builder checks = CodeBlock.builder();
                v.checkValue(
                        checks,
                        op.body().shape(),
                        CodeBlock.of("$L", op.body().javaName()),
                        CodeBlock.of("$S", ""),
                        false);
                m.addCode(checks.build());
            } else if (op.body().shape() != null) {
                m.addStatement(
                        "$T $L = call.readJson($L, $L, $L)",
                        op.body().shape().type(),
                        op.body().javaName(),
                        bodyField,
                        op.body().required(),
                        mediaTypes);
                CodeBlock.Builder checks = CodeBlock.builder();
                v.checkValue(
                        checks,
                        op.body().shape(),
                        CodeBlock.of("$L", op.body().javaName()),
                        CodeBlock.of("$S", ""),
                        false);
                m.addCode(checks.build());
            } else {
                m.addStatement(
                        "byte[] $L = call.readBytes($L, $L)",
                        op.body().javaName(),
                        op.body().required(),
                        mediaTypes);
            }
            args.add(CodeBlock.of("$L", op.body().javaName()));
        }
        m.addStatement("call.throwIfInvalid()");
        CodeBlock invocation = CodeBlock.of("handler.$L($L)", op.methodName(), CodeBlock.join(args, ", "));
        if (op.response().choosable()) {
            m.addStatement("write(call, $L)", invocation);
        } else if (op.response().binary()) {
            m.addStatement("$T result = $L", binaryBody, invocation);
            m.addStatement(
                    "call.respondStream($L, result, $S)",
                    op.response().status(),
                    op.response().mediaType());
        } else if (op.response().isVoid()) {
            m.addStatement("$L", invocation);
            m.addStatement("call.respondEmpty($L)", op.response().status());
        } else if (op.response().raw()) {
            m.addStatement("byte[] result = $L", invocation);
            m.addStatement(
                    "call.respondBytes($L, result, $S)",
                    op.response().status(),
                    op.response().mediaType());
        } else if (op.response().paged()) {
            m.addStatement("$T result = $L", returnType(op, page), invocation);
            m.addStatement("call.respondPage($L, result)", op.response().status());
        } else {
            m.addStatement("$T result = $L", op.response().shape().type(), invocation);
            m.addStatement("call.respond($L, result)", op.response().status());
        }
        return m.build();
    }

    /** A static map of a form body's field names to their kinds, in declaration order. */
    static FieldSpec formFieldsSpec(String name, Map<String, String> fields) {
        CodeBlock.Builder init = CodeBlock.builder().add("$T.ofEntries(", Map.class);
        int i = 0;
        for (Map.Entry<String, String> e : fields.entrySet()) {
            init.add(i++ == 0 ? "$T.entry($S, $S)" : ", $T.entry($S, $S)", Map.class, e.getKey(), e.getValue());
        }
        return FieldSpec.builder(
                        ParameterizedTypeName.get(ClassName.get(Map.class), JavaPoets.STRING, JavaPoets.STRING),
                        name,
                        Modifier.PRIVATE,
                        Modifier.STATIC,
                        Modifier.FINAL)
                .initializer(init.add(")").build())
                .build();
    }

    static CodeBlock stringList(List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", JavaPoets.LIST);
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add(")").build();
    }

    /** The expression converting the raw string(s) of a parameter. */
    private CodeBlock convert(ParamDecl p) {
        if (p.shape() instanceof ListOf l) {
            if (l.item() instanceof Scalar s && s.kind() == ScalarKind.STRING) {
                return CodeBlock.of("$L", p.rawName());
            }
            return CodeBlock.of("call.each($L, $S, $L)", p.rawName(), p.wireName(), itemConverter(l.item()));
        }
        return single(p.shape(), CodeBlock.of("$L", p.rawName()), CodeBlock.of("$S", p.wireName()));
    }

    private CodeBlock itemConverter(Shape item) {
        return CodeBlock.of("(value, field) -> $L", single(item, CodeBlock.of("value"), CodeBlock.of("field")));
    }

    private CodeBlock single(Shape shape, CodeBlock raw, CodeBlock field) {
        if (shape instanceof Named n) {
            return switch (models.enumValueKind(n.type())) {
                case INT ->
                    CodeBlock.of("$L == null ? null : $T.fromValue(call.toInteger($L, $L))", raw, n.type(), raw, field);
                case LONG ->
                    CodeBlock.of("$L == null ? null : $T.fromValue(call.toLong($L, $L))", raw, n.type(), raw, field);
                case DECIMAL ->
                    CodeBlock.of(
                            "$L == null ? null : $T.fromValue(call.toBigDecimal($L, $L))", raw, n.type(), raw, field);
                default -> CodeBlock.of("$L == null ? null : $T.fromValue($L)", raw, n.type(), raw);
            };
        }
        ScalarKind kind = ((Scalar) shape).kind();
        return switch (kind) {
            case STRING -> raw;
            case INT -> CodeBlock.of("call.toInteger($L, $L)", raw, field);
            case LONG -> CodeBlock.of("call.toLong($L, $L)", raw, field);
            case FLOAT -> CodeBlock.of("call.toFloat($L, $L)", raw, field);
            case DOUBLE -> CodeBlock.of("call.toDouble($L, $L)", raw, field);
            case DECIMAL -> CodeBlock.of("call.toBigDecimal($L, $L)", raw, field);
            case BOOLEAN -> CodeBlock.of("call.toBoolean($L, $L)", raw, field);
            case UUID -> CodeBlock.of("call.toUuid($L, $L)", raw, field);
            case DATE -> CodeBlock.of("call.toDate($L, $L)", raw, field);
            case DATE_TIME -> CodeBlock.of("call.toDateTime($L, $L)", raw, field);
            case URI -> CodeBlock.of("call.toUri($L, $L)", raw, field);
            case BYTES, ANY -> throw new IllegalStateException("parameter of kind " + kind + " is bound as a string");
        };
    }

    private TypeSpec router(List<TagGroup> groups) {
        ClassName self = ClassName.get(serverPackage, "ApiRouter");
        ClassName builder = self.nestedClass("Builder");
        ClassName httpHandler = ClassName.get("com.sun.net.httpserver", "HttpHandler");
        ClassName exchange = ClassName.get("com.sun.net.httpserver", "HttpExchange");
        ClassName httpSupport = ClassName.get(serverPackage, "HttpSupport");
        ClassName apiJson = ClassName.get(modelPackage, "ApiJson");
        TypeSpec.Builder b = TypeSpec.classBuilder(builder)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Collects the handlers and settings of a router.\n");
        b.addField(FieldSpec.builder(JavaPoets.OBJECT_MAPPER, "mapper", Modifier.PRIVATE)
                .initializer("$T.newMapper()", apiJson)
                .build());
        b.addField(FieldSpec.builder(TypeName.BOOLEAN, "envelope", Modifier.PRIVATE)
                .initializer("$L", envelopeDefault)
                .build());
        b.addField(FieldSpec.builder(JavaPoets.STRING, "basePath", Modifier.PRIVATE)
                .initializer("$S", "")
                .build());
        b.addMethod(
                MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (TagGroup g : groups) {
            ClassName api = ClassName.get(apiPackage, g.apiName());
            b.addField(api, g.fieldName(), Modifier.PRIVATE);
            b.addMethod(MethodSpec.methodBuilder(g.fieldName())
                    .addJavadoc(
                            "The implementation of the &quot;$L&quot; operations; without one they answer 501.\n\n"
                                    + "@param handler the implementation\n@return this builder\n",
                            Docs.escape(g.tag()))
                    .addModifiers(Modifier.PUBLIC)
                    .returns(builder)
                    .addParameter(api, "handler")
                    .addStatement("this.$L = handler", g.fieldName())
                    .addStatement("return this")
                    .build());
        }
        b.addMethod(MethodSpec.methodBuilder("mapper")
                .addJavadoc(
                        "The JSON mapper. Default {@code ApiJson.newMapper()}.\n\n@param value the mapper\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(JavaPoets.OBJECT_MAPPER, "value")
                .addStatement("this.mapper = $T.requireNonNull(value, $S)", java.util.Objects.class, "mapper")
                .addStatement("return this")
                .build());
        b.addMethod(MethodSpec.methodBuilder("envelope")
                .addJavadoc(
                        "Whether success bodies go into {@code {\"data\", \"meta\"}}. Default $L.\n\n@param value"
                                + " true to wrap\n@return this builder\n",
                        envelopeDefault)
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(TypeName.BOOLEAN, "value")
                .addStatement("this.envelope = value")
                .addStatement("return this")
                .build());
        b.addMethod(MethodSpec.methodBuilder("basePath")
                .addJavadoc("A prefix every request path must start with, such as {@code /v1}. Default none.\n\n"
                        + "@param value the prefix\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(JavaPoets.STRING, "value")
                .beginControlFlow(
                        "if (value == null || (!value.isEmpty() && (!value.startsWith($S) || value.endsWith($S))))",
                        "/",
                        "/")
                .addStatement(
                        "throw new $T($S + value)",
                        IllegalArgumentException.class,
                        "basePath must be empty or start with / and not end with /: ")
                .endControlFlow()
                .addStatement("this.basePath = value")
                .addStatement("return this")
                .build());
        ClassName authenticator = ClassName.get(serverPackage, "Authenticator");
        ClassName rateLimiter = ClassName.get(serverPackage, "RateLimiter");
        b.addField(authenticator, "authenticator", Modifier.PRIVATE);
        b.addField(rateLimiter, "rateLimiter", Modifier.PRIVATE);
        b.addField(FieldSpec.builder(JavaPoets.STRING, "realm", Modifier.PRIVATE)
                .initializer("$S", "api")
                .build());
        b.addMethod(MethodSpec.methodBuilder("authenticator")
                .addJavadoc("Decides on the credentials of the operations the document secures; required when it"
                        + " secures any.\n\n@param value the authenticator\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(authenticator, "value")
                .addStatement(
                        "this.authenticator = $T.requireNonNull(value, $S)", java.util.Objects.class, "authenticator")
                .addStatement("return this")
                .build());
        b.addMethod(MethodSpec.methodBuilder("rateLimiter")
                .addJavadoc("Decides per request whether it may run (429 with {@code Retry-After} otherwise)."
                        + " Default none.\n\n@param value the rate limiter\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(rateLimiter, "value")
                .addStatement("this.rateLimiter = $T.requireNonNull(value, $S)", java.util.Objects.class, "rateLimiter")
                .addStatement("return this")
                .build());
        b.addMethod(MethodSpec.methodBuilder("realm")
                .addJavadoc("The realm of {@code Basic} challenges. Default {@code api}.\n\n@param value the realm"
                        + "\n@return this builder\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(JavaPoets.STRING, "value")
                .beginControlFlow("if (value == null || !value.matches($S))", "[\\x20-\\x7e&&[^\"\\\\]]+")
                .addStatement(
                        "throw new $T($S + value)",
                        IllegalArgumentException.class,
                        "realm must be printable ASCII without quotes or backslashes: ")
                .endControlFlow()
                .addStatement("this.realm = value")
                .addStatement("return this")
                .build());
        b.addMethod(MethodSpec.methodBuilder("build")
                .addJavadoc("The router.\n\n@return a new router\n@throws IllegalStateException when the document"
                        + " secures operations and no authenticator is set\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addStatement("return new $T(this)", self)
                .build());

        MethodSpec.Builder ctor = MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(builder, "builder")
                .addStatement("$T all = new $T<>()", JavaPoets.listOf(route), java.util.ArrayList.class)
                .addStatement(
                        "$T guard = new $T(builder.authenticator, builder.rateLimiter, builder.realm)", guard, guard);
        for (TagGroup g : groups) {
            ctor.addStatement(
                    "$T.register(all, builder.$L, guard)", ClassName.get(serverPackage, g.routesName()), g.fieldName());
        }
        ctor.beginControlFlow("if (builder.authenticator == null && !guard.secured().isEmpty())")
                .addStatement(
                        "throw new $T($S + guard.secured())",
                        IllegalStateException.class,
                        "no authenticator: set ApiRouter.builder().authenticator(...) for the secured operations ")
                .endControlFlow();
        ctor.addStatement("this.routes = $T.sorted(all)", route)
                .addStatement("this.mapper = builder.mapper")
                .addStatement("this.envelope = builder.envelope")
                .addStatement("this.basePath = builder.basePath");

        return TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(JavaPoets.generated())
                .addSuperinterface(httpHandler)
                .addJavadoc("Routes requests to the handler interfaces: matches method and path template, binds and"
                        + " validates parameters and JSON bodies, and writes responses and errors in envelopes"
                        + " (400, 404, 405, 415, 500, 501).\n\n<p>Thread-safe once built.\n")
                .addField(JavaPoets.listOf(route), "routes", Modifier.PRIVATE, Modifier.FINAL)
                .addField(JavaPoets.OBJECT_MAPPER, "mapper", Modifier.PRIVATE, Modifier.FINAL)
                .addField(TypeName.BOOLEAN, "envelope", Modifier.PRIVATE, Modifier.FINAL)
                .addField(JavaPoets.STRING, "basePath", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(ctor.build())
                .addMethod(MethodSpec.methodBuilder("builder")
                        .addJavadoc("A builder with no handlers.\n\n@return a new builder\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(builder)
                        .addStatement("return new $T()", builder)
                        .build())
                .addMethod(MethodSpec.methodBuilder("routes")
                        .addJavadoc("The routes in matching order.\n\n@return an unmodifiable list\n")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(JavaPoets.listOf(route))
                        .addStatement("return routes")
                        .build())
                .addMethod(MethodSpec.methodBuilder("handle")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(exchange, "exchange")
                        .addStatement("$T.dispatch(exchange, routes, basePath, mapper, envelope)", httpSupport)
                        .build())
                .addType(b.build())
                .build();
    }

    private boolean envelopeDefault = true;

    ServerEmitter envelope(boolean value) {
        this.envelopeDefault = value;
        return this;
    }
}
