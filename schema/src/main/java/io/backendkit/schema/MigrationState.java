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
    /** Its last run failed on a database without transactional DDL; fix by hand, then {@code repair()}. */
    FAILED,
    /** The baseline marker: the schema already contained everything up to this version. */
    BASELINE,
    /** At or below the baseline, so never run here. */
    BELOW_BASELINE
}
