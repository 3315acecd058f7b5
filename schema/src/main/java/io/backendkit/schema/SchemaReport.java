package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.Severity;
import io.backendkit.core.TextTable;
import java.util.List;

/**
 * The result of {@link SchemaAnalyzer#analyze(Catalog)}: findings sorted most severe first, then by
 * location and code. Immutable.
 *
 * @param dialect the analysed database's dialect
 * @param tables how many tables were analysed
 * @param findings the findings, each with a ready SQL fix where one exists
 */
public record SchemaReport(Dialect dialect, int tables, List<Finding> findings) {

    /** Sorts and copies the findings. */
    public SchemaReport {
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
    }

    /**
     * The findings with {@code code}.
     *
     * @param code a rule code, for example {@code FK_WITHOUT_INDEX}
     * @return those findings in report order; empty when there are none
     */
    public List<Finding> withCode(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).toList();
    }

    /**
     * How many findings have at least {@code severity}.
     *
     * @param severity the lowest severity counted
     * @return the number of such findings
     */
    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity().isAtLeast(severity)).count();
    }

    /**
     * A summary line, a table of findings, and the fixes as a SQL script.
     *
     * @return multi-line text; just the summary line when there are no findings
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(tables)
                .append(" tables, ")
                .append(count(Severity.ERROR))
                .append(" errors, ")
                .append(count(Severity.WARNING) - count(Severity.ERROR))
                .append(" warnings, ")
                .append(findings.size() - count(Severity.WARNING))
                .append(" notes\n");
        if (findings.isEmpty()) {
            return out.toString();
        }
        TextTable.Builder t =
                TextTable.builder("severity", "code", "where", "finding").maxColumnWidth(90);
        findings.forEach(f -> t.row(f.severity(), f.code(), f.location(), f.message()));
        out.append(t.build().render()).append("\n-- fixes\n");
        fixesInOrder()
                .forEach(f -> out.append("-- ")
                        .append(f.code())
                        .append(' ')
                        .append(f.location())
                        .append('\n')
                        .append(f.suggestedFix())
                        .append('\n'));
        return out.toString();
    }

    /**
     * The findings that carry a fix, in the order their fixes can run one after the other: every fix written against
     * the names as they are first, then column renames, then table renames (a renamed table would break the fixes
     * that name it).
     *
     * @return the findings with a {@link Finding#suggestedFix()}, in that order
     */
    public List<Finding> fixesInOrder() {
        return findings.stream()
                .filter(f -> f.suggestedFix() != null)
                .sorted(java.util.Comparator.comparingInt(SchemaReport::renameRank))
                .toList();
    }

    private static int renameRank(Finding f) {
        if (!f.code().equals("NAME_NOT_SNAKE_CASE")) {
            return 0;
        }
        return f.suggestedFix().contains(" RENAME COLUMN ") ? 1 : 2;
    }

    /**
     * The report as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
