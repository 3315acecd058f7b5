package io.backendkit.loadgen.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection: a blocking socket channel (a virtual thread parks on it) and
 * one reused read buffer whose bytes are handed to an {@link Http1ResponseParser} as they arrive;
 * the parser says where the response ends and whether the connection may be kept. Bodies are
 * discarded unless a capture is given. Bytes the server sends after a response (nobody asked for
 * them) make the next exchange open a fresh connection.
 *
 * <p>A request is sent again only when it cannot have reached the server: before a reused
 * connection carries a request it is probed without blocking (end of stream, a reset or unsolicited
 * bytes mean the server has given it up, so a fresh connection is opened and nothing is re-sent), and
 * an idempotent request whose very first write fails on a reused connection, with no byte accepted,
 * is sent once more on a fresh one ({@link #retries()} counts these re-sends). A request that was
 * written is never sent again, whatever happens to its response.
 *
 * <p>Reads block without a socket timeout: a timed park of a virtual thread costs a timer task per
 * read, which cut throughput by a quarter on loopback. The request deadline is enforced instead by
 * {@link TimeoutWatchdog}, which calls {@link #expireIfOverdue(long)} a few times per timeout period
 * and closes the socket of an exchange that has run past its deadline; the blocked read then fails
 * and is reported as a {@link SocketTimeoutException}.
 *
 * <p>Used by one thread; {@link #abort()} and {@link #expireIfOverdue(long)} may be called from another.
 */
final class Http1Connection {

    private static final int BUFFER = 16 * 1024;
    private static final long IDLE = Long.MIN_VALUE;

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private volatile SocketChannel socket;
    private final byte[] buf = new byte[BUFFER];
    private final ByteBuffer window = ByteBuffer.wrap(buf);
    private final Http1ResponseParser parser = new Http1ResponseParser();
    private int retries;
    private long bytesSent;
    private long bytesReceived;
    private long bodyBytesReceived;
    private int pos;
    private int lim;
    /** Guards the hand-over between the exchange ({@link #deadline}, {@link #socket}) and the watchdog. */
    private final Object guard = new Object();
    /** Deadline of the exchange in progress, or {@link #IDLE}; written under {@link #guard}. */
    private volatile long deadline = IDLE;
    /** Whether the watchdog has closed the socket of the exchange in progress; written under {@link #guard}. */
    private volatile boolean expired;

    Http1Connection(InetSocketAddress address, int connectTimeoutMillis) {
        this.address = address;
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    /** Thrown when the connection could not be established; the cause tells why. */
    static final class ConnectFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** What a response check needs: headers and body. */
    static final class Capture {
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    }

    /**
     * Sends {@code request} and reads the response. Opens a fresh connection first when the reused
     * one turns out to have been given up by the server; sends an idempotent request again (once)
     * only when its first write on a reused connection failed before any byte was accepted. A
     * request that was written is never sent twice.
     *
     * @return the status code
     */
    int exchange(byte[] request, int length, boolean head, boolean idempotent, long deadlineNanos, Capture capture)
            throws IOException {
        synchronized (guard) {
            expired = false;
            deadline = deadlineNanos == IDLE ? IDLE + 1 : deadlineNanos;
        }
        try {
            return exchangeOnce(request, length, head, idempotent, deadlineNanos, capture);
        } catch (IOException e) {
            if (expired && !(e instanceof ConnectFailure)) {
                // the finally block below closes the connection
                SocketTimeoutException timeout =
                        new SocketTimeoutException("no complete response within the request timeout");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        } finally {
            synchronized (guard) {
                deadline = IDLE;
                if (expired) {
                    // the watchdog closed the socket as the response completed: start afresh next time
                    close();
                }
            }
        }
    }

    /**
     * Called by the watchdog: if the exchange in progress has passed its deadline, marks it expired
     * and closes its socket so that a blocked read or write fails at once.
     */
    void expireIfOverdue(long nowNanos) {
        long d = deadline;
        if (d == IDLE || nowNanos - d < 0) {
            return;
        }
        synchronized (guard) {
            if (deadline != IDLE && nowNanos - deadline >= 0 && !expired) {
                expired = true;
                SocketChannel s = socket;
                if (s != null) {
                    closeQuietly(s);
                }
            }
        }
    }

    private int exchangeOnce(
            byte[] request, int length, boolean head, boolean idempotent, long deadlineNanos, Capture capture)
            throws IOException {
        retries = 0;
        bytesSent = 0;
        bytesReceived = 0;
        bodyBytesReceived = 0;
        for (int attempt = 0; ; attempt++) {
            if (socket != null && givenUp()) {
                close();
            }
            boolean fresh = socket == null;
            if (fresh) {
                connect(deadlineNanos);
            }
            long accepted = 0;
            try {
                ByteBuffer src = ByteBuffer.wrap(request, 0, length);
                while (src.hasRemaining()) {
                    accepted += socket().write(src);
                }
            } catch (IOException e) {
                bytesSent += accepted;
                close();
                if (idempotent && !fresh && accepted == 0 && attempt == 0 && !expired) {
                    // the server had closed the connection before this request: nothing of it left us
                    retries++;
                    continue;
                }
                throw e;
            }
            bytesSent += accepted;
            try {
                return readResponse(head, deadlineNanos, capture);
            } catch (IOException e) {
                close();
                throw e;
            }
        }
    }

    private SocketChannel socket() throws IOException {
        SocketChannel s = socket;
        if (s == null) {
            throw new java.nio.channels.ClosedChannelException();
        }
        return s;
    }

    /**
     * Whether the idle connection was given up by the server: a non-blocking read finds the end of
     * the stream, a reset, or bytes nobody asked for (which would corrupt the next response).
     */
    private boolean givenUp() {
        if (pos < lim) {
            return true;
        }
        SocketChannel s = socket;
        try {
            s.configureBlocking(false);
            try {
                pos = 0;
                lim = 0;
                window.limit(buf.length).position(0);
                return s.read(window) != 0;
            } finally {
                s.configureBlocking(true);
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** Idempotent re-sends of the last exchange (0 or 1). */
    int retries() {
        return retries;
    }

    /** Request bytes written to the socket during the last exchange, re-sends included. */
    long bytesSent() {
        return bytesSent;
    }

    /** Response bytes read from the socket during the last exchange (head, framing and body). */
    long bytesReceived() {
        return bytesReceived;
    }

    /** Response body bytes (after removing chunked framing) of the last exchange. */
    long bodyBytesReceived() {
        return bodyBytesReceived;
    }

    private void connect(long deadlineNanos) throws IOException {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("request timeout passed before connecting");
        }
        SocketChannel s = SocketChannel.open();
        try {
            s.socket().setTcpNoDelay(true);
            s.socket().connect(address, (int) Math.max(1, Math.min(connectTimeoutMillis, left)));
        } catch (IOException e) {
            closeQuietly(s);
            throw new ConnectFailure(e);
        }
        synchronized (guard) {
            if (expired) {
                closeQuietly(s);
                throw new SocketTimeoutException("request timeout passed while connecting");
            }
            socket = s;
        }
        pos = 0;
        lim = 0;
    }

    private int readResponse(boolean head, long deadlineNanos, Capture capture) throws IOException {
        parser.reset(head, capture != null, capture == null ? null : capture.body::write);
        while (true) {
            if (pos < lim) {
                pos += parser.feed(buf, pos, lim - pos);
                if (parser.complete()) {
                    break;
                }
            }
            // everything read so far is consumed: read the next bytes into the whole buffer
            pos = 0;
            lim = 0;
            if (fill(deadlineNanos) < 0) {
                parser.endOfInput();
                break;
            }
        }
        bodyBytesReceived = parser.bodyBytes();
        if (capture != null) {
            capture.headers.putAll(parser.headers());
        }
        if (!parser.keepAlive()) {
            close();
        }
        return parser.status();
    }

    private int fill(long deadlineNanos) throws IOException {
        long leftNanos = deadlineNanos - System.nanoTime();
        if (leftNanos <= 0 || expired) {
            throw new SocketTimeoutException("no complete response within the request timeout");
        }
        window.limit(buf.length).position(lim);
        int n = socket().read(window);
        if (n > 0) {
            lim += n;
            bytesReceived += n;
        }
        return n;
    }

    /** Closes the socket; the next exchange reconnects. */
    void close() {
        SocketChannel s = socket;
        socket = null;
        if (s != null) {
            closeQuietly(s);
        }
        pos = 0;
        lim = 0;
    }

    /** Closes the socket from another thread, breaking off a blocked read. */
    void abort() {
        SocketChannel s = socket;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a socket we are done with; nothing to report
        }
    }
}
