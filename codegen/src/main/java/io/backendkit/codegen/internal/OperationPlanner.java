package io.backendkit.codegen.internal;

import com.palantir.javapoet.TypeName;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the document's paths into operations grouped by tag, with Java names and shapes. */
public final class OperationPlanner {

    private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");

    /** The operation extension that turns an array response into a {@code Page}. */
    static final String PAGINATION = "x-pagination";

    /** Method names every generated interface or class already has. */
    private static final Set<String> RESERVED_METHODS = Set.of(
            "hashCode",
            "toString",
            "equals",
            "getClass",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize",
            "register");

    /** Local variable names the generated route methods use. */
    private static final Set<String> RESERVED_LOCALS = Set.of("call", "violations", "result", "handler", "request");

    /** Support types of the server and client packages. */
    static final Set<String> SUPPORT_TYPES = Set.of(
            "ApiRouter",
            "ApiServer",
            "ApiException",
            "HttpSupport",
            "Route",
            "ApiClient",
            "ApiRequest",
            "ApiClientException");

    /** A path, query, header or cookie parameter. */
    record ParamDecl(
            String wireName,
            String javaName,
            String rawName,
            String in,
            Shape shape,
            boolean required,
            boolean explode,
            String description,
            String pointer) {

        /**
         * The Java type of the parameter in the handler interface and the client: a primitive for a
         * required integer, number or boolean (it cannot be null once validated), otherwise the
         * shape's (boxed) type, where null means absent.
         */
        TypeName javaType() {
            TypeName type = shape.type();
            if (required && shape instanceof Scalar s) {
                return switch (s.kind()) {
                    case INT, LONG, FLOAT, DOUBLE, BOOLEAN -> type.unbox();
                    default -> type;
                };
            }
            return type;
        }
    }

    /**
     * A request body: JSON (shape set), a form (shape and formFields set) or raw bytes (shape null).
     *
     * @param mediaTypes the declared media types; the first is what the client sends
     * @param formFields for a form body, each field's JSON name and kind as the generated {@code
     *     FormData} reads it ({@code string}, {@code integer}, {@code number}, {@code boolean},
     *     {@code file}, {@code bytes}, {@code json}, {@code array:<kind>}); null for other bodies
     */
    record BodyDecl(
            Shape shape,
            List<String> mediaTypes,
            boolean required,
            String javaName,
            String description,
            Map<String, String> formFields) {

        BodyDecl(Shape shape, List<String> mediaTypes, boolean required, String javaName, String description) {
            this(shape, mediaTypes, required, javaName, description, null);
        }

        /** Whether the body is a form bound to a generated record. */
        boolean form() {
            return formFields != null;
        }
    }

    /**
     * A documented response header.
     *
     * @param wireName the header's name as documented
     * @param javaName the record component and parameter name
     * @param shape a scalar shape (string where the schema is not a plain scalar)
     */
    record HeaderDecl(String wireName, String javaName, Shape shape, String description, boolean required) {}

    /**
     * One documented response with an exact status: JSON (shape set), raw bytes (raw, {@code binary}
     * when it is streamed: {@code application/octet-stream}, {@code image/*}, {@code format: binary}),
     * or nothing.
     */
    record StatusDecl(
            int status,
            String description,
            Shape shape,
            boolean raw,
            boolean binary,
            String mediaType,
            List<HeaderDecl> headers) {

        boolean isVoid() {
            return shape == null && !raw;
        }
    }

