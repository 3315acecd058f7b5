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
 * @param partitionOf the partitioned table this one is a partition of (PostgreSQL), or null
 * @param partitioned whether this is a partitioned table whose rows live in its partitions (PostgreSQL)
 * @param inheritsFrom the tables it inherits from without being a partition (PostgreSQL
 *     {@code INHERITS}), possibly empty
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
        String comment,
        Name partitionOf,
        boolean partitioned,
        List<Name> inheritsFrom) {

    /**
     * A table's schema and name, e.g. a partition's parent.
     *
     * @param schema the schema, or null
     * @param name the table name
     */
    public record Name(String schema, String name) {
        @Override
        public String toString() {
            return schema == null || schema.isEmpty() ? name : schema + "." + name;
        }
    }

    /**
     * A plain table: not partitioned, not a partition, inheriting from nothing.
     *
     * @param schema the schema (PostgreSQL, H2) or database (MySQL) the table lives in
     * @param name the table name
     * @param columns columns in ordinal order
     * @param primaryKey the primary key, or null when the table has none
     * @param foreignKeys foreign keys
     * @param uniqueConstraints unique constraints
     * @param checkConstraints check constraints
     * @param indexes indexes
     * @param rowEstimate the planner's row estimate, or -1 when unknown
     * @param comment the table comment, or null
     */
    public Table(
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
        this(
                schema,
                name,
                columns,
                primaryKey,
                foreignKeys,
                uniqueConstraints,
                checkConstraints,
                indexes,
                rowEstimate,
                comment,
                null,
                false,
                List.of());
    }

    /** Copies the lists. */
    public Table {
        inheritsFrom = List.copyOf(inheritsFrom);
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
        checkConstraints = List.copyOf(checkConstraints);
        indexes = List.copyOf(indexes);
    }

    /**
     * The column called {@code name} (exact match first, then ignoring case).
     *
     * @param name the column name
     * @return the column, or empty when the table has no such column
     */
    public Optional<Column> column(String name) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .or(() -> columns.stream()
                        .filter(c -> c.name().equalsIgnoreCase(name))
                        .findFirst());
    }

    /**
     * Whether this table is a partition of another.
     *
     * @return true when {@link #partitionOf()} is set
     */
    public boolean isPartition() {
        return partitionOf != null;
    }

    /**
     * {@code schema.name}, or the bare name without a schema.
     *
     * @return for example {@code public.orders}, or {@code orders} when the schema is null or empty
     */
    public String qualifiedName() {
        return schema == null || schema.isEmpty() ? name : schema + "." + name;
    }
}
