package backendkit.template.client;

import backendkit.template.model.ApiJson;
import backendkit.template.model.Page;
import backendkit.template.model.Violation;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
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
        byte[] bytes = response.body();
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
                    response.statusCode(),
                    null,
                    describe(request) + ": response body cannot be read as " + type + ": " + e.getMessage(),
                    List.of(),
                    new String(bytes, StandardCharsets.UTF_8),
                    e);
        }
    }

    private <T> Page<T> decodePage(ApiRequest request, HttpResponse<byte[]> response, JavaType listType) {
        check(request, response);
        byte[] bytes = response.body();
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
                String header = response.headers().firstValue("X-Pagination").orElse(null);
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
                    response.statusCode(),
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
        String text = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        String code = null;
        String message = describe(request) + " answered " + status;
        List<Violation> details = new ArrayList<>();
        try {
            JsonNode error = text.isEmpty() ? null : mapper.readTree(text).get("error");
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
        throw new ApiClientException(status, code, message, details, text, null);
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
