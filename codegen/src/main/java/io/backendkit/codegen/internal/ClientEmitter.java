package io.backendkit.codegen.internal;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.lang.model.element.Modifier;

/** Writes one typed {@code java.net.http} client per tag, with sync and async methods. */
final class ClientEmitter {

    private final String clientPackage;
    private final ClassName apiClient;
    private final ClassName apiRequest;
    private final ClassName page;

    ClientEmitter(String basePackage) {
        this.clientPackage = basePackage + ".client";
        this.apiClient = ClassName.get(clientPackage, "ApiClient");
        this.apiRequest = ClassName.get(clientPackage, "ApiRequest");
        this.page = ClassName.get(basePackage + ".model", "Page");
        this.binaryStream = ClassName.get(clientPackage, "BinaryStream");
    }

    private final ClassName binaryStream;

    private SecurityPlanner security;

    /** The security plan of the document; without one requests carry no requirement. */
    ClientEmitter security(SecurityPlanner value) {
        this.security = value;
        return this;
    }

    /** The statement giving the request its requirement, or null when it has none. */
    private CodeBlock securityStatement(OperationDecl op) {
        if (security == null) {
            return null;
        }
        SecurityPlanner.Requirement r = security.requirement(op.pointer(), op.method() + " " + op.path());
        if (r.alternatives().isEmpty()) {
            return null;
        }
        List<CodeBlock> alternatives = new java.util.ArrayList<>();
        for (List<SecurityPlanner.Need> alternative : r.alternatives()) {
            List<CodeBlock> needs = new java.util.ArrayList<>();
            for (SecurityPlanner.Need n : alternative) {
                needs.add(CodeBlock.of(
                        "new $T($S, $S, $S, $S)",
                        apiRequest.nestedClass("Need"),
                        n.scheme(),
                        n.decl().kind(),
                        n.decl().in(),
                        n.decl().name()));
            }
            alternatives.add(CodeBlock.of("$T.of($L)", JavaPoets.LIST, CodeBlock.join(needs, ", ")));
        }
        return CodeBlock.of("request.security($T.of($L))", JavaPoets.LIST, CodeBlock.join(alternatives, ", "));
    }

    List<GeneratedFile> emit(List<TagGroup> groups) {
        return tasks(groups).parallelStream().map(Supplier::get).toList();
    }

    /** The files as independent tasks, in the order of {@link #emit}: one client per group. */
    List<Supplier<GeneratedFile>> tasks(List<TagGroup> groups) {
        return groups.stream()
                .<Supplier<GeneratedFile>>map(g -> () -> JavaPoets.file(clientPackage, client(g)))
                .toList();
    }

