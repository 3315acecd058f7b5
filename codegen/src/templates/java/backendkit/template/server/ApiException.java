package backendkit.template.server;

import backendkit.template.model.Violation;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Ends a request with an error response in the error envelope: {@code {"error": {"code", "message",
 * "details"}, "meta": {...}}}. Handlers throw it for expected failures (not found, conflict...);
 * the router throws it for bad requests.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    /** Not serialized: an exception that crosses a serialization boundary keeps status, code and message. */
    private final transient List<Violation> details;
    /** The body to send instead of the error envelope, or null. */
    private final transient Object body;

    /**
     * An error response.
     *
     * @param status the HTTP status, 400 to 599
     * @param code a stable machine-readable code such as {@code NOT_FOUND}
     * @param message a message for people; sent to the client
     * @param details field-level problems, may be empty
     */
    public ApiException(int status, String code, String message, List<Violation> details) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 400..599 (was " + status + ")");
        }
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.body = null;
    }

    private ApiException(int status, Object body) {
        super("error " + status);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be 400..599 (was " + status + ")");
        }
        this.status = status;
        this.code = null;
        this.details = List.of();
        this.body = java.util.Objects.requireNonNull(body, "body");
    }

    /**
     * An error response with the body the document describes for it (such as its {@code Problem}
     * schema), written as JSON instead of the error envelope.
     *
     * @param status the HTTP status, 400 to 599
     * @param body the body, written with the models' JSON mapping
     * @return the exception to throw
     */
    public static ApiException withBody(int status, Object body) {
        return new ApiException(status, body);
    }

    /** An error response without details. */
    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    /** 400 VALIDATION_ERROR with every violation as a detail. */
    public static ApiException validation(List<Violation> violations) {
        return new ApiException(400, "VALIDATION_ERROR", "Request validation failed", violations);
    }

    /** 400 BAD_REQUEST. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message);
    }

    /** 401 UNAUTHORIZED. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    /** 403 FORBIDDEN. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    /** 404 NOT_FOUND. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message);
    }

    /** 409 CONFLICT. */
    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    /** 422 UNPROCESSABLE_ENTITY. */
    public static ApiException unprocessable(String message) {
        return new ApiException(422, "UNPROCESSABLE_ENTITY", message);
    }

    /** 429 RATE_LIMITED. */
    public static ApiException tooManyRequests(String message) {
        return new ApiException(429, "RATE_LIMITED", message);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The machine-readable code. */
    public String code() {
        return code;
    }

    /** Field-level problems. */
    public List<Violation> details() {
        return details == null ? List.of() : details;
    }

    /** The body to send instead of the error envelope, or null for the envelope. */
    public Object body() {
        return body;
    }
}
