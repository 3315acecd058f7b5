package io.backendkit.loadgen.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive HTTP/1.1 connection: a blocking socket channel (a virtual thread parks on it), one
 * reused read buffer, responses parsed in place (status line, headers, {@code Content-Length},
 * chunked and read-until-close bodies). Bodies are discarded unless a capture is given.
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

    private static final int INITIAL_BUFFER = 16 * 1024;
    private static final int MAX_HEADER_LINE = 64 * 1024;
    private static final long IDLE = Long.MIN_VALUE;

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private volatile SocketChannel socket;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private ByteBuffer window = ByteBuffer.wrap(buf);
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

    private boolean responseStarted;
    private boolean closeAfter;
    private long contentLength;
    private boolean chunked;

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
            responseStarted = false;
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
        int status;
        boolean http10;
        while (true) {
            int end = readLine(deadlineNanos);
            int start = lineStart;
            if (end - start < 12
                    || buf[start] != 'H'
                    || buf[start + 1] != 'T'
                    || buf[start + 2] != 'T'
                    || buf[start + 3] != 'P'
                    || buf[start + 4] != '/'
                    || buf[start + 5] != '1'
                    || buf[start + 6] != '.'
                    || buf[start + 8] != ' ') {
                throw new ProtocolException(
                        "not an HTTP/1.x status line: '" + ascii(start, Math.min(end, start + 80)) + "'");
            }
            http10 = buf[start + 7] == '0';
            status = digit(buf[start + 9]) * 100 + digit(buf[start + 10]) * 10 + digit(buf[start + 11]);
            if (status < 100 || status > 999 || end > start + 12 && buf[start + 12] != ' ') {
                throw new ProtocolException("bad status code in '" + ascii(start, Math.min(end, start + 80)) + "'");
            }
            readHeaders(deadlineNanos, http10, capture);
            if (status >= 100 && status < 200 && status != 101) {
                if (capture != null) {
                    capture.headers.clear();
                }
                continue;
            }
            break;
        }
        boolean noBody = head || status == 204 || status == 304 || status < 200;
        if (!noBody) {
            if (chunked) {
                readChunked(deadlineNanos, capture);
            } else if (contentLength >= 0) {
                readFixed(contentLength, deadlineNanos, capture);
            } else {
                readUntilClose(deadlineNanos, capture);
                closeAfter = true;
            }
        }
        if (closeAfter) {
            close();
        }
        return status;
    }

    private void readHeaders(long deadlineNanos, boolean http10, Capture capture) throws IOException {
        contentLength = -1;
        chunked = false;
        closeAfter = http10;
        while (true) {
            int end = readLine(deadlineNanos);
            int start = lineStart;
            if (end == start) {
                return;
            }
            int colon = -1;
            for (int i = start; i < end; i++) {
                if (buf[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon <= start) {
                throw new ProtocolException("malformed header line: '" + ascii(start, Math.min(end, start + 80)) + "'");
            }
            int v = colon + 1;
            while (v < end && (buf[v] == ' ' || buf[v] == '\t')) {
                v++;
            }
            int ve = end;
            while (ve > v && (buf[ve - 1] == ' ' || buf[ve - 1] == '\t')) {
                ve--;
            }
            if (nameIs(start, colon, "content-length")) {
                contentLength = parseDecimal(v, ve);
            } else if (nameIs(start, colon, "transfer-encoding")) {
                chunked = ascii(v, ve).toLowerCase(Locale.ROOT).contains("chunked");
            } else if (nameIs(start, colon, "connection")) {
                String value = ascii(v, ve).toLowerCase(Locale.ROOT);
                if (value.contains("close")) {
                    closeAfter = true;
                } else if (value.contains("keep-alive")) {
                    closeAfter = false;
                }
            }
            if (capture != null) {
                capture.headers
                        .computeIfAbsent(ascii(start, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(new String(buf, v, ve - v, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void readFixed(long length, long deadlineNanos, Capture capture) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            if (pos == lim) {
                pos = 0;
                lim = 0;
                if (fill(deadlineNanos) < 0) {
                    throw new EOFException(
                            "connection closed after " + (length - remaining) + " of " + length + " body bytes");
                }
            }
            int take = (int) Math.min(remaining, lim - pos);
            bodyBytesReceived += take;
            if (capture != null) {
                capture.body.write(buf, pos, take);
            }
            pos += take;
            remaining -= take;
        }
    }

    private void readChunked(long deadlineNanos, Capture capture) throws IOException {
        while (true) {
            int end = readLine(deadlineNanos);
            int start = lineStart;
            long size = 0;
            int i = start;
            for (; i < end; i++) {
                int d = Character.digit(buf[i], 16);
                if (d < 0) {
                    break;
                }
                size = size * 16 + d;
                if (size > (1L << 40)) {
                    throw new ProtocolException("chunk size too large");
                }
            }
            if (i == start || i < end && buf[i] != ';' && buf[i] != ' ' && buf[i] != '\t') {
                throw new ProtocolException("bad chunk size line: '" + ascii(start, Math.min(end, start + 40)) + "'");
            }
            if (size == 0) {
                while (readLine(deadlineNanos) != lineStart) {
                    // trailer fields are ignored
                }
                return;
            }
            readFixed(size, deadlineNanos, capture);
            if (readLine(deadlineNanos) != lineStart) {
                throw new ProtocolException("chunk data not followed by CRLF");
            }
        }
    }

    private void readUntilClose(long deadlineNanos, Capture capture) throws IOException {
        while (true) {
            bodyBytesReceived += lim - pos;
            if (pos < lim && capture != null) {
                capture.body.write(buf, pos, lim - pos);
            }
            pos = 0;
            lim = 0;
            if (fill(deadlineNanos) < 0) {
                return;
            }
        }
    }

    private int lineStart;

    /** Reads up to the next LF; returns the end of the line (CR excluded), its start in {@link #lineStart}. */
    private int readLine(long deadlineNanos) throws IOException {
        int scan = pos;
        while (true) {
            for (int i = scan; i < lim; i++) {
                if (buf[i] == '\n') {
                    lineStart = pos;
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    return end;
                }
            }
            scan = lim;
            if (lim == buf.length) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, lim - pos);
                    scan -= pos;
                    lim -= pos;
                    pos = 0;
                } else if (buf.length < MAX_HEADER_LINE) {
                    buf = java.util.Arrays.copyOf(buf, Math.min(MAX_HEADER_LINE, buf.length * 2));
                    window = ByteBuffer.wrap(buf);
                } else {
                    throw new ProtocolException("response line longer than " + MAX_HEADER_LINE + " bytes");
                }
            }
            if (fill(deadlineNanos) < 0) {
                throw new EOFException(
                        responseStarted
                                ? "connection closed in the middle of the response head"
                                : "connection closed before the response");
            }
        }
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
            responseStarted = true;
        }
        return n;
    }

    private boolean nameIs(int start, int end, String lowerName) {
        if (end - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = buf[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private long parseDecimal(int start, int end) throws ProtocolException {
        if (start == end) {
            throw new ProtocolException("empty Content-Length");
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > Long.MAX_VALUE / 10 - 10) {
                throw new ProtocolException("bad Content-Length '" + ascii(start, end) + "'");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int digit(byte b) throws ProtocolException {
        if (b < '0' || b > '9') {
            throw new ProtocolException("status code is not a number");
        }
        return b - '0';
    }

    private String ascii(int start, int end) {
        return new String(buf, start, Math.max(0, end - start), java.nio.charset.StandardCharsets.ISO_8859_1);
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
