package io.backendkit.schema;

import java.util.Optional;

/**
 * One versioned migration: a file {@code V<version>__<description>.sql} with an up section and an optional down
 * section, each introduced by a marker line; or a Flyway file of the same name whose whole content is the up section,
 * with the {@code U<version>__<description>.sql} file of the same version as its down section.
 *
 * <pre>
 * -- migrate:up
 * CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(320) NOT NULL);
 *
 * -- migrate:down
 * DROP TABLE users;
 * </pre>
 *
 * @param version the version from the file name
 * @param description the description from the file name, underscores as spaces
 * @param fileName the file name, e.g. {@code V1__create_users.sql}
 * @param source where it was loaded from, e.g. {@code filesystem:/app/db/V1__create_users.sql}
 * @param checksum CRC32 of the file content with line endings normalised; for a Flyway-format file Flyway's own
 *     checksum (CRC32 of its lines without terminators), so that Flyway's history can be verified
 * @param up the SQL of the up section (placeholders replaced); blank only for an empty Flyway-format file
 * @param upLine the file line on which the up section's first line stands
 * @param down the SQL of the down section, or null when the file has none
 * @param downLine the file line on which the down section's first line stands, 0 without one
 * @param downFileName the Flyway {@code U} file that holds the down section, or null when the down section (if any)
 *     is in this file
 */
public record MigrationScript(
        MigrationVersion version,
        String description,
        String fileName,
        String source,
        int checksum,
        String up,
        int upLine,
        String down,
        int downLine,
        String downFileName) {

    /** Marker line that opens the up section. */
    public static final String UP_MARKER = "-- migrate:up";

    /** Marker line that opens the down section. */
    public static final String DOWN_MARKER = "-- migrate:down";

    /**
     * The down section, if the file has one.
     *
     * @return the down SQL, or empty when the migration cannot be rolled back
     */
    public Optional<String> downIfPresent() {
        return Optional.ofNullable(down);
    }

    /**
     * {@code fileName:line}, the location used in messages about a statement of the up section.
     *
     * @param line the 1-based line in the file
     * @return for example {@code V2__add_orders.sql:14}
     */
    public String at(int line) {
        return fileName + ":" + line;
    }

    /**
     * {@code fileName:line} of a statement of the down section, naming the {@code U} file when it has its own.
     *
     * @param line the 1-based line in the file that holds the down section
     * @return for example {@code U2__add_orders.sql:3}
     */
    public String downAt(int line) {
        return (downFileName == null ? fileName : downFileName) + ":" + line;
    }
}
