package io.backendkit.schema;

import io.backendkit.core.BackendKitException;

/** A database catalog, schema diff or migration that cannot be read or applied; the location names the table, file or line. */
public class SchemaException extends BackendKitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     */
    public SchemaException(String location, String problem) {
        super(location, problem);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @param cause the underlying exception, may be null
     */
    public SchemaException(String location, String problem, Throwable cause) {
        super(location, problem, cause);
    }
}