    /**
     * The success response: JSON (shape set), raw bytes (raw), or nothing (both unset).
     *
     * @param paged whether the operation returns a {@code Page} of the array's items ({@code
     *     x-pagination: true} on an operation whose response is an array)
     * @param choosable whether the handler should pick status and headers: the operation declares
     *     several success (2xx or 3xx) responses, or headers on the one it has
     * @param binary whether the raw body is streamed rather than held as bytes
     * @param statuses the documented 2xx and 3xx responses with exact codes, in document order; one
     *     of status {@code status} when none is
     * @param errors the documented 4xx and 5xx responses with a JSON body, status 0 for {@code
     *     default}
     */
    record ResponseDecl(
            int status,
            Shape shape,
            boolean raw,
            String mediaType,
            boolean paged,
            boolean choosable,
            boolean binary,
            List<StatusDecl> statuses,
            List<StatusDecl> errors) {
        ResponseDecl(int status, Shape shape, boolean raw, String mediaType, boolean paged) {
            this(status, shape, raw, mediaType, paged, false, false, List.of(), List.of());
        }

        /** A copy with {@code choosable} set. */
        ResponseDecl choosable(boolean value) {
            return new ResponseDecl(status, shape, raw, mediaType, paged, value, binary, statuses, errors);
        }

        /** A copy with {@code binary} set. */
        ResponseDecl binary(boolean value) {
            return new ResponseDecl(status, shape, raw, mediaType, paged, choosable, value, statuses, errors);
        }

        /** A copy with the documented responses. */
        ResponseDecl documented(List<StatusDecl> successes, List<StatusDecl> failures) {
            return new ResponseDecl(
                    status,
                    shape,
                    raw,
                    mediaType,
                    paged,
                    choosable,
                    binary,
                    List.copyOf(successes),
                    List.copyOf(failures));
        }

        boolean isVoid() {
            return shape == null && !raw;
        }
    }

    /** One operation. */
    record OperationDecl(
            String method,
            String path,
            String pointer,
            String methodName,
            String summary,
            String description,
            boolean deprecated,
            List<ParamDecl> params,
            BodyDecl body,
            ResponseDecl response) {}

    /** The operations of one tag: one handler interface, one routes class, one client. */
    record TagGroup(String tag, String baseName, String description, List<OperationDecl> operations) {
        String apiName() {
            return baseName + "Api";
        }

        String routesName() {
            return baseName + "Routes";
        }

        String clientName() {
            return baseName + "Client";
        }

        String fieldName() {
            String f = Names.memberName(baseName, "tag");
            return RESERVED_LOCALS.contains(f) || f.equals("mapper") || f.equals("envelope") || f.equals("basePath")
                    ? f + "Handler"
                    : f;
        }
    }

    private final OpenAPI api;
    private final ModelPlanner models;
    private final Findings findings;
    private final Map<String, TagGroup> groups = new LinkedHashMap<>();
    private final Map<String, Names.Scope> methodScopes = new LinkedHashMap<>();
    private final Map<String, String> firstOwner = new LinkedHashMap<>();
    private final Names.Scope groupNames = new Names.Scope(true);

    /** A planner over the document, sharing the model planner for inline schemas. */
    public OperationPlanner(OpenAPI api, ModelPlanner models, Findings findings) {
        this.api = api;
        this.models = models;
        this.findings = findings;
        SUPPORT_TYPES.forEach(groupNames::reserve);
    }

    /** Plans every operation; groups in order of first appearance. */
    public List<TagGroup> plan() {
        if (api.getPaths() == null) {
            return List.of();
        }
        Map<String, String> tagDescriptions = new LinkedHashMap<>();
        if (api.getTags() != null) {
            api.getTags().forEach(t -> tagDescriptions.put(t.getName(), t.getDescription()));
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            String path = e.getKey();
            PathItem item = e.getValue();
            if (item == null) {
                continue;
            }
            String pathPointer = "#/paths/" + Names.pointerEscape(path);
            if (item.get$ref() != null) {
                findings.warn("PATH_REF_UNRESOLVED", pathPointer, "path item $ref was not resolved; path skipped");
                continue;
            }
            for (Map.Entry<String, Operation> m : operations(item).entrySet()) {
                String pointer = pathPointer + "/" + m.getKey().toLowerCase(Locale.ROOT);
                Operation op = m.getValue();
                String tag = op.getTags() == null || op.getTags().isEmpty()
                        ? "default"
                        : op.getTags().get(0);
                TagGroup group = groups.computeIfAbsent(
                        tag,
                        t -> new TagGroup(
                                t,
                                groupNames.allocate(Names.typeName(t, "Tag")),
                                tagDescriptions.get(t),
                                new ArrayList<>()));
                group.operations().add(operation(group, m.getKey(), path, pointer, item, op));
            }
        }
        return List.copyOf(groups.values());
    }

