package io.backendkit.schema;

import java.util.List;

/**
 * A primary key.
 *
 * @param name the constraint name (some databases report a fixed name such as {@code PRIMARY})
 * @param columns the key columns in key order
 */
public record PrimaryKey(String name, List<String> columns) {
    /** Copies the list. */
    public PrimaryKey {
        columns = List.copyOf(columns);
    }
}
