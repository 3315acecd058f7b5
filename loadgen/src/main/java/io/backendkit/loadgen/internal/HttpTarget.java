package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ExpectationResult;
import io.backendkit.loadgen.HttpEndpoint;
import io.backendkit.loadgen.HttpResult;
import io.backendkit.loadgen.HttpTransport;
import io.backendkit.loadgen.LoadTestException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

/** HTTP endpoints sent through loadgen's own HTTP/1.1 transport or the JDK client. */
public final class HttpTarget implements Target {

    private static final String USER_AGENT = "backendkit-loadgen";
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final List<Prepared> endpoints;
    private final List<String> names;
    private final HttpTransport transport;
    private final boolean rateLimitingExpected;
    private final InetSocketAddress[] addresses;
    private final int connectTimeoutMillis;
    private final HttpClient client;
    private final ExecutorService clientExecutor;
    private final TimeoutWatchdog watchdog;
    private final Duration requestTimeout;

    /** What one endpoint needs at request time. */
    private record Prepared(
            HttpEndpoint endpoint,
            String name,
            int address,
            byte[] fixedRequest,
            int fixedHeadLength,
            byte[] head,
            Supplier<byte[]> bodySupplier,
            boolean headMethod,
            boolean idempotent,
            int[] expected,
            List<HttpEndpoint.Check> checks,
            HttpRequest jdkRequest) {}

