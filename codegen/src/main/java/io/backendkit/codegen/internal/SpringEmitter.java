package io.backendkit.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.internal.OperationPlanner.OperationDecl;
import io.backendkit.codegen.internal.OperationPlanner.ParamDecl;
import io.backendkit.codegen.internal.OperationPlanner.TagGroup;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes the SPRING_MVC target: one {@code @Validated} handler interface per tag carrying the Spring
 * MVC mapping annotations, and {@code ApiWebConfiguration}, which registers the enum parameter
 * converters, the error advice and the response advice. Spring types are referenced by name only.
 */
final class SpringEmitter {

    private static final String WEB_BIND = "org.springframework.web.bind.annotation";
    private static final ClassName REQUEST_MAPPING = ClassName.get(WEB_BIND, "RequestMapping");
    private static final ClassName REQUEST_METHOD = ClassName.get(WEB_BIND, "RequestMethod");
    private static final ClassName PATH_VARIABLE = ClassName.get(WEB_BIND, "PathVariable");
    private static final ClassName REQUEST_PARAM = ClassName.get(WEB_BIND, "RequestParam");
    private static final ClassName REQUEST_HEADER = ClassName.get(WEB_BIND, "RequestHeader");
    private static final ClassName COOKIE_VALUE = ClassName.get(WEB_BIND, "CookieValue");
    private static final ClassName REQUEST_BODY = ClassName.get(WEB_BIND, "RequestBody");
    private static final ClassName RESPONSE_STATUS = ClassName.get(WEB_BIND, "ResponseStatus");
    private static final ClassName HTTP_STATUS = ClassName.get("org.springframework.http", "HttpStatus");
    private static final ClassName RESPONSE_ENTITY = ClassName.get("org.springframework.http", "ResponseEntity");
    private static final ClassName VALIDATED = ClassName.get("org.springframework.validation.annotation", "Validated");
    private static final ClassName DATE_TIME_FORMAT =
            ClassName.get("org.springframework.format.annotation", "DateTimeFormat");
    private static final ClassName CONFIGURATION =
            ClassName.get("org.springframework.context.annotation", "Configuration");
    private static final ClassName IMPORT = ClassName.get("org.springframework.context.annotation", "Import");
    private static final ClassName WEB_MVC_CONFIGURER =
            ClassName.get("org.springframework.web.servlet.config.annotation", "WebMvcConfigurer");
    private static final ClassName FORMATTER_REGISTRY =
            ClassName.get("org.springframework.format", "FormatterRegistry");
    private static final ClassName HTTP_MESSAGE_CONVERTER =
            ClassName.get("org.springframework.http.converter", "HttpMessageConverter");
    private static final ClassName JACKSON2_CONVERTER =
            ClassName.get("org.springframework.http.converter.json", "MappingJackson2HttpMessageConverter");

    /** The property that prefixes every mapped path, such as {@code /v1}. */
    static final String BASE_PATH_PROPERTY = "backendkit.api.base-path";

    private static final Map<Integer, String> STATUS_NAMES = Map.of(
            200, "OK",
            201, "CREATED",
            202, "ACCEPTED",
            203, "NON_AUTHORITATIVE_INFORMATION",
            204, "NO_CONTENT",
            205, "RESET_CONTENT",
            206, "PARTIAL_CONTENT",
            207, "MULTI_STATUS",
            208, "ALREADY_REPORTED",
            226, "IM_USED");

    private final String apiPackage;
    private final String serverPackage;
    private final String modelPackage;
    private final ModelEmitter models;
    private final ClassName page;
    private final ClassName apiJson;
    private SecurityPlanner security;

    SpringEmitter(String basePackage, ModelEmitter models) {
        this.apiPackage = basePackage + ".api";
        this.serverPackage = basePackage + ".server";
        this.modelPackage = basePackage + ".model";
        this.models = models;
        this.page = ClassName.get(basePackage + ".model", "Page");
        this.apiJson = ClassName.get(basePackage + ".model", "ApiJson");
    }

    /** The security plan of the document; without one no operation is secured. */
    SpringEmitter security(SecurityPlanner value) {
        this.security = value;
        return this;
    }

    List<GeneratedFile> emit(List<TagGroup> groups) {
        List<GeneratedFile> files = new ArrayList<>(groups.parallelStream()
                .map(g -> JavaPoets.file(apiPackage, api(g)))
                .toList());
        files.add(JavaPoets.file(serverPackage, configuration(groups)));
        files.add(JavaPoets.file(serverPackage, SecurityTable.type(serverPackage, security, groups)));
        return files;
    }

    /** Whether the handler returns {@code ResponseEntity}: it picks status or headers, or Spring has no name for it. */
    static boolean fullResponse(OperationDecl op) {
        return op.response().choosable()
                || !STATUS_NAMES.containsKey(op.response().status());
    }

