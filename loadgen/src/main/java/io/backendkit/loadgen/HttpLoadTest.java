package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.HttpTarget;
import io.backendkit.loadgen.internal.Target;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * A load test against HTTP endpoints. {@link #get}, {@link #post}, {@link #request} and friends
 * start an endpoint; {@link #header}, {@link #body}, {@link #weight}, {@link #expectStatus}, {@link
 * #check} and {@link #endpointName} then apply to that endpoint. Several endpoints share the load by
 * weight and get their own statistics.
 *
 * <pre>{@code
 * LoadReport report = LoadTest.http()
 *         .get("http://127.0.0.1:8080/users").header("Accept", "application/json").weight(9)
 *         .post("http://127.0.0.1:8080/users").header("Content-Type", "application/json").body("{\"name\":\"a\"}")
 *             .expectStatus(201).weight(1)
 *         .concurrency(50)
 *         .warmUp(ofSeconds(2))
 *         .duration(ofSeconds(30))
 *         .run();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class HttpLoadTest extends LoadTestBuilder<HttpLoadTest> {

    /** Default number of connections of the open model. */
    public static final int DEFAULT_CONNECTIONS = 100;

    private final List<HttpEndpoint> endpoints = new ArrayList<>();
    private final List<Map.Entry<String, String>> defaultHeaders = new ArrayList<>();
    private Integer connections;
    private HttpEndpoint.Builder current;
    private HttpTransport transport;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private boolean rateLimiting;
    private SSLContext sslContext;

    HttpLoadTest() {}

    /**
     * Starts a GET endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is malformed, not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest get(String uri) {
        return start(HttpEndpoint.get(uri));
    }

    /**
     * Starts a GET endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest get(URI uri) {
        return start(HttpEndpoint.get(uri));
    }

    /**
     * Starts a POST endpoint; give it a {@link #body(String) body}; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is malformed, not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest post(String uri) {
        return start(HttpEndpoint.post(uri));
    }

    /**
     * Starts a PUT endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is malformed, not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest put(String uri) {
        return start(HttpEndpoint.put(uri));
    }

    /**
     * Starts a POST endpoint; give it a {@link #body(String) body}; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest post(URI uri) {
        return start(HttpEndpoint.post(uri));
    }

    /**
     * Starts a PUT endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest put(URI uri) {
        return start(HttpEndpoint.put(uri));
    }

    /**
     * Starts a DELETE endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is malformed, not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest delete(String uri) {
        return start(HttpEndpoint.delete(uri));
    }

    /**
     * Starts a DELETE endpoint; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest delete(URI uri) {
        return start(HttpEndpoint.delete(uri));
    }

    /**
     * Starts a PATCH endpoint; give it a {@link #body(String) body}; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is malformed, not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest patch(String uri) {
        return start(HttpEndpoint.patch(uri));
    }

    /**
     * Starts a PATCH endpoint; give it a {@link #body(String) body}; the endpoint settings that follow ({@link #header}, {@link #body}...)
     * apply to it.
     *
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the URI is not absolute {@code http(s)}, has no host or
     *     has a fragment
     */
    public HttpLoadTest patch(URI uri) {
        return start(HttpEndpoint.patch(uri));
    }

    /**
     * Starts an endpoint with any method; the endpoint settings that follow apply to it.
     *
     * @param method an HTTP method token, for example {@code OPTIONS} (sent upper-cased)
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the method is not an HTTP token or the URI is malformed, not absolute
     *     {@code http(s)}, has no host or has a fragment
     */
    public HttpLoadTest request(String method, String uri) {
        return start(HttpEndpoint.request(method, uri));
    }

    /**
     * Starts an endpoint with any method; the endpoint settings that follow apply to it.
     *
     * @param method an HTTP method token, for example {@code OPTIONS} (sent upper-cased)
     * @param uri an absolute {@code http://} or {@code https://} URI without a fragment
     * @return this builder
     * @throws LoadTestException when the method is not an HTTP token or the URI is not absolute
     *     {@code http(s)}, has no host or has a fragment
     */
    public HttpLoadTest request(String method, URI uri) {
        return start(HttpEndpoint.request(method, uri));
    }

    /**
     * Adds a fully built endpoint; it ends the current endpoint, and the endpoint settings of this
     * builder do not apply to it (start another endpoint for those). {@link #defaultHeader} does.
     *
     * @param endpoint the endpoint, not null
     * @return this builder
     * @throws LoadTestException when {@code endpoint} is null
     */
    public HttpLoadTest endpoint(HttpEndpoint endpoint) {
        if (endpoint == null) {
            throw new LoadTestException("endpoint", "must not be null");
        }
        finishCurrent();
        endpoints.add(endpoint);
        return this;
    }

    /**
     * Names the current endpoint in reports. Default {@code METHOD /path?query}. Names must be unique
     * within a test.
     *
     * @param name the name, not blank (stripped)
     * @return this builder
     * @throws LoadTestException when {@code name} is blank or no endpoint has been started
     */
    public HttpLoadTest endpointName(String name) {
        current("endpointName").name(name);
        return this;
    }

    /**
     * Adds a header to the current endpoint; a name given twice is sent twice. {@code Content-Length}
     * and {@code Transfer-Encoding} are computed by the transport and may not be set.
     *
     * @param name the header name, an HTTP token
     * @param value the value, without line breaks
     * @return this builder
     * @throws LoadTestException when the name or value is invalid, the header is computed, or no endpoint
     *     has been started
     */
    public HttpLoadTest header(String name, String value) {
        current("header").header(name, value);
        return this;
    }

    /**
     * Adds a header sent with every endpoint of this test, for example {@code Authorization}: those
     * started before and after this call, and those added with {@link #endpoint(HttpEndpoint)}. An
     * endpoint that sets a header of the same name (ignoring case) itself keeps its own value and does
     * not get the default. Setting the same default name again replaces its value. Default: none.
     *
     * @param name the header name, an HTTP token
     * @param value the value, without line breaks
     * @return this builder
     * @throws LoadTestException when the name or value is invalid or the header is computed ({@code
     *     Content-Length}, {@code Transfer-Encoding})
     */
    public HttpLoadTest defaultHeader(String name, String value) {
        HttpEndpoint.Builder.checkHeader(name, value);
        defaultHeaders.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        defaultHeaders.add(Map.entry(name, value));
        return this;
    }

    /**
     * A fixed body for the current endpoint, encoded as UTF-8; replaces an earlier body or supplier.
     * Default: no body.
     *
     * @param text the body, not null
     * @return this builder
     * @throws LoadTestException when {@code text} is null or no endpoint has been started
     */
    public HttpLoadTest body(String text) {
        current("body").body(text);
        return this;
    }

    /**
     * A fixed body for the current endpoint (the array is copied); replaces an earlier body or
     * supplier. Default: no body.
     *
     * @param bytes the body, not null
     * @return this builder
     * @throws LoadTestException when {@code bytes} is null or no endpoint has been started
     */
    public HttpLoadTest body(byte[] bytes) {
        current("body").body(bytes);
        return this;
    }

    /**
     * A fixed body for the current endpoint, read from a file now (later changes to the file are not
     * seen); replaces an earlier body or supplier.
     *
     * @param file the file, not null
     * @return this builder
     * @throws LoadTestException naming the file when it is null or cannot be read, or when no endpoint has
     *     been started
     */
    public HttpLoadTest body(Path file) {
        current("body").body(file);
        return this;
    }

    /**
     * A body made per request for the current endpoint; replaces an earlier fixed body. It is called on
     * the workers' threads, concurrently, so it must be thread-safe, and it must not return null.
     *
     * @param supplier the body supplier, not null
     * @return this builder
     * @throws LoadTestException when {@code supplier} is null or no endpoint has been started
     */
    public HttpLoadTest bodySupplier(Supplier<byte[]> supplier) {
        current("bodySupplier").bodySupplier(supplier);
        return this;
    }

    /**
     * The current endpoint's share of the requests among the test's endpoints. Default 1.
     *
     * @param share the weight, >= 1
     * @return this builder
     * @throws LoadTestException when {@code share} is below 1 or no endpoint has been started
     */
    public HttpLoadTest weight(int share) {
        current("weight").weight(share);
        return this;
    }

    /**
     * The statuses that count as success for the current endpoint, replacing the default (any 2xx or
     * 3xx). Any other status is an error of kind {@link ErrorKind#forStatus(int)}.
     *
     * @param statuses one or more statuses in [100, 599]
     * @return this builder
     * @throws LoadTestException when none is given, one is out of range, or no endpoint has been started
     */
    public HttpLoadTest expectStatus(int... statuses) {
        current("expectStatus").expectStatus(statuses);
        return this;
    }

    /**
     * Adds a response check to the current endpoint; a response that fails it counts as a {@link
     * ErrorKind#CHECK_FAILED} error. Endpoints with checks keep each response's headers and body for
     * them. The predicate is called concurrently and must be thread-safe.
     *
     * @param description what is checked, shown in reports; not blank
     * @param predicate true when the response is acceptable; not null
     * @return this builder
     * @throws LoadTestException when an argument is blank or null, or no endpoint has been started
     */
    public HttpLoadTest check(String description, Predicate<HttpResult> predicate) {
        current("check").check(description, predicate);
        return this;
    }

    /**
     * Expects the target to rate-limit under this load: 429 responses count as success rather than
     * errors, and the run's expectations pass only if at least one 429 arrived. Applies to every
     * endpoint of the test. Default: off (a 429 is an {@link ErrorKind#HTTP_4XX} error).
     *
     * @return this builder
     */
    public HttpLoadTest expectRateLimiting() {
        this.rateLimiting = true;
        return this;
    }

    /**
     * The transport. Default {@link HttpTransport#HTTP1} when every endpoint is {@code http://},
     * {@link HttpTransport#JDK_HTTP1_1} when any is {@code https://}; {@code HTTP1} with an {@code
     * https://} endpoint is refused when the run starts.
     *
     * @param httpTransport the transport, not null
     * @return this builder
     * @throws LoadTestException when {@code httpTransport} is null
     */
    public HttpLoadTest transport(HttpTransport httpTransport) {
        if (httpTransport == null) {
            throw new LoadTestException("transport", "must not be null");
        }
        this.transport = httpTransport;
        return this;
    }

    /**
     * The TLS context for {@code https://} endpoints (the JDK transports), for example one that
     * trusts a test server's self-signed certificate. Default: the JVM's default context.
     *
     * @param context the TLS context, not null
     * @return this builder
     * @throws LoadTestException when {@code context} is null
     */
    public HttpLoadTest sslContext(SSLContext context) {
        if (context == null) {
            throw new LoadTestException("sslContext", "must not be null");
        }
        this.sslContext = context;
        return this;
    }

    /**
     * Open model: the fixed number of connections the arrivals share (as wrk2 keeps its connections):
     * never more are opened, whatever the target does. One request is in flight per connection, so
     * this also caps requests in flight; an arrival due while all connections are busy waits for one
     * and its latency, counted from its intended start, includes the wait. Default {@value
     * #DEFAULT_CONNECTIONS} (or {@code maxInFlight} when that is lower). The closed model has one
     * connection per user, and a closed-model run with this setting is refused when it starts.
     *
     * @param count the number of connections, >= 1
     * @return this builder
     * @throws LoadTestException when {@code count} is below 1
     */
    public HttpLoadTest connections(int count) {
        if (count < 1) {
            throw new LoadTestException("connections", "must be >= 1 (was " + count + ")");
        }
        this.connections = count;
        return this;
    }

    @Override
    Integer connectionsSetting() {
        return connections;
    }

    @Override
    int defaultConnections() {
        return DEFAULT_CONNECTIONS;
    }

    /**
     * TCP connect timeout; a connection not made in time fails its request as {@link
     * ErrorKind#CONNECT_TIMEOUT}. Default 5 seconds.
     *
     * @param time the timeout, > 0
     * @return this builder
     * @throws LoadTestException when {@code time} is null, zero or negative
     */
    public HttpLoadTest connectTimeout(Duration time) {
        if (time == null || time.isNegative() || time.isZero()) {
            throw new LoadTestException("connectTimeout", "must be > 0 (was " + time + ")");
        }
        this.connectTimeout = time;
        return this;
    }

    private HttpLoadTest start(HttpEndpoint.Builder builder) {
        finishCurrent();
        current = builder;
        return this;
    }

    private HttpEndpoint.Builder current(String setting) {
        if (current == null) {
            throw new LoadTestException(
                    setting + "(...)",
                    "applies to the current endpoint: call get(...), post(...) or request(...) first");
        }
        return current;
    }

    private void finishCurrent() {
        if (current != null) {
            endpoints.add(current.build());
            current = null;
        }
    }

    @Override
    Target target() {
        finishCurrent();
        if (endpoints.isEmpty()) {
            throw new LoadTestException(
                    "endpoints", "no endpoint: call get(...), post(...), request(...) or endpoint(...)");
        }
        List<HttpEndpoint> sent = new ArrayList<>(endpoints.size());
        for (HttpEndpoint e : endpoints) {
            sent.add(e.withDefaultHeaders(defaultHeaders));
        }
        Set<String> names = new HashSet<>();
        for (HttpEndpoint e : sent) {
            if (!names.add(e.name())) {
                throw new LoadTestException(
                        "endpoint " + e.name(), "name used twice; give one of them endpointName(...)");
            }
        }
        return new HttpTarget(sent, transport, connectTimeout, requestTimeoutForTarget(), rateLimiting, sslContext);
    }

    private Duration requestTimeoutForTarget() {
        return requestTimeoutSetting();
    }

    @Override
    String defaultName(Target target) {
        return endpoints.size() == 1 ? endpoints.get(0).name() : endpoints.size() + " endpoints";
    }
}
