package backendkit.template.server;

import backendkit.template.model.ApiJson;
import backendkit.template.model.Violation;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;

/**
 * The exception mappers {@code ApiFeature} registers. Each renders its error as the error envelope
 * {@code {"error": {"code", "message", "details"}, "meta": {"requestId", "timestamp"}}}: {@code
 * ApiException} with its status; 400 VALIDATION_ERROR with each violated constraint and its field
 * path (JSON names: {@code tags[0].name}, or the parameter's name); 400 MALFORMED_JSON; 404, 405
 * (with {@code Allow}), 406, 415 and any other {@code WebApplicationException} with its status; 500
 * INTERNAL_ERROR that says only which request failed (the exception goes to the log, never to the
 * client).
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiExceptionMappers {

    private static final System.Logger LOG = System.getLogger(ApiExceptionMappers.class.getName());
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']*)'");
    private static final ObjectMapper MAPPER = ApiJson.newMapper();

    private ApiExceptionMappers() {}

    /** What every mapper shares: the request it answers. */
    abstract static class Base {

        @Context
        private HttpHeaders headers;

        @Context
        private UriInfo uri;

        Base() {}

        final String requestId() {
            return ApiResponseFilter.requestId(headers == null ? null : headers.getHeaderString("X-Request-Id"));
        }

        final String path() {
            try {
                return uri == null ? "?" : "/" + uri.getPath();
            } catch (RuntimeException e) {
                return "?";
            }
        }

        final Response validation(List<Violation> details) {
            return error(400, "VALIDATION_ERROR", "Request validation failed", details, null);
        }

        final Response error(int status, String code, String message, List<Violation> details, String allow) {
            String requestId = requestId();
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message);
            List<Map<String, String>> list = new ArrayList<>();
            for (Violation v : details) {
                Map<String, String> d = new LinkedHashMap<>();
                d.put("field", v.field());
                d.put("message", v.message());
                list.add(d);
            }
            error.put("details", list);
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("error", error);
            root.put("meta", ApiResponseFilter.meta(requestId));
            byte[] body;
            try {
                body = MAPPER.writeValueAsBytes(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the error envelope", e);
            }
            Response.ResponseBuilder r = Response.status(status)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Request-Id", requestId)
                    .entity(body);
            if (allow != null) {
                r.header(HttpHeaders.ALLOW, allow);
            }
            return r.build();
        }

        final Response json(JsonProcessingException e) {
            if (e instanceof JsonMappingException m) {
                return validation(List.of(violation(m)));
            }
            LOG.log(System.Logger.Level.DEBUG, "unreadable request body", e);
            return error(400, "MALFORMED_JSON", "request body is not valid JSON", List.of(), null);
        }
    }

    /** An error a handler chose. */
    public static final class Api extends Base implements ExceptionMapper<ApiException> {

        /** Created by the runtime. */
        public Api() {}

        @Override
        public Response toResponse(ApiException e) {
            if (e.body() != null) {
                // the body the document describes for the status, as JSON without the envelope
                byte[] body;
                try {
                    body = MAPPER.writeValueAsBytes(e.body());
                } catch (JsonProcessingException failure) {
                    LOG.log(System.Logger.Level.ERROR, "the error body cannot be written as JSON", failure);
                    return error(500, "INTERNAL_ERROR", "internal server error", List.of(), null);
                }
                return Response.status(e.status())
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .header("X-Request-Id", requestId())
                        .entity(body)
                        .build();
            }
            return error(e.status(), e.code(), e.getMessage(), e.details(), null);
        }
    }

    /** Constraints of parameters and bodies checked by the runtime's Bean Validation. */
    public static final class InvalidCall extends Base implements ExceptionMapper<ConstraintViolationException> {

        /** Created by the runtime. */
        public InvalidCall() {}

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Violation> details = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                details.add(new Violation(callPath(v), message(v.getMessage())));
            }
            details.sort((a, b) -> a.field().compareTo(b.field()));
            return validation(details);
        }
    }

    /** A JSON body that does not fit the model's types. */
    public static final class UnreadableJson extends Base implements ExceptionMapper<JsonMappingException> {

        /** Created by the runtime. */
        public UnreadableJson() {}

        @Override
        public Response toResponse(JsonMappingException e) {
            return json(e);
        }
    }

    /** A body that is not JSON. */
    public static final class UnparsableJson extends Base implements ExceptionMapper<JsonParseException> {

        /** Created by the runtime. */
        public UnparsableJson() {}

        @Override
        public Response toResponse(JsonParseException e) {
            return json(e);
        }
    }

    /** Any other failure of reading JSON. */
    public static final class MalformedJson extends Base implements ExceptionMapper<JsonProcessingException> {

        /** Created by the runtime. */
        public MalformedJson() {}

        @Override
        public Response toResponse(JsonProcessingException e) {
            return json(e);
        }
    }

    /** A body the runtime could not read. */
    public static final class Unprocessable extends Base implements ExceptionMapper<ProcessingException> {

        /** Created by the runtime. */
        public Unprocessable() {}

        @Override
        public Response toResponse(ProcessingException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof JsonProcessingException j) {
                    return json(j);
                }
            }
            LOG.log(System.Logger.Level.DEBUG, "unreadable request", e);
            return error(400, "MALFORMED_JSON", "request body is not valid JSON", List.of(), null);
        }
    }

    /** An error of the runtime: no resource, method not allowed, unsupported media type... */
    public static final class Web extends Base implements ExceptionMapper<WebApplicationException> {

        @Context
        private ResourceInfo resource;

        /** Created by the runtime. */
        public Web() {}

        @Override
        public Response toResponse(WebApplicationException e) {
            String parameter = parameterName(e);
            if (parameter != null) {
                Method method = null;
                try {
                    method = resource == null ? null : resource.getResourceMethod();
                } catch (RuntimeException outsideAResource) {
                    method = null;
                }
                return validation(List.of(new Violation(parameter, parameterMessage(e, method, parameter))));
            }
            if (e instanceof NotFoundException) {
                return error(404, "NOT_FOUND", "no resource at " + path(), List.of(), null);
            }
            if (e instanceof NotAllowedException) {
                Set<String> allowed = new TreeSet<>(e.getResponse().getAllowedMethods());
                String allow = String.join(", ", allowed);
                return error(
                        405,
                        "METHOD_NOT_ALLOWED",
                        "the method is not allowed here; allowed: " + allow,
                        List.of(),
                        allowed.isEmpty() ? null : allow);
            }
            if (e instanceof NotSupportedException) {
                return error(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Content-Type is not one the operation accepts",
                        List.of(),
                        null);
            }
            if (e instanceof NotAcceptableException) {
                return error(
                        406,
                        "NOT_ACCEPTABLE",
                        "the response cannot be sent as the Accept header asks",
                        List.of(),
                        null);
            }
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (status >= 500) {
                String requestId = requestId();
                LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed: " + path(), e);
                return error(
                        status, "INTERNAL_ERROR", "internal server error (request " + requestId + ")", List.of(), null);
            }
            Response.StatusType type = e.getResponse().getStatusInfo();
            String code = type.getReasonPhrase() == null
                    ? "HTTP_" + status
                    : type.getReasonPhrase().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            return error(
                    status,
                    code,
                    type.getReasonPhrase() == null ? "HTTP " + status : type.getReasonPhrase(),
                    List.of(),
                    null);
        }
    }

    /** Anything else: 500, logged with the request id, nothing about it sent. */
    public static final class Failure extends Base implements ExceptionMapper<Throwable> {

        /** Created by the runtime. */
        public Failure() {}

        @Override
        public Response toResponse(Throwable e) {
            String requestId = requestId();
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed: " + path(), e);
            return error(500, "INTERNAL_ERROR", "internal server error (request " + requestId + ")", List.of(), null);
        }
    }

    /**
     * The parameter a runtime's parameter error names ({@code getParameterName()}, as Jersey's {@code
     * ParamException} has), or null.
     */
    private static String parameterName(WebApplicationException e) {
        try {
            Method m = e.getClass().getMethod("getParameterName");
            Object name = m.invoke(e);
            return name == null ? null : String.valueOf(name);
        } catch (ReflectiveOperationException | RuntimeException notAParameterError) {
            return null;
        }
    }

    private static String parameterMessage(WebApplicationException e, Method method, String parameter) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (c instanceof IllegalArgumentException && m != null && m.startsWith("must be ")) {
                return m;
            }
        }
        if (method != null) {
            for (int i = 0; i < method.getParameterCount(); i++) {
                if (parameter.equals(parameterName(method, i))) {
                    Type type = method.getGenericParameterTypes()[i];
                    if (type instanceof ParameterizedType p
                            && p.getActualTypeArguments().length == 1
                            && p.getActualTypeArguments()[0] instanceof Class<?> item) {
                        return mustBe(item);
                    }
                    return mustBe(method.getParameterTypes()[i]);
                }
            }
        }
        return "has the wrong type";
    }

    private static String message(String message) {
        return message == null ? "is not valid" : message;
    }

    /** The path of a violation of method validation: the parameter's wire name, then the JSON path in it. */
    static String callPath(ConstraintViolation<?> v) {
        Object[] arguments = v.getExecutableParameters();
        String name = "";
        Object root = null;
        int skip = 0;
        Method method = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                method = findMethod(v.getRootBeanClass(), node.as(Path.MethodNode.class));
                skip++;
            } else if (node.getKind() == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                name = method == null ? node.getName() : parameterName(method, index);
                root = arguments == null || index >= arguments.length ? null : arguments[index];
                skip++;
                break;
            } else if (node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                skip++;
                break;
            } else {
                break;
            }
        }
        String rest = jsonPath(v.getPropertyPath(), root, skip);
        String path = join(name, rest);
        return path.isEmpty() ? "body" : path;
    }

    private static Method findMethod(Class<?> type, Path.MethodNode node) {
        try {
            return type.getMethod(node.getName(), node.getParameterTypes().toArray(new Class<?>[0]));
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The wire name of parameter {@code index} from its binding annotation, on the method or the
     * interface method it implements; empty for a body.
     */
    private static String parameterName(Method method, int index) {
        String name = bindingName(method, index);
        if (name != null) {
            return name;
        }
        for (Class<?> c = method.getDeclaringClass(); c != null; c = c.getSuperclass()) {
            name = fromInterfaces(c, method, index);
            if (name != null) {
                return name;
            }
        }
        return "";
    }

    private static String fromInterfaces(Class<?> type, Method method, int index) {
        for (Class<?> i : type.getInterfaces()) {
            try {
                String name = bindingName(i.getMethod(method.getName(), method.getParameterTypes()), index);
                if (name != null) {
                    return name;
                }
            } catch (NoSuchMethodException e) {
                // not declared here
            }
            String name = fromInterfaces(i, method, index);
            if (name != null) {
                return name;
            }
        }
        return null;
    }

    private static String bindingName(Method method, int index) {
        Annotation[][] all = method.getParameterAnnotations();
        if (index >= all.length) {
            return null;
        }
        for (Annotation a : all[index]) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
            if (a instanceof CookieParam c) {
                return c.value();
            }
        }
        return null;
    }

    /**
     * A Bean Validation property path in JSON terms: each property by its {@code @JsonProperty} name,
     * found on the value the path walks through, and list positions as {@code [i]}.
     */
    private static String jsonPath(Path path, Object root, int skip) {
        StringBuilder sb = new StringBuilder();
        Object current = root;
        int i = 0;
        for (Path.Node node : path) {
            if (i++ < skip) {
                continue;
            }
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    sb.append('[').append(node.getIndex()).append(']');
                    current =
                            current instanceof List<?> l && node.getIndex() < l.size() ? l.get(node.getIndex()) : null;
                } else if (node.getKey() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(node.getKey());
                    current = current instanceof Map<?, ?> m ? m.get(node.getKey()) : null;
                }
            }
            if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                String name = node.getName();
                Object next = null;
                if (current != null) {
                    Field f = field(current.getClass(), name);
                    if (f != null) {
                        JsonProperty p = f.getAnnotation(JsonProperty.class);
                        if (p != null && !p.value().isEmpty()) {
                            name = p.value();
                        }
                    }
                    next = read(current, node.getName());
                }
                sb.append(sb.isEmpty() ? "" : ".").append(name);
                current = next;
            }
        }
        return sb.toString();
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    private static Object read(Object value, String name) {
        if (value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                if (c.getName().equals(name)) {
                    try {
                        return c.getAccessor().invoke(value);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static String join(String parent, String child) {
        if (parent.isEmpty()) {
            return child;
        }
        if (child.isEmpty()) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    private static Violation violation(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        String path = sb.toString();
        if (e instanceof MismatchedInputException m) {
            Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(m.getOriginalMessage()));
            if (missing.find()) {
                List<JsonMappingException.Reference> refs = m.getPath();
                boolean named = !refs.isEmpty()
                        && missing.group(1).equals(refs.get(refs.size() - 1).getFieldName());
                String field =
                        named || path.isEmpty() ? (named ? path : missing.group(1)) : path + "." + missing.group(1);
                return new Violation(field, "is required");
            }
            return new Violation(path.isEmpty() ? "body" : path, mustBe(m.getTargetType()));
        }
        return new Violation(path.isEmpty() ? "body" : path, "does not match the schema");
    }

    /** What a value of {@code type} looks like. */
    private static String mustBe(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == Integer.class || type == int.class) {
            return "must be a 32-bit integer";
        }
        if (type == Long.class || type == long.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be a boolean (true or false)";
        }
        if (type == UUID.class) {
            return "must be a uuid";
        }
        if (type == LocalDate.class) {
            return "must be a date (YYYY-MM-DD)";
        }
        if (type == OffsetDateTime.class || type == Instant.class) {
            return "must be a date-time with offset (RFC 3339)";
        }
        if (type.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                try {
                    Object value = type.getMethod("value").invoke(constant);
                    if (value != null) {
                        values.add(String.valueOf(value));
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    values.add(String.valueOf(constant));
                }
            }
            return "must be one of " + values;
        }
        return "has the wrong type";
    }
}
