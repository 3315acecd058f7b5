package io.backendkit.schema;

/**
 * One SQL statement cut from a script, with the line it starts on.
 *
 * @param sql the statement text without its terminating delimiter, trimmed
 * @param line the 1-based line in the script where the statement starts
 */
public record SqlStatement(String sql, int line) {

    /** Validates the components. */
    public SqlStatement {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("statement sql must not be blank");
        }
        if (line < 1) {
            throw new IllegalArgumentException("statement line must be >= 1 (was " + line + ")");
        }
    }
}
