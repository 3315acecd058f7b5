package io.backendkit.schema;

import java.util.Objects;

/**
 * What a person found after checking a failed or interrupted migration by hand, for {@link
 * Migrator#repair(MigrationVerdict...)}: the migrator records it instead of guessing.
 *
 * <pre>{@code
 * migrator.repair(MigrationVerdict.markRolledBack("3")); // I undid what V3 had done
 * }</pre>
 *
 * @param version the migration's version
 * @param outcome what the schema now is
 */
public record MigrationVerdict(MigrationVersion version, Outcome outcome) {

    /** What the schema is after the person's check and fix. */
    public enum Outcome {
        /** The migration's up section is fully in effect (finished by hand, or the run did finish). */
        APPLIED,
        /** None of the migration is in effect (undone by hand, or its down section finished). */
        ROLLED_BACK,
        /** Neither yet: keep it failed, so migrate() keeps refusing (an interrupted run becomes failed). */
        FAILED
    }

    /** Checks the arguments. */
    public MigrationVerdict {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The migration {@code version} is applied.
     *
     * @param version the migration's version as written in its file name, for example {@code 2.1}
     * @return the verdict
     * @throws IllegalArgumentException when {@code version} is not a valid version
     */
    public static MigrationVerdict markApplied(String version) {
        return new MigrationVerdict(MigrationVersion.of(version), Outcome.APPLIED);
    }

    /**
     * The migration {@code version} is not applied.
     *
     * @param version the migration's version as written in its file name, for example {@code 2.1}
     * @return the verdict
     * @throws IllegalArgumentException when {@code version} is not a valid version
     */
    public static MigrationVerdict markRolledBack(String version) {
        return new MigrationVerdict(MigrationVersion.of(version), Outcome.ROLLED_BACK);
    }

    /**
     * The migration {@code version} stays failed.
     *
     * @param version the migration's version as written in its file name, for example {@code 2.1}
     * @return the verdict
     * @throws IllegalArgumentException when {@code version} is not a valid version
     */
    public static MigrationVerdict markFailed(String version) {
        return new MigrationVerdict(MigrationVersion.of(version), Outcome.FAILED);
    }
}
