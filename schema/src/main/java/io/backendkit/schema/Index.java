package io.backendkit.schema;

import java.util.List;

/**
 * An index, including those that back primary keys and unique constraints.
 *
 * @param name the index name
 * @param columns the key parts in order: column names, or expressions as the database prints them
 * @param unique whether the index enforces uniqueness
 * @param primary whether it backs the primary key
 * @param predicate the WHERE clause of a partial index, or null
 * @param method the access method ({@code btree}, {@code hash}, {@code gin}...), lower case
 * @param include non-key columns carried in the index ({@code INCLUDE}), possibly empty
 */
public record Index(
        String name,
        List<String> columns,
        boolean unique,
        boolean primary,
        String predicate,
        String method,
        List<String> include) {

    /** Copies the lists. */
    public Index {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
    }

    /** Whether the key parts start with exactly {@code prefix}. */
    public boolean startsWith(List<String> prefix) {
        return columns.size() >= prefix.size()
                && columns.subList(0, prefix.size()).equals(prefix);
    }
}
