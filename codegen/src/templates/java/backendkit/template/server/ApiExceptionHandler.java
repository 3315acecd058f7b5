package backendkit.template.server;

import backendkit.template.model.Violation;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error as the error envelope {@code {"error": {"code", "message", "details"}, "meta":
 * {"requestId", "timestamp"}}}: {@code ApiException} with its status; 400 VALIDATION_ERROR with each
 * violated constraint and its field path (JSON names: {@code tags[0].name}, or the parameter's name);
 * 400 MALFORMED_JSON; 400 MALFORMED_FORM and 413 for multipart bodies the container refuses; 404,
 * 405 (with {@code Allow}), 406, 415; 500 INTERNAL_ERROR that says only which request failed (the
 * exception goes to the log, never to the client).
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final System.Logger LOG = System.getLogger(ApiExceptionHandler.class.getName());
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']*)'");

    /** Created by Spring. */
    public ApiExceptionHandler() {}

    /** An error a handler or the framework chose. */
    @ExceptionHandler(ApiException.class)
    public ResponseEntity<?> apiException(ApiException e, WebRequest request) {
        if (e.body() != null) {
            // the body the document describes for the status, as JSON without the envelope (written by
            // the models' converter ApiWebConfiguration registers)
            return ResponseEntity.status(e.status())
                    .header("X-Request-Id", requestId(request))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(e.body());
        }
        return error(e.status(), e.code(), e.getMessage(), e.details(), request, null);
    }

    /** A {@code @Valid} request body that breaks its schema's constraints. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Map<String, Object>> invalidBody(MethodArgumentNotValidException e, WebRequest request) {
        List<Violation> details = new ArrayList<>();
        for (ObjectError error : e.getBindingResult().getAllErrors()) {
            details.add(violation(error, "", e.getBindingResult().getTarget()));
        }
        return validation(details, request);
    }

    /** Constraints of parameters or bodies checked by Spring MVC's method validation. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Map<String, Object>> invalidMethod(HandlerMethodValidationException e, WebRequest request) {
        List<Violation> details = new ArrayList<>();
        for (var result : e.getParameterValidationResults()) {
            String name = parameterName(result.getMethodParameter());
            for (var error : result.getResolvableErrors()) {
                ConstraintViolation<?> v;
                try {
                    v = result.unwrap(error, ConstraintViolation.class);
                } catch (IllegalArgumentException notAViolation) {
                    v = null;
                }
                Path p = v == null ? null : v.getPropertyPath();
                String path = p == null ? name : join(name, jsonPath(p, result.getArgument(), executableNodes(p)));
                details.add(new Violation(path.isEmpty() ? "body" : path, message(error.getDefaultMessage())));
            }
        }
        return validation(details, request);
    }

    /** Constraints checked by {@code @Validated} method validation (an AOP proxy). */
    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Map<String, Object>> invalidCall(ConstraintViolationException e, WebRequest request) {
        List<Violation> details = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            details.add(new Violation(callPath(v), message(v.getMessage())));
        }
        details.sort((a, b) -> a.field().compareTo(b.field()));
        return validation(details, request);
    }

    /** A missing required query parameter. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Map<String, Object>> missingParameter(
            MissingServletRequestParameterException e, WebRequest request) {
        return validation(List.of(new Violation(e.getParameterName(), "is required")), request);
    }

    /** A missing required header. */
    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Map<String, Object>> missingHeader(MissingRequestHeaderException e, WebRequest request) {
        return validation(List.of(new Violation(e.getHeaderName(), "is required")), request);
    }

    /** A missing required cookie. */
    @ExceptionHandler(MissingRequestCookieException.class)
    public ResponseEntity<Map<String, Object>> missingCookie(MissingRequestCookieException e, WebRequest request) {
        return validation(List.of(new Violation(e.getCookieName(), "is required")), request);
    }

    /** A parameter that does not convert to its type (a word for a number, an unknown enum value...). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        String name = parameterName(e.getParameter());
        return validation(
                List.of(new Violation(name.isEmpty() ? e.getName() : name, mustBe(e.getRequiredType()))), request);
    }

    /** A body that is not JSON, does not fit the model's types, or is missing. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonMappingException m) {
            return validation(List.of(violation(m)), request);
        }
        String message = String.valueOf(e.getMessage());
        if (cause == null && message.startsWith("Required request body is missing")) {
            return validation(List.of(new Violation("body", "is required")), request);
        }
        LOG.log(System.Logger.Level.DEBUG, "unreadable request body", e);
        return error(400, "MALFORMED_JSON", "request body is not valid JSON", List.of(), request, null);
    }

    /** A multipart body beyond the container's limits ({@code spring.servlet.multipart.*}). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e, WebRequest request) {
        return error(413, "PAYLOAD_TOO_LARGE", "request body exceeds the upload limit", List.of(), request, null);
    }

    /** A multipart body the container cannot parse. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<Map<String, Object>> malformedMultipart(MultipartException e, WebRequest request) {
        LOG.log(System.Logger.Level.DEBUG, "unparsable multipart body", e);
        return error(400, "MALFORMED_FORM", "request body is not a valid multipart form", List.of(), request, null);
    }

    /** No mapping for the path. */
    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    public ResponseEntity<Map<String, Object>> notFound(Exception e, WebRequest request) {
        return error(404, "NOT_FOUND", "no resource at " + path(request), List.of(), request, null);
    }

    /** A path that is mapped for other methods. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> methodNotAllowed(
            HttpRequestMethodNotSupportedException e, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        List<String> allowed = new ArrayList<>();
        if (e.getSupportedHttpMethods() != null) {
            for (HttpMethod m : e.getSupportedHttpMethods()) {
                allowed.add(m.name());
            }
        }
        allowed.sort(null);
        if (!allowed.isEmpty()) {
            headers.set(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
        return error(
                405,
                "METHOD_NOT_ALLOWED",
                e.getMethod() + " is not allowed here; allowed: " + String.join(", ", allowed),
                List.of(),
                request,
                headers);
    }

    /** A body of a content type the operation does not declare. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> unsupported(HttpMediaTypeNotSupportedException e, WebRequest request) {
        return error(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be one of " + e.getSupportedMediaTypes()
                        + (e.getContentType() == null ? " (none was sent)" : " (was " + e.getContentType() + ")"),
                List.of(),
                request,
                null);
    }

    /** An {@code Accept} header the operation cannot satisfy. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Map<String, Object>> notAcceptable(
            HttpMediaTypeNotAcceptableException e, WebRequest request) {
        return error(
                406,
                "NOT_ACCEPTABLE",
                "the response can be sent as " + e.getSupportedMediaTypes(),
                List.of(),
                request,
                null);
    }

    /** Anything else: 500, logged with the request id, nothing about it sent. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> failure(Exception e, WebRequest request) {
        String requestId = requestId(request);
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " failed: " + path(request), e);
        return error(
                500, "INTERNAL_ERROR", "internal server error (request " + requestId + ")", List.of(), request, null);
    }

    private ResponseEntity<Map<String, Object>> validation(List<Violation> details, WebRequest request) {
        return error(400, "VALIDATION_ERROR", "Request validation failed", details, request, null);
    }

    private static ResponseEntity<Map<String, Object>> error(
            int status, String code, String message, List<Violation> details, WebRequest request, HttpHeaders extra) {
        String requestId = requestId(request);
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
        root.put("meta", meta(requestId));
        HttpHeaders headers = new HttpHeaders();
        if (extra != null) {
            headers.putAll(extra);
        }
        headers.set("X-Request-Id", requestId);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(root);
    }

    /** The {@code meta} object of an envelope. */
    static Map<String, Object> meta(String requestId) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("requestId", requestId);
        meta.put("timestamp", Instant.now().toString());
        return meta;
    }

    /** The caller's {@code X-Request-Id} when it is short and plain, otherwise a new one. */
    static String requestId(String given) {
        if (given != null && given.length() <= 128 && given.matches("[A-Za-z0-9._:-]+")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    private static String requestId(WebRequest request) {
        Object known =
                request.getAttribute(ApiExceptionHandler.class.getName() + ".requestId", WebRequest.SCOPE_REQUEST);
        if (known instanceof String s) {
            return s;
        }
        String id = requestId(request.getHeader("X-Request-Id"));
        request.setAttribute(ApiExceptionHandler.class.getName() + ".requestId", id, WebRequest.SCOPE_REQUEST);
        return id;
    }

    private static String path(WebRequest request) {
        String d = request.getDescription(false);
        return d.startsWith("uri=") ? d.substring(4) : d;
    }

    private static String message(String message) {
        return message == null ? "is not valid" : message;
    }

    private static Violation violation(ObjectError error, String prefix, Object root) {
        ConstraintViolation<?> v = unwrap(error);
        String path;
        if (v != null) {
            path = join(prefix, jsonPath(v.getPropertyPath(), root, 0));
        } else if (error instanceof FieldError f) {
            path = join(prefix, f.getField());
        } else {
            path = prefix;
        }
        return new Violation(path.isEmpty() ? "body" : path, message(error.getDefaultMessage()));
    }

    private static ConstraintViolation<?> unwrap(ObjectError error) {
        return error.contains(ConstraintViolation.class) ? error.unwrap(ConstraintViolation.class) : null;
    }

    /** The path of a violation of method validation: the parameter's wire name, then the JSON path in it. */
    private static String callPath(ConstraintViolation<?> v) {
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
                name = method == null
                        ? node.getName()
                        : parameterName(new AnnotatedMethod(method).getMethodParameters()[index]);
                root = arguments == null || index >= arguments.length ? null : arguments[index];
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

    /** The wire name of a handler parameter from its binding annotation; empty for a body. */
    private static String parameterName(MethodParameter p) {
        if (p == null) {
            return "";
        }
        RequestParam query = p.getParameterAnnotation(RequestParam.class);
        if (query != null) {
            return query.name();
        }
        PathVariable path = p.getParameterAnnotation(PathVariable.class);
        if (path != null) {
            return path.name();
        }
        RequestHeader header = p.getParameterAnnotation(RequestHeader.class);
        if (header != null) {
            return header.name();
        }
        CookieValue cookie = p.getParameterAnnotation(CookieValue.class);
        if (cookie != null) {
            return cookie.name();
        }
        return "";
    }

    /** How many nodes at the start of {@code path} name a method and its parameter. */
    private static int executableNodes(Path path) {
        int skip = 0;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                skip++;
            } else {
                break;
            }
        }
        return skip;
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
        if (type == OffsetDateTime.class) {
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
