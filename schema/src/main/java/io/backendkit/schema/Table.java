package io.backendkit.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table with everything backendkit reads about it.
 *
 * @param schema the schema (PostgreSQL, H2) or database (MySQL) the table lives in
 * @param name the table name
 * @param columns columns in ordinal order
 * @param primaryKey the primary key, or null when the table has none
 * @param foreignKeys foreign keys, by name
 * @param uniqueConstraints unique constraints, by name
 * @param checkConstraints check constraints, by name
 * @param indexes indexes, by name
 * @param rowEstimate the planner's row estimate, or -1 when unknown
 * @param comment the table comment, or null
 */
public record Table(
        String schema,
        String name,
        List<Column> columns,
        PrimaryKey primaryKey,
        List<ForeignKey> foreignKeys,
        List<UniqueConstraint> uniqueConstraints,
        List<CheckConstraint> checkConstraints,
        List<Index> indexes,
        long rowEstimate,
        String comment) {

    /** Copies the lists. */
    public Table {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        checkConstraints = List.copyOf(checkConstraints);
        indexes = List.copyOf(indexes);
    }

    /** The column called {@code name} (exact match first, then ignoring case). */
    public Optional<Column> column(String name) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .or(() -> columns.stream()
                        .filter(c -> c.name().equalsIgnoreCase(name))
                        .findFirst());
    }

    /** {@code schema.name}, or the bare name without a schema. */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
}
