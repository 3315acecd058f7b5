package io.backendkit.loadgen;

/**
 * How HTTP requests are sent.
 *
 * <p>{@link #HTTP1} is the default for {@code http://} targets: each virtual user owns one
 * keep-alive connection, a plain blocking socket on a virtual thread with a reused buffer, and
 * requests are pre-encoded bytes. It is several times faster than the JDK client on loopback. The
 * JDK client ({@link java.net.http.HttpClient}) is there for TLS and HTTP/2 and is the default for
 * {@code https://} targets.
 */
public enum HttpTransport {
    /** loadgen's own HTTP/1.1 transport: keep-alive, plain TCP only ({@code http://}). */
    HTTP1,
    /** The JDK {@code HttpClient} speaking HTTP/1.1 (plain or TLS). */
    JDK_HTTP1_1,
    /** The JDK {@code HttpClient} preferring HTTP/2 (ALPN over TLS; falls back to HTTP/1.1). */
    JDK_HTTP2
}