    private TypeSpec api(TagGroup g) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(g.apiName())
                .addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(ServerEmitter.suppressDeprecation())
                .addAnnotation(VALIDATED)
                .addAnnotation(AnnotationSpec.builder(REQUEST_MAPPING)
                        .addMember("value", "$S", "${" + BASE_PATH_PROPERTY + ":}")
                        .build());
        String description = Docs.escape(g.description());
        t.addJavadoc(
                "Operations tagged &quot;$L&quot;$L\n\n<p>Implement this interface in a {@code @RestController};"
                        + " the mappings, bindings and constraints are declared here. Paths start with the"
                        + " property {@code $L} (default empty). Throw {@code ApiException} for expected"
                        + " errors; {@code ApiWebConfiguration} renders them.\n",
                Docs.escape(g.tag()),
                description.isEmpty() ? "." : ": " + description,
                BASE_PATH_PROPERTY);
        for (OperationDecl op : g.operations()) {
            t.addMethod(method(op));
        }
        return t.build();
    }

    /** A binary body: Spring copies its stream to the response with the produced type, and closes it. */
    private static final ClassName RESOURCE = ClassName.get("org.springframework.core.io", "Resource");

    private MethodSpec method(OperationDecl op) {
        boolean full = fullResponse(op);
        // a binary body is written straight to the response as the handler produces it
        TypeName plain = op.response().binary() ? RESOURCE : ServerEmitter.returnType(op, page);
        TypeName returns = full
                ? ParameterizedTypeName.get(
                        RESPONSE_ENTITY, plain.equals(TypeName.VOID) ? ClassName.get(Void.class) : plain.box())
                : plain;
        MethodSpec.Builder m = MethodSpec.methodBuilder(op.methodName())
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(returns);
        if (op.deprecated()) {
            m.addAnnotation(Deprecated.class);
        }
        m.addAnnotation(mapping(op));
        SecurityPlanner.Requirement requirement = SecurityTable.requirement(security, op);
        if (SecurityTable.bound(requirement)) {
            m.addAnnotation(AnnotationSpec.builder(ClassName.get(serverPackage, "ApiSecured"))
                    .addMember("value", "$S", requirement.operationId())
                    .build());
        }
        m.addAnnotation(AnnotationSpec.builder(ClassName.get(serverPackage, "ApiOperation"))
                .addMember("value", "$S", requirement.operationId())
                .build());
        if (!full && op.response().status() != 200) {
            m.addAnnotation(AnnotationSpec.builder(RESPONSE_STATUS)
                    .addMember(
                            "value",
                            "$T.$L",
                            HTTP_STATUS,
                            STATUS_NAMES.get(op.response().status()))
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
                    : com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE);
            ParameterSpec.Builder b = ParameterSpec.builder(type, op.body().javaName())
                    .addAnnotation(
                            op.body().form()
                                    ? formAnnotation(serverPackage, op.body())
                                    : AnnotationSpec.builder(REQUEST_BODY)
                                            .addMember(
                                                    "required", "$L", op.body().required())
                                            .build());
            if (bound) {
                BeanValidation.annotations(op.body().shape(), false, modelPackage)
                        .forEach(b::addAnnotation);
            }
            m.addParameter(b.build());
        }
        String returnNote = ServerEmitter.returnNote(op);
        if (full) {
            returnNote = "the response: its status (" + op.response().status() + " as documented), headers"
                    + (op.response().isVoid() ? "" : " and body");
        }
        if (op.response().binary()) {
            returnNote = returnNote + ", copied to the response as it is read (an {@code InputStreamResource}"
                    + " over a stream is sent chunked and closed)";
        }
        CodeBlock doc = ServerEmitter.operationDoc(op, returnNote);
        m.addJavadoc(doc);
        return m.build();
    }

    /** {@code @ApiForm}: the form's fields and their kinds, for the generated form binding. */
    static AnnotationSpec formAnnotation(String serverPackage, OperationPlanner.BodyDecl body) {
        return AnnotationSpec.builder(ClassName.get(serverPackage, "ApiForm"))
                .addMember(
                        "names", "$L", stringArray(List.copyOf(body.formFields().keySet())))
                .addMember(
                        "kinds", "$L", stringArray(List.copyOf(body.formFields().values())))
                .addMember("required", "$L", body.required())
                .build();
    }

    private static AnnotationSpec mapping(OperationDecl op) {
        String composed = switch (op.method()) {
            case "GET" -> "GetMapping";
            case "POST" -> "PostMapping";
            case "PUT" -> "PutMapping";
            case "DELETE" -> "DeleteMapping";
            case "PATCH" -> "PatchMapping";
            default -> null;
        };
        AnnotationSpec.Builder a;
        if (composed != null) {
            a = AnnotationSpec.builder(ClassName.get(WEB_BIND, composed));
        } else {
            a = AnnotationSpec.builder(REQUEST_MAPPING).addMember("method", "$T.$L", REQUEST_METHOD, op.method());
        }
        a.addMember("path", "$S", op.path());
        if (op.body() != null) {
            a.addMember("consumes", "$L", stringArray(op.body().mediaTypes()));
        }
        if (op.response().raw() && op.response().mediaType() != null) {
            a.addMember("produces", "$S", op.response().mediaType());
        }
        return a.build();
    }

    private static CodeBlock stringArray(List<String> values) {
        CodeBlock.Builder b = CodeBlock.builder().add("{");
        for (int i = 0; i < values.size(); i++) {
            b.add(i == 0 ? "$S" : ", $S", values.get(i));
        }
        return b.add("}").build();
    }

    private ParameterSpec parameter(ParamDecl p) {
        TypeName type =
                p.shape() instanceof ListOf ? BeanValidation.annotatedType(p.shape(), modelPackage) : p.javaType();
        ParameterSpec.Builder b = ParameterSpec.builder(type, p.javaName());
        ClassName binding = switch (p.in()) {
            case "path" -> PATH_VARIABLE;
            case "header" -> REQUEST_HEADER;
            case "cookie" -> COOKIE_VALUE;
            default -> REQUEST_PARAM;
        };
        AnnotationSpec.Builder a = AnnotationSpec.builder(binding).addMember("name", "$S", p.wireName());
        if (!p.required()) {
            a.addMember("required", "false");
        }
        b.addAnnotation(a.build());
        Shape scalar = p.shape() instanceof ListOf l ? l.item() : p.shape();
        if (scalar instanceof Scalar s && (s.kind() == ScalarKind.DATE || s.kind() == ScalarKind.DATE_TIME)) {
            b.addAnnotation(AnnotationSpec.builder(DATE_TIME_FORMAT)
                    .addMember("iso", "$T.ISO.$L", DATE_TIME_FORMAT, s.kind() == ScalarKind.DATE ? "DATE" : "DATE_TIME")
                    .build());
        }
        BeanValidation.annotations(p.shape(), false, modelPackage).forEach(b::addAnnotation);
        return b.build();
    }

    private TypeSpec configuration(List<TagGroup> groups) {
        ClassName self = ClassName.get(serverPackage, "ApiWebConfiguration");
        ClassName errors = ClassName.get(serverPackage, "ApiExceptionHandler");
        ClassName responses = ClassName.get(serverPackage, "ApiResponseAdvice");
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
        MethodSpec.Builder formatters = MethodSpec.methodBuilder("addFormatters")
                .addAnnotation(Override.class)
                // parameters may be of enums the document deprecates
                .addAnnotation(ServerEmitter.suppressDeprecation())
                .addModifiers(Modifier.PUBLIC)
                .addParameter(FORMATTER_REGISTRY, "registry");
        for (ClassName e : enums.values()) {
            CodeBlock parsed = switch (models.enumValueKind(e)) {
                case INT -> CodeBlock.of("$T.valueOf(value)", Integer.class);
                case LONG -> CodeBlock.of("$T.valueOf(value)", Long.class);
                case DECIMAL -> CodeBlock.of("new $T(value)", java.math.BigDecimal.class);
                default -> CodeBlock.of("value");
            };
            formatters.addStatement(
                    "registry.addConverter($T.class, $T.class, value -> known($T.fromValue($L), $T.$L))",
                    String.class,
                    e,
                    e,
                    parsed,
                    e,
                    models.unknownConstant(e));
        }
        TypeVariableName t = TypeVariableName.get("E");
        MethodSpec known = MethodSpec.methodBuilder("known")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariable(t)
                .returns(t)
                .addParameter(t, "constant")
                .addParameter(t, "unknown")
                .beginControlFlow("if (constant == unknown)")
                .addStatement(
                        "throw new $T($S)", IllegalArgumentException.class, "not one of the values the API defines")
                .endControlFlow()
                .addStatement("return constant")
                .build();
        TypeSpec.Builder type = TypeSpec.classBuilder(self);
        boolean forms = groups.stream()
                .flatMap(g -> g.operations().stream())
                .anyMatch(op -> op.body() != null && op.body().form());
        if (forms) {
            type.addMethod(MethodSpec.methodBuilder("addArgumentResolvers")
                    .addJavadoc("Registers {@code ApiFormArgumentResolver}, which binds the form bodies to their"
                            + " records.\n")
                    .addAnnotation(Override.class)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(
                            JavaPoets.listOf(ClassName.get(
                                    "org.springframework.web.method.support", "HandlerMethodArgumentResolver")),
                            "resolvers")
                    .addStatement("resolvers.add(new $T())", ClassName.get(serverPackage, "ApiFormArgumentResolver"))
                    .build());
        }
        return type.addModifiers(Modifier.PUBLIC)
                .addAnnotation(JavaPoets.generated())
                .addAnnotation(AnnotationSpec.builder(CONFIGURATION)
                        .addMember("proxyBeanMethods", "false")
                        .build())
                .addAnnotation(AnnotationSpec.builder(IMPORT)
                        .addMember("value", "{$T.class, $T.class}", errors, responses)
                        .build())
                .addSuperinterface(WEB_MVC_CONFIGURER)
                .addJavadoc(
                        "Spring MVC support of the generated interfaces: import it ({@code"
                                + " @Import(ApiWebConfiguration.class)}) or let component scanning find it. Registers"
                                + " converters that read enum parameters by their API values (others answer 400), the"
                                + " JSON converter of the models,"
                                + " {@link $T}, which renders errors in the error envelope, and {@link $T}, which"
                                + " writes success bodies and pages.\n",
                        errors,
                        responses)
                .addMethod(MethodSpec.constructorBuilder()
                        .addJavadoc("Created by Spring.\n")
                        .addModifiers(Modifier.PUBLIC)
                        .build())
                .addField(ClassName.get(serverPackage, "Authenticator"), "authenticator", Modifier.PRIVATE)
                .addMethod(MethodSpec.methodBuilder("setAuthenticator")
                        .addJavadoc("The application's {@code Authenticator} bean, which decides on the credentials"
                                + " of the secured operations; required when the document secures any.\n\n"
                                + "@param value the authenticator\n")
                        .addAnnotation(AnnotationSpec.builder(
                                        ClassName.get("org.springframework.beans.factory.annotation", "Autowired"))
                                .addMember("required", "false")
                                .build())
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(ClassName.get(serverPackage, "Authenticator"), "value")
                        .addStatement("this.authenticator = value")
                        .build())
                .addField(ClassName.get(serverPackage, "RateLimiter"), "rateLimiter", Modifier.PRIVATE)
                .addMethod(MethodSpec.methodBuilder("setRateLimiter")
                        .addJavadoc("The application's {@code RateLimiter} bean, asked for every operation after"
                                + " authentication; without one nothing is limited.\n\n@param value the limiter\n")
                        .addAnnotation(AnnotationSpec.builder(
                                        ClassName.get("org.springframework.beans.factory.annotation", "Autowired"))
                                .addMember("required", "false")
                                .build())
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(ClassName.get(serverPackage, "RateLimiter"), "value")
                        .addStatement("this.rateLimiter = value")
                        .build())
                .addMethod(MethodSpec.methodBuilder("addInterceptors")
                        .addJavadoc("Registers {@code ApiSecurityInterceptor}, then (with a {@code RateLimiter} bean)"
                                + " {@code ApiRateLimitInterceptor}, so that the limiter sees the principal; fails"
                                + " naming the secured operations when there is no {@code Authenticator} bean.\n")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(
                                ClassName.get(
                                        "org.springframework.web.servlet.config.annotation", "InterceptorRegistry"),
                                "registry")
                        .beginControlFlow(
                                "if (authenticator == null && !$T.secured().isEmpty())",
                                ClassName.get(serverPackage, "ApiSecurity"))
                        .addStatement(
                                "throw new $T($S + $T.secured())",
                                IllegalStateException.class,
                                "no authenticator: declare an Authenticator bean for the secured operations ",
                                ClassName.get(serverPackage, "ApiSecurity"))
                        .endControlFlow()
                        .addStatement(
                                "registry.addInterceptor(new $T(authenticator, $S))",
                                ClassName.get(serverPackage, "ApiSecurityInterceptor"),
                                "api")
                        .beginControlFlow("if (rateLimiter != null)")
                        .addStatement(
                                "registry.addInterceptor(new $T(rateLimiter))",
                                ClassName.get(serverPackage, "ApiRateLimitInterceptor"))
                        .endControlFlow()
                        .build())
                .addMethod(formatters.build())
                .addMethod(MethodSpec.methodBuilder("extendMessageConverters")
                        .addJavadoc("Puts a Jackson 2 converter over {@code ApiJson.newMapper()}, which the models are"
                                + " written for, first: Spring Boot 4 defaults to Jackson 3.\n")
                        .addAnnotation(Override.class)
                        .addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                                .addMember("value", "{$S, $S}", "deprecation", "removal")
                                .build())
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(
                                JavaPoets.listOf(ParameterizedTypeName.get(
                                        HTTP_MESSAGE_CONVERTER,
                                        com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class))),
                                "converters")
                        .addStatement("converters.add(0, new $T($T.newMapper()))", JACKSON2_CONVERTER, apiJson)
                        .build())
                .addMethod(known)
                .build();
    }
}