    private static Map<String, Operation> operations(PathItem item) {
        Map<String, Operation> ops = new LinkedHashMap<>();
        put(ops, "GET", item.getGet());
        put(ops, "PUT", item.getPut());
        put(ops, "POST", item.getPost());
        put(ops, "DELETE", item.getDelete());
        put(ops, "OPTIONS", item.getOptions());
        put(ops, "HEAD", item.getHead());
        put(ops, "PATCH", item.getPatch());
        put(ops, "TRACE", item.getTrace());
        return ops;
    }

    private static void put(Map<String, Operation> ops, String method, Operation op) {
        if (op != null) {
            ops.put(method, op);
        }
    }

    private OperationDecl operation(
            TagGroup group, String method, String path, String pointer, PathItem item, Operation op) {
        String methodName = methodName(group, method, path, pointer, op);
        String hint = Names.typeName(methodName, "Operation");
        Names.Scope locals = new Names.Scope(false);
        RESERVED_LOCALS.forEach(locals::reserve);

        Map<String, Parameter> merged = new LinkedHashMap<>();
        Map<String, String> paramPointers = new LinkedHashMap<>();
        addParams(merged, paramPointers, item.getParameters(), "#/paths/" + Names.pointerEscape(path) + "/parameters");
        addParams(merged, paramPointers, op.getParameters(), pointer + "/parameters");

        List<ParamDecl> params = new ArrayList<>();
        List<String> templateNames = new ArrayList<>();
        Matcher tm = TEMPLATE_PARAM.matcher(path);
        while (tm.find()) {
            templateNames.add(tm.group(1));
        }
        // path parameters in template order first, then the rest in declaration order
        for (String name : templateNames) {
            Parameter p = merged.remove("path:" + name);
            if (p == null) {
                findings.warn(
                        "PATH_PARAM_UNDECLARED",
                        pointer,
                        "path parameter {" + name + "} is not declared; it is bound as a string");
                String javaName = locals.allocate(Names.memberName(name, "param"));
                params.add(new ParamDecl(
                        name,
                        javaName,
                        locals.allocate(javaName + "Raw"),
                        "path",
                        Shape.string(),
                        true,
                        false,
                        null,
                        pointer));
            } else {
                params.add(param(p, paramPointers.get("path:" + name), hint, locals, true));
            }
        }
        for (Map.Entry<String, Parameter> e : merged.entrySet()) {
            Parameter p = e.getValue();
            if ("path".equals(p.getIn())) {
                findings.warn(
                        "PATH_PARAM_UNUSED",
                        paramPointers.get(e.getKey()),
                        "path parameter '" + p.getName() + "' does not occur in the path template; it is ignored");
                continue;
            }
            params.add(param(p, paramPointers.get(e.getKey()), hint, locals, false));
        }

        BodyDecl body = body(op, pointer, hint, locals);
        ResponseDecl response =
                documented(op, pointer, hint, response(op, pointer, hint).choosable(choosable(op)));
        return new OperationDecl(
                method,
                path,
                pointer,
                methodName,
                op.getSummary(),
                op.getDescription(),
                Boolean.TRUE.equals(op.getDeprecated()),
                List.copyOf(params),
                body,
                response);
    }

    private String methodName(TagGroup group, String method, String path, String pointer, Operation op) {
        String desired;
        if (op.getOperationId() != null && !op.getOperationId().isBlank()) {
            desired = Names.memberName(op.getOperationId(), "operation");
        } else {
            StringBuilder sb = new StringBuilder(method.toLowerCase(Locale.ROOT));
            for (String segment : path.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                Matcher m = TEMPLATE_PARAM.matcher(segment);
                if (m.matches()) {
                    sb.append("By").append(Names.typeName(m.group(1), "Param"));
                } else {
                    sb.append(Names.typeName(segment, "Segment"));
                }
            }
            desired = Names.memberName(sb.toString(), "operation");
        }
        if (RESERVED_METHODS.contains(desired)) {
            desired = desired + "Operation";
        }
        Names.Scope scope = methodScopes.computeIfAbsent(group.tag(), t -> new Names.Scope(false));
        String name = desired;
        for (int n = 2; scope.isTaken(name) || scope.isTaken(name + "Async") || scope.isTaken(name + "Request"); n++) {
            name = desired + n;
        }
        scope.reserve(name);
        scope.reserve(name + "Async");
        scope.reserve(name + "Request");
        String key = group.tag() + "#" + name;
        if (!name.equals(desired)) {
            findings.warn(
                    "OPERATION_NAME_CLASH",
                    pointer,
                    "method name '" + desired + "' is already used in " + group.apiName() + " (by "
                            + firstOwner.get(group.tag() + "#" + desired) + "); this operation is named '" + name
                            + "'");
        }
        firstOwner.put(key, method + " " + path);
        return name;
    }

