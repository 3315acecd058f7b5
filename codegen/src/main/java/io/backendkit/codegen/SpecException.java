package io.backendkit.codegen;

import io.backendkit.core.BackendKitException;

/** An OpenAPI document that cannot be read or turned into code; the location names the document and the JSON pointer. */
public class SpecException extends BackendKitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     */
    public SpecException(String location, String problem) {
        super(location, problem);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @param cause the underlying exception, may be null
     */
    public SpecException(String location, String problem, Throwable cause) {
        super(location, problem, cause);
    }
}
