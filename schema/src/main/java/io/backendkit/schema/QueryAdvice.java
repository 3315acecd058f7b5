package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import java.util.List;

/**
 * What {@link QueryAdvisor#advise(String, Object...)} found for one query.
 *
 * @param sql the query as given
 * @param dialect the database it was planned on
 * @param planCost the planner's total cost estimate (PostgreSQL) or query cost (MySQL), or -1 when not reported
 * @param findings sequential scans over large tables and sorts without a supporting index, each with the
 *     proposed index as its fix
 * @param proposals the proposed indexes, with their verification where the database allows it
 * @param plan the raw plan as JSON, for people who want to look themselves
 */
public record QueryAdvice(
        String sql, Dialect dialect, double planCost, List<Finding> findings, List<Proposal> proposals, String plan) {

    /** Copies the lists. */
    public QueryAdvice {
        findings = List.copyOf(findings);
        proposals = List.copyOf(proposals);
    }

    /**
     * An index the advisor proposes.
     *
     * @param table the table
     * @param columns the index columns, equality filters first, then ranges, then sort keys
     * @param ddl the statement that creates it
     * @param verified whether the database planned the query again with the index in place (PostgreSQL)
     * @param costBefore the plan cost without the index
     * @param costAfter the plan cost with it, or -1 when not verified
     * @param usedByPlanner whether the new plan uses the index
     */
    public record Proposal(
            String table,
            List<String> columns,
            String ddl,
            boolean verified,
            double costBefore,
            double costAfter,
            boolean usedByPlanner) {
        /** Copies the list. */
        public Proposal {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Whether the plan gave nothing to improve.
     *
     * @return true when there are no findings
     */
    public boolean isClean() {
        return findings.isEmpty();
    }

    /**
     * Findings and proposals in a few lines.
     *
     * @return the query, its plan cost, the findings and the proposed DDL, one per line
     */
    public String toText() {
        StringBuilder out = new StringBuilder("query: ")
                .append(sql.strip().replaceAll("\\s+", " "))
                .append('\n');
        out.append("plan cost: ")
                .append(planCost < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.2f", planCost))
                .append('\n');
        findings.forEach(f -> out.append(f).append('\n'));
        for (Proposal p : proposals) {
            out.append("proposed: ").append(p.ddl());
            if (p.verified()) {
                out.append(String.format(
                        java.util.Locale.ROOT,
                        " -- verified: cost %.2f -> %.2f%s",
                        p.costBefore(),
                        p.costAfter(),
                        p.usedByPlanner() ? ", used by the planner" : ", NOT used by the planner"));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The advice as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