    private void addParams(
            Map<String, Parameter> merged, Map<String, String> pointers, List<Parameter> params, String pointer) {
        if (params == null) {
            return;
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = resolveParam(params.get(i), pointer + "/" + i);
            if (p == null || p.getName() == null || p.getIn() == null) {
                continue;
            }
            String key = p.getIn() + ":" + p.getName();
            merged.remove(key);
            merged.put(key, p);
            pointers.put(key, pointer + "/" + i);
        }
    }

    private Parameter resolveParam(Parameter p, String pointer) {
        if (p == null || p.get$ref() == null) {
            return p;
        }
        String ref = p.get$ref();
        String prefix = "#/components/parameters/";
        Parameter target = null;
        if (ref.startsWith(prefix)
                && api.getComponents() != null
                && api.getComponents().getParameters() != null) {
            target = api.getComponents().getParameters().get(ref.substring(prefix.length()));
        }
        if (target == null) {
            throw findings.error(pointer, "$ref '" + ref + "' points to nothing");
        }
        return target;
    }

    private ParamDecl param(Parameter p, String pointer, String hint, Names.Scope locals, boolean path) {
        Schema<?> schema = p.getSchema();
        if (schema == null && p.getContent() != null && !p.getContent().isEmpty()) {
            findings.info(
                    "PARAM_CONTENT_AS_STRING",
                    pointer,
                    "parameter '" + p.getName() + "' is described by content; it is bound as its raw string");
        }
        Shape shape = schema == null
                ? Shape.string()
                : models.shapeOf(schema, hint + Names.typeName(p.getName(), "Param"), pointer + "/schema");
        if (!bindable(shape)) {
            findings.info(
                    "PARAM_AS_STRING",
                    pointer,
                    "parameter '" + p.getName() + "' has a structured schema; it is bound as its raw string");
            shape = Shape.string();
        }
        String in = p.getIn();
        boolean explode = p.getExplode() != null ? p.getExplode() : ("query".equals(in) || "cookie".equals(in));
        String javaName = locals.allocate(Names.memberName(p.getName(), "param"));
        return new ParamDecl(
                p.getName(),
                javaName,
                locals.allocate(javaName + "Raw"),
                in,
                shape,
                path || Boolean.TRUE.equals(p.getRequired()),
                explode,
                p.getDescription(),
                pointer);
    }

    private static boolean bindable(Shape shape) {
        return switch (shape) {
            case Scalar s -> s.kind() != ScalarKind.ANY && s.kind() != ScalarKind.BYTES;
            case Named n -> n.kind() == NamedKind.ENUM;
            case ListOf l -> !(l.item() instanceof ListOf) && bindable(l.item());
            default -> false;
        };
    }

    private BodyDecl body(Operation op, String pointer, String hint, Names.Scope locals) {
        RequestBody rb = op.getRequestBody();
        if (rb != null && rb.get$ref() != null) {
            String prefix = "#/components/requestBodies/";
            RequestBody target = null;
            if (rb.get$ref().startsWith(prefix)
                    && api.getComponents() != null
                    && api.getComponents().getRequestBodies() != null) {
                target = api.getComponents().getRequestBodies().get(rb.get$ref().substring(prefix.length()));
            }
            if (target == null) {
                throw findings.error(pointer + "/requestBody", "$ref '" + rb.get$ref() + "' points to nothing");
            }
            rb = target;
        }
        if (rb == null || rb.getContent() == null || rb.getContent().isEmpty()) {
            return null;
        }
        Content content = rb.getContent();
        String json = jsonMediaType(content);
        String javaName = locals.allocate("body");
        boolean required = Boolean.TRUE.equals(rb.getRequired());
        if (json != null) {
            MediaType mt = content.get(json);
            Shape shape = models.shapeOf(
                    mt.getSchema(),
                    hint + "Request",
                    pointer + "/requestBody/content/" + Names.pointerEscape(json) + "/schema");
            List<String> jsonTypes =
                    content.keySet().stream().filter(OperationPlanner::isJson).toList();
            return new BodyDecl(shape, jsonTypes, required, javaName, rb.getDescription());
        }
        BodyDecl form = formBody(content, pointer, hint, required, javaName, rb.getDescription());
        if (form != null) {
            return form;
        }
        return new BodyDecl(null, List.copyOf(content.keySet()), required, javaName, rb.getDescription());
    }