    /**
     * @param endpoints the endpoints (names unique)
     * @param transport the transport, or null for the default per scheme
     * @param connectTimeout connect timeout
     * @param requestTimeout request timeout (JDK client)
     * @param rateLimitingExpected whether 429 responses count as success (and are expected)
     * @param sslContext the TLS context for the JDK client, or null for the default
     */
    public HttpTarget(
            List<HttpEndpoint> endpoints,
            HttpTransport transport,
            Duration connectTimeout,
            Duration requestTimeout,
            boolean rateLimitingExpected,
            SSLContext sslContext) {
        boolean anyTls = endpoints.stream().anyMatch(e -> e.uri().getScheme().equalsIgnoreCase("https"));
        this.transport = transport != null ? transport : anyTls ? HttpTransport.JDK_HTTP1_1 : HttpTransport.HTTP1;
        if (this.transport == HttpTransport.HTTP1 && anyTls) {
            HttpEndpoint tls = endpoints.stream()
                    .filter(e -> e.uri().getScheme().equalsIgnoreCase("https"))
                    .findFirst()
                    .orElseThrow();
            throw new LoadTestException(
                    "endpoint " + tls.name() + " transport",
                    "HTTP1 speaks plain HTTP only; use transport(HttpTransport.JDK_HTTP1_1) or JDK_HTTP2 for https");
        }
        this.rateLimitingExpected = rateLimitingExpected;
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        Map<String, Integer> addressIndex = new HashMap<>();
        List<InetSocketAddress> addressList = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        if (this.transport != HttpTransport.HTTP1) {
            clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
            HttpClient.Builder builder = HttpClient.newBuilder();
            if (sslContext != null) {
                builder.sslContext(sslContext);
            }
            client = builder.version(
                            this.transport == HttpTransport.JDK_HTTP2
                                    ? HttpClient.Version.HTTP_2
                                    : HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(clientExecutor)
                    .build();
            watchdog = null;
        } else {
            clientExecutor = null;
            client = null;
            watchdog = new TimeoutWatchdog(requestTimeout);
        }
        for (HttpEndpoint e : endpoints) {
            URI uri = e.uri();
            int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            String key = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            Integer index = addressIndex.get(key);
            if (index == null) {
                index = addressList.size();
                addressIndex.put(key, index);
                addressList.add(new InetSocketAddress(uri.getHost(), port));
            }
            int[] expected = e.expectedStatuses() == null
                    ? null
                    : e.expectedStatuses().stream()
                            .mapToInt(Integer::intValue)
                            .sorted()
                            .toArray();
            byte[] head = null;
            byte[] fixed = null;
            HttpRequest jdk = null;
            if (this.transport == HttpTransport.HTTP1) {
                head = head(e, port);
                if (e.bodySupplier() == null) {
                    fixed = withBody(head, e.body());
                }
            } else if (e.bodySupplier() == null) {
                jdk = jdkRequest(e, e.body(), requestTimeout);
            } else {
                jdkRequest(e, new byte[0], requestTimeout); // validates headers now
            }
            prepared.add(new Prepared(
                    e,
                    e.name(),
                    index,
                    fixed,
                    fixed == null ? 0 : fixed.length - (e.body() == null ? 0 : e.body().length),
                    head,
                    e.bodySupplier(),
                    e.method().equals("HEAD"),
                    IDEMPOTENT.contains(e.method()),
                    expected,
                    e.checks(),
                    jdk));
        }
        this.endpoints = List.copyOf(prepared);
        this.names = endpoints.stream().map(HttpEndpoint::name).toList();
        this.addresses = addressList.toArray(new InetSocketAddress[0]);
        this.requestTimeout = requestTimeout;
    }

    private static byte[] head(HttpEndpoint e, int port) {
        URI uri = e.uri();
        StringBuilder s = new StringBuilder(128);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        s.append(e.method()).append(' ').append(path);
        if (uri.getRawQuery() != null) {
            s.append('?').append(uri.getRawQuery());
        }
        s.append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean agent = false;
        for (Map.Entry<String, String> h : e.headers()) {
            host |= h.getKey().equalsIgnoreCase("Host");
            agent |= h.getKey().equalsIgnoreCase("User-Agent");
        }
        if (!host) {
            s.append("Host: ").append(uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost());
            if (uri.getPort() >= 0 && uri.getPort() != 80) {
                s.append(':').append(port);
            }
            s.append("\r\n");
        }
        if (!agent) {
            s.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        for (Map.Entry<String, String> h : e.headers()) {
            s.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Head plus {@code Content-Length} (when there is a body or the method usually has one), blank line and body. */
    private static byte[] withBody(byte[] head, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + 32 + (body == null ? 0 : body.length));
        out.writeBytes(head);
        if (body != null) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static HttpRequest jdkRequest(HttpEndpoint e, byte[] body, Duration timeout) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(e.uri())
                    .timeout(timeout)
                    .method(
                            e.method(),
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            boolean agent = false;
            for (Map.Entry<String, String> h : e.headers()) {
                agent |= h.getKey().equalsIgnoreCase("User-Agent");
                b.header(h.getKey(), h.getValue());
            }
            if (!agent) {
                b.header("User-Agent", USER_AGENT);
            }
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new LoadTestException(
                    "endpoint " + e.name() + " headers", "rejected by the JDK HTTP client: " + ex.getMessage(), ex);
        }
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public List<String> methods() {
        return endpoints.stream().map(p -> p.endpoint().method()).toList();
    }

    @Override
    public List<String> descriptions() {
        return endpoints.stream().map(p -> p.endpoint().uri().toString()).toList();
    }

    @Override
    public int[] weights() {
        return endpoints.stream().mapToInt(p -> p.endpoint().weight()).toArray();
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public Session newSession() {
        return transport == HttpTransport.HTTP1 ? new Http1Session() : new JdkSession();
    }

    @Override
    public List<ExpectationResult> expectations(Bucket totals) {
        List<ExpectationResult> results = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            Prepared p = endpoints.get(i);
            long requests = totals.requests[i];
            long none = totals.noResponse(i);
            long unsent = totals.dropped[i] + totals.notStarted[i];
            String unjudged = totals.unjudged(i);
            if (p.expected() != null) {
                long unexpected = totals.errorsByKind[i][ErrorKind.HTTP_4XX.ordinal()]
                        + totals.errorsByKind[i][ErrorKind.HTTP_5XX.ordinal()]
                        + totals.errorsByKind[i][ErrorKind.UNEXPECTED_STATUS.ordinal()];
                long expected = requests - none - unexpected;
                results.add(new ExpectationResult(
                        p.name() + ": status in " + java.util.Arrays.toString(p.expected()),
                        expected > 0 && unexpected == 0 && none == 0 && unsent == 0,
                        expected + " of " + (requests + unsent) + " with an expected status; " + unexpected
                                + " with another status" + unjudged));
            }
            for (HttpEndpoint.Check c : p.checks()) {
                long failed = totals.errorsByKind[i][ErrorKind.CHECK_FAILED.ordinal()];
                long checked = requests
                        - none
                        - totals.errorsByKind[i][ErrorKind.HTTP_4XX.ordinal()]
                        - totals.errorsByKind[i][ErrorKind.HTTP_5XX.ordinal()]
                        - totals.errorsByKind[i][ErrorKind.UNEXPECTED_STATUS.ordinal()];
                results.add(new ExpectationResult(
                        p.name() + ": check " + c.description(),
                        checked > 0 && failed == 0 && none == 0 && unsent == 0,
                        failed + " of " + checked + " checked response(s) failed the endpoint's checks" + unjudged));
            }
        }
        if (rateLimitingExpected) {
            long limited = 0;
            for (int i = 0; i < endpoints.size(); i++) {
                limited += totals.statuses[i].count(429);
            }
            results.add(new ExpectationResult(
                    "rate limiting (status 429) under load", limited > 0, limited + " response(s) with status 429"));
        }
        return results;
    }

    @Override
    public void close() {
        if (client != null) {
            client.shutdownNow();
            clientExecutor.shutdownNow();
        }
        if (watchdog != null) {
            watchdog.close();
        }
    }

    // ---------------------------------------------------------------- classification

    private void classify(Prepared p, int status, HttpResult result, Outcome out) {
        boolean ok;
        if (rateLimitingExpected && status == 429) {
            ok = true;
        } else if (p.expected() != null) {
            ok = java.util.Arrays.binarySearch(p.expected(), status) >= 0;
        } else {
            ok = status >= 200 && status < 400;
        }
        if (!ok) {
            ErrorKind kind = p.expected() != null && status >= 200 && status < 400
                    ? ErrorKind.UNEXPECTED_STATUS
                    : ErrorKind.forStatus(status);
            out.failure(status, kind, null, null);
            out.where = p.name();
            return;
        }
        if (result != null && status != 429) {
            for (HttpEndpoint.Check c : p.checks()) {
                boolean passed;
                String why = null;
                try {
                    passed = c.predicate().test(result);
                } catch (RuntimeException e) {
                    passed = false;
                    why = e.toString();
                }
                if (!passed) {
                    out.failure(
                            status,
                            ErrorKind.CHECK_FAILED,
                            "check '" + c.description() + "' failed on status " + status + " from " + p.name()
                                    + (why == null ? "" : ": " + why),
                            null);
                    return;
                }
            }
        }
        out.success(status);
    }

    private static ErrorKind kindOf(IOException e) {
        if (e instanceof SSLHandshakeException) {
            return ErrorKind.CONNECT_FAILED;
        }
        if (e instanceof Http1Connection.ConnectFailure || e instanceof ConnectException) {
            Throwable cause = e instanceof Http1Connection.ConnectFailure ? e.getCause() : e;
            if (cause instanceof HttpConnectTimeoutException || cause instanceof SocketTimeoutException) {
                return ErrorKind.CONNECT_TIMEOUT;
            }
            if (cause instanceof ConnectException) {
                String m = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
                return m.contains("refused") || cause.getMessage() == null
                        ? ErrorKind.CONNECT_REFUSED
                        : ErrorKind.CONNECT_FAILED;
            }
            return ErrorKind.CONNECT_FAILED;
        }
        if (e instanceof HttpConnectTimeoutException) {
            return ErrorKind.CONNECT_TIMEOUT;
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return ErrorKind.READ_TIMEOUT;
        }
        if (e instanceof EOFException || e instanceof SocketException) {
            return ErrorKind.CONNECTION_RESET;
        }
        if (e instanceof ProtocolException) {
            return ErrorKind.PROTOCOL_ERROR;
        }
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("reset") || m.contains("closed") || m.contains("eof") || m.contains("received no bytes")) {
            return ErrorKind.CONNECTION_RESET;
        }
        return ErrorKind.IO_ERROR;
    }

    // ---------------------------------------------------------------- sessions

    /** One connection per distinct host:port, owned by one worker. */
    private final class Http1Session implements Session {
        private final Http1Connection[] connections = new Http1Connection[addresses.length];
        private ByteArrayOutputStream scratch;
        private int scratchHead;

        @Override
        public void execute(int endpoint, long deadlineNanos, Outcome out) {
            Prepared p = endpoints.get(endpoint);
            Http1Connection c = connections[p.address()];
            if (c == null) {
                c = new Http1Connection(addresses[p.address()], connectTimeoutMillis);
                connections[p.address()] = c;
                watchdog.register(c);
            }
            out.where = p.name();
            byte[] request = p.fixedRequest();
            int length;
            if (request == null) {
                byte[] body = p.bodySupplier().get();
                if (scratch == null) {
                    scratch = new ByteArrayOutputStream(1024);
                }
                scratch.reset();
                scratch.writeBytes(p.head());
                scratch.writeBytes(("Content-Length: " + (body == null ? 0 : body.length) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                scratchHead = scratch.size();
                if (body != null) {
                    scratch.writeBytes(body);
                }
                request = scratch.toByteArray();
            }
            length = request.length;
            Http1Connection.Capture capture = p.checks().isEmpty() ? null : new Http1Connection.Capture();
            int bodyLength = length - (p.fixedRequest() == null ? scratchHead : p.fixedHeadLength());
            try {
                int status;
                try {
                    status = c.exchange(request, length, p.headMethod(), p.idempotent(), deadlineNanos, capture);
                } finally {
                    out.retries = c.retries();
                    out.bytesSent = c.bytesSent();
                    out.bytesReceived = c.bytesReceived();
                    out.bodyBytesReceived = c.bodyBytesReceived();
                    out.bodyBytesSent = c.bytesSent() >= length ? bodyLength : 0;
                }
                HttpResult result =
                        capture == null ? null : new HttpResult(status, capture.headers, capture.body.toByteArray());
                classify(p, status, result, out);
            } catch (IOException e) {
                out.failure(0, kindOf(e), null, e instanceof Http1Connection.ConnectFailure ? e.getCause() : e);
                out.where = p.name();
            } catch (RuntimeException e) {
                c.close();
                out.failure(0, ErrorKind.IO_ERROR, null, e);
                out.where = p.name();
            }
        }

        @Override
        public void abort() {
            for (Http1Connection c : connections) {
                if (c != null) {
                    c.abort();
                }
            }
        }

        @Override
        public void close() {
            for (Http1Connection c : connections) {
                if (c != null) {
                    c.close();
                    watchdog.unregister(c);
                }
            }
        }
    }

    /** Requests through the shared JDK client (which pools connections itself). */
    private final class JdkSession implements Session {
        @Override
        public void execute(int endpoint, long deadlineNanos, Outcome out) {
            Prepared p = endpoints.get(endpoint);
            out.where = p.name();
            HttpRequest request = p.jdkRequest();
            if (request == null) {
                request = jdkRequest(p.endpoint(), p.bodySupplier().get(), requestTimeout);
            }
            try {
                if (p.checks().isEmpty()) {
                    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                    classify(p, response.statusCode(), null, out);
                } else {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    classify(
                            p,
                            response.statusCode(),
                            new HttpResult(
                                    response.statusCode(), response.headers().map(), response.body()),
                            out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.failure(0, ErrorKind.IO_ERROR, "interrupted", e);
            } catch (IOException e) {
                out.failure(0, kindOf(e), null, e);
            }
            out.where = p.name();
        }

        @Override
        public void abort() {
            // the engine interrupts the worker thread, which cancels the exchange
        }

        @Override
        public void close() {
            // connections belong to the shared client
        }
    }
}
