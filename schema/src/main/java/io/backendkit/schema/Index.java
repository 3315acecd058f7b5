package io.backendkit.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An index, including those that back primary keys and unique constraints.
 *
 * @param name the index name
 * @param columns the key parts in order: column names as stored, or for an expression the expression as the database
 *     prints it (for reading; {@link #keyParts()} says which is which and is what SQL is written from)
 * @param unique whether the index enforces uniqueness
 * @param primary whether it backs the primary key
 * @param predicate the WHERE clause of a partial index as the database prints it, or null
 * @param method the access method ({@code btree}, {@code hash}, {@code gin}...), lower case
 * @param include non-key columns carried in the index ({@code INCLUDE}), possibly empty
 * @param keyParts the key parts, one per entry of {@code columns}
 * @param valid false for an index the database will not use (PostgreSQL: left by a failed {@code CREATE INDEX
 *     CONCURRENTLY})
 */
public record Index(
        String name,
        List<String> columns,
        boolean unique,
        boolean primary,
        String predicate,
        String method,
        List<String> include,
        List<KeyPart> keyParts,
        boolean valid) {

    /**
     * One key part: a column (optionally only its first {@code prefixLength} characters, MySQL) or an expression.
     *
     * @param column the column name as stored, or null for an expression
     * @param expression the expression as the database printed it, or null for a column
     * @param prefixLength the indexed prefix length (MySQL {@code SUB_PART}), or null
     */
    public record KeyPart(String column, String expression, Integer prefixLength) {
        /** Exactly one of column and expression. */
        public KeyPart {
            if ((column == null) == (expression == null)) {
                throw new IllegalArgumentException("a key part is either a column or an expression");
            }
        }

        /**
         * A plain column key part.
         *
         * @param column the column name as stored, not null
         * @return a key part for the whole column
         * @throws NullPointerException when {@code column} is null
         */
        public static KeyPart ofColumn(String column) {
            return new KeyPart(Objects.requireNonNull(column, "column"), null, null);
        }

        /**
         * An expression key part, as the database printed it.
         *
         * @param expression the expression text, not null
         * @return a key part for the expression
         * @throws NullPointerException when {@code expression} is null
         */
        public static KeyPart ofExpression(String expression) {
            return new KeyPart(null, Objects.requireNonNull(expression, "expression"), null);
        }

        /**
         * Whether this part is an expression.
         *
         * @return true for an expression, false for a column
         */
        public boolean isExpression() {
            return expression != null;
        }

        /**
         * The column name or the expression text.
         *
         * @return {@link #column()} when set, otherwise {@link #expression()}
         */
        public String text() {
            return column != null ? column : expression;
        }
    }

    /** Copies the lists; the key parts must match the columns one to one. */
    public Index {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
        keyParts = List.copyOf(keyParts);
        if (keyParts.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "index " + name + ": " + keyParts.size() + " key parts for " + columns.size() + " columns");
        }
    }

    /**
     * A valid index whose key parts are plain columns.
     *
     * @param name the index name
     * @param columns the indexed column names, in key order
     * @param unique whether the index enforces uniqueness
     * @param primary whether it backs the primary key
     * @param predicate the WHERE clause of a partial index, or null
     * @param method the access method, lower case
     * @param include non-key columns carried in the index, possibly empty
     */
    public Index(
            String name,
            List<String> columns,
            boolean unique,
            boolean primary,
            String predicate,
            String method,
            List<String> include) {
        this(name, columns, unique, primary, predicate, method, include, plain(columns), true);
    }

    /**
     * An index with the given key parts; {@code columns} is derived from them.
     *
     * @param name the index name
     * @param keyParts the key parts, in key order
     * @param unique whether the index enforces uniqueness
     * @param primary whether it backs the primary key
     * @param predicate the WHERE clause of a partial index, or null
     * @param method the access method, lower case
     * @param include non-key columns carried in the index, possibly empty
     * @param valid false for an index the database will not use
     * @return the index
     */
    public static Index of(
            String name,
            List<KeyPart> keyParts,
            boolean unique,
            boolean primary,
            String predicate,
            String method,
            List<String> include,
            boolean valid) {
        return new Index(
                name,
                keyParts.stream().map(KeyPart::text).toList(),
                unique,
                primary,
                predicate,
                method,
                include,
                keyParts,
                valid);
    }

    /**
     * Whether the key parts start with exactly {@code prefix}.
     *
     * @param prefix column names (or expression texts) in key order
     * @return true when the first {@code prefix.size()} entries of {@link #columns()} equal {@code prefix}
     */
    public boolean startsWith(List<String> prefix) {
        return columns.size() >= prefix.size()
                && columns.subList(0, prefix.size()).equals(prefix);
    }

    /**
     * Whether every key part is a whole column (no expression, no prefix).
     *
     * @return true when no key part is an expression or a prefix
     */
    public boolean plainColumns() {
        return keyParts.stream().allMatch(k -> k.column() != null && k.prefixLength() == null);
    }

    private static List<KeyPart> plain(List<String> columns) {
        List<KeyPart> out = new ArrayList<>(columns.size());
        columns.forEach(c -> out.add(KeyPart.ofColumn(c)));
        return out;
    }
}
