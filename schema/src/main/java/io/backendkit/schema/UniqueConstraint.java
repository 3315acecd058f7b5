package io.backendkit.schema;

import java.util.List;

/**
 * A unique constraint (not a unique index created on its own; those are {@link Index}es).
 *
 * @param name the constraint name
 * @param columns the columns, in order
 */
public record UniqueConstraint(String name, List<String> columns) {
    /** Copies the list. */
    public UniqueConstraint {
        columns = List.copyOf(columns);
    }
}