    private TypeSpec client(TagGroup g) {
        TypeSpec.Builder t = TypeSpec.classBuilder(g.clientName())
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(ServerEmitter.suppressDeprecation())
                .addJavadoc(
                        "Calls the operations tagged &quot;$L&quot;. Thread-safe. Failures throw (or complete the"
                                + " future with) {@code ApiClientException}.\n",
                        Docs.escape(g.tag()))
                .addField(apiClient, "client", Modifier.PRIVATE, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("A client over a shared transport.\n\n@param client the transport\n")
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(apiClient, "client")
                        .addStatement("this.client = $T.requireNonNull(client, $S)", Objects.class, "client")
                        .build());
        int index = 0;
        ClassName self = ClassName.get(clientPackage, g.clientName());
        for (OperationDecl op : g.operations()) {
            TypeName returnType = ServerEmitter.returnType(op, page);
            ClassName resultType = null;
            if (op.response().choosable()) {
                resultType = self.nestedClass(ResultTypes.name(op));
                returnType = resultType;
                t.addType(resultType(op, resultType, index, t));
            } else if (op.response().binary()) {
                returnType = binaryStream;
            }
            String errorsField = null;
            if (!op.response().errors().isEmpty()) {
                errorsField = "ERRORS_" + index;
                CodeBlock.Builder init = CodeBlock.builder().add("$T.ofEntries(", java.util.Map.class);
                int i = 0;
                for (OperationPlanner.StatusDecl e : op.response().errors()) {
                    init.add(i++ == 0 ? "" : ", ")
                            .add(
                                    "$T.entry($L, $L)",
                                    java.util.Map.class,
                                    e.status(),
                                    JavaPoets.javaType(
                                            e.shape().type(),
                                            CodeBlock.of("$T.defaultInstance()", JavaPoets.TYPE_FACTORY)));
                }
                t.addField(FieldSpec.builder(
                                ParameterizedTypeName.get(
                                        ClassName.get(java.util.Map.class),
                                        ClassName.get(Integer.class),
                                        JavaPoets.JAVA_TYPE),
                                errorsField,
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer(init.add(")").build())
                        .build());
            }
            String typeField = null;
            if (op.response().shape() != null) {
                typeField = "RESPONSE_" + index;
                t.addField(FieldSpec.builder(
                                JavaPoets.JAVA_TYPE, typeField, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer(JavaPoets.javaType(
                                op.response().shape().type(),
                                CodeBlock.of("$T.defaultInstance()", JavaPoets.TYPE_FACTORY)))
                        .build());
            }
            String formField = null;
            if (op.body() != null && op.body().form()) {
                formField = "FORM_" + index;
                t.addField(ServerEmitter.formFieldsSpec(formField, op.body().formFields()));
            }
            index++;
            List<CodeBlock> args = new ArrayList<>();
            op.params().forEach(p -> args.add(CodeBlock.of("$L", p.javaName())));
            if (op.body() != null) {
                args.add(CodeBlock.of("$L", op.body().javaName()));
            }
            CodeBlock request = CodeBlock.of("$LRequest($L)", op.methodName(), CodeBlock.join(args, ", "));
            String returnNote = ServerEmitter.returnNote(op);
            if (resultType != null) {
                returnNote = "the response: the record of its status, with body and headers";
            } else if (op.response().binary()) {
                returnNote = returnNote + ", as it arrives; close it";
            }
            StringBuilder throwsNote = new StringBuilder(
                            "@throws ApiClientException when the call fails or the status is not ")
                    .append(resultType != null ? "one the document describes" : "2xx");
            for (OperationPlanner.StatusDecl e : op.response().errors()) {
                throwsNote
                        .append(e.status() == 0 ? "; otherwise" : "; " + e.status() + ":")
                        .append(" {@code errorBody()} is the documented {@code ")
                        .append(Docs.escape(e.shape().type().toString()))
                        .append("}");
            }
            MethodSpec.Builder sync = signature(op, op.methodName(), returnType)
                    .addJavadoc(ServerEmitter.operationDoc(op, returnNote))
                    .addJavadoc("$L\n", throwsNote);
            MethodSpec.Builder async = signature(
                            op,
                            op.methodName() + "Async",
                            ParameterizedTypeName.get(ClassName.get(CompletableFuture.class), returnType.box()))
                    .addJavadoc(ServerEmitter.operationDoc(
                            op, "a future of " + (returnNote.isEmpty() ? "nothing" : returnNote)))
                    .addJavadoc("@see #$L\n", op.methodName());
            if (resultType != null) {
                sync.addStatement("return client.sendForResult($L, $T::read)", request, resultType);
                async.addStatement("return client.sendForResultAsync($L, $T::read)", request, resultType);
            } else if (op.response().binary()) {
                sync.addStatement("return client.sendForStream($L)", request);
                async.addStatement("return client.sendForStreamAsync($L)", request);
            } else if (op.response().raw()) {
                sync.addStatement("return client.sendForBytes($L)", request);
                async.addStatement("return client.sendForBytesAsync($L)", request);
            } else if (op.response().paged()) {
                sync.addStatement("return client.sendPage($L, $L)", request, typeField);
                async.addStatement("return client.sendPageAsync($L, $L)", request, typeField);
            } else if (op.response().isVoid()) {
                sync.addStatement("client.send($L, null)", request);
                async.addStatement("return client.<$T>sendAsync($L, null)", Void.class, request);
            } else {
                sync.addStatement("return client.send($L, $L)", request, typeField);
                async.addStatement("return client.sendAsync($L, $L)", request, typeField);
            }
            t.addMethod(sync.build());
            t.addMethod(async.build());
            t.addMethod(requestBuilder(op, formField, errorsField));
        }
        return t.build();
    }

    private static MethodSpec.Builder signature(OperationDecl op, String name, TypeName returnType) {
        MethodSpec.Builder m =
                MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returnType);
        if (op.deprecated()) {
            m.addAnnotation(Deprecated.class);
        }
        for (ParamDecl p : op.params()) {
            m.addParameter(p.javaType(), p.javaName());
        }
        if (op.body() != null) {
            m.addParameter(ServerEmitter.bodyType(op), op.body().javaName());
        }
        return m;
    }

    /**
     * The client's result type of {@code op}: the records of the documented statuses, and a private
     * {@code read} turning a response into the record of its status (JSON fields {@code
     * RESPONSE_<index>_<status>} are added to {@code client}).
     */
    private TypeSpec resultType(OperationDecl op, ClassName self, int index, TypeSpec.Builder client) {
        ClassName apiResponse = apiClient.nestedClass("Response");
        MethodSpec.Builder read = MethodSpec.methodBuilder("read")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(self)
                .addParameter(apiResponse, "response")
                .addCode("return switch (response.status()) {\n$>");
        for (OperationPlanner.StatusDecl s : op.response().statuses()) {
            List<CodeBlock> args = new ArrayList<>();
            boolean paged = op.response().paged() && s.status() == op.response().status();
            if (s.binary()) {
                args.add(CodeBlock.of("response.stream()"));
            } else if (s.raw()) {
                args.add(CodeBlock.of("response.bytes()"));
            } else if (s.shape() != null) {
                String field = "RESPONSE_" + index + "_" + s.status();
                client.addField(
                        FieldSpec.builder(JavaPoets.JAVA_TYPE, field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                                .initializer(JavaPoets.javaType(
                                        s.shape().type(), CodeBlock.of("$T.defaultInstance()", JavaPoets.TYPE_FACTORY)))
                                .build());
                args.add(CodeBlock.of(paged ? "response.page($L)" : "response.json($L)", field));
            }
            for (OperationPlanner.HeaderDecl h : s.headers()) {
                args.add(CodeBlock.of("response.header($S, $L)", h.wireName(), headerParser(h.shape())));
            }
            args.add(CodeBlock.of("response.headers()"));
            read.addStatement(
                    "case $L -> new $T($L)",
                    s.status(),
                    self.nestedClass(ResultTypes.recordName(s.status())),
                    CodeBlock.join(args, ", "));
        }
        read.addStatement("default -> throw response.undocumented()");
        read.addCode("$<};\n");
        return ResultTypes.type(op, self, s -> ResultTypes.bodyType(op, s, page, binaryStream), List.of(read.build()));
    }

    /** A function from a header's text to the value of its scalar shape. */
    private static CodeBlock headerParser(Shape shape) {
        Shape.ScalarKind kind = shape instanceof Shape.Scalar s ? s.kind() : Shape.ScalarKind.STRING;
        return switch (kind) {
            case INT -> CodeBlock.of("v -> $T.valueOf(v)", Integer.class);
            case LONG -> CodeBlock.of("v -> $T.valueOf(v)", Long.class);
            case FLOAT -> CodeBlock.of("v -> $T.valueOf(v)", Float.class);
            case DOUBLE -> CodeBlock.of("v -> $T.valueOf(v)", Double.class);
            case DECIMAL -> CodeBlock.of("v -> new $T(v)", java.math.BigDecimal.class);
            case BOOLEAN -> CodeBlock.of("v -> $T.valueOf(v)", Boolean.class);
            case DATE -> CodeBlock.of("v -> $T.parse(v)", java.time.LocalDate.class);
            case DATE_TIME -> CodeBlock.of("v -> $T.parse(v)", java.time.OffsetDateTime.class);
            case UUID -> CodeBlock.of("v -> $T.fromString(v)", java.util.UUID.class);
            case URI -> CodeBlock.of("v -> $T.create(v)", java.net.URI.class);
            default -> CodeBlock.of("v -> v");
        };
    }

    private MethodSpec requestBuilder(OperationDecl op, String formField, String errorsField) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(op.methodName() + "Request")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(apiRequest);
        for (ParamDecl p : op.params()) {
            m.addParameter(p.javaType(), p.javaName());
        }
        if (op.body() != null) {
            m.addParameter(ServerEmitter.bodyType(op), op.body().javaName());
        }
        m.addStatement("$T request = new $T($S, $S)", apiRequest, apiRequest, op.method(), op.path());
        CodeBlock securityStatement = securityStatement(op);
        if (securityStatement != null) {
            m.addStatement(securityStatement);
        }
        if (errorsField != null) {
            m.addStatement("request.errors($L)", errorsField);
        }
        for (ParamDecl p : op.params()) {
            boolean list = p.shape() instanceof ListOf;
            switch (p.in()) {
                case "path" ->
                    m.addStatement(
                            list ? "request.pathList($S, $L)" : "request.path($S, $L)", p.wireName(), p.javaName());
                case "header" ->
                    m.addStatement(
                            list ? "request.headerList($S, $L)" : "request.header($S, $L)", p.wireName(), p.javaName());
                case "cookie" ->
                    m.addStatement(
                            list ? "request.cookieList($S, $L)" : "request.cookie($S, $L)", p.wireName(), p.javaName());
                default -> {
                    if (list) {
                        m.addStatement("request.queryList($S, $L, $L)", p.wireName(), p.javaName(), p.explode());
                    } else {
                        m.addStatement("request.query($S, $L)", p.wireName(), p.javaName());
                    }
                }
            }
        }
        if (op.body() != null) {
            String mediaType = op.body().mediaTypes().get(0);
            if (op.body().form()) {
                // multipart when that is what the document names first, with files as parts
                java.util.Set<String> taken =
                        new java.util.HashSet<>(List.of("request", op.body().javaName()));
                op.params().forEach(p -> taken.add(p.javaName()));
                String local = "form";
                while (taken.contains(local)) {
                    local = local + "_";
                }
                ClassName formData = page.peerClass("FormData");
                m.beginControlFlow("if ($L != null)", op.body().javaName())
                        .addStatement(
                                "$T $L = $T.encode($L, $L, $S)",
                                formData.nestedClass("Encoded"),
                                local,
                                formData,
                                op.body().javaName(),
                                formField,
                                mediaType)
                        .addStatement("request.bytes($L.bytes(), $L.contentType())", local, local)
                        .endControlFlow();
            } else if (op.body().shape() != null) {
                m.addStatement("request.json($L, $S)", op.body().javaName(), mediaType);
            } else {
                m.addStatement("request.bytes($L, $S)", op.body().javaName(), mediaType);
            }
        }
        if (op.response().mediaType() != null) {
            m.addStatement("request.accept($S)", op.response().mediaType());
        }
        m.addStatement("return request");
        return m.build();
    }
}
