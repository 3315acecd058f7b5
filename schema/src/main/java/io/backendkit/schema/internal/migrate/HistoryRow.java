package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.MigrationVersion;
import java.time.Instant;

/**
 * One row of the history table. {@code kind} is UP, DOWN, BASELINE or REPEATABLE (a repeatable row's version is
 * {@code 0}; its {@code script} names it).
 *
 * @param status RUNNING while the migration has started and not finished, SUCCESS or FAILED after
 * @param statementsDone how many statements of the section are known to have completed
 * @param statementsTotal how many statements the section has, 0 when the row predates statement tracking
 */
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
        Status status,
        int statementsDone,
        int statementsTotal) {

    /** Where a row's run stands. */
    public enum Status {
        /** Started and not finished: running elsewhere now, or interrupted. */
        RUNNING,
        /** Every statement completed. */
        SUCCESS,
        /** A statement failed; the statements before it stay applied. */
        FAILED
    }

    /** Whether the run completed. */
    public boolean success() {
        return status == Status.SUCCESS;
    }
}
