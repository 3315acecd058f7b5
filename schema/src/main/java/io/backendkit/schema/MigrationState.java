package io.backendkit.schema;

/** Where one migration stands, as {@link Migrator#status()} reports it. */
public enum MigrationState {
    /** Applied and its file unchanged. */
    APPLIED,
    /** Not applied yet; {@code migrate()} will run it. */
    PENDING,
    /** Not applied, but older than the newest applied migration; runs only with {@code outOfOrder(true)}. */
    OUT_OF_ORDER,
    /** Applied, but the file changed since: {@code validate()} and {@code migrate()} refuse to go on. */
    CHECKSUM_MISMATCH,
    /** Applied, but its file is gone from the locations. */
    MISSING_FILE,
    /**
     * Its last run failed outside a transaction (the statements before the failing one stay applied); fix by hand,
     * then record the outcome with {@code repair(MigrationVerdict...)}.
     */
    FAILED,
    /**
     * Its run started and has not finished: another migrator runs it now, or that run died. In the second case
     * {@code migrate()} refuses with a statement-by-statement account until {@code resume(...)} or {@code
     * repair(MigrationVerdict...)}.
     */
    IN_PROGRESS,
    /** A repeatable migration whose file changed since it last ran; {@code migrate()} runs it again. */
    OUTDATED,
    /** The baseline marker: the schema already contained everything up to this version. */
    BASELINE,
    /** At or below the baseline, so never run here. */
    BELOW_BASELINE
}
