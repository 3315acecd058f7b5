package backendkit.template.server;

import backendkit.template.model.Page;
import backendkit.template.model.Validation;
import backendkit.template.model.Violation;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;

/** The request plumbing the generated routes share: dispatch, binding, conversion, envelopes. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class HttpSupport {

    private static final System.Logger LOG = System.getLogger(HttpSupport.class.getName());
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final String PAGINATION_HEADER = "X-Pagination";
    /** Decimal digits with an optional minus: no plus sign, no spaces, no control characters. */
    private static final Pattern STRICT_INTEGER = Pattern.compile("-?[0-9]+");
    /** A JSON number's syntax. */
    private static final Pattern STRICT_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']*)'");

    private HttpSupport() {}

    /**
     * Serves one exchange: finds the route by path and method (404, 405 with {@code Allow}), runs
     * it, and turns exceptions into error envelopes (never a stack trace: 500 says only that
     * something failed, with the request id to look for in the logs).
     */
    public static void dispatch(
            HttpExchange exchange, List<Route> routes, String basePath, ObjectMapper mapper, boolean envelope) {
        String requestId = requestId(exchange);
        Call call = null;
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (!basePath.isEmpty()) {
                if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
                    throw new ApiException(404, "NOT_FOUND", "no resource at " + path);
                }
                path = path.substring(basePath.length());
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Set<String> allowed = new TreeSet<>();
            for (Route route : routes) {
                Matcher matcher = route.pattern().matcher(path);
                if (!matcher.matches()) {
                    continue;
                }
                if (!route.method().equals(method)) {
                    allowed.add(route.method());
                    continue;
                }
                call = new Call(exchange, matcher, mapper, envelope, requestId);
                route.handler().handle(call);
                if (!call.responded) {
                    call.respondEmpty(204);
                }
                return;
            }
            if (!allowed.isEmpty()) {
                exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
                throw new ApiException(
                        405,
                        "METHOD_NOT_ALLOWED",
                        method + " is not allowed here; allowed: " + String.join(", ", allowed));
            }
            throw new ApiException(
                    404,
                    "NOT_FOUND",
                    "no resource at " + exchange.getRequestURI().getRawPath());
        } catch (ApiException e) {
            if (e.body() != null) {
                writeBody(exchange, mapper, requestId, e.status(), e.body(), call);
                return;
            }
            writeError(exchange, mapper, requestId, e.status(), e.code(), e.getMessage(), e.details(), call);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + requestId + " failed: " + exchange.getRequestMethod() + " " + exchange.getRequestURI(),
                    e);
            writeError(
                    exchange,
                    mapper,
                    requestId,
                    500,
                    "INTERNAL_ERROR",
                    "internal server error (request " + requestId + ")",
                    List.of(),
                    call);
        } finally {
            exchange.close();
        }
    }

    private static String requestId(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (given != null && given.length() <= 128 && given.matches("[A-Za-z0-9._:-]+")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    private static void writeError(
            HttpExchange exchange,
            ObjectMapper mapper,
            String requestId,
            int status,
            String code,
            String message,
            List<Violation> details,
            Call call) {
        if (call != null && call.responded) {
            return;
        }
        try {
            ObjectNode root = mapper.createObjectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", code);
            error.put("message", message);
            var array = error.putArray("details");
            for (Violation v : details) {
                array.addObject().put("field", v.field()).put("message", v.message());
            }
            meta(root, requestId);
            send(exchange, status, mapper.writeValueAsBytes(root), "application/json", requestId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not write error response for request " + requestId, e);
        }
    }

    /** An error response whose body the handler chose (the document's error schema): JSON, no envelope. */
    private static void writeBody(
            HttpExchange exchange, ObjectMapper mapper, String requestId, int status, Object body, Call call) {
        if (call != null && call.responded) {
            return;
        }
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "request " + requestId + ": the error body cannot be written as JSON",
                    e);
            writeError(
                    exchange,
                    mapper,
                    requestId,
                    500,
                    "INTERNAL_ERROR",
                    "internal server error (request " + requestId + ")",
                    List.of(),
                    call);
            return;
        }
        try {
            send(exchange, status, bytes, "application/json", requestId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not write error response for request " + requestId, e);
        }
    }

    /** A header name: an RFC 9110 token. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the server frames the body with; a handler cannot set them. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");
    /** The attribute telling the server that a response broke off: the connection is dropped, not reused. */
    static final String ABORTED = "io.backendkit.response.aborted";

    private static void meta(ObjectNode root, String requestId) {
        root.putObject("meta")
                .put("requestId", requestId)
                .put("timestamp", Instant.now().toString());
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType, String requestId)
            throws IOException {
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Splits a raw query string into decoded names and values, in order. */
    static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /** Percent-decoding; {@code +} is a space only in queries. Malformed escapes are kept as written. */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%'
                    && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    b = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** One request being served: bound input, collected violations, the response. Not thread-safe. */
    public static final class Call {

        private final HttpExchange exchange;
        private final Matcher path;
        private final ObjectMapper mapper;
        private final boolean envelope;
        private final String requestId;
        private final List<Violation> violations = new ArrayList<>();
        private Map<String, List<String>> query;
        private Map<String, String> cookies;
        private boolean responded;

        Call(HttpExchange exchange, Matcher path, ObjectMapper mapper, boolean envelope, String requestId) {
            this.exchange = exchange;
            this.path = path;
            this.mapper = mapper;
            this.envelope = envelope;
            this.requestId = requestId;
        }

        /** The underlying exchange, for headers the document does not describe. */
        public HttpExchange exchange() {
            return exchange;
        }

        /** The request id sent back in {@code X-Request-Id} and {@code meta.requestId}. */
        public String requestId() {
            return requestId;
        }

        /** The violations found so far; generated code adds to it. */
        public List<Violation> violations() {
            return violations;
        }

        /** The decoded value of the path template's parameter {@code index} (0-based). */
        public String path(int index) {
            return decode(path.group(index + 1), false);
        }

        /** The comma-separated values of the path template's parameter {@code index}. */
        public List<String> pathList(int index) {
            return split(path(index));
        }

        /** The first value of query parameter {@code name}, or null. */
        public String query(String name) {
            List<String> values = queryValues().get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The values of array query parameter {@code name}: repeated ({@code explode}) or comma-separated. */
        public List<String> queryList(String name, boolean explode) {
            List<String> values = queryValues().get(name);
            if (values == null) {
                return null;
            }
            if (explode) {
                return values;
            }
            return split(values.get(0));
        }

        /** The value of header {@code name}, or null. */
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        /** The comma-separated values of header {@code name}, or null. */
        public List<String> headerList(String name) {
            String value = header(name);
            return value == null ? null : split(value);
        }

        /** The value of cookie {@code name}, or null. */
        public String cookie(String name) {
            if (cookies == null) {
                cookies = new LinkedHashMap<>();
                List<String> headers = exchange.getRequestHeaders().get("Cookie");
                if (headers != null) {
                    for (String header : headers) {
                        for (String part : header.split(";")) {
                            int eq = part.indexOf('=');
                            if (eq > 0) {
                                cookies.putIfAbsent(
                                        part.substring(0, eq).trim(),
                                        part.substring(eq + 1).trim());
                            }
                        }
                    }
                }
            }
            return cookies.get(name);
        }

        /** The comma-separated values of cookie {@code name}, or null. */
        public List<String> cookieList(String name) {
            String value = cookie(name);
            return value == null ? null : split(value);
        }

        private Map<String, List<String>> queryValues() {
            if (query == null) {
                query = parseQuery(exchange.getRequestURI().getRawQuery());
            }
            return query;
        }

        private static List<String> split(String value) {
            if (value.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                out.add(part.trim());
            }
            return out;
        }

        /** Adds "is required" for {@code field} when {@code raw} is null. */
        public void require(Object raw, String field) {
            if (raw == null) {
                violations.add(new Violation(field, "is required"));
            }
        }

        /** Converts each raw value; null for a null list. */
        public <T> List<T> each(List<String> raws, String field, BiFunction<String, String, T> convert) {
            if (raws == null) {
                return null;
            }
            List<T> out = new ArrayList<>(raws.size());
            for (int i = 0; i < raws.size(); i++) {
                out.add(convert.apply(raws.get(i), Validation.index(field, i)));
            }
            return out;
        }

        private <T> T invalid(String field, Class<?> type) {
            violations.add(new Violation(field, mustBe(type)));
            return null;
        }

        /** The raw value itself. */
        public String toText(String raw, String field) {
            return raw;
        }

        /** An int32, or null with a violation. */
        public Integer toInteger(String raw, String field) {
            if (raw == null) {
                return null;
            }
            if (!STRICT_INTEGER.matcher(raw).matches()) {
                return invalid(field, Integer.class);
            }
            try {
                return Integer.valueOf(raw);
            } catch (NumberFormatException e) {
                return invalid(field, Integer.class);
            }
        }

        /** An int64, or null with a violation. */
        public Long toLong(String raw, String field) {
            if (raw == null) {
                return null;
            }
            if (!STRICT_INTEGER.matcher(raw).matches()) {
                return invalid(field, Long.class);
            }
            try {
                return Long.valueOf(raw);
            } catch (NumberFormatException e) {
                return invalid(field, Long.class);
            }
        }

        /** A float, or null with a violation. */
        public Float toFloat(String raw, String field) {
            Double d = toDouble(raw, field);
            return d == null ? null : d.floatValue();
        }

        /** A double, or null with a violation. */
        public Double toDouble(String raw, String field) {
            if (raw == null) {
                return null;
            }
            if (!STRICT_NUMBER.matcher(raw).matches()) {
                return invalid(field, Double.class);
            }
            try {
                double d = Double.parseDouble(raw);
                return Double.isFinite(d) ? d : invalid(field, Double.class);
            } catch (NumberFormatException e) {
                return invalid(field, Double.class);
            }
        }

        /** A decimal, or null with a violation. */
        public BigDecimal toBigDecimal(String raw, String field) {
            if (raw == null) {
                return null;
            }
            if (!STRICT_NUMBER.matcher(raw).matches()) {
                return invalid(field, BigDecimal.class);
            }
            try {
                return new BigDecimal(raw);
            } catch (NumberFormatException e) {
                return invalid(field, BigDecimal.class);
            }
        }

        /** {@code true} or {@code false}, or null with a violation. */
        public Boolean toBoolean(String raw, String field) {
            if (raw == null) {
                return null;
            }
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> invalid(field, Boolean.class);
            };
        }

        /** A UUID, or null with a violation. */
        public UUID toUuid(String raw, String field) {
            if (raw == null) {
                return null;
            }
            try {
                return UUID.fromString(raw.trim());
            } catch (IllegalArgumentException e) {
                return invalid(field, UUID.class);
            }
        }

        /** A date ({@code 2024-01-31}), or null with a violation. */
        public LocalDate toDate(String raw, String field) {
            if (raw == null) {
                return null;
            }
            try {
                return LocalDate.parse(raw.trim());
            } catch (DateTimeParseException e) {
                return invalid(field, LocalDate.class);
            }
        }

        /** A date-time with offset, or null with a violation. */
        public OffsetDateTime toDateTime(String raw, String field) {
            if (raw == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(raw.trim());
            } catch (DateTimeParseException e) {
                return invalid(field, OffsetDateTime.class);
            }
        }

        /** A URI, or null with a violation. */
        public URI toUri(String raw, String field) {
            if (raw == null) {
                return null;
            }
            try {
                return new URI(raw.trim());
            } catch (java.net.URISyntaxException e) {
                return invalid(field, URI.class);
            }
        }

        /** Throws 400 VALIDATION_ERROR with every violation collected so far, if there are any. */
        public void throwIfInvalid() {
            if (!violations.isEmpty()) {
                throw ApiException.validation(violations);
            }
        }

        private String contentType() {
            String ct = header("Content-Type");
            if (ct == null) {
                return null;
            }
            int semi = ct.indexOf(';');
            return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        }

        private static boolean accepts(List<String> declared, String actual) {
            for (String d : declared) {
                String mt = d.toLowerCase(Locale.ROOT);
                int semi = mt.indexOf(';');
                mt = (semi < 0 ? mt : mt.substring(0, semi)).trim();
                if (mt.equals(actual)
                        || mt.equals("*/*")
                        || (mt.endsWith("/*") && actual.startsWith(mt.substring(0, mt.length() - 1)))) {
                    return true;
                }
            }
            return false;
        }

        private byte[] readAll() throws IOException {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                if (bytes.length > MAX_BODY_BYTES) {
                    throw new ApiException(
                            413, "PAYLOAD_TOO_LARGE", "request body exceeds " + MAX_BODY_BYTES + " bytes");
                }
                return bytes;
            }
        }

        /**
         * Reads the JSON body as {@code type}: 415 for another content type, 400 MALFORMED_JSON for
         * unparsable JSON, 400 VALIDATION_ERROR with the field's path for a value of the wrong type
         * or format ({@code day: must be a date (YYYY-MM-DD)}) or a missing required property, and
         * "is required" for a missing required body.
         */
        public <T> T readJson(JavaType type, boolean required, List<String> mediaTypes) throws IOException {
            byte[] bytes = readAll();
            if (bytes.length == 0) {
                if (required) {
                    violations.add(new Violation("body", "is required"));
                }
                return null;
            }
            String ct = contentType();
            if (ct == null || !accepts(mediaTypes, ct)) {
                throw new ApiException(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Content-Type must be one of " + mediaTypes
                                + (ct == null ? " (none was sent)" : " (was " + ct + ")"));
            }
            try (com.fasterxml.jackson.core.JsonParser parser = mapper.createParser(bytes)) {
                T value = mapper.readValue(parser, type);
                // checked here, not with FAIL_ON_TRAILING_TOKENS, which also fires inside the
                // tree reads of union deserializers
                if (parser.nextToken() != null) {
                    throw new ApiException(
                            400,
                            "MALFORMED_JSON",
                            "request body is not valid JSON: it goes on after"
                                    + " the value (line "
                                    + parser.currentLocation().getLineNr() + ", column "
                                    + parser.currentLocation().getColumnNr() + ")");
                }
                return value;
            } catch (JsonMappingException e) {
                // the model may give up on a value before the parser reaches a syntax error after it
                // ({"x": to an enum): malformed JSON is reported as such, wherever it is
                malformed(bytes);
                LOG.log(System.Logger.Level.DEBUG, "request " + requestId + ": body does not match the schema", e);
                violations.add(violation(e));
                throw ApiException.validation(violations);
            } catch (JsonProcessingException e) {
                malformed(bytes);
                throw malformed(e, "");
            }
        }

        /**
         * Throws 400 MALFORMED_JSON naming the first syntax error of {@code bytes} and the JSON
         * pointer of the last value read before it, or trailing tokens, if there are any.
         */
        private void malformed(byte[] bytes) throws IOException {
            String pointer = "";
            try (com.fasterxml.jackson.core.JsonParser parser = mapper.createParser(bytes)) {
                int depth = 0;
                com.fasterxml.jackson.core.JsonToken token;
                while ((token = parser.nextToken()) != null) {
                    pointer = parser.getParsingContext().pathAsPointer().toString();
                    if (token.isStructStart()) {
                        depth++;
                    } else if (token.isStructEnd()) {
                        depth--;
                    }
                    if (depth == 0) {
                        if (parser.nextToken() != null) {
                            throw new ApiException(
                                    400,
                                    "MALFORMED_JSON",
                                    "request body is not valid JSON: it goes on"
                                            + " after the value (line "
                                            + parser.currentLocation().getLineNr() + ", column "
                                            + parser.currentLocation().getColumnNr() + ")");
                        }
                        return;
                    }
                }
            } catch (JsonProcessingException e) {
                throw malformed(e, pointer);
            }
        }

        private static ApiException malformed(JsonProcessingException e, String pointer) {
            return new ApiException(
                    400,
                    "MALFORMED_JSON",
                    "request body is not valid JSON: "
                            + firstLine(e.getOriginalMessage()) + " (line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + (pointer.isEmpty() ? "" : ", at " + pointer) + ")");
        }

        /** Reads a body that is not JSON: 415 for an undeclared content type. */
        public byte[] readBytes(boolean required, List<String> mediaTypes) throws IOException {
            byte[] bytes = readAll();
            if (bytes.length == 0) {
                if (required) {
                    violations.add(new Violation("body", "is required"));
                }
                return null;
            }
            String ct = contentType();
            if (ct == null || !accepts(mediaTypes, ct)) {
                throw new ApiException(
                        415,
                        "UNSUPPORTED_MEDIA_TYPE",
                        "Content-Type must be one of " + mediaTypes
                                + (ct == null ? " (none was sent)" : " (was " + ct + ")"));
            }
            return bytes;
        }

        /**
         * Reads a form body ({@code application/x-www-form-urlencoded} or {@code multipart/form-data})
         * as {@code type} and validates it like a JSON body: 415 for another content type, 413 beyond
         * the body limit, 400 MALFORMED_FORM when {@code parser} finds the form malformed, 400
         * VALIDATION_ERROR with the field for a value of the wrong type or a missing required
         * property, and "is required" for a missing required body. {@code parser} turns the bytes
         * and the {@code Content-Type} into a tree and throws IllegalArgumentException for a
         * malformed form.
         */
        public <T> T readForm(
                JavaType type,
                boolean required,
                List<String> mediaTypes,
                BiFunction<byte[], String, ? extends com.fasterxml.jackson.databind.JsonNode> parser)
                throws IOException {
            byte[] bytes = readBytes(required, mediaTypes);
            if (bytes == null) {
                return null;
            }
            com.fasterxml.jackson.databind.JsonNode tree;
            try {
                tree = parser.apply(bytes, header("Content-Type"));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "MALFORMED_FORM", "request body is not a valid form: " + e.getMessage());
            }
            try {
                return mapper.readerFor(type).readValue(tree);
            } catch (JsonMappingException e) {
                LOG.log(System.Logger.Level.DEBUG, "request " + requestId + ": form does not match the schema", e);
                violations.add(violation(e));
                throw ApiException.validation(violations);
            } catch (JsonProcessingException e) {
                violations.add(new Violation("body", "does not match the schema"));
                throw ApiException.validation(violations);
            }
        }

        /**
         * The violation a body that Jackson could not map to the model stands for, in the terms of
         * the document (never a Java type name): a missing required property, a value of the wrong
         * type or format, an unknown discriminator value, a value no variant of a oneOf/anyOf fits.
         */
        static Violation violation(JsonMappingException e) {
            String path = jsonPath(e);
            String at = path.isEmpty() ? "body" : path;
            if (e instanceof InvalidTypeIdException t) {
                return discriminatorViolation(t, path);
            }
            if (e instanceof Validation.NoMatchingVariantException) {
                return new Violation(at, e.getOriginalMessage());
            }
            if (e instanceof MismatchedInputException m) {
                Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(m.getOriginalMessage()));
                if (missing.find()) {
                    // Jackson may or may not have added the missing property to the path already
                    List<JsonMappingException.Reference> refs = m.getPath();
                    boolean named = !refs.isEmpty()
                            && missing.group(1).equals(refs.get(refs.size() - 1).getFieldName());
                    return new Violation(named ? path : Validation.field(path, missing.group(1)), "is required");
                }
                return new Violation(at, mustBe(m.getTargetType()));
            }
            if (e.getCause() instanceof InputCoercionException c) {
                return new Violation(at, mustBe(c.getTargetType()));
            }
            return new Violation(at, "does not match the schema");
        }

        private static Violation discriminatorViolation(InvalidTypeIdException e, String path) {
            Class<?> base = e.getBaseType() == null ? null : e.getBaseType().getRawClass();
            JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
            JsonSubTypes subTypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
            if (info == null || info.property().isEmpty()) {
                return new Violation(path.isEmpty() ? "body" : path, "has an unknown or missing discriminator value");
            }
            String field = Validation.field(path, info.property());
            if (e.getTypeId() == null) {
                return new Violation(field, "is required");
            }
            Set<String> names = new TreeSet<>();
            if (subTypes != null) {
                for (JsonSubTypes.Type type : subTypes.value()) {
                    names.addAll(List.of(type.names()));
                }
            }
            return new Violation(field, "must be one of " + names);
        }

        private static String jsonPath(JsonMappingException e) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }

        /** "must be a uuid", "must be a date (YYYY-MM-DD)"...: what a value of {@code type} looks like in JSON. */
        static String mustBe(Class<?> type) {
            if (type == null) {
                return "has the wrong type";
            }
            if (type == Integer.class
                    || type == int.class
                    || type == Short.class
                    || type == short.class
                    || type == Byte.class
                    || type == byte.class) {
                return "must be a 32-bit integer";
            }
            if (type == Long.class || type == long.class || type == java.math.BigInteger.class) {
                return "must be an integer";
            }
            if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
                return "must be a number";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "must be a boolean (true or false)";
            }
            if (type == String.class || type == Character.class || type == char.class) {
                return "must be a string";
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
            if (type == URI.class) {
                return "must be a uri";
            }
            if (type == byte[].class) {
                return "must be base64-encoded bytes";
            }
            if (type.isEnum()) {
                return "must be one of the values the schema allows";
            }
            if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
                return "must be an array";
            }
            return "must be an object";
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "";
            }
            int nl = message.indexOf('\n');
            return nl < 0 ? message : message.substring(0, nl);
        }

        /** Writes a JSON response: the envelope {@code {"data", "meta"}} or the value itself. */
        public void respond(int status, Object value) throws IOException {
            byte[] body;
            if (envelope) {
                ObjectNode root = mapper.createObjectNode();
                root.set("data", mapper.valueToTree(value));
                meta(root, requestId);
                body = mapper.writeValueAsBytes(root);
            } else {
                body = mapper.writeValueAsBytes(value);
            }
            responded = true;
            send(exchange, status, body, "application/json", requestId);
        }

        /**
         * Writes one page of a list: the envelope {@code {"data": items, "meta", "pagination"}}, or
         * without the envelope the items as the body and the pagination as JSON in the {@code
         * X-Pagination} header.
         */
        public void respondPage(int status, Page<?> page) throws IOException {
            if (page == null) {
                respond(status, null);
                return;
            }
            byte[] body;
            if (envelope) {
                ObjectNode root = mapper.createObjectNode();
                root.set("data", mapper.valueToTree(page.items()));
                meta(root, requestId);
                root.set("pagination", mapper.valueToTree(page.pagination()));
                body = mapper.writeValueAsBytes(root);
            } else {
                exchange.getResponseHeaders().set(PAGINATION_HEADER, mapper.writeValueAsString(page.pagination()));
                body = mapper.writeValueAsBytes(page.items());
            }
            responded = true;
            send(exchange, status, body, "application/json", requestId);
        }

        /** Writes a body that is not JSON. */
        public void respondBytes(int status, byte[] body, String contentType) throws IOException {
            responded = true;
            send(exchange, status, body == null ? new byte[0] : body, contentType, requestId);
        }

        /**
         * Adds a documented response header; null leaves it out. Throws (and the request fails with
         * 500) for a value with line breaks.
         */
        public void responseHeader(String name, Object value) {
            if (value == null) {
                return;
            }
            String text = String.valueOf(value);
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalStateException("response header " + name + " has a line break in its value");
            }
            exchange.getResponseHeaders().set(name, text);
        }

        /**
         * Adds the further headers a handler chose. Throws (and the request fails with 500) for a
         * name that is not a token, a value with line breaks, or a framing header ({@code
         * Content-Length}, {@code Transfer-Encoding}, {@code Connection}), which the server sets.
         */
        public void responseHeaders(Map<String, List<String>> headers) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                String name = e.getKey();
                if (!TOKEN.matcher(name).matches() || FRAMING.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new IllegalStateException("the handler set response header '" + name
                            + "', which is not a valid header name or is set by the server");
                }
                for (String value : e.getValue()) {
                    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                        throw new IllegalStateException("response header " + name + " has a line break in its value");
                    }
                    exchange.getResponseHeaders().add(name, value);
                }
            }
        }

        /**
         * Streams a binary body: {@code Content-Length} when its length is known, chunked otherwise,
         * copied in small pieces and closed at the end. A failure while the body is being sent breaks
         * the response off (the client sees a truncated body and a closed connection, never a
         * complete-looking one) and is logged.
         */
        public void respondStream(int status, BinaryBody body, String contentType) throws IOException {
            if (body == null) {
                throw new IllegalStateException("the handler returned no body for a " + status + " response");
            }
            try (InputStream in = body.stream()) {
                exchange.getResponseHeaders().set("X-Request-Id", requestId);
                exchange.getResponseHeaders()
                        .set("Content-Type", body.contentType() != null ? body.contentType() : contentType);
                long length = body.length();
                responded = true;
                exchange.sendResponseHeaders(status, length < 0 ? 0 : length == 0 ? -1 : length);
                if (length == 0 || status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod())) {
                    return;
                }
                OutputStream out = exchange.getResponseBody();
                byte[] buffer = new byte[16 * 1024];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        // what the handler's stream has given goes out now, even if its next read blocks
                        out.flush();
                    }
                    out.close();
                } catch (IOException | RuntimeException e) {
                    exchange.setAttribute(ABORTED, Boolean.TRUE);
                    throw e;
                }
            }
        }

        /** Writes a response without a body. */
        public void respondEmpty(int status) throws IOException {
            responded = true;
            send(exchange, status, null, null, requestId);
        }

        /** Unmodifiable view of the query parameters, for parameters the document does not describe. */
        public Map<String, List<String>> queryParameters() {
            return Collections.unmodifiableMap(queryValues());
        }
    }
}
