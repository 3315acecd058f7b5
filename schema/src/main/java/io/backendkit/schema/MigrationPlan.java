package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import java.util.List;

/**
 * The dry run of {@link Migrator#plan()}: what {@code migrate()} would run now, in order, with the
 * SQL, and what the linter says about it. Nothing was executed to make it.
 *
 * @param steps the migrations in the order they would run
 * @param findings lint findings for those migrations
 */
public record MigrationPlan(List<Step> steps, List<Finding> findings) {

    /** Copies the lists. */
    public MigrationPlan {
        steps = List.copyOf(steps);
        findings = List.copyOf(findings);
    }

    /**
     * One migration that would run.
     *
     * @param version its version
     * @param fileName its file
     * @param transactional whether it would run inside one transaction
     * @param statements its statements with their line numbers
     */
    public record Step(
            MigrationVersion version, String fileName, boolean transactional, List<SqlStatement> statements) {
        /** Copies the list. */
        public Step {
            statements = List.copyOf(statements);
        }
    }

    /**
     * Whether there is nothing to run.
     *
     * @return true when no migration is pending
     */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The plan as an annotated SQL script.
     *
     * @return one commented block of statements per step, then the findings as comments
     */
    public String toText() {
        if (steps.isEmpty()) {
            return "-- nothing to migrate\n";
        }
        StringBuilder out = new StringBuilder();
        for (Step step : steps) {
            out.append("-- ")
                    .append(step.fileName())
                    .append(step.transactional() ? " (one transaction)" : " (no transaction)")
                    .append('\n');
            for (SqlStatement s : step.statements()) {
                out.append(s.sql()).append(";\n");
            }
            out.append('\n');
        }
        findings.forEach(f -> out.append("-- ").append(f).append('\n'));
        return out.toString();
    }

    /**
     * The plan as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
