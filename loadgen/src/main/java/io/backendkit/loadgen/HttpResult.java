package io.backendkit.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A response as seen by a response check ({@link HttpEndpoint.Builder#check}). Only endpoints with
 * checks keep response headers and bodies; the others read and discard them.
 *
 * <p>Immutable and thread-safe; header names are lower case.
 */
public final class HttpResult {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * A response; the headers and body are copied, so later changes to the arguments are not seen.
     *
     * @param status the HTTP status
     * @param headers header values by name (names are lower-cased; values of names that differ only in
     *     case are joined); null for none
     * @param body the body bytes (copied); null for an empty body
     */
    public HttpResult(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        TreeMap<String, List<String>> copy = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                    .addAll(v));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body == null ? new byte[0] : body.clone();
    }

    /**
     * The HTTP status code.
     *
     * @return the status, for example 200
     */
    public int status() {
        return status;
    }

    /**
     * All headers.
     *
     * @return an unmodifiable map from lower-case name (sorted) to the values in the order received
     */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, matched ignoring case
     * @return the first value, or empty when the response has no such header
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body bytes.
     *
     * @return a copy of the body, empty when there was none
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body decoded as UTF-8 (malformed input replaced).
     *
     * @return the body text, empty when there was none
     */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * One line for logs: the status and body length.
     *
     * @return for example {@code HttpResult[status 200, 42 body bytes]}
     */
    @Override
    public String toString() {
        return "HttpResult[status " + status + ", " + body.length + " body bytes]";
    }
}
