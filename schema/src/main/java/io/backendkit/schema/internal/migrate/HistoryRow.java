package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.MigrationVersion;
import java.time.Instant;

/** One row of the history table. {@code kind} is UP, DOWN or BASELINE. */
public record HistoryRow(
        int rank,
        MigrationVersion version,
        String description,
        String kind,
        String script,
        Integer checksum,
        String installedBy,
        Instant installedOn,
        long executionMillis,
        boolean success) {}
