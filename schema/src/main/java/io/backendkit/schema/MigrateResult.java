package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import java.util.List;

/**
 * The result of {@link Migrator#migrate()} or {@link Migrator#rollback(int)}.
 *
 * @param executed the migrations that ran, in the order they ran
 * @param versionBefore the newest applied version before the run, or null
 * @param versionAfter the newest applied version after the run, or null
 * @param findings lint findings for the migrations that ran
 */
public record MigrateResult(
        List<AppliedMigration> executed,
        MigrationVersion versionBefore,
        MigrationVersion versionAfter,
        List<Finding> findings) {

    /** Copies the lists. */
    public MigrateResult {
        executed = List.copyOf(executed);
        findings = List.copyOf(findings);
    }

    /**
     * How many migrations ran.
     *
     * @return the size of {@link #executed()}; 0 when the schema was already up to date
     */
    public int count() {
        return executed.size();
    }

    /**
     * A readable report: the version change, one line per migration that ran, then the findings.
     *
     * @return multi-line text ending with a newline
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("schema version ")
                .append(versionBefore == null ? "none" : versionBefore)
                .append(" -> ")
                .append(versionAfter == null ? "none" : versionAfter)
                .append(" (")
                .append(executed.size())
                .append(" migration(s))\n");
        for (AppliedMigration m : executed) {
            out.append("  ")
                    .append(m.direction())
                    .append(' ')
                    .append(m.fileName())
                    .append(" (")
                    .append(m.statements())
                    .append(" statements, ")
                    .append(m.executionMillis())
                    .append(" ms)\n");
        }
        findings.forEach(f -> out.append("  ").append(f).append('\n'));
        return out.toString();
    }

    /**
     * The result as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
