package io.backendkit.loadgen;

/**
 * Why a request failed. Every failed request falls into exactly one kind; the report counts them per
 * endpoint and keeps the first message seen for each.
 */
public enum ErrorKind {
    /** The target refused the TCP connection (nothing listens on the port). */
    CONNECT_REFUSED,
    /** The TCP connection was not established within the connect timeout. */
    CONNECT_TIMEOUT,
    /** The connection could not be made for another reason (unknown host, no route, TLS handshake). */
    CONNECT_FAILED,
    /** The response did not arrive within the request timeout. */
    READ_TIMEOUT,
    /** The connection was reset or closed by the target before the response was complete. */
    CONNECTION_RESET,
    /** The target sent something that is not a valid HTTP/1.x response. */
    PROTOCOL_ERROR,
    /** Any other I/O failure while sending or receiving. */
    IO_ERROR,
    /**
     * Still in flight when the run ended and not answered within the drain timeout: cut off. Its
     * latency is recorded as the time it had waited, a lower bound.
     */
    CUT_OFF,
    /** A 4xx status the endpoint did not expect (429 too, unless rate limiting is expected). */
    HTTP_4XX,
    /** A 5xx status the endpoint did not expect. */
    HTTP_5XX,
    /** A 1xx, 2xx or 3xx status outside the endpoint's expected statuses. */
    UNEXPECTED_STATUS,
    /** The response (or the callable's result) failed a response check. */
    CHECK_FAILED,
    /** An in-process task threw an exception. */
    EXCEPTION;

    /**
     * Whether a request failing this way got no answer at all (no connection, no or no valid response,
     * a timeout, cut off), as opposed to an answer that was wrong (a status, a failed check, an
     * exception thrown by an in-process task).
     *
     * @return true for the kinds without an answer, false for {@link #HTTP_4XX}, {@link #HTTP_5XX}, {@link
     *     #UNEXPECTED_STATUS}, {@link #CHECK_FAILED} and {@link #EXCEPTION}
     */
    public boolean noResponse() {
        return switch (this) {
            case HTTP_4XX, HTTP_5XX, UNEXPECTED_STATUS, CHECK_FAILED, EXCEPTION -> false;
            default -> true;
        };
    }

    /**
     * The kind for an unexpected HTTP status: by family for 4xx and 5xx, otherwise {@link
     * #UNEXPECTED_STATUS}.
     *
     * @param status the HTTP status
     * @return {@link #HTTP_4XX}, {@link #HTTP_5XX} or {@link #UNEXPECTED_STATUS}
     */
    public static ErrorKind forStatus(int status) {
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        if (status >= 500 && status < 600) {
            return HTTP_5XX;
        }
        return UNEXPECTED_STATUS;
    }
}
