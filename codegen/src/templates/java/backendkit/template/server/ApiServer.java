package backendkit.template.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.processing.Generated;

/**
 * An HTTP/1.1 server running a router, one virtual thread per connection, with limits on what
 * clients can make it hold: the size of a request's head and body, the bytes of bodies in flight
 * together, the requests served at once and the connections open, and how long a request may take
 * to arrive and a connection may sit idle. Beyond a limit a client gets an error envelope (400,
 * 408, 413, 431, or 503 with {@code Retry-After}) or, for a connection that is too slow, is
 * disconnected. Handlers see the JDK's {@link HttpExchange} API. Close it to stop.
 *
 * <pre>{@code
 * try (ApiServer server = ApiServer.builder(ApiRouter.builder().pets(new MyPets()).build())
 *         .address(new InetSocketAddress("127.0.0.1", 8080))
 *         .maxBodyBytes(256 * 1024)
 *         .start()) {
 *     ...
 * }
 * }</pre>
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ApiServer.class.getName());
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).withLocale(Locale.ROOT);

    private final HttpHandler router;
    private final Builder limits;
    private final ServerSocket socket;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Semaphore requests;
    private final AtomicLong bodyBytesInFlight = new AtomicLong();
    private volatile boolean closed;

    private ApiServer(HttpHandler router, Builder limits, ServerSocket socket) {
        this.router = router;
        this.limits = limits;
        this.socket = socket;
        this.requests = new Semaphore(limits.maxConcurrentRequests);
        this.acceptor = Thread.ofVirtual().name("api-server-accept").unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code address} (port 0 picks a free port) and starts serving with the default limits.
     *
     * @throws IOException when the address cannot be bound
     */
    public static ApiServer start(HttpHandler router, InetSocketAddress address) throws IOException {
        return builder(router).address(address).start();
    }

    /** A server for {@code router}, its address and limits to be set. */
    public static Builder builder(HttpHandler router) {
        if (router == null) {
            throw new IllegalArgumentException("router is null");
        }
        return new Builder(router);
    }

    /** The address and limits of a server; every limit has a default. */
    public static final class Builder {

        private final HttpHandler router;
        private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 0);
        private long maxBodyBytes = 1024 * 1024;
        private long maxBodyBytesInFlight = 64L * 1024 * 1024;
        private int maxConcurrentRequests = 256;
        private int maxConnections = 1024;
        private int maxHeaderBytes = 64 * 1024;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration retryAfter = Duration.ofSeconds(1);

        private Builder(HttpHandler router) {
            this.router = router;
        }

        /** Where to listen (default 127.0.0.1 on a free port). */
        public Builder address(InetSocketAddress address) {
            if (address == null) {
                throw new IllegalArgumentException("address is null");
            }
            this.address = address;
            return this;
        }

        /** The largest request body (default 1 MiB); a larger one is answered 413. */
        public Builder maxBodyBytes(long bytes) {
            this.maxBodyBytes = positive(bytes, "maxBodyBytes");
            return this;
        }

        /**
         * The bytes of request bodies held at once over all requests (default 64 MiB); a request
         * whose body would go beyond it is answered 503 with {@code Retry-After}. A chunked body
         * counts as {@link #maxBodyBytes} until it has been read.
         */
        public Builder maxBodyBytesInFlight(long bytes) {
            this.maxBodyBytesInFlight = positive(bytes, "maxBodyBytesInFlight");
            return this;
        }

        /** The requests handled at once (default 256); beyond it 503 with {@code Retry-After}. */
        public Builder maxConcurrentRequests(int requests) {
            this.maxConcurrentRequests = (int) positive(requests, "maxConcurrentRequests");
            return this;
        }

        /** The connections open at once (default 1024); beyond it 503 and the new connection is closed. */
        public Builder maxConnections(int connections) {
            this.maxConnections = (int) positive(connections, "maxConnections");
            return this;
        }

        /** The size of a request line and its headers together (default 64 KiB); beyond it 431. */
        public Builder maxHeaderBytes(int bytes) {
            this.maxHeaderBytes = (int) positive(bytes, "maxHeaderBytes");
            return this;
        }

        /**
         * How long a request may take to arrive, head and body, from its first byte (default 30 s);
         * a slower one is answered 408 and its connection closed.
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** How long a connection may wait for its next request (default 60 s) before it is closed. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /** The {@code Retry-After} sent with 503 (default 1 s, rounded up to whole seconds). */
        public Builder retryAfter(Duration delay) {
            this.retryAfter = positive(delay, "retryAfter");
            return this;
        }

        /**
         * Binds the address and starts serving.
         *
         * @throws IOException when the address cannot be bound
         */
        public ApiServer start() throws IOException {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(true);
                socket.bind(address, 1024);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            ApiServer server = new ApiServer(router, copy(), socket);
            server.acceptor.start();
            return server;
        }

        private Builder copy() {
            Builder b = new Builder(router);
            b.address = address;
            b.maxBodyBytes = maxBodyBytes;
            b.maxBodyBytesInFlight = maxBodyBytesInFlight;
            b.maxConcurrentRequests = maxConcurrentRequests;
            b.maxConnections = maxConnections;
            b.maxHeaderBytes = maxHeaderBytes;
            b.requestTimeout = requestTimeout;
            b.idleTimeout = idleTimeout;
            b.retryAfter = retryAfter;
            return b;
        }

        private static long positive(long value, String name) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration, was " + value);
            }
            return value;
        }
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The bound port. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Stops accepting connections, closes the open ones and waits (up to one second) for the acceptor. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the server socket failed", e);
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "accepting a connection failed", e);
                }
                continue;
            }
            if (open.size() >= limits.maxConnections) {
                Thread.ofVirtual().start(() -> refuse(s));
                continue;
            }
            open.add(s);
            Thread.ofVirtual().name("api-server-conn").start(() -> serve(s));
        }
    }

    private void refuse(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            Connection c = new Connection(s, System.nanoTime() + 1_000_000_000L);
            c.writeError(503, "SERVICE_UNAVAILABLE", "the server has too many connections open", true);
            c.drainAndClose();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "refusing a connection failed", e);
        }
    }

    private void serve(Socket s) {
        try {
            s.setTcpNoDelay(true);
            Connection c = new Connection(s, 0);
            while (!closed) {
                if (!c.serveOne()) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended: " + e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "connection failed", e);
        } finally {
            open.remove(s);
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection failed", e);
        }
    }

    /** A request that must be answered with an error before the router sees it. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** One client connection: reads requests against deadlines, writes responses. */
    private final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int pos;
        private int limit;
        /** System.nanoTime() after which reading fails; 0 for none. */
        private long deadline;

        Connection(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
            this.deadline = deadline;
        }

        /** Reads and answers one request; false when the connection is to be closed. */
        boolean serveOne() throws IOException {
            deadline = System.nanoTime() + limits.idleTimeout.toNanos();
            if (!await()) {
                return false;
            }
            deadline = System.nanoTime() + limits.requestTimeout.toNanos();
            Request request;
            try {
                request = readHead();
            } catch (SocketTimeoutException e) {
                writeError(408, "REQUEST_TIMEOUT", "the request did not arrive in time", true);
                return false;
            } catch (Refusal r) {
                writeError(r.status, r.code, r.getMessage(), true);
                drainAndClose();
                return false;
            }
            if (request == null) {
                return false;
            }
            if (!requests.tryAcquire()) {
                retryLater("the server is handling too many requests");
                return false;
            }
            boolean[] permit = {true};
            Runnable free = () -> {
                if (permit[0]) {
                    permit[0] = false;
                    requests.release();
                }
            };
            try {
                return handle(request, free);
            } finally {
                free.run();
            }
        }

        private boolean handle(Request request, Runnable free) throws IOException {
            long reserved = 0;
            try {
                long length = request.contentLength;
                if (length > limits.maxBodyBytes) {
                    writeError(
                            413, "PAYLOAD_TOO_LARGE", "request body exceeds " + limits.maxBodyBytes + " bytes", true);
                    drainAndClose();
                    return false;
                }
                reserved = request.chunked ? limits.maxBodyBytes : Math.max(length, 0);
                if (reserved > 0 && !reserve(reserved)) {
                    reserved = 0;
                    retryLater("the server is holding too many request bodies");
                    return false;
                }
                if ((request.chunked || length > 0)
                        && "100-continue".equalsIgnoreCase(request.headers.getFirst("Expect"))) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                byte[] body;
                try {
                    body = request.chunked ? readChunked() : readExactly((int) Math.max(length, 0));
                } catch (SocketTimeoutException e) {
                    writeError(408, "REQUEST_TIMEOUT", "the request did not arrive in time", true);
                    return false;
                } catch (Refusal r) {
                    writeError(r.status, r.code, r.getMessage(), true);
                    drainAndClose();
                    return false;
                }
                deadline = 0;
                socket.setSoTimeout(0);
                long held = reserved;
                reserved = 0;
                // the body's share of the budget is given back when the handler is done with the
                // exchange, before the response is flushed to the client
                Exchange exchange = new Exchange(this, request, body, () -> {
                    bodyBytesInFlight.addAndGet(-held);
                    free.run();
                });
                try {
                    router.handle(exchange);
                } catch (IOException | RuntimeException e) {
                    exchange.done();
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "request failed: " + request.method + " " + request.uri.getRawPath(),
                            e);
                    if (!exchange.headersSent) {
                        writeError(500, "INTERNAL_ERROR", "internal server error", true);
                    }
                    return false;
                } finally {
                    exchange.done();
                }
                exchange.finish();
                return exchange.keepAlive;
            } finally {
                if (reserved > 0) {
                    bodyBytesInFlight.addAndGet(-reserved);
                }
            }
        }

        private boolean reserve(long bytes) {
            while (true) {
                long now = bodyBytesInFlight.get();
                if (now + bytes > limits.maxBodyBytesInFlight) {
                    return false;
                }
                if (bodyBytesInFlight.compareAndSet(now, now + bytes)) {
                    return true;
                }
            }
        }

        private void retryLater(String message) throws IOException {
            long seconds = Math.max(1, (limits.retryAfter.toMillis() + 999) / 1000);
            writeResponse(503, "SERVICE_UNAVAILABLE", message, Map.of("Retry-After", Long.toString(seconds)), true);
            drainAndClose();
        }

        /** Waits for the first byte of the next request; false at end of stream or idle timeout. */
        private boolean await() throws IOException {
            try {
                return fill();
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        /** Reads more bytes into the buffer if it is empty; false at end of stream. */
        private boolean fill() throws IOException {
            if (pos < limit) {
                return true;
            }
            if (deadline != 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("deadline passed");
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        private int readByte() throws IOException {
            if (!fill()) {
                return -1;
            }
            return buffer[pos++] & 0xff;
        }

        /** A CRLF- or LF-terminated line of ISO-8859-1 text, or null at end of stream. */
        private String readLine(int[] budget) throws IOException, Refusal {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int b = readByte();
                if (b < 0) {
                    if (sb.isEmpty()) {
                        return null;
                    }
                    throw new IOException("connection closed inside a request head");
                }
                if (--budget[0] < 0) {
                    throw new Refusal(
                            431,
                            "REQUEST_HEADER_FIELDS_TOO_LARGE",
                            "request line and headers exceed " + limits.maxHeaderBytes + " bytes");
                }
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) b);
            }
        }

        private Request readHead() throws IOException, Refusal {
            int[] budget = {limits.maxHeaderBytes};
            String line = readLine(budget);
            while (line != null && line.isEmpty()) {
                line = readLine(budget);
            }
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 3 || !parts[0].matches("[A-Z]{1,20}") || !parts[2].matches("HTTP/1\\.[01]")) {
                throw new Refusal(400, "BAD_REQUEST", "the request line is malformed");
            }
            URI uri = requestUri(parts[1]);
            Headers headers = new Headers();
            int count = 0;
            while (true) {
                String header = readLine(budget);
                if (header == null) {
                    throw new IOException("connection closed inside a request head");
                }
                if (header.isEmpty()) {
                    break;
                }
                if (++count > 200) {
                    throw new Refusal(431, "REQUEST_HEADER_FIELDS_TOO_LARGE", "more than 200 request headers");
                }
                int colon = header.indexOf(':');
                if (colon <= 0 || !header.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw new Refusal(400, "BAD_REQUEST", "a request header is malformed");
                }
                headers.add(
                        header.substring(0, colon), header.substring(colon + 1).strip());
            }
            Request request = new Request(parts[0], uri, parts[2], headers);
            List<String> encodings = headers.get("Transfer-Encoding");
            List<String> lengths = headers.get("Content-Length");
            if (encodings != null) {
                if (lengths != null) {
                    throw new Refusal(400, "BAD_REQUEST", "both Content-Length and Transfer-Encoding were sent");
                }
                if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
                    throw new Refusal(501, "NOT_IMPLEMENTED", "only the chunked transfer encoding is supported");
                }
                request.chunked = true;
            } else if (lengths != null) {
                if (lengths.size() != 1 || !lengths.get(0).matches("[0-9]{1,18}")) {
                    throw new Refusal(400, "BAD_REQUEST", "Content-Length is malformed");
                }
                request.contentLength = Long.parseLong(lengths.get(0));
            }
            String connection = headers.getFirst("Connection");
            request.keepAlive = parts[2].equals("HTTP/1.1")
                    ? connection == null || !connection.toLowerCase(Locale.ROOT).contains("close")
                    : connection != null && connection.toLowerCase(Locale.ROOT).contains("keep-alive");
            return request;
        }

        private URI requestUri(String target) throws Refusal {
            URI uri;
            try {
                uri = new URI(target);
            } catch (URISyntaxException e) {
                throw new Refusal(
                        400,
                        "BAD_REQUEST",
                        "the request URI is malformed: " + e.getReason() + " at index " + e.getIndex());
            }
            if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
                throw new Refusal(400, "BAD_REQUEST", "the request URI must be an absolute path");
            }
            return uri;
        }

        private byte[] readExactly(int length) throws IOException, Refusal {
            byte[] body = new byte[length];
            int at = 0;
            while (at < length) {
                if (!fill()) {
                    throw new IOException("connection closed inside a request body");
                }
                int n = Math.min(limit - pos, length - at);
                System.arraycopy(buffer, pos, body, at, n);
                pos += n;
                at += n;
            }
            return body;
        }

        private byte[] readChunked() throws IOException, Refusal {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int[] budget = {limits.maxHeaderBytes};
            while (true) {
                String sizeLine = readLine(budget);
                if (sizeLine == null) {
                    throw new IOException("connection closed inside a request body");
                }
                int semi = sizeLine.indexOf(';');
                String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
                if (!hex.matches("[0-9A-Fa-f]{1,8}")) {
                    throw new Refusal(400, "BAD_REQUEST", "a chunk size is malformed");
                }
                long size = Long.parseLong(hex, 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(budget);
                    } while (trailer != null && !trailer.isEmpty());
                    return body.toByteArray();
                }
                if (body.size() + size > limits.maxBodyBytes) {
                    throw new Refusal(
                            413, "PAYLOAD_TOO_LARGE", "request body exceeds " + limits.maxBodyBytes + " bytes");
                }
                body.write(readExactly((int) size));
                String end = readLine(budget);
                if (end == null || !end.isEmpty()) {
                    throw new Refusal(400, "BAD_REQUEST", "a chunk does not end with CRLF");
                }
            }
        }

        /** Closes the sending side and reads what the client still sends for a moment, so it sees the answer. */
        void drainAndClose() {
            try {
                out.flush();
                socket.shutdownOutput();
                socket.setSoTimeout(200);
                byte[] sink = new byte[8192];
                long until = System.nanoTime() + 500_000_000L;
                long drained = 0;
                while (System.nanoTime() < until && drained < 4L * 1024 * 1024) {
                    int n = in.read(sink);
                    if (n < 0) {
                        break;
                    }
                    drained += n;
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, "draining a refused request ended: " + e);
            } finally {
                closeQuietly(socket);
            }
        }

        void writeError(int status, String code, String message, boolean close) throws IOException {
            writeResponse(status, code, message, Map.of(), close);
        }

        private void writeResponse(int status, String code, String message, Map<String, String> extra, boolean close)
                throws IOException {
            String requestId = UUID.randomUUID().toString();
            String json = "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message)
                    + ",\"details\":[]},\"meta\":{\"requestId\":" + quote(requestId) + ",\"timestamp\":"
                    + quote(Instant.now().toString()) + "}}";
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Headers headers = new Headers();
            headers.set("Content-Type", "application/json");
            headers.set("X-Request-Id", requestId);
            extra.forEach(headers::set);
            writeHead(status, headers, body.length, false, close);
            out.write(body);
            out.flush();
        }

        void writeHead(int status, Headers headers, long length, boolean chunked, boolean close) throws IOException {
            StringBuilder sb = new StringBuilder(256);
            sb.append("HTTP/1.1 ")
                    .append(status)
                    .append(' ')
                    .append(reason(status))
                    .append("\r\n");
            sb.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                String name = e.getKey();
                if (name.equalsIgnoreCase("Content-Length")
                        || name.equalsIgnoreCase("Transfer-Encoding")
                        || name.equalsIgnoreCase("Connection")
                        || name.equalsIgnoreCase("Date")) {
                    continue;
                }
                for (String value : e.getValue()) {
                    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                        throw new IOException("response header " + name + " contains a line break");
                    }
                    sb.append(canonical(name)).append(": ").append(value).append("\r\n");
                }
            }
            if (chunked) {
                sb.append("Transfer-Encoding: chunked\r\n");
            } else if (length >= 0) {
                sb.append("Content-Length: ").append(length).append("\r\n");
            }
            if (close) {
                sb.append("Connection: close\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code content-type} as {@code Content-Type}. */
    private static String canonical(String name) {
        char[] chars = name.toCharArray();
        boolean start = true;
        for (int i = 0; i < chars.length; i++) {
            chars[i] = start ? Character.toUpperCase(chars[i]) : Character.toLowerCase(chars[i]);
            start = chars[i] == '-';
        }
        return new String(chars);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    /** A parsed request head. */
    private static final class Request {
        final String method;
        final URI uri;
        final String protocol;
        final Headers headers;
        long contentLength = -1;
        boolean chunked;
        boolean keepAlive;

        Request(String method, URI uri, String protocol, Headers headers) {
            this.method = method;
            this.uri = uri;
            this.protocol = protocol;
            this.headers = headers;
        }
    }

    /** The JDK exchange API over one request of a {@link Connection}. */
    private static final class Exchange extends HttpExchange {

        private final Connection connection;
        private final Request request;
        private final Headers responseHeaders = new Headers();
        private final Map<String, Object> attributes = new HashMap<>();
        private InputStream requestBody;
        private OutputStream responseBody;
        private int status = -1;
        boolean headersSent;
        boolean keepAlive;

        private Runnable done;

        Exchange(Connection connection, Request request, byte[] body, Runnable done) {
            this.connection = connection;
            this.done = done;
            this.request = request;
            this.requestBody = new ByteArrayInputStream(body);
            this.keepAlive = request.keepAlive;
        }

        @Override
        public Headers getRequestHeaders() {
            return request.headers;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return request.uri;
        }

        @Override
        public String getRequestMethod() {
            return request.method;
        }

        /** Always null: this server has no JDK contexts. */
        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            try {
                finish();
            } catch (IOException e) {
                keepAlive = false;
                LOG.log(System.Logger.Level.DEBUG, "finishing a response failed: " + e);
            }
        }

        /** Gives back the request's permit and body budget, once. */
        void done() {
            if (done != null) {
                Runnable d = done;
                done = null;
                d.run();
            }
        }

        void finish() throws IOException {
            done();
            if (Boolean.TRUE.equals(attributes.get(HttpSupport.ABORTED))) {
                // a body broke off: no last chunk, no reuse; the client sees the connection close
                keepAlive = false;
                connection.out.flush();
                return;
            }
            if (!headersSent) {
                sendResponseHeaders(status < 0 ? 500 : status, -1);
            }
            if (responseBody != null) {
                responseBody.close();
            }
            connection.out.flush();
        }

        @Override
        public InputStream getRequestBody() {
            return requestBody;
        }

        @Override
        public OutputStream getResponseBody() {
            if (responseBody == null) {
                throw new IllegalStateException("sendResponseHeaders has not been called");
            }
            return responseBody;
        }

        @Override
        public void sendResponseHeaders(int code, long length) throws IOException {
            if (headersSent) {
                throw new IOException("response headers were already sent");
            }
            headersSent = true;
            status = code;
            boolean noBody = code == 204 || code == 304 || code < 200 || request.method.equals("HEAD");
            if (noBody || length < 0) {
                connection.writeHead(
                        code, responseHeaders, code == 204 || code == 304 || code < 200 ? -1 : 0, false, !keepAlive);
                responseBody = new Counted(connection.out, 0);
            } else if (length == 0) {
                connection.writeHead(code, responseHeaders, -1, true, !keepAlive);
                responseBody = new Chunked(connection.out);
            } else {
                connection.writeHead(code, responseHeaders, length, false, !keepAlive);
                responseBody = new Counted(connection.out, length);
            }
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return (InetSocketAddress) connection.socket.getRemoteSocketAddress();
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return (InetSocketAddress) connection.socket.getLocalSocketAddress();
        }

        @Override
        public String getProtocol() {
            return request.protocol;
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (value == null) {
                attributes.remove(name);
            } else {
                attributes.put(name, value);
            }
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            if (i != null) {
                requestBody = i;
            }
            if (o != null) {
                responseBody = o;
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }

        /** A fixed-length body: more bytes than announced fail; closing does not close the socket. */
        private final class Counted extends OutputStream {
            private final OutputStream out;
            private long remaining;
            private boolean closed;

            Counted(OutputStream out, long length) {
                this.out = out;
                this.remaining = length;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("response body is closed");
                }
                if (len > remaining) {
                    keepAlive = false;
                    throw new IOException("response body is longer than its Content-Length");
                }
                out.write(b, off, len);
                remaining -= len;
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                if (remaining > 0) {
                    keepAlive = false;
                }
                out.flush();
            }
        }

        /** A chunked body, ended by the last chunk on close. */
        private final class Chunked extends OutputStream {
            private final OutputStream out;
            private boolean closed;

            Chunked(OutputStream out) {
                this.out = out;
            }

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("response body is closed");
                }
                if (len == 0) {
                    return;
                }
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(b, off, len);
                out.write('\r');
                out.write('\n');
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }
    }
}
