package io.backendkit.schema.internal.analyze;

/**
 * Where the generator that feeds one column stands: a PostgreSQL sequence (serial default or identity) or a
 * MySQL/MariaDB {@code AUTO_INCREMENT} counter.
 *
 * @param schema the sequence's schema; null for an {@code AUTO_INCREMENT} counter
 * @param name the sequence's name; null for an {@code AUTO_INCREMENT} counter
 * @param dataType the sequence's own type as PostgreSQL prints it ({@code integer}, {@code bigint}...); null for an
 *     {@code AUTO_INCREMENT} counter
 * @param min the smallest value the sequence gives
 * @param max the largest value the sequence gives (for a counter: the largest {@code long})
 * @param increment the step, negative for a descending sequence
 * @param current the last value given, or (never used, counters) the next one
 * @param identity whether the column is an identity column (PostgreSQL {@code GENERATED ... AS IDENTITY})
 */
public record SequenceState(
        String schema,
        String name,
        String dataType,
        long min,
        long max,
        long increment,
        long current,
        boolean identity) {

    /** The largest value of a sequence of {@code dataType}, or {@link Long#MAX_VALUE} for bigint and unknown types. */
    public static long typeMax(String dataType) {
        return switch (dataType == null ? "" : dataType) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }
}
