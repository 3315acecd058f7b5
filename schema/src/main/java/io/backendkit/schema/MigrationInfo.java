package io.backendkit.schema;

import java.time.Instant;

/**
 * One migration's status.
 *
 * @param version its version
 * @param description its description
 * @param fileName its file, or null for a baseline marker or a missing file
 * @param state where it stands
 * @param installedOn when it was last applied, or null when it is not applied
 * @param installedBy who applied it, or null
 * @param executionMillis how long it took, or null
 */
public record MigrationInfo(
        MigrationVersion version,
        String description,
        String fileName,
        MigrationState state,
        Instant installedOn,
        String installedBy,
        Long executionMillis) {}
