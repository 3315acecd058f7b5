package io.backendkit.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One HTTP request shape a load test sends: method, URI, headers, body, weight, expected statuses
 * and response checks.
 *
 * <pre>{@code
 * HttpEndpoint create = HttpEndpoint.post("http://127.0.0.1:8080/orders")
 *         .header("Content-Type", "application/json")
 *         .body("{\"item\":\"book\"}")
 *         .expectStatus(201)
 *         .weight(1)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe once built (a body supplier must itself be thread-safe: workers call
 * it concurrently).
 */
public final class HttpEndpoint {

    private static final Set<String> COMPUTED_HEADERS = Set.of("content-length", "transfer-encoding");

    private final String name;
    private final String method;
    private final URI uri;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final Supplier<byte[]> bodySupplier;
    private final int weight;
    private final Set<Integer> expectedStatuses;
    private final List<Check> checks;

    private HttpEndpoint(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.name = b.name != null ? b.name : defaultName(b.method, b.uri);
        this.headers = List.copyOf(b.headers);
        this.body = b.body;
        this.bodySupplier = b.bodySupplier;
        this.weight = b.weight;
        this.expectedStatuses = b.expected == null ? null : Set.copyOf(b.expected);
        this.checks = List.copyOf(b.checks);
    }

    private HttpEndpoint(HttpEndpoint e, List<Map.Entry<String, String>> allHeaders) {
        this.method = e.method;
        this.uri = e.uri;
        this.name = e.name;
        this.headers = List.copyOf(allHeaders);
        this.body = e.body;
        this.bodySupplier = e.bodySupplier;
        this.weight = e.weight;
        this.expectedStatuses = e.expectedStatuses;
        this.checks = e.checks;
    }

    /**
     * This endpoint with the given headers added after its own, except those whose name (ignoring
     * case) the endpoint sets itself.
     */
    HttpEndpoint withDefaultHeaders(List<Map.Entry<String, String>> defaults) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        boolean added = false;
        for (Map.Entry<String, String> d : defaults) {
            boolean own = false;
            for (Map.Entry<String, String> h : headers) {
                own |= h.getKey().equalsIgnoreCase(d.getKey());
            }
            if (!own) {
                all.add(d);
                added = true;
            }
        }
        return added ? new HttpEndpoint(this, all) : this;
    }

    /**
     * Starts a GET endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, blank, malformed, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder get(String uri) {
        return request("GET", uri);
    }

    /**
     * Starts a GET endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder get(URI uri) {
        return request("GET", uri);
    }

    /**
     * Starts a POST endpoint; give it a {@link Builder#body body}.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, blank, malformed, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder post(String uri) {
        return request("POST", uri);
    }

    /**
     * Starts a PUT endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, blank, malformed, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder put(String uri) {
        return request("PUT", uri);
    }

    /**
     * Starts a POST endpoint; give it a {@link Builder#body body}.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder post(URI uri) {
        return request("POST", uri);
    }

    /**
     * Starts a PUT endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder put(URI uri) {
        return request("PUT", uri);
    }

    /**
     * Starts a DELETE endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, blank, malformed, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder delete(String uri) {
        return request("DELETE", uri);
    }

    /**
     * Starts a DELETE endpoint.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder delete(URI uri) {
        return request("DELETE", uri);
    }

    /**
     * Starts a PATCH endpoint; give it a {@link Builder#body body}.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, blank, malformed, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder patch(String uri) {
        return request("PATCH", uri);
    }

    /**
     * Starts a PATCH endpoint; give it a {@link Builder#body body}.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException when the URI is null, not absolute {@code http(s)}, has no
     *     host or has a fragment
     */
    public static Builder patch(URI uri) {
        return request("PATCH", uri);
    }

    /**
     * Starts an endpoint with any method.
     *
     * @param method an HTTP method token, for example {@code OPTIONS} (sent upper-cased)
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException naming the parameter when either is invalid
     */
    public static Builder request(String method, String uri) {
        return request(method, parseUri(uri));
    }

    /**
     * Starts an endpoint with any method.
     *
     * @param method an HTTP method token, for example {@code OPTIONS} (sent upper-cased)
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return a builder for the endpoint
     * @throws LoadTestException naming the parameter when either is invalid
     */
    public static Builder request(String method, URI uri) {
        return new Builder(checkMethod(method), checkUri(uri));
    }

    /**
     * The name used in reports.
     *
     * @return the name given, or by default {@code METHOD /path?query}
     */
    public String name() {
        return name;
    }

    /**
     * The HTTP method.
     *
     * @return the method, upper case
     */
    public String method() {
        return method;
    }

    /**
     * The target URI.
     *
     * @return the absolute {@code http(s)} URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The request headers.
     *
     * @return an unmodifiable list of the headers in the order given, names spelled as given
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The fixed body.
     *
     * @return a copy of the fixed body, or null when there is none (or a supplier gives it)
     */
    public byte[] body() {
        return body == null ? null : body.clone();
    }

    /**
     * The per-request body supplier.
     *
     * @return the supplier, or null when the body is fixed or absent
     */
    public Supplier<byte[]> bodySupplier() {
        return bodySupplier;
    }

    /**
     * Whether requests carry a body.
     *
     * @return true when a fixed body or a body supplier is set
     */
    public boolean hasBody() {
        return body != null || bodySupplier != null;
    }

    /**
     * Relative share of requests among the test's endpoints.
     *
     * @return the weight, >= 1 (default 1)
     */
    public int weight() {
        return weight;
    }

    /**
     * The statuses that count as success.
     *
     * @return an unmodifiable set of statuses, or null for the default (any 2xx or 3xx)
     */
    public Set<Integer> expectedStatuses() {
        return expectedStatuses;
    }

    /**
     * The response checks.
     *
     * @return an unmodifiable list of the checks in the order added (empty by default)
     */
    public List<Check> checks() {
        return checks;
    }

    /**
     * A copy of this endpoint's settings in a builder; changing the builder does not change this
     * endpoint.
     *
     * @return a new builder with every setting of this endpoint
     */
    public Builder toBuilder() {
        Builder b = new Builder(method, uri);
        b.name = name;
        b.headers.addAll(headers);
        b.body = body;
        b.bodySupplier = bodySupplier;
        b.weight = weight;
        b.expected = expectedStatuses == null ? null : new TreeSet<>(expectedStatuses);
        b.checks.addAll(checks);
        return b;
    }

    /**
     * One line for logs: the name, method and URI.
     *
     * @return for example {@code GET /users (GET http://127.0.0.1:8080/users)}
     */
    @Override
    public String toString() {
        return name + " (" + method + " " + uri + ")";
    }

    /**
     * A named response predicate.
     *
     * @param description what is checked, shown in reports
     * @param predicate true when the response is acceptable
     */
    public record Check(String description, Predicate<HttpResult> predicate) {
        /**
         * Validates the components.
         *
         * @throws LoadTestException when {@code description} is blank or {@code predicate} is null
         */
        public Check {
            if (description == null || description.isBlank()) {
                throw new LoadTestException("check description", "must not be blank");
            }
            if (predicate == null) {
                throw new LoadTestException("check predicate", "must not be null");
            }
        }
    }

    static String defaultName(String method, URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return method + " " + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String checkMethod(String method) {
        if (method == null || method.isEmpty()) {
            throw new LoadTestException("method", "must not be blank");
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z'
                    || c >= 'a' && c <= 'z'
                    || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                throw new LoadTestException("method", "must be an HTTP token (was '" + method + "')");
            }
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private static URI parseUri(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new LoadTestException("uri", "must not be blank");
        }
        try {
            return new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw new LoadTestException(
                    "uri",
                    "is not a valid URI: " + e.getReason() + " at index " + e.getIndex() + " (was '" + uri + "')",
                    e);
        }
    }

    private static URI checkUri(URI uri) {
        if (uri == null) {
            throw new LoadTestException("uri", "must not be null");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new LoadTestException("uri", "must be absolute with scheme http or https (was '" + uri + "')");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new LoadTestException("uri", "must name a host (was '" + uri + "')");
        }
        if (uri.getRawFragment() != null) {
            throw new LoadTestException("uri", "must not have a fragment (was '" + uri + "')");
        }
        return uri;
    }

    /**
     * Collects one endpoint's settings; {@link #build()} makes the immutable endpoint. Obtained from
     * {@link HttpEndpoint#get(String)} and its siblings, or {@link HttpEndpoint#toBuilder()}. Not
     * thread-safe.
     */
    public static final class Builder {
        private final String method;
        private final URI uri;
        private String name;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private byte[] body;
        private Supplier<byte[]> bodySupplier;
        private int weight = 1;
        private TreeSet<Integer> expected;
        private final List<Check> checks = new ArrayList<>();

        private Builder(String method, URI uri) {
            this.method = method;
            this.uri = uri;
        }

        /**
         * The name used in reports. Default {@code METHOD /path?query}.
         *
         * @param endpointName the name, not blank (stripped)
         * @return this builder
         * @throws LoadTestException when {@code endpointName} is null or blank
         */
        public Builder name(String endpointName) {
            if (endpointName == null || endpointName.isBlank()) {
                throw new LoadTestException("name", "must not be blank");
            }
            this.name = endpointName.strip();
            return this;
        }

        /**
         * Adds a request header. {@code Content-Length} and {@code Transfer-Encoding} are computed and
         * may not be set. A name given twice is sent twice.
         *
         * @param headerName the header name, an HTTP token
         * @param value the value, without line breaks
         * @return this builder
         * @throws LoadTestException when the name or value is invalid or the header is computed
         */
        public Builder header(String headerName, String value) {
            checkHeader(headerName, value);
            headers.add(Map.entry(headerName, value));
            return this;
        }

        static void checkHeader(String headerName, String value) {
            if (headerName == null || headerName.isBlank()) {
                throw new LoadTestException("header name", "must not be blank");
            }
            for (int i = 0; i < headerName.length(); i++) {
                char c = headerName.charAt(i);
                if (c <= ' ' || c >= 127 || c == ':') {
                    throw new LoadTestException("header name", "must be an HTTP token (was '" + headerName + "')");
                }
            }
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new LoadTestException("header " + headerName, "value must not be null or contain line breaks");
            }
            if (COMPUTED_HEADERS.contains(headerName.toLowerCase(Locale.ROOT))) {
                throw new LoadTestException("header " + headerName, "is computed by the transport");
            }
        }

        /**
         * A fixed body, encoded as UTF-8; replaces an earlier body or supplier. Default: no body.
         *
         * @param text the body, not null
         * @return this builder
         * @throws LoadTestException when {@code text} is null
         */
        public Builder body(String text) {
            if (text == null) {
                throw new LoadTestException("body", "must not be null");
            }
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A fixed body (the array is copied); replaces an earlier body or supplier. Default: no body.
         *
         * @param bytes the body, not null
         * @return this builder
         * @throws LoadTestException when {@code bytes} is null
         */
        public Builder body(byte[] bytes) {
            if (bytes == null) {
                throw new LoadTestException("body", "must not be null");
            }
            this.body = bytes.clone();
            this.bodySupplier = null;
            return this;
        }

        /**
         * A fixed body read from a file now (later changes to the file are not seen); replaces an
         * earlier body or supplier.
         *
         * @param file the file, not null
         * @return this builder
         * @throws LoadTestException naming the file when it is null, not found or cannot be read
         */
        public Builder body(Path file) {
            if (file == null) {
                throw new LoadTestException("body file", "must not be null");
            }
            try {
                this.body = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new LoadTestException("body file " + file, "not found", e);
            } catch (IOException e) {
                throw new LoadTestException("body file " + file, "cannot be read: " + e.getMessage(), e);
            }
            this.bodySupplier = null;
            return this;
        }

        /**
         * A body made per request; replaces an earlier fixed body. It is called on the workers'
         * threads, concurrently, so it must be thread-safe, and it must not return null.
         *
         * @param supplier the body supplier, not null
         * @return this builder
         * @throws LoadTestException when {@code supplier} is null
         */
        public Builder bodySupplier(Supplier<byte[]> supplier) {
            if (supplier == null) {
                throw new LoadTestException("bodySupplier", "must not be null");
            }
            this.bodySupplier = supplier;
            this.body = null;
            return this;
        }

        /**
         * Relative share of requests among the test's endpoints. Default 1.
         *
         * @param share the weight, >= 1
         * @return this builder
         * @throws LoadTestException when {@code share} is below 1
         */
        public Builder weight(int share) {
            if (share < 1) {
                throw new LoadTestException("weight", "must be >= 1 (was " + share + ")");
            }
            this.weight = share;
            return this;
        }

        /**
         * The statuses that count as success, replacing the default (any 2xx or 3xx) and any earlier
         * call. Any other status is an error of kind {@link ErrorKind#forStatus(int)}.
         *
         * @param statuses one or more statuses in [100, 599]
         * @return this builder
         * @throws LoadTestException when none is given or one is out of range
         */
        public Builder expectStatus(int... statuses) {
            if (statuses == null || statuses.length == 0) {
                throw new LoadTestException("expectStatus", "needs at least one status");
            }
            TreeSet<Integer> set = new TreeSet<>();
            for (int s : statuses) {
                if (s < 100 || s > 599) {
                    throw new LoadTestException("expectStatus", "must be in [100, 599] (was " + s + ")");
                }
                set.add(s);
            }
            this.expected = set;
            return this;
        }

        /**
         * Adds a response check; a response that fails it counts as a {@link ErrorKind#CHECK_FAILED}
         * error. The predicate is called concurrently and must be thread-safe. Default: none.
         *
         * @param description what is checked, shown in reports; not blank
         * @param predicate true when the response is acceptable; not null
         * @return this builder
         * @throws LoadTestException when {@code description} is blank or {@code predicate} is null
         */
        public Builder check(String description, Predicate<HttpResult> predicate) {
            checks.add(new Check(description, predicate));
            return this;
        }

        /**
         * The immutable endpoint. The builder may be changed and built again afterwards.
         *
         * @return the endpoint with this builder's settings
         * @throws LoadTestException when a header declares a body ({@code Content-Type}) but none was given
         */
        public HttpEndpoint build() {
            if (body == null && bodySupplier == null) {
                for (Map.Entry<String, String> h : headers) {
                    if (h.getKey().equalsIgnoreCase("Content-Type")) {
                        throw new LoadTestException(
                                "endpoint " + (name != null ? name : defaultName(method, uri)) + " body",
                                "header Content-Type: " + h.getValue()
                                        + " declares a body but none was given; call body(...)");
                    }
                }
            }
            return new HttpEndpoint(this);
        }

        /**
         * One line for debugging: the method, URI and headers so far.
         *
         * @return for example {@code HttpEndpoint.Builder[GET http://host/, headers [Accept=text/plain]]}
         */
        @Override
        public String toString() {
            return "HttpEndpoint.Builder[" + method + " " + uri + ", headers " + Arrays.toString(headers.toArray())
                    + "]";
        }
    }
}
