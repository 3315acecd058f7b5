package io.backendkit.schema;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Migrator#migrateTenants} did to each tenant, in the order the tenants were given. Immutable.
 *
 * @param tenants one outcome per tenant
 * @param parallelism how many tenants were migrated at once at most
 * @param wallMillis how long the whole call took
 */
public record MigrateTenantsResult(List<Outcome> tenants, int parallelism, long wallMillis) {

    /** Copies the list. */
    public MigrateTenantsResult {
        tenants = List.copyOf(tenants);
    }

    /** How a tenant's migration ended. */
    public enum Status {
        /** Its pending migrations were applied (possibly none). */
        MIGRATED,
        /** It failed; {@link Outcome#error()} says where and why. Other tenants were not touched by it. */
        FAILED,
        /** Not started, because an earlier tenant failed and the run stops on the first failure. */
        SKIPPED
    }

    /**
     * One tenant's outcome.
     *
     * @param tenant the schema or database name (or the key given for its data source)
     * @param status how it ended
     * @param result what ran, for a MIGRATED tenant; null otherwise
     * @param error the failure, for a FAILED tenant; null otherwise
     * @param millis how long its migration took (0 when skipped)
     */
    public record Outcome(String tenant, Status status, MigrateResult result, MigrationException error, long millis) {
        /** Checks that the parts fit the status. */
        public Outcome {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(status, "status");
            if ((status == Status.MIGRATED) != (result != null) || (status == Status.FAILED) != (error != null)) {
                throw new IllegalArgumentException("a " + status + " outcome for " + tenant
                        + " needs a result exactly when MIGRATED and an error exactly when FAILED");
            }
        }
    }

    /**
     * Whether every tenant was migrated.
     *
     * @return true when every outcome is {@link Status#MIGRATED} (also when there are no tenants)
     */
    public boolean succeeded() {
        return tenants.stream().allMatch(t -> t.status() == Status.MIGRATED);
    }

    /**
     * The tenants with {@code status}, in the order given.
     *
     * @param status the status to select
     * @return those outcomes; empty when there are none
     */
    public List<Outcome> in(Status status) {
        return tenants.stream().filter(t -> t.status() == status).toList();
    }

    /**
     * How many migrations ran over all tenants.
     *
     * @return the sum of {@link MigrateResult#count()} over the migrated tenants
     */
    public int migrationsExecuted() {
        return tenants.stream()
                .filter(t -> t.result() != null)
                .mapToInt(t -> t.result().count())
                .sum();
    }

    /**
     * A summary line, then one line per tenant (failures with their location and problem).
     *
     * @return multi-line text ending with a newline
     */
    public String toText() {
        StringBuilder out = new StringBuilder()
                .append(tenants.size())
                .append(" tenant(s): ")
                .append(in(Status.MIGRATED).size())
                .append(" migrated, ")
                .append(in(Status.FAILED).size())
                .append(" failed, ")
                .append(in(Status.SKIPPED).size())
                .append(" skipped; ")
                .append(migrationsExecuted())
                .append(" migration(s) in ")
                .append(wallMillis)
                .append(" ms, at most ")
                .append(parallelism)
                .append(" at once\n");
        for (Outcome t : tenants) {
            out.append("  ").append(t.tenant()).append(": ");
            switch (t.status()) {
                case MIGRATED ->
                    out.append("migrated ")
                            .append(
                                    t.result().versionBefore() == null
                                            ? "none"
                                            : t.result().versionBefore())
                            .append(" -> ")
                            .append(
                                    t.result().versionAfter() == null
                                            ? "none"
                                            : t.result().versionAfter())
                            .append(" (")
                            .append(t.result().count())
                            .append(" migration(s), ")
                            .append(t.millis())
                            .append(" ms)");
                case FAILED ->
                    out.append("FAILED at ")
                            .append(t.error().location())
                            .append(": ")
                            .append(t.error().problem().replace("\n", "\n    "));
                case SKIPPED -> out.append("skipped (an earlier tenant failed)");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
