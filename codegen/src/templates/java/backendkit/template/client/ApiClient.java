package backendkit.template.client;

import backendkit.template.model.ApiJson;
import backendkit.template.model.Page;
import backendkit.template.model.Violation;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The transport the generated clients share: one {@code java.net.http.HttpClient}, a base URI,
 * default headers, JSON mapping and error decoding. Thread-safe; create one and share it, and
 * close it when done: closing releases the {@code HttpClient} it created (one passed to
 * {@link Builder#httpClient} stays the caller's to close).
 *
 * <pre>{@code
 * try (ApiClient api = ApiClient.builder(URI.create("http://127.0.0.1:8080"))
 *         .header("Authorization", "Bearer " + token)
 *         .build()) {
 *     PetsClient pets = new PetsClient(api);
 * }
 * }</pre>
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiClient implements AutoCloseable {

    private final HttpClient http;
    private final boolean ownsHttp;
    private final URI baseUri;
    private final ObjectMapper mapper;
    private final boolean envelope;
    private final Duration timeout;
    private final Map<String, String> defaultHeaders;
    private final Map<String, Credential> credentials;

    /** How the client proves one security scheme; the secret is read from the supplier per request. */
    private record Credential(String kind, String user, Supplier<String> secret) {}

    private ApiClient(Builder b) {
        this.ownsHttp = b.http == null;
        this.http = b.http != null
                ? b.http
                : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String base = b.baseUri.toString();
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.mapper = b.mapper;
        this.envelope = b.envelope;
        this.timeout = b.timeout;
        this.defaultHeaders = Map.copyOf(b.headers);
        this.credentials = Map.copyOf(b.credentials);
    }

    /** A client for {@code baseUri} with default settings. */
    public static ApiClient create(URI baseUri) {
        return builder(baseUri).build();
    }

    /**
     * A builder.
     *
     * @param baseUri the server and base path, for example {@code https://api.example.com/v1}
     */
    public static Builder builder(URI baseUri) {
        return new Builder(Objects.requireNonNull(baseUri, "baseUri"));
    }

    /** Closes the {@code HttpClient} this client created; one passed to the builder is left open. */
    @Override
    public void close() {
        if (ownsHttp) {
            http.close();
        }
    }

    /** Sends the request and reads the JSON response as {@code type} (null type: no body expected). */
    public <T> T send(ApiRequest request, JavaType type) {
        return decode(request, exchange(request), type);
    }

    /** Sends the request without blocking; the future fails with {@link ApiClientException}. */
    public <T> CompletableFuture<T> sendAsync(ApiRequest request, JavaType type) {
        return exchangeAsync(request, response -> decode(request, response, type));
    }

    /**
     * Sends the request and reads one page of a list: the items ({@code listType}) from {@code data}
     * and the pagination from {@code pagination} of the envelope, or without the envelope the items
     * from the body and the pagination from the {@code X-Pagination} header.
     */
    public <T> Page<T> sendPage(ApiRequest request, JavaType listType) {
        return decodePage(request, exchange(request), listType);
    }

    /** Sends the request without blocking and reads one page of a list; see {@link #sendPage}. */
    public <T> CompletableFuture<Page<T>> sendPageAsync(ApiRequest request, JavaType listType) {
        return exchangeAsync(request, response -> decodePage(request, response, listType));
    }

    /** Sends the request and returns the raw response body. */
    public byte[] sendForBytes(ApiRequest request) {
        return body(request, exchange(request));
    }

    /** Sends the request without blocking and returns the raw response body. */
    public CompletableFuture<byte[]> sendForBytesAsync(ApiRequest request) {
        return exchangeAsync(request, response -> body(request, response));
    }

    /**
     * Sends the request and returns the binary response body as it arrives: this returns once the
     * head is in, and the caller reads and closes the stream. A status outside 2xx throws, with the
     * body read.
     */
    public BinaryStream sendForStream(ApiRequest request) {
        return stream(request, exchangeStream(request));
    }

    /** Sends the request without blocking; the future completes once the head is in. */
    public CompletableFuture<BinaryStream> sendForStreamAsync(ApiRequest request) {
        return exchangeStreamAsync(request, response -> stream(request, response));
    }

    /**
     * Sends the request and lets {@code read} turn a 2xx or 3xx response into the operation's result
     * type (one record per documented status); a status of 400 or more throws as for the other
     * methods. The body is closed after {@code read} unless it took it as a stream.
     */
    public <T> T sendForResult(ApiRequest request, Function<Response, T> read) {
        return result(request, exchangeStream(request), read);
    }

    /** Sends the request without blocking and reads the result; see {@link #sendForResult}. */
    public <T> CompletableFuture<T> sendForResultAsync(ApiRequest request, Function<Response, T> read) {
        return exchangeStreamAsync(request, response -> result(request, response, read));
    }

    private BinaryStream stream(ApiRequest request, HttpResponse<InputStream> response) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            throw failure(request, status, response.headers(), drain(request, response));
        }
        return new BinaryStream(
                response.body(),
                response.headers().firstValueAsLong("Content-Length").orElse(-1),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().map());
    }

    private <T> T result(ApiRequest request, HttpResponse<InputStream> response, Function<Response, T> read) {
        int status = response.statusCode();
        if (status < 200 || status >= 400) {
            throw failure(request, status, response.headers(), drain(request, response));
        }
        Response r = new Response(request, response);
        try {
            return read.apply(r);
        } finally {
            if (!r.taken) {
                try {
                    response.body().close();
                } catch (IOException e) {
                    // nothing left to read
                }
            }
        }
    }

    private byte[] drain(ApiRequest request, HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ApiClientException(
                    response.statusCode(),
                    null,
                    describe(request) + ": the response body could not be read: " + e,
                    List.of(),
                    null,
                    e);
        }
    }

    private HttpResponse<InputStream> exchangeStream(ApiRequest request) {
        try {
            return http.send(build(request), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ApiClientException(0, null, describe(request) + " failed: " + e, List.of(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClientException(0, null, describe(request) + " was interrupted", List.of(), null, e);
        }
    }

    private <R> CompletableFuture<R> exchangeStreamAsync(
            ApiRequest request, Function<HttpResponse<InputStream>, R> read) {
        return http.sendAsync(build(request), HttpResponse.BodyHandlers.ofInputStream())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new ApiClientException(
                                0, null, describe(request) + " failed: " + error, List.of(), null, error);
                    }
                    return read.apply(response);
                });
    }

    /**
     * A 2xx or 3xx response as the generated result readers see it: status, headers, and the body
     * read once, as JSON, bytes or a stream.
     */
    public final class Response {
        private final ApiRequest request;
        private final HttpResponse<InputStream> response;
        private boolean taken;

        private Response(ApiRequest request, HttpResponse<InputStream> response) {
            this.request = request;
            this.response = response;
        }

        /** The HTTP status. */
        public int status() {
            return response.statusCode();
        }

        /** Every response header. */
        public Map<String, List<String>> headers() {
            return response.headers().map();
        }

        /**
         * The first value of header {@code name} converted by {@code parse}, or null when it is
         * absent; a value {@code parse} refuses fails the call.
         */
        public <T> T header(String name, Function<String, T> parse) {
            String value = response.headers().firstValue(name).orElse(null);
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.trim());
            } catch (RuntimeException e) {
                throw new ApiClientException(
                        status(),
                        null,
                        describe(request) + ": response header " + name + " cannot be read: " + e.getMessage(),
                        List.of(),
                        null,
                        headers(),
                        null,
                        e);
            }
        }

        /** The body read as JSON of {@code type} (from {@code data} of the envelope when the client expects one). */
        public <T> T json(JavaType type) {
            return decodeBytes(request, status(), bytes(), type);
        }

        /** The body read as one page of a list; see {@link ApiClient#sendPage}. */
        public <T> Page<T> page(JavaType listType) {
            return decodePage(request, status(), response.headers(), bytes(), listType);
        }

        /** The whole body. */
        public byte[] bytes() {
            return drain(request, response);
        }

        /** The body as a stream the caller reads and closes. */
        public BinaryStream stream() {
            taken = true;
            return new BinaryStream(
                    response.body(),
                    response.headers().firstValueAsLong("Content-Length").orElse(-1),
                    response.headers().firstValue("Content-Type").orElse(null),
                    headers());
        }

        /** The failure for a status the document does not describe for the operation; the body is kept. */
        public ApiClientException undocumented() {
            byte[] body = bytes();
            return new ApiClientException(
                    status(),
                    null,
                    describe(request) + " answered " + status() + ", a status the document does not describe for it",
                    List.of(),
                    new String(body, StandardCharsets.UTF_8),
                    headers(),
                    null,
                    null);
        }
    }

    private HttpResponse<byte[]> exchange(ApiRequest request) {
        try {
            return http.send(build(request), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiClientException(0, null, describe(request) + " failed: " + e, List.of(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClientException(0, null, describe(request) + " was interrupted", List.of(), null, e);
        }
    }

    private <R> CompletableFuture<R> exchangeAsync(ApiRequest request, Function<HttpResponse<byte[]>, R> read) {
        return http.sendAsync(build(request), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new ApiClientException(
                                0, null, describe(request) + " failed: " + error, List.of(), null, error);
                    }
                    return read.apply(response);
                });
    }

    private byte[] body(ApiRequest request, HttpResponse<byte[]> response) {
        check(request, response);
        return response.body();
    }

    private HttpRequest build(ApiRequest request) {
        StringBuilder target = new StringBuilder(request.pathAndQuery());
        List<String[]> headers = new ArrayList<>(request.headers());
        applyCredentials(request, target, headers);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(baseUri + target.toString())).timeout(timeout);
        defaultHeaders.forEach(b::header);
        for (String[] h : headers) {
            b.header(h[0], h[1]);
        }
        if (request.acceptType() != null) {
            b.header("Accept", request.acceptType());
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        try {
            if (request.hasJson()) {
                body = HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(request.json()));
            } else if (request.bytes() != null) {
                body = HttpRequest.BodyPublishers.ofByteArray(request.bytes());
            }
        } catch (IOException e) {
            throw new ApiClientException(
                    0, null, describe(request) + ": body cannot be written as JSON: " + e, List.of(), null, e);
        }
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        return b.method(request.method(), body).build();
    }

    /** Adds the credentials of the first alternative of the request's requirement this client has all of. */
    private void applyCredentials(ApiRequest request, StringBuilder target, List<String[]> headers) {
        for (List<ApiRequest.Need> alternative : request.securityAlternatives()) {
            if (alternative.isEmpty()) {
                continue; // credentials optional: send them when an alternative is complete
            }
            List<String[]> adds = new ArrayList<>();
            boolean complete = true;
            for (ApiRequest.Need need : alternative) {
                String[] add = credential(need);
                if (add == null) {
                    complete = false;
                    break;
                }
                adds.add(add);
            }
            if (!complete) {
                continue;
            }
            for (String[] add : adds) {
                switch (add[0]) {
                    case "query" ->
                        target.append(target.indexOf("?") < 0 ? '?' : '&')
                                .append(ApiRequest.encode(add[1], false))
                                .append('=')
                                .append(ApiRequest.encode(add[2], false));
                    case "cookie" -> {
                        String cookie = add[1] + "=" + add[2];
                        boolean merged = false;
                        for (int i = 0; i < headers.size(); i++) {
                            if (headers.get(i)[0].equalsIgnoreCase("Cookie")) {
                                headers.set(i, new String[] {"Cookie", headers.get(i)[1] + "; " + cookie});
                                merged = true;
                                break;
                            }
                        }
                        if (!merged) {
                            headers.add(new String[] {"Cookie", cookie});
                        }
                    }
                    default -> headers.add(new String[] {add[1], add[2]});
                }
            }
            return;
        }
    }

    /** Where and what to send for one scheme ({@code {in, name, value}}), or null when this client lacks it. */
    private String[] credential(ApiRequest.Need need) {
        Credential c = credentials.get(need.scheme());
        if (c == null) {
            return null;
        }
        String secret = c.secret().get();
        if (secret == null) {
            return null;
        }
        if ("apiKey".equals(need.kind()) && "apiKey".equals(c.kind())) {
            return new String[] {need.in(), need.name(), secret};
        }
        if ("http".equals(need.kind()) && "basic".equals(need.name()) && "basic".equals(c.kind())) {
            String pair = c.user() + ":" + secret;
            return new String[] {
                "header",
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))
            };
        }
        if ("http".equals(need.kind()) && !"basic".equals(need.name()) && "bearer".equals(c.kind())) {
            String word =
                    Character.toUpperCase(need.name().charAt(0)) + need.name().substring(1);
            return new String[] {"header", "Authorization", word + " " + secret};
        }
        return null;
    }

    private <T> T decode(ApiRequest request, HttpResponse<byte[]> response, JavaType type) {
        check(request, response);
        return decodeBytes(request, response.statusCode(), response.body(), type);
    }

    private <T> T decodeBytes(ApiRequest request, int status, byte[] bytes, JavaType type) {
        if (type == null || bytes == null || bytes.length == 0) {
            return null;
        }
        try {
            if (envelope) {
                JsonNode root = mapper.readTree(bytes);
                JsonNode data = root == null ? null : root.get("data");
                if (data == null || data.isNull()) {
                    return null;
                }
                return mapper.readerFor(type).readValue(data);
            }
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new ApiClientException(
                    status,
                    null,
                    describe(request) + ": response body cannot be read as " + type + ": " + e.getMessage(),
                    List.of(),
                    new String(bytes, StandardCharsets.UTF_8),
                    e);
        }
    }

    private <T> Page<T> decodePage(ApiRequest request, HttpResponse<byte[]> response, JavaType listType) {
        check(request, response);
        return decodePage(request, response.statusCode(), response.headers(), response.body(), listType);
    }

    private <T> Page<T> decodePage(
            ApiRequest request, int status, HttpHeaders headers, byte[] bytes, JavaType listType) {
        try {
            JsonNode root = bytes == null || bytes.length == 0 ? null : mapper.readTree(bytes);
            JsonNode items = root;
            Page.Pagination pagination = Page.Pagination.NONE;
            if (envelope) {
                items = root == null ? null : root.get("data");
                JsonNode p = root == null ? null : root.get("pagination");
                if (p != null && p.isObject()) {
                    pagination = mapper.treeToValue(p, Page.Pagination.class);
                }
            } else {
                String header = headers.firstValue("X-Pagination").orElse(null);
                if (header != null) {
                    pagination = mapper.readValue(header, Page.Pagination.class);
                }
            }
            List<T> list = items == null || items.isNull()
                    ? List.of()
                    : mapper.readerFor(listType).readValue(items);
            return new Page<>(list, pagination);
        } catch (IOException e) {
            throw new ApiClientException(
                    status,
                    null,
                    describe(request) + ": response body cannot be read as a page of " + listType + ": "
                            + e.getMessage(),
                    List.of(),
                    bytes == null ? null : new String(bytes, StandardCharsets.UTF_8),
                    e);
        }
    }

    private void check(ApiRequest request, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        throw failure(request, status, response.headers(), response.body());
    }

    /**
     * The exception for a response outside 2xx: code, message and details from the error envelope
     * when the body is one, the body read into the type the document describes for the status
     * when it does, and always the raw body.
     */
    private ApiClientException failure(ApiRequest request, int status, HttpHeaders headers, byte[] bytes) {
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        String code = null;
        String message = describe(request) + " answered " + status;
        List<Violation> details = new ArrayList<>();
        JsonNode root = null;
        try {
            root = text.isEmpty() ? null : mapper.readTree(text);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                code = error.path("code").asText(null);
                message = message + ": " + error.path("message").asText("");
                for (JsonNode d : error.path("details")) {
                    details.add(new Violation(
                            d.path("field").asText(""), d.path("message").asText("")));
                }
            }
        } catch (IOException e) {
            // not an error envelope: keep the raw body
        }
        Object errorBody = null;
        JavaType type = request.errorType(status);
        // the error envelope of a backendkit server is not the documented body: code, message and
        // details above come from it instead
        boolean envelopeOnly =
                code != null && root.size() <= 2 && root.path("meta").isObject();
        if (type != null && root != null && !envelopeOnly) {
            try {
                errorBody = mapper.readerFor(type).readValue(root);
            } catch (IOException | IllegalArgumentException e) {
                // the body does not fit the documented type: the raw body is kept
            }
        }
        return new ApiClientException(status, code, message, details, text, headers.map(), errorBody, null);
    }

    private String describe(ApiRequest request) {
        return request.method() + " " + request.template();
    }

    /** Settings of an {@link ApiClient}. */
    public static final class Builder {
        private final URI baseUri;
        private HttpClient http;
        private ObjectMapper mapper = ApiJson.newLenientMapper();
        private boolean envelope = /*$envelope*/ false;
        private Duration timeout = Duration.ofSeconds(30);
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, Credential> credentials = new LinkedHashMap<>();

        private Builder(URI baseUri) {
            this.baseUri = baseUri;
        }

        /** The HTTP client to use. Default: a new one with a 10 s connect timeout. */
        public Builder httpClient(HttpClient value) {
            this.http = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** The JSON mapper. Default {@code ApiJson.newLenientMapper()}: responses may omit required nullable properties. */
        public Builder mapper(ObjectMapper value) {
            this.mapper = Objects.requireNonNull(value, "mapper");
            return this;
        }

        /** Whether success bodies arrive in {@code {"data": ...}}. Default ${envelope}. */
        public Builder envelope(boolean value) {
            this.envelope = value;
            return this;
        }

        /** The timeout of each request. Default 30 seconds. */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("timeout must be positive (was " + value + ")");
            }
            this.timeout = value;
            return this;
        }

        /** A header sent with every request, such as {@code Authorization}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * The token of an http bearer scheme (also oauth2 and openIdConnect schemes), sent as {@code
         * Authorization: Bearer <token>} to operations that require {@code scheme}.
         *
         * @param scheme the scheme's name in the document's {@code components.securitySchemes}
         * @param token read per request; null means no token (the alternative is skipped)
         */
        public Builder bearerToken(String scheme, Supplier<String> token) {
            credentials.put(
                    Objects.requireNonNull(scheme, "scheme"),
                    new Credential("bearer", null, Objects.requireNonNull(token, "token")));
            return this;
        }

        /**
         * The user and password of an http basic scheme, sent as {@code Authorization: Basic ...}.
         *
         * @param scheme the scheme's name in the document
         * @param user the user name
         * @param password read per request; null means none
         */
        public Builder basic(String scheme, String user, Supplier<String> password) {
            credentials.put(
                    Objects.requireNonNull(scheme, "scheme"),
                    new Credential(
                            "basic",
                            Objects.requireNonNull(user, "user"),
                            Objects.requireNonNull(password, "password")));
            return this;
        }

        /**
         * The key of an apiKey scheme, sent in the header, query parameter or cookie the document names.
         *
         * @param scheme the scheme's name in the document
         * @param key read per request; null means none
         */
        public Builder apiKey(String scheme, Supplier<String> key) {
            credentials.put(
                    Objects.requireNonNull(scheme, "scheme"),
                    new Credential("apiKey", null, Objects.requireNonNull(key, "key")));
            return this;
        }

        /** The client. */
        public ApiClient build() {
            return new ApiClient(this);
        }
    }
}
