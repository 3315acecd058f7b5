package backendkit.template.client;

import backendkit.template.model.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * A call that did not succeed: the server answered with a status outside 2xx (then {@link #status()}
 * is that status, and {@link #code()}, {@link #getMessage()} and {@link #details()} come from the
 * error envelope when the body is one), the response could not be read, or the request could not be
 * sent (status 0). Where the document describes the error body of the status, {@link #errorBody()}
 * is that body read into its type; {@link #body()} always keeps the raw text. A 401 carries the
 * server's {@link #challenges()}, a 429 or 503 its {@link #retryAfter()}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public class ApiClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<Violation> details;
    private final String body;
    private final transient Map<String, List<String>> headers;
    private final transient Object errorBody;

    /**
     * A failed call.
     *
     * @param status the HTTP status, or 0 when there was no response
     * @param code the error code from the envelope, or null
     * @param message what went wrong
     * @param details field-level problems from the envelope, may be empty
     * @param body the raw response body, or null
     * @param cause the underlying exception, or null
     */
    public ApiClientException(
            int status, String code, String message, List<Violation> details, String body, Throwable cause) {
        this(status, code, message, details, body, Map.of(), null, cause);
    }

    /**
     * A failed call with the response's headers and its error body read into the documented type.
     *
     * @param status the HTTP status, or 0 when there was no response
     * @param code the error code from the envelope, or null
     * @param message what went wrong
     * @param details field-level problems from the envelope, may be empty
     * @param body the raw response body, or null
     * @param headers the response headers, may be empty
     * @param errorBody the body read into the type the document gives it for the status, or null
     * @param cause the underlying exception, or null
     */
    public ApiClientException(
            int status,
            String code,
            String message,
            List<Violation> details,
            String body,
            Map<String, List<String>> headers,
            Object errorBody,
            Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.body = body;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.errorBody = errorBody;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    /** The envelope's error code, or null. */
    public String code() {
        return code;
    }

    /** The envelope's field-level details. */
    public List<Violation> details() {
        return details;
    }

    /** The raw response body, or null. */
    public String body() {
        return body;
    }

    /** The response headers; empty when there was no response. */
    public Map<String, List<String>> headers() {
        return headers == null ? Map.of() : headers;
    }

    /**
     * The error body read into the type the document describes for this status (or for {@code
     * default}); null when it describes none, or the body did not fit it.
     */
    public Object errorBody() {
        return errorBody;
    }

    /**
     * The error body if it is a {@code type}.
     *
     * @param type the documented error type, such as {@code Problem.class}
     * @param <T> the type
     * @return the body, or null when there is none of that type
     */
    public <T> T errorBody(Class<T> type) {
        return type.isInstance(errorBody) ? type.cast(errorBody) : null;
    }

    /**
     * The {@code WWW-Authenticate} challenges of the response, such as {@code Bearer} or {@code Basic
     * realm="api", charset="UTF-8"}.
     *
     * @return the challenges in the order sent; empty when there were none
     */
    public List<String> challenges() {
        List<String> challenges = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers().entrySet()) {
            if (e.getKey() != null && e.getValue() != null && e.getKey().equalsIgnoreCase("WWW-Authenticate")) {
                e.getValue().stream().filter(v -> v != null).forEach(challenges::add);
            }
        }
        return List.copyOf(challenges);
    }

    /**
     * How long the server asked the client to wait ({@code Retry-After}, in seconds or as an HTTP
     * date).
     *
     * @return the wait, never negative; empty without a readable header
     */
    public Optional<Duration> retryAfter() {
        String retryAfter = null;
        for (Map.Entry<String, List<String>> e : headers().entrySet()) {
            if (e.getKey() != null
                    && e.getValue() != null
                    && !e.getValue().isEmpty()
                    && e.getKey().equalsIgnoreCase("Retry-After")) {
                retryAfter = e.getValue().get(0);
                break;
            }
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String value = retryAfter.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException e) {
            // not delta-seconds: an HTTP date
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
