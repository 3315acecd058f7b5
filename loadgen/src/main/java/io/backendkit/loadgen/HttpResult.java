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
 * <p>Immutable; header names are lower case.
 */
public final class HttpResult {

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * @param status the HTTP status
     * @param headers header values by name (names are lower-cased)
     * @param body the body bytes (copied)
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

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    /** All headers, names lower case, sorted. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header (name case-insensitive). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** A copy of the body. */
    public byte[] body() {
        return body.clone();
    }

    /** The body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "HttpResult[status " + status + ", " + body.length + " body bytes]";
    }
}