    /**
     * A body whose media types are all forms, bound to the record of its schema; null (raw bytes,
     * with a FORM_BODY_RAW finding where a form is declared) when it cannot be bound.
     */
    private BodyDecl formBody(
            Content content, String pointer, String hint, boolean required, String javaName, String description) {
        List<String> forms =
                content.keySet().stream().filter(OperationPlanner::isForm).toList();
        if (forms.isEmpty()) {
            return null;
        }
        String at = pointer + "/requestBody/content/" + Names.pointerEscape(forms.get(0));
        if (forms.size() < content.size()) {
            findings.warn(
                    "FORM_BODY_RAW",
                    at,
                    "form body declared beside other media types " + content.keySet()
                            + ": the handler receives the raw bytes, unvalidated");
            return null;
        }
        Schema<?> schema = content.get(forms.get(0)).getSchema();
        Shape shape = schema == null ? null : models.formShapeOf(schema, hint + "Request", at + "/schema");
        ModelDecl decl = shape instanceof Named n && n.kind() == NamedKind.RECORD ? models.decl(n.type()) : null;
        if (!(decl instanceof ModelDecl.RecordDecl record)) {
            findings.warn(
                    "FORM_BODY_RAW",
                    at,
                    "form body whose schema is not an object with properties: the handler receives the raw"
                            + " bytes, unvalidated");
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> asJson = new ArrayList<>();
        for (ModelDecl.Field f : record.fields) {
            String kind = formKind(f.shape(), true);
            if (kind.equals("json")) {
                asJson.add(f.jsonName());
            }
            fields.put(f.jsonName(), kind);
        }
        if (!asJson.isEmpty()
                && !forms.stream().allMatch(mt -> mt.toLowerCase(Locale.ROOT).startsWith("multipart/"))) {
            // multipart parts of objects are JSON by the OpenAPI default; urlencoded has no such default
            findings.warn(
                    "FORM_FIELD_AS_JSON",
                    at + "/schema",
                    "structured form field(s) " + asJson + " are read and written as JSON text, not in"
                            + " deepObject (a[b]=c) style");
        }
        return new BodyDecl(
                shape, forms, required, javaName, description, java.util.Collections.unmodifiableMap(fields));
    }

    private String formKind(Shape shape, boolean top) {
        return switch (shape) {
            case Scalar s ->
                switch (s.kind()) {
                    case INT, LONG -> "integer";
                    case FLOAT, DOUBLE, DECIMAL -> "number";
                    case BOOLEAN -> "boolean";
                    case BYTES -> "bytes";
                    default -> "string";
                };
            case Named n when n.type().equals(models.fileUpload()) -> "file";
            case Named n
            when n.kind() == NamedKind.ENUM && models.decl(n.type()) instanceof ModelDecl.EnumDecl e ->
                switch (e.valueKind) {
                    case INT, LONG -> "integer";
                    case DECIMAL -> "number";
                    default -> "string";
                };
            case ListOf l
            when top -> {
                String item = formKind(l.item(), false);
                yield item.equals("json") ? "json" : "array:" + item;
            }
            default -> "json";
        };
    }

    static boolean isForm(String mediaType) {
        String mt = mediaType.toLowerCase(Locale.ROOT);
        int semi = mt.indexOf(';');
        if (semi >= 0) {
            mt = mt.substring(0, semi).trim();
        }
        return mt.equals("application/x-www-form-urlencoded") || mt.equals("multipart/form-data");
    }

    private ResponseDecl response(Operation op, String pointer, String hint) {
        Object pagination =
                op.getExtensions() == null ? null : op.getExtensions().get(PAGINATION);
        boolean wantsPages = Boolean.TRUE.equals(pagination);
        if (pagination != null && !(pagination instanceof Boolean)) {
            findings.warn(
                    "PAGINATION_IGNORED",
                    pointer + "/" + PAGINATION,
                    PAGINATION + " must be true or false (was '" + pagination + "'); the operation is not paged");
        }
        if (op.getResponses() == null || op.getResponses().isEmpty()) {
            notPageable(wantsPages, pointer, "has no responses");
            return new ResponseDecl(200, null, false, null, false);
        }
        String chosen = null;
        int status = 200;
        for (String code : op.getResponses().keySet()) {
            if (code.length() == 3 && code.charAt(0) == '2' && code.chars().allMatch(Character::isDigit)) {
                int c = Integer.parseInt(code);
                if (chosen == null || c < status || !Character.isDigit(chosen.charAt(1))) {
                    chosen = code;
                    status = c;
                }
            } else if (code.equalsIgnoreCase("2XX") && chosen == null) {
                chosen = code;
                status = 200;
            }
        }
        if (chosen == null && op.getResponses().containsKey("default")) {
            chosen = "default";
            status = 200;
        }
        if (chosen == null) {
            notPageable(wantsPages, pointer, "has no success response");
            return new ResponseDecl(200, null, false, null, false);
        }
        ApiResponse r = op.getResponses().get(chosen);
        if (r != null && r.get$ref() != null) {
            String prefix = "#/components/responses/";
            ApiResponse target = null;
            if (r.get$ref().startsWith(prefix)
                    && api.getComponents() != null
                    && api.getComponents().getResponses() != null) {
                target = api.getComponents().getResponses().get(r.get$ref().substring(prefix.length()));
            }
            if (target == null) {
                throw findings.error(pointer + "/responses/" + chosen, "$ref '" + r.get$ref() + "' points to nothing");
            }
            r = target;
        }
        if (r == null || r.getContent() == null || r.getContent().isEmpty() || status == 204) {
            notPageable(wantsPages, pointer, "has no response body");
            return new ResponseDecl(status, null, false, null, false);
        }
        String json = jsonMediaType(r.getContent());
        if (json != null) {
            Schema<?> schema = r.getContent().get(json).getSchema();
            Shape shape = schema == null
                    ? Shape.any()
                    : models.shapeOf(
                            schema,
                            hint + "Response",
                            pointer + "/responses/" + chosen + "/content/" + Names.pointerEscape(json) + "/schema");
            boolean paged = wantsPages && shape instanceof ListOf;
            if (!paged) {
                notPageable(wantsPages, pointer, "does not answer with a JSON array");
            }
            return new ResponseDecl(status, shape, false, json, paged);
        }
        String first = r.getContent().keySet().iterator().next();
        notPageable(wantsPages, pointer, "does not answer with JSON");
        return new ResponseDecl(status, null, true, first, false)
                .binary(isBinary(first, r.getContent().get(first)));
    }

    /** Whether a raw body of {@code mediaType} is binary: streamed, not held as bytes. */
    static boolean isBinary(String mediaType, MediaType content) {
        String mt = mediaType.toLowerCase(Locale.ROOT);
        int semi = mt.indexOf(';');
        if (semi >= 0) {
            mt = mt.substring(0, semi).trim();
        }
        if (mt.equals("application/octet-stream")
                || mt.startsWith("image/")
                || mt.startsWith("audio/")
                || mt.startsWith("video/")
                || mt.equals("application/pdf")
                || mt.equals("application/zip")) {
            return true;
        }
        Schema<?> schema = content == null ? null : content.getSchema();
        return schema != null && "binary".equals(schema.getFormat());
    }

    private ApiResponse resolveResponse(ApiResponse r, String pointer) {
        if (r == null || r.get$ref() == null) {
            return r;
        }
        String prefix = "#/components/responses/";
        ApiResponse target = null;
        if (r.get$ref().startsWith(prefix)
                && api.getComponents() != null
                && api.getComponents().getResponses() != null) {
            target = api.getComponents().getResponses().get(r.get$ref().substring(prefix.length()));
        }
        if (target == null) {
            throw findings.error(pointer, "$ref '" + r.get$ref() + "' points to nothing");
        }
        return target;
    }

    /**
     * {@code decl} with the documented responses: every exact 2xx and 3xx status with its body and
     * headers, and every 4xx, 5xx and {@code default} response with a JSON body.
     */
    private ResponseDecl documented(Operation op, String pointer, String hint, ResponseDecl decl) {
        List<StatusDecl> successes = new ArrayList<>();
        List<StatusDecl> failures = new ArrayList<>();
        if (op.getResponses() != null) {
            for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
                String code = e.getKey();
                boolean exact = code.length() == 3 && code.chars().allMatch(Character::isDigit);
                boolean isDefault = code.equals("default");
                if (!exact && !isDefault) {
                    continue;
                }
                int status = isDefault ? 0 : Integer.parseInt(code);
                String at = pointer + "/responses/" + code;
                ApiResponse r = resolveResponse(e.getValue(), at);
                if (r == null) {
                    continue;
                }
                if (status >= 200 && status < 400) {
                    successes.add(success(status, r, at, hint, decl));
                } else if (status == 0 || status >= 400) {
                    StatusDecl failure = failure(status, r, at, hint);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        }
        if (successes.isEmpty()) {
            successes.add(
                    0,
                    new StatusDecl(
                            decl.status(), null, decl.shape(), decl.raw(), decl.binary(), decl.mediaType(), List.of()));
        }
        return decl.documented(successes, failures);
    }

    private StatusDecl success(int status, ApiResponse r, String at, String hint, ResponseDecl decl) {
        List<HeaderDecl> headers = headers(r, at, hint);
        if (status == decl.status()) {
            return new StatusDecl(
                    status, r.getDescription(), decl.shape(), decl.raw(), decl.binary(), decl.mediaType(), headers);
        }
        if (r.getContent() == null || r.getContent().isEmpty() || status == 204 || status == 304) {
            return new StatusDecl(status, r.getDescription(), null, false, false, null, headers);
        }
        String json = jsonMediaType(r.getContent());
        if (json != null) {
            Schema<?> schema = r.getContent().get(json).getSchema();
            Shape shape = schema == null
                    ? Shape.any()
                    : models.shapeOf(
                            schema,
                            hint + "Response" + status,
                            at + "/content/" + Names.pointerEscape(json) + "/schema");
            return new StatusDecl(status, r.getDescription(), shape, false, false, json, headers);
        }
        String first = r.getContent().keySet().iterator().next();
        return new StatusDecl(
                status,
                r.getDescription(),
                null,
                true,
                isBinary(first, r.getContent().get(first)),
                first,
                headers);
    }

    private StatusDecl failure(int status, ApiResponse r, String at, String hint) {
        if (r.getContent() == null) {
            return null;
        }
        String json = jsonMediaType(r.getContent());
        Schema<?> schema = json == null ? null : r.getContent().get(json).getSchema();
        if (schema == null) {
            return null;
        }
        Shape shape = models.shapeOf(
                schema,
                hint + (status == 0 ? "DefaultError" : "Error" + status),
                at + "/content/" + Names.pointerEscape(json) + "/schema");
        return new StatusDecl(status, r.getDescription(), shape, false, false, json, List.of());
    }

    /** The names every result record has already. */
    private static final Set<String> RESULT_MEMBERS = Set.of(
            "body", "headers", "status", "hashCode", "toString", "equals", "getClass", "notify", "notifyAll", "wait");

    /** Headers that the server sets itself; documenting them gives the handler nothing to choose. */
    private static final Set<String> FRAMING_HEADERS = Set.of("content-type", "content-length", "transfer-encoding");

    /** The one type a schema names (3.0 {@code type} or a 3.1 {@code type} list), or "" for none or several. */
    private static String scalarType(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            List<String> types =
                    schema.getTypes().stream().filter(t -> !"null".equals(t)).toList();
            return types.size() == 1 ? types.get(0) : "";
        }
        return "";
    }

    private List<HeaderDecl> headers(ApiResponse r, String at, String hint) {
        if (r.getHeaders() == null || r.getHeaders().isEmpty()) {
            return List.of();
        }
        Names.Scope names = new Names.Scope(false);
        RESULT_MEMBERS.forEach(names::reserve);
        List<HeaderDecl> out = new ArrayList<>();
        for (Map.Entry<String, io.swagger.v3.oas.models.headers.Header> e :
                r.getHeaders().entrySet()) {
            String name = e.getKey();
            io.swagger.v3.oas.models.headers.Header h = e.getValue();
            if (name == null || FRAMING_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || h == null) {
                continue;
            }
            if (h.get$ref() != null) {
                String prefix = "#/components/headers/";
                h = h.get$ref().startsWith(prefix)
                                && api.getComponents() != null
                                && api.getComponents().getHeaders() != null
                        ? api.getComponents().getHeaders().get(h.get$ref().substring(prefix.length()))
                        : null;
                if (h == null) {
                    findings.warn(
                            "HEADER_REF_UNRESOLVED",
                            at + "/headers/" + Names.pointerEscape(name),
                            "header $ref was not resolved; the header is a string");
                    h = new io.swagger.v3.oas.models.headers.Header();
                }
            }
            Schema<?> schema = h.getSchema();
            Shape shape = Shape.string();
            if (schema != null
                    && schema.get$ref() == null
                    && (schema.getEnum() == null || schema.getEnum().isEmpty())
                    && Set.of("string", "integer", "number", "boolean").contains(scalarType(schema))) {
                Shape planned = models.shapeOf(
                        schema,
                        hint + "Header" + Names.typeName(name, "Header"),
                        at + "/headers/" + Names.pointerEscape(name) + "/schema");
                if (planned instanceof Scalar s && s.kind() != ScalarKind.ANY && s.kind() != ScalarKind.BYTES) {
                    shape = planned;
                }
            }
            out.add(new HeaderDecl(
                    name,
                    names.allocate(Names.memberName(name, "header")),
                    shape,
                    h.getDescription(),
                    Boolean.TRUE.equals(h.getRequired())));
        }
        return List.copyOf(out);
    }

    /**
     * Whether {@code op} declares more than one success (2xx, or exact 3xx) response, or headers on
     * one.
     */
    private boolean choosable(Operation op) {
        if (op.getResponses() == null) {
            return false;
        }
        int successes = 0;
        boolean headers = false;
        for (Map.Entry<String, ApiResponse> e : op.getResponses().entrySet()) {
            String code = e.getKey();
            boolean redirect =
                    code.length() == 3 && code.charAt(0) == '3' && code.chars().allMatch(Character::isDigit);
            if (code.length() != 3 || (code.charAt(0) != '2' && !redirect)) {
                continue;
            }
            successes++;
            ApiResponse r = e.getValue();
            if (r != null
                    && r.get$ref() != null
                    && r.get$ref().startsWith("#/components/responses/")
                    && api.getComponents() != null
                    && api.getComponents().getResponses() != null) {
                r = api.getComponents().getResponses().get(r.get$ref().substring("#/components/responses/".length()));
            }
            headers |= r != null && r.getHeaders() != null && !r.getHeaders().isEmpty();
        }
        return successes > 1 || headers;
    }

    private void notPageable(boolean wantsPages, String pointer, String why) {
        if (wantsPages) {
            findings.warn(
                    "PAGINATION_IGNORED",
                    pointer + "/" + PAGINATION,
                    PAGINATION + ": true needs a JSON array as the success response; this operation " + why
                            + ", so it is not paged");
        }
    }

    private static String jsonMediaType(Content content) {
        for (String mt : content.keySet()) {
            if (isJson(mt)) {
                return mt;
            }
        }
        return null;
    }

    static boolean isJson(String mediaType) {
        String mt = mediaType.toLowerCase(Locale.ROOT);
        int semi = mt.indexOf(';');
        if (semi >= 0) {
            mt = mt.substring(0, semi).trim();
        }
        return mt.equals("application/json") || mt.endsWith("+json") || mt.equals("text/json");
    }
}
