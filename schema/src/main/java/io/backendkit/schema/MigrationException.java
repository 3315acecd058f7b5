package io.backendkit.schema;

/**
 * A migration that cannot be loaded, validated, applied or rolled back. The location names the
 * migration file and, where one statement is to blame, its line ({@code V3__add_orders.sql:12}).
 */
public class MigrationException extends SchemaException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param location the file (and line) or setting at fault, not blank
     * @param problem what is wrong, not blank
     */
    public MigrationException(String location, String problem) {
        super(location, problem);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location the file (and line) or setting at fault, not blank
     * @param problem what is wrong, not blank
     * @param cause the underlying exception, may be null
     */
    public MigrationException(String location, String problem, Throwable cause) {
        super(location, problem, cause);
    }
}
