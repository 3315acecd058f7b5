package io.backendkit.schema;

import java.util.Optional;

/**
 * One migration file: {@code V<version>__<description>.sql} with an up section and an optional down
 * section, each introduced by a marker line.
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
 * @param checksum CRC32 of the file content with line endings normalised
 * @param up the SQL of the up section, never blank
 * @param upLine the file line on which the up section's first line stands
 * @param down the SQL of the down section, or null when the file has none
 * @param downLine the file line on which the down section's first line stands, 0 without one
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
        int downLine) {

    /** Marker line that opens the up section. */
    public static final String UP_MARKER = "-- migrate:up";

    /** Marker line that opens the down section. */
    public static final String DOWN_MARKER = "-- migrate:down";

    /** The down section, if the file has one. */
    public Optional<String> downIfPresent() {
        return Optional.ofNullable(down);
    }

    /** {@code fileName:line}, the location used in messages about a statement. */
    public String at(int line) {
        return fileName + ":" + line;
    }
}
