package io.backendkit.schema;

import io.backendkit.core.Json;
import io.backendkit.core.TextTable;
import java.util.List;

/**
 * The result of {@link Migrator#status()}: every known migration, applied or not, in version order.
 *
 * @param migrations each migration's state, ordered by version
 * @param current the newest applied version, or null when nothing is applied
 */
public record MigrationStatus(List<MigrationInfo> migrations, MigrationVersion current) {

    /** Copies the list. */
    public MigrationStatus {
        migrations = List.copyOf(migrations);
    }

    /**
     * The migrations in {@code state}.
     *
     * @param state the state to select
     * @return those migrations in version order; empty when there are none
     */
    public List<MigrationInfo> in(MigrationState state) {
        return migrations.stream().filter(m -> m.state() == state).toList();
    }

    /**
     * The migrations {@code migrate()} would run (pending, and out-of-order ones if enabled).
     *
     * @return the migrations in state {@link MigrationState#PENDING}, in version order
     */
    public List<MigrationInfo> pending() {
        return in(MigrationState.PENDING);
    }

    /**
     * A table of version, description, state, installed on and duration.
     *
     * @return the current version on one line, then the table as text
     */
    public String toText() {
        TextTable.Builder t = TextTable.builder("version", "description", "state", "installed on", "ms")
                .alignRight(4);
        for (MigrationInfo m : migrations) {
            t.row(m.version(), m.description(), m.state(), m.installedOn(), m.executionMillis());
        }
        return "current version: " + (current == null ? "none" : current) + "\n"
                + t.build().render();
    }

    /**
     * The status as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
