package io.backendkit.loadgen.internal;

import java.io.EOFException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pure HTTP/1.x response parser: fed bytes as they arrive, in pieces of any size, it finds the
 * status, the headers, the body and whether the connection may carry another request. It does no
 * I/O and keeps no clock; the connection around it reads the socket, enforces deadlines and decides
 * what to do with the bytes after a response.
 *
 * <p>What it understands: a status line {@code HTTP/1.x NNN reason}; header lines ending in CRLF
 * or a bare LF; a body delimited by {@code Content-Length}, by {@code Transfer-Encoding: chunked}
 * (chunk extensions and trailer fields read and ignored; chunked wins over a {@code Content-Length}),
 * or by the end of the connection; interim {@code 1xx} responses (except {@code 101}), which are
 * skipped; no body after {@code HEAD} or with {@code 1xx}, {@code 204} and {@code 304}. Keep-alive
 * follows the protocol version and the {@code Connection} header ({@code close} ends it, {@code
 * keep-alive} keeps an HTTP/1.0 connection); a body delimited by the end of the connection ends it.
 *
 * <p>What it refuses, with a {@link ProtocolException} whose message quotes the offending line: a
 * status line that is not {@code HTTP/1.<digit> <3 digits>}, or a status below 100; a header line
 * without a name and colon, with white space in the name, or folded (starting with white space);
 * a {@code Content-Length} that is not a decimal number, or two that differ; a chunk size that is
 * not hexadecimal, or larger than 2<sup>40</sup>; chunk data not followed by a line end; a line
 * longer than {@link #DEFAULT_MAX_LINE_BYTES} or a head (or trailer section) longer than {@link
 * #DEFAULT_MAX_HEAD_BYTES} (both configurable). The end of the input before a response is complete
 * is an {@link EOFException} from {@link #endOfInput()} saying where it ended.
 *
 * <pre>{@code
 * parser.reset(false, true, body::write);
 * while (!parser.complete()) {
 *     int n = read(buffer);
 *     if (n < 0) {
 *         parser.endOfInput();
 *         break;
 *     }
 *     int used = parser.feed(buffer, 0, n); // < n only when the response ended before the input
 * }
 * int status = parser.status();
 * }</pre>
 *
 * <p>A line wholly inside the fed bytes is parsed in place; only a line cut by the end of a feed is
 * copied. Not thread-safe; reusable: {@link #reset} starts the next response.
 */
public final class Http1ResponseParser {

    /** Default longest line (status line, header, chunk size or trailer), line end excluded: 64 KiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    /** Default longest response head (status line and headers, line ends included), and trailer section: 1 MiB. */
    public static final int DEFAULT_MAX_HEAD_BYTES = 1024 * 1024;

    private static final long MAX_CHUNK_SIZE = 1L << 40;

    /** Receives body bytes (chunked framing removed) as they are parsed; the array is only valid during the call. */
    @FunctionalInterface
    public interface BodySink {
        /**
         * Takes body bytes.
         *
         * @param bytes holds the bytes
         * @param offset where they start
         * @param length how many there are, at least 1
         */
        void body(byte[] bytes, int offset, int length);
    }

    /** How the body of the final response is delimited. */
    public enum Framing {
        /** No body: HEAD, 1xx, 204, 304. */
        NONE,
        /** {@code Content-Length} bytes. */
        LENGTH,
        /** {@code Transfer-Encoding: chunked}. */
        CHUNKED,
        /** Everything up to the end of the connection. */
        UNTIL_CLOSE
    }

    private enum State {
        STATUS_LINE,
        HEADERS,
        BODY_LENGTH,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        BODY_UNTIL_CLOSE,
        DONE
    }

    private final int maxLineBytes;
    private final int maxHeadBytes;

    private byte[] line = new byte[256];
    private int lineLength;

    private State state;
    private boolean headRequest;
    private boolean keepHeaders;
    private BodySink sink;
    private long bytesFed;
    private int headBytes;
    private int interimResponses;
    private int status;
    private boolean http10;
    private boolean closeAfter;
    private long contentLength;
    private boolean chunked;
    private Framing framing;
    private long remaining;
    private long bodyBytes;
    private Map<String, List<String>> headers;

    /** A parser with the default limits. */
    public Http1ResponseParser() {
        this(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_HEAD_BYTES);
    }

    /**
     * A parser with other limits.
     *
     * @param maxLineBytes longest line, line end excluded, >= 16
     * @param maxHeadBytes longest head or trailer section, line ends included, >= {@code maxLineBytes}
     */
    public Http1ResponseParser(int maxLineBytes, int maxHeadBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16 (was " + maxLineBytes + ")");
        }
        if (maxHeadBytes < maxLineBytes) {
            throw new IllegalArgumentException(
                    "maxHeadBytes must be >= maxLineBytes " + maxLineBytes + " (was " + maxHeadBytes + ")");
        }
        this.maxLineBytes = maxLineBytes;
        this.maxHeadBytes = maxHeadBytes;
        reset(false, false, null);
    }

    /**
     * Starts a new response.
     *
     * @param headRequest whether the request was {@code HEAD} (the response has no body whatever its headers say)
     * @param keepHeaders whether to collect the final response's headers for {@link #headers()}
     * @param bodySink receives the body bytes, or null to count them only
     */
    public void reset(boolean headRequest, boolean keepHeaders, BodySink bodySink) {
        this.headRequest = headRequest;
        this.keepHeaders = keepHeaders;
        this.sink = bodySink;
        this.state = State.STATUS_LINE;
        this.lineLength = 0;
        this.bytesFed = 0;
        this.headBytes = 0;
        this.interimResponses = 0;
        this.status = 0;
        this.http10 = false;
        this.closeAfter = false;
        this.contentLength = -1;
        this.chunked = false;
        this.framing = null;
        this.remaining = 0;
        this.bodyBytes = 0;
        this.headers = keepHeaders ? new LinkedHashMap<>() : Map.of();
    }

    /**
     * Parses the next bytes of the response.
     *
     * @param bytes holds the bytes
     * @param offset where they start
     * @param length how many there are
     * @return how many were used: all of them unless the response ended first (the rest follows the
     *     response); 0 once it is {@link #complete()}
     * @throws ProtocolException when the bytes are not a valid response (the parser is then unusable until
     *     {@link #reset})
     */
    public int feed(byte[] bytes, int offset, int length) throws ProtocolException {
        int p = offset;
        int end = offset + length;
        while (p < end && state != State.DONE) {
            switch (state) {
                case STATUS_LINE, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> p = line(bytes, p, end);
                case BODY_LENGTH, CHUNK_DATA -> {
                    int take = (int) Math.min(remaining, end - p);
                    body(bytes, p, take);
                    p += take;
                    remaining -= take;
                    if (remaining == 0) {
                        state = state == State.BODY_LENGTH ? State.DONE : State.CHUNK_END;
                    }
                }
                case BODY_UNTIL_CLOSE -> {
                    body(bytes, p, end - p);
                    p = end;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        bytesFed += p - offset;
        return p - offset;
    }

    /**
     * The input ended (the connection was closed). Completes a body delimited by the end of the
     * connection.
     *
     * @throws EOFException when the response was not complete, saying where it was cut
     */
    public void endOfInput() throws EOFException {
        switch (state) {
            case DONE -> {}
            case BODY_UNTIL_CLOSE -> state = State.DONE;
            case STATUS_LINE, HEADERS ->
                throw new EOFException(
                        bytesFed == 0
                                ? "connection closed before the response"
                                : "connection closed in the middle of the response head");
            case BODY_LENGTH ->
                throw new EOFException("connection closed after " + (contentLength - remaining) + " of " + contentLength
                        + " body bytes");
            default ->
                throw new EOFException(
                        "connection closed in the middle of the chunked body (after " + bodyBytes + " body bytes)");
        }
    }

    /**
     * Whether the final response has been read to its end.
     *
     * @return true once complete
     */
    public boolean complete() {
        return state == State.DONE;
    }

    /**
     * The status of the final response, known once its head has been parsed.
     *
     * @return the status, or 0 before the end of the final head
     */
    public int status() {
        return framing == null ? 0 : status;
    }

    /**
     * Whether the final response is HTTP/1.0.
     *
     * @return true for {@code HTTP/1.0}
     */
    public boolean http10() {
        return http10;
    }

    /**
     * Whether the connection may carry another request after this response (meaningful once {@link
     * #complete()}).
     *
     * @return false when the response is HTTP/1.0 without {@code Connection: keep-alive}, says {@code
     *     Connection: close}, or its body ran to the end of the connection
     */
    public boolean keepAlive() {
        return !closeAfter && framing != Framing.UNTIL_CLOSE;
    }

    /**
     * How the final response's body is delimited, known once its head has been parsed.
     *
     * @return the framing, or null before the end of the final head
     */
    public Framing framing() {
        return framing;
    }

    /**
     * The final response's {@code Content-Length}.
     *
     * @return the length, or -1 when it has none
     */
    public long contentLength() {
        return contentLength;
    }

    /**
     * Body bytes so far (chunked framing removed).
     *
     * @return the count
     */
    public long bodyBytes() {
        return bodyBytes;
    }

    /**
     * Interim ({@code 1xx}) responses skipped before the final one.
     *
     * @return the count
     */
    public int interimResponses() {
        return interimResponses;
    }

    /**
     * The final response's headers, when {@link #reset} asked to keep them: names lower case in the
     * order first seen, values trimmed and decoded as ISO-8859-1, in the order received. Headers of
     * interim responses are dropped.
     *
     * @return the headers (empty when not kept); the parser's own map, replaced by the next reset
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    // ---------------------------------------------------------------- lines

    /** Consumes up to one line from {@code bytes[p, end)}; returns the position after what it used. */
    private int line(byte[] bytes, int p, int end) throws ProtocolException {
        int lf = -1;
        for (int i = p; i < end; i++) {
            if (bytes[i] == '\n') {
                lf = i;
                break;
            }
        }
        boolean head = state == State.STATUS_LINE || state == State.HEADERS || state == State.TRAILERS;
        int used = (lf < 0 ? end : lf + 1) - p;
        if (head) {
            headBytes += used;
            if (headBytes > maxHeadBytes) {
                throw new ProtocolException((state == State.TRAILERS ? "response trailer section" : "response head")
                        + " longer than " + maxHeadBytes + " bytes");
            }
        }
        if (lf < 0) {
            // cut by the end of this feed: keep it (a CR before the coming LF is allowed beyond the limit)
            if (lineLength + used > maxLineBytes + 1) {
                throw new ProtocolException("response line longer than " + maxLineBytes + " bytes");
            }
            if (lineLength + used > line.length) {
                line = Arrays.copyOf(line, Math.max(lineLength + used, Math.min(maxLineBytes + 1, line.length * 2)));
            }
            System.arraycopy(bytes, p, line, lineLength, used);
            lineLength += used;
            return end;
        }
        byte[] b;
        int start;
        int stop;
        if (lineLength == 0) {
            b = bytes;
            start = p;
            stop = lf;
        } else {
            int part = lf - p;
            if (lineLength + part > maxLineBytes + 1) {
                throw new ProtocolException("response line longer than " + maxLineBytes + " bytes");
            }
            if (lineLength + part > line.length) {
                line = Arrays.copyOf(line, lineLength + part);
            }
            System.arraycopy(bytes, p, line, lineLength, part);
            b = line;
            start = 0;
            stop = lineLength + part;
            lineLength = 0;
        }
        if (stop > start && b[stop - 1] == '\r') {
            stop--;
        }
        if (stop - start > maxLineBytes) {
            throw new ProtocolException("response line longer than " + maxLineBytes + " bytes");
        }
        switch (state) {
            case STATUS_LINE -> statusLine(b, start, stop);
            case HEADERS -> {
                if (stop == start) {
                    endOfHead();
                } else {
                    header(b, start, stop);
                }
            }
            case CHUNK_SIZE -> chunkSize(b, start, stop);
            case CHUNK_END -> {
                if (stop != start) {
                    throw new ProtocolException("chunk data not followed by CRLF");
                }
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (stop == start) {
                    state = State.DONE;
                }
                // trailer fields are ignored
            }
            default -> throw new IllegalStateException("state " + state);
        }
        return lf + 1;
    }

    private void statusLine(byte[] b, int start, int end) throws ProtocolException {
        if (end - start < 12
                || b[start] != 'H'
                || b[start + 1] != 'T'
                || b[start + 2] != 'T'
                || b[start + 3] != 'P'
                || b[start + 4] != '/'
                || b[start + 5] != '1'
                || b[start + 6] != '.'
                || b[start + 7] < '0'
                || b[start + 7] > '9'
                || b[start + 8] != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: '" + quote(b, start, end) + "'");
        }
        int code = digit(b[start + 9]) * 100 + digit(b[start + 10]) * 10 + digit(b[start + 11]);
        if (code < 100 || end > start + 12 && b[start + 12] != ' ') {
            throw new ProtocolException("bad status code in '" + quote(b, start, end) + "'");
        }
        status = code;
        http10 = b[start + 7] == '0';
        closeAfter = http10;
        contentLength = -1;
        chunked = false;
        state = State.HEADERS;
    }

    private void header(byte[] b, int start, int end) throws ProtocolException {
        if (b[start] == ' ' || b[start] == '\t') {
            throw new ProtocolException(
                    "folded header line (obsolete line folding is not supported): '" + quote(b, start, end) + "'");
        }
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= start) {
            throw new ProtocolException("malformed header line: '" + quote(b, start, end) + "'");
        }
        for (int i = start; i < colon; i++) {
            if (b[i] == ' ' || b[i] == '\t') {
                throw new ProtocolException("white space in a header name: '" + quote(b, start, end) + "'");
            }
        }
        int v = colon + 1;
        while (v < end && (b[v] == ' ' || b[v] == '\t')) {
            v++;
        }
        int ve = end;
        while (ve > v && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
            ve--;
        }
        if (nameIs(b, start, colon, "content-length")) {
            long length = decimal(b, v, ve);
            if (contentLength >= 0 && length != contentLength) {
                throw new ProtocolException("conflicting Content-Length headers: " + contentLength + " and " + length);
            }
            contentLength = length;
        } else if (nameIs(b, start, colon, "transfer-encoding")) {
            chunked = ascii(b, v, ve).toLowerCase(Locale.ROOT).contains("chunked");
        } else if (nameIs(b, start, colon, "connection")) {
            String value = ascii(b, v, ve).toLowerCase(Locale.ROOT);
            if (value.contains("close")) {
                closeAfter = true;
            } else if (value.contains("keep-alive")) {
                closeAfter = false;
            }
        }
        if (keepHeaders) {
            headers.computeIfAbsent(ascii(b, start, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(ascii(b, v, ve));
        }
    }

    private void endOfHead() {
        headBytes = 0;
        if (status < 200 && status != 101) {
            // an interim response (100 Continue, 103 Early Hints): the final one follows
            interimResponses++;
            if (keepHeaders) {
                headers.clear();
            }
            state = State.STATUS_LINE;
            return;
        }
        if (headRequest || status < 200 || status == 204 || status == 304) {
            framing = Framing.NONE;
            state = State.DONE;
        } else if (chunked) {
            framing = Framing.CHUNKED;
            state = State.CHUNK_SIZE;
        } else if (contentLength >= 0) {
            framing = Framing.LENGTH;
            remaining = contentLength;
            state = contentLength == 0 ? State.DONE : State.BODY_LENGTH;
        } else {
            framing = Framing.UNTIL_CLOSE;
            state = State.BODY_UNTIL_CLOSE;
        }
    }

    private void chunkSize(byte[] b, int start, int end) throws ProtocolException {
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int d = Character.digit(b[i], 16);
            if (d < 0) {
                break;
            }
            size = size * 16 + d;
            if (size > MAX_CHUNK_SIZE) {
                throw new ProtocolException("chunk size too large: '" + quote(b, start, end) + "'");
            }
        }
        // after the size: nothing, or extensions (";name=value"), possibly after white space
        if (i == start || i < end && b[i] != ';' && b[i] != ' ' && b[i] != '\t') {
            throw new ProtocolException("bad chunk size line: '" + quote(b, start, end) + "'");
        }
        if (size == 0) {
            headBytes = 0;
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void body(byte[] bytes, int offset, int length) {
        if (length > 0) {
            bodyBytes += length;
            if (sink != null) {
                sink.body(bytes, offset, length);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean nameIs(byte[] b, int start, int end, String lowerName) {
        if (end - start != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            int c = b[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long decimal(byte[] b, int start, int end) throws ProtocolException {
        if (start == end) {
            throw new ProtocolException("empty Content-Length");
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || v > Long.MAX_VALUE / 10 - 10) {
                throw new ProtocolException("bad Content-Length '" + ascii(b, start, end) + "'");
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

    private static String ascii(byte[] b, int start, int end) {
        return new String(b, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
    }

    /** The first 80 bytes of a line, for an error message. */
    private static String quote(byte[] b, int start, int end) {
        return ascii(b, start, Math.min(end, start + 80));
    }
}
