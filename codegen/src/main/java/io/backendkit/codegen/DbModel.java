package io.backendkit.codegen;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link OpenApiFromDb} needs to know of a database: its tables, their columns with types, nullability and
 * defaults, keys, foreign keys, indexes and comments. Codegen does not read databases itself; fill this from a
 * catalog reader (backendkit schema's {@code Catalog}, see the examples module's bridge) or by hand.
 *
 * <pre>{@code
 * DbModel model = new DbModel(List.of(new DbModel.Table(
 *         "author",
 *         List.of(
 *                 DbModel.Column.of("id", DbModel.ColumnType.BIGINT).asGenerated(),
 *                 DbModel.Column.of("name", DbModel.ColumnType.STRING).maxLength(200)),
 *         List.of("id"),
 *         List.of(),
 *         List.of(),
 *         "People who write books")));
 * }</pre>
 *
 * <p>Immutable. The constructors check that names are not blank, that column names are unique in a table, and
 * that key, index and foreign-key columns exist; a foreign key's referenced table must be in the model.
 *
 * @param tables the tables, in the order their paths appear in the document
 */
public record DbModel(List<Table> tables) {

    /**
     * Validates the model and copies the list.
     *
     * @throws NullPointerException when {@code tables} or one of them is null
     * @throws IllegalArgumentException when two tables share a name or a foreign key references a table that is not
     *     in the model, or references columns that the table does not have
     */
    public DbModel {
        tables = List.copyOf(tables);
        Set<String> names = new HashSet<>();
        for (Table t : tables) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("table '" + t.name() + "' appears twice");
            }
        }
        for (Table t : tables) {
            for (ForeignKey fk : t.foreignKeys()) {
                Table parent = tables.stream()
                        .filter(p -> p.name().equals(fk.referencedTable()))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("table '" + t.name() + "': foreign key "
                                + fk.columns() + " references table '" + fk.referencedTable()
                                + "', which is not in the model"));
                for (String c : fk.referencedColumns()) {
                    if (parent.column(c) == null) {
                        throw new IllegalArgumentException("table '" + t.name() + "': foreign key " + fk.columns()
                                + " references column '" + c + "', which table '" + parent.name() + "' does not have");
                    }
                }
            }
        }
    }

    /**
     * The table of that name.
     *
     * @param name the table's name, exactly
     * @return the table, or null when the model has none of that name
     */
    public Table table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** The kinds of column value the document distinguishes. */
    public enum ColumnType {
        /** Text of any length ({@code varchar}, {@code text}, {@code char}); a max length may be given. */
        STRING,
        /** A 16-bit integer ({@code smallint}). */
        SMALLINT,
        /** A 32-bit integer ({@code integer}, {@code int}, {@code mediumint}). */
        INTEGER,
        /** A 64-bit integer ({@code bigint}). */
        BIGINT,
        /** An exact decimal ({@code numeric(p,s)}, {@code decimal}); precision and scale may be given. */
        DECIMAL,
        /** A single-precision float ({@code real}, {@code float}). */
        REAL,
        /** A double-precision float ({@code double precision}). */
        DOUBLE,
        /** A boolean ({@code boolean}, MySQL {@code tinyint(1)}). */
        BOOLEAN,
        /** A calendar date. */
        DATE,
        /** A time of day. */
        TIME,
        /** A timestamp without time zone. */
        TIMESTAMP,
        /** A timestamp with time zone ({@code timestamptz}). */
        TIMESTAMP_WITH_TIME_ZONE,
        /** A UUID. */
        UUID,
        /** Bytes ({@code bytea}, {@code blob}), sent base64-encoded. */
        BINARY,
        /** A JSON value ({@code json}, {@code jsonb}). */
        JSON,
        /** Anything else, sent as its text form. */
        OTHER
    }

    /**
     * A table.
     *
     * @param name the table's name as the database spells it
     * @param columns its columns in table order, at least one
     * @param primaryKey the primary key's columns in key order; empty when the table has none (then it gets list and
     *     create operations only)
     * @param foreignKeys its foreign keys
     * @param indexes the columns of each index, in index order; a leading column becomes a list filter
     * @param comment the table's comment, or null
     */
    public record Table(
            String name,
            List<Column> columns,
            List<String> primaryKey,
            List<ForeignKey> foreignKeys,
            List<List<String>> indexes,
            String comment) {

        /**
         * Validates the table and copies the lists.
         *
         * @throws NullPointerException when a list or the name is null
         * @throws IllegalArgumentException when the name is blank, there are no columns, two columns share a name, or
         *     a key, index or foreign-key column is not one of the table's
         */
        public Table {
            requireName(name, "table name");
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
            foreignKeys = List.copyOf(foreignKeys);
            indexes = indexes.stream().map(List::copyOf).toList();
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("table '" + name + "' has no columns");
            }
            Set<String> seen = new HashSet<>();
            for (Column c : columns) {
                if (!seen.add(c.name())) {
                    throw new IllegalArgumentException("table '" + name + "': column '" + c.name() + "' appears twice");
                }
            }
            requireColumns(name, "primary key", primaryKey, seen);
            for (ForeignKey fk : foreignKeys) {
                requireColumns(name, "foreign key", fk.columns(), seen);
            }
            for (List<String> index : indexes) {
                requireColumns(name, "index", index, seen);
            }
        }

        /**
         * The column of that name.
         *
         * @param columnName the column's name, exactly
         * @return the column, or null when the table has none of that name
         */
        public Column column(String columnName) {
            return columns.stream()
                    .filter(c -> c.name().equals(columnName))
                    .findFirst()
                    .orElse(null);
        }
    }

    /**
     * A column.
     *
     * @param name the column's name as the database spells it
     * @param type the kind of value
     * @param nullable whether it may be null
     * @param generated whether the database computes it (identity, serial, auto-increment or a generated column):
     *     read-only in the document, never sent on create or update
     * @param hasDefault whether the database has a default for it: optional on create
     * @param maxLength the maximum length of a string, or null
     * @param precision the total digits of a decimal, or null
     * @param scale the digits after the point of a decimal, or null
     * @param allowedValues the only values allowed (an enum type, or a check constraint {@code col IN (...)}); empty
     *     when any value of the type is allowed
     * @param comment the column's comment, or null
     */
    public record Column(
            String name,
            ColumnType type,
            boolean nullable,
            boolean generated,
            boolean hasDefault,
            Integer maxLength,
            Integer precision,
            Integer scale,
            List<String> allowedValues,
            String comment) {

        /**
         * Validates the column and copies the list.
         *
         * @throws NullPointerException when the name, type or list is null
         * @throws IllegalArgumentException when the name is blank or a length, precision or scale is negative
         */
        public Column {
            requireName(name, "column name");
            Objects.requireNonNull(type, "type");
            allowedValues = List.copyOf(allowedValues);
            for (Integer n : new Integer[] {maxLength, precision, scale}) {
                if (n != null && n < 0) {
                    throw new IllegalArgumentException("column '" + name + "': lengths must be >= 0 (was " + n + ")");
                }
            }
        }

        /**
         * A NOT NULL column without default, length or comment.
         *
         * @param name the column's name
         * @param type its type
         * @return the column
         */
        public static Column of(String name, ColumnType type) {
            return new Column(name, type, false, false, false, null, null, null, List.of(), null);
        }

        /**
         * This column, nullable.
         *
         * @return a copy that may be null
         */
        public Column asNullable() {
            return new Column(
                    name, type, true, generated, hasDefault, maxLength, precision, scale, allowedValues, comment);
        }

        /**
         * This column, computed by the database.
         *
         * @return a read-only copy
         */
        public Column asGenerated() {
            return new Column(
                    name, type, nullable, true, hasDefault, maxLength, precision, scale, allowedValues, comment);
        }

        /**
         * This column, with a database default.
         *
         * @return a copy that is optional on create
         */
        public Column withDefault() {
            return new Column(
                    name, type, nullable, generated, true, maxLength, precision, scale, allowedValues, comment);
        }

        /**
         * This column with a maximum length.
         *
         * @param length the longest string allowed
         * @return the copy
         */
        public Column maxLength(int length) {
            return new Column(
                    name, type, nullable, generated, hasDefault, length, precision, scale, allowedValues, comment);
        }

        /**
         * This column with a decimal's precision and scale.
         *
         * @param totalDigits the precision
         * @param fractionDigits the scale
         * @return the copy
         */
        public Column digits(int totalDigits, int fractionDigits) {
            return new Column(
                    name,
                    type,
                    nullable,
                    generated,
                    hasDefault,
                    maxLength,
                    totalDigits,
                    fractionDigits,
                    allowedValues,
                    comment);
        }

        /**
         * This column limited to some values.
         *
         * @param values the values allowed
         * @return the copy
         */
        public Column allowed(List<String> values) {
            return new Column(
                    name, type, nullable, generated, hasDefault, maxLength, precision, scale, values, comment);
        }

        /**
         * This column with a comment.
         *
         * @param text the comment
         * @return the copy
         */
        public Column comment(String text) {
            return new Column(
                    name, type, nullable, generated, hasDefault, maxLength, precision, scale, allowedValues, text);
        }
    }

    /**
     * A foreign key.
     *
     * @param name the constraint's name, or null
     * @param columns the referencing columns, in key order
     * @param referencedTable the referenced table's name
     * @param referencedColumns the referenced columns, in key order, as many as {@code columns}
     */
    public record ForeignKey(
            String name, List<String> columns, String referencedTable, List<String> referencedColumns) {

        /**
         * Validates the key and copies the lists.
         *
         * @throws NullPointerException when a list or the referenced table is null
         * @throws IllegalArgumentException when there are no columns or the two column lists differ in length
         */
        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
            requireName(referencedTable, "referenced table");
            if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
                throw new IllegalArgumentException("foreign key " + columns + " -> " + referencedTable
                        + referencedColumns + ": needs as many referenced columns as columns, at least one");
            }
        }
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static void requireColumns(String table, String what, List<String> columns, Set<String> known) {
        for (String c : columns) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException(
                        "table '" + table + "': " + what + " column '" + c + "' is not a column of the table");
            }
        }
    }
}
