package io.backendkit.schema;

/**
 * One migration that a run executed.
 *
 * @param version its version
 * @param description its description
 * @param fileName its file
 * @param direction {@code UP} for migrate, {@code DOWN} for rollback
 * @param statements how many statements ran
 * @param executionMillis how long it took
 */
public record AppliedMigration(
        MigrationVersion version,
        String description,
        String fileName,
        Direction direction,
        int statements,
        long executionMillis) {

    /** Which section of the file ran. */
    public enum Direction {
        /** The up section. */
        UP,
        /** The down section. */
        DOWN
    }
}
