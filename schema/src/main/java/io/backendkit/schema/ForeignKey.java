package io.backendkit.schema;

import java.util.List;

/**
 * A foreign key constraint.
 *
 * @param name the constraint name
 * @param columns the referencing columns, in key order
 * @param referencedSchema the referenced table's schema
 * @param referencedTable the referenced table
 * @param referencedColumns the referenced columns, in key order
 * @param onDelete the action on delete
 * @param onUpdate the action on update
 */
public record ForeignKey(
        String name,
        List<String> columns,
        String referencedSchema,
        String referencedTable,
        List<String> referencedColumns,
        ReferentialAction onDelete,
        ReferentialAction onUpdate) {

    /** Copies the lists. */
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    /** What a foreign key does when the referenced row is deleted or its key updated. */
    public enum ReferentialAction {
        /** No action (checked at the end of the statement). */
        NO_ACTION,
        /** Restrict (checked immediately). */
        RESTRICT,
        /** Cascade the delete or update. */
        CASCADE,
        /** Set the referencing columns to NULL. */
        SET_NULL,
        /** Set the referencing columns to their defaults. */
        SET_DEFAULT;

        /**
         * Parses the action as catalogs spell it ({@code NO ACTION}, {@code a}, {@code SET NULL}...).
         *
         * @param s the spelling, any case; may be null
         * @return the action; {@link #NO_ACTION} for null or an unknown spelling
         */
        public static ReferentialAction parse(String s) {
            String v = s == null ? "" : s.strip().toUpperCase(java.util.Locale.ROOT);
            return switch (v) {
                case "R", "RESTRICT" -> RESTRICT;
                case "C", "CASCADE" -> CASCADE;
                case "N", "SET NULL", "SET_NULL" -> SET_NULL;
                case "D", "SET DEFAULT", "SET_DEFAULT" -> SET_DEFAULT;
                default -> NO_ACTION;
            };
        }

        /**
         * The SQL spelling, e.g. {@code SET NULL}.
         *
         * @return the constant's name with spaces instead of underscores
         */
        public String sql() {
            return name().replace('_', ' ');
        }
    }
}
