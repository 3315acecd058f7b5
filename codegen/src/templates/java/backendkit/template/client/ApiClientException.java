package backendkit.template.client;

import backendkit.template.model.Violation;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A call that did not succeed: the server answered with a status outside 2xx (then {@link #status()}
 * is that status, and {@link #code()}, {@link #getMessage()} and {@link #details()} come from the
 * error envelope when the body is one), the response could not be read, or the request could not be
 * sent (status 0).
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public class ApiClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<Violation> details;
    private final String body;

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
        super(message, cause);
        this.status = status;
        this.code = code;
        this.details = details == null ? List.of() : List.copyOf(details);
        this.body = body;
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
}
