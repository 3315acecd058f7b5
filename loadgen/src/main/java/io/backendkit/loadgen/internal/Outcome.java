package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;

/** The result of one request, filled in by a {@link Session}; one reusable instance per worker. */
public final class Outcome {

    /** HTTP status, or 0 when there was no response (or the target is not HTTP). */
    public int status;
    /** Why the request failed, or null when it succeeded. */
    public ErrorKind kind;
    /** Human-readable failure description (may be null; built lazily by {@link #describe}). */
    public String message;
    /** A failure that explains the kind, used to build the message when one is wanted. */
    public Throwable cause;
    /** The endpoint the request went to, for messages. */
    public String where;
    /** Times the request was sent again because its first write found the connection given up. */
    public int retries;
    /** Request bytes written to the wire (head and body, re-sends included). */
    public long bytesSent;
    /** Response bytes read from the wire (head, framing and body). */
    public long bytesReceived;
    /** Request body bytes. */
    public long bodyBytesSent;
    /** Response body bytes. */
    public long bodyBytesReceived;

    /** Clears the per-request counters before a request. */
    public void startRequest() {
        retries = 0;
        bytesSent = 0;
        bytesReceived = 0;
        bodyBytesSent = 0;
        bodyBytesReceived = 0;
    }

    /** Marks success with the given status. */
    public void success(int status) {
        this.status = status;
        this.kind = null;
        this.message = null;
        this.cause = null;
    }

    /** Marks failure. */
    public void failure(int status, ErrorKind kind, String message, Throwable cause) {
        this.status = status;
        this.kind = kind;
        this.message = message;
        this.cause = cause;
    }

    /** The failure message: the explicit one, else the cause's class and message. */
    public String describe() {
        if (message != null) {
            return message;
        }
        String suffix = where == null ? "" : " (" + where + ")";
        if (cause != null) {
            String m = cause.getMessage();
            return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m) + suffix;
        }
        if (status > 0) {
            return "status " + status + suffix;
        }
        return (kind == null ? "ok" : kind.name()) + suffix;
    }
}
