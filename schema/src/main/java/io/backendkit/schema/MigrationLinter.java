package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reviews the up section of migration scripts for changes that lose data, lock busy tables, or break
 * the code still running against the database while a deploy rolls out.
 *
 * <p>Finding codes (each located at {@code file:line}):
 *
 * <ul>
 *   <li>{@code DROP_TABLE}, {@code DROP_COLUMN} (warning): destroys data; irreversible without a backup.
 *   <li>{@code BLOCKING_INDEX_BUILD} (warning, PostgreSQL): {@code CREATE INDEX} without {@code
 *       CONCURRENTLY} blocks writes to an existing table for the whole build.
 *   <li>{@code TABLE_REWRITE} (warning): a column type change rewrites the table under an exclusive lock.
 *   <li>{@code NOT_NULL_WITHOUT_DEFAULT} (error): adding a {@code NOT NULL} column without a default
 *       fails on any table that has rows.
 *   <li>{@code SET_NOT_NULL} (warning, PostgreSQL): scans the whole table under an exclusive lock.
 *   <li>{@code FK_WITHOUT_NOT_VALID} (warning, PostgreSQL): adding a foreign key validates every row
 *       while holding locks on both tables.
 *   <li>{@code RENAME} (warning): code that still uses the old name fails until it is deployed.
 *   <li>{@code MISSING_DOWN_SECTION} (warning): the migration cannot be rolled back.
 *   <li>{@code DOWN_DOES_NOT_RESTORE_DATA} (warning): the down section creates again a table or column that the
 *       up section dropped; a rollback restores the structure, not the rows or values.
 *   <li>{@code CONCURRENTLY_IN_TRANSACTION} (error, PostgreSQL): {@code CONCURRENTLY} cannot run inside
 *       an explicit transaction block.
 *   <li>{@code CONCURRENTLY_NOT_ALONE} (warning, PostgreSQL): a migration with a concurrent index build
 *       runs without a transaction, so its other statements are not rolled back on failure.
 *   <li>{@code ENUM_VALUE_IN_TRANSACTION} (warning, PostgreSQL): {@code ALTER TYPE ... ADD VALUE} inside an
 *       explicit transaction block fails before PostgreSQL 12; from 12 on (e.g. 15) it runs, but the new label
 *       cannot be used before the transaction commits.
 *   <li>{@code ENUM_VALUE_NOT_ALONE} (warning, PostgreSQL): a migration with {@code ALTER TYPE ... ADD VALUE} runs
 *       without a transaction (so that PostgreSQL before 12 accepts it and later statements may use the label), so a
 *       failure leaves its other statements applied.
 * </ul>
 *
 * <p>Tables created earlier in the same script are new and empty, so index, default and foreign key
 * rules do not fire for them. Stateless and thread-safe.
 */
public final class MigrationLinter {

    private static final Pattern CREATE_TABLE =
            Pattern.compile("^CREATE (?:UNLOGGED |TEMPORARY |TEMP )?TABLE (?:IF NOT EXISTS )?([\\w.\"`]+)");
    private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE (?:IF EXISTS )?([\\w.\"`, ]+)");
    private static final Pattern ALTER_TABLE =
            Pattern.compile("^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?([\\w.\"`]+) (.*)$");
    private static final Pattern DROP_COLUMN =
            Pattern.compile("(?:^|, ?)DROP (?!CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN|CHECK|DEFAULT|NOT NULL|PARTITION)"
                    + "(?:COLUMN )?(?:IF EXISTS )?([\\w\"`]+)");
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:[\\w\"`]+ )?ON (?:ONLY )?([\\w.\"`]+)");
    private static final Pattern TYPE_CHANGE = Pattern.compile(
            "ALTER (?:COLUMN )?([\\w\"`]+) (?:SET DATA )?TYPE |(?:^|, ?)(?:MODIFY|CHANGE) (?:COLUMN )?([\\w\"`]+)");
    private static final Pattern ADD_NOT_NULL =
            Pattern.compile("(?:^|, ?)ADD (?!CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN|UNIQUE|CHECK)(?:COLUMN )?"
                    + "(?:IF NOT EXISTS )?([\\w\"`]+) ([^,]*?)NOT NULL([^,]*)");
    private static final Pattern ADD_COLUMN =
            Pattern.compile("(?:^|, ?)ADD (?!CONSTRAINT|INDEX|KEY|PRIMARY|FOREIGN|UNIQUE|CHECK|PARTITION)(?:COLUMN )?"
                    + "(?:IF NOT EXISTS )?([\\w\"`]+)");
    private static final Pattern SET_NOT_NULL = Pattern.compile("ALTER (?:COLUMN )?([\\w\"`]+) SET NOT NULL");
    private static final Pattern ADD_FK = Pattern.compile("ADD (?:CONSTRAINT [\\w\"`]+ )?FOREIGN KEY");
    private static final Pattern RENAME = Pattern.compile("(?:^|, ?)RENAME (?:COLUMN |TO |AS )?([\\w\"`]+)");
    private static final Pattern ADD_ENUM_VALUE = Pattern.compile("^ALTER TYPE .* ADD VALUE ");
    private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TABLE ([\\w.\"`]+) TO ([\\w.\"`]+)");

    private final Dialect dialect;
    private final SqlWriter sql;

    /**
     * A linter for migrations written in {@code dialect}.
     *
     * @param dialect the SQL dialect of the scripts; decides the dialect-specific rules (PostgreSQL locks, MySQL)
     * @throws IllegalArgumentException when {@code dialect} is null
     */
    public MigrationLinter(Dialect dialect) {
        if (dialect == null) {
            throw new IllegalArgumentException("dialect must not be null");
        }
        this.dialect = dialect;
        this.sql = SqlWriter.of(dialect);
    }

    /**
     * Lints every script.
     *
     * @param scripts the scripts, for example {@link Migrator#scripts()}
     * @return the findings of all scripts, sorted by {@link Finding#REPORT_ORDER}; immutable
     */
    public List<Finding> lint(List<MigrationScript> scripts) {
        List<Finding> out = new ArrayList<>();
        for (MigrationScript script : scripts) {
            out.addAll(lint(script));
        }
        out.sort(Finding.REPORT_ORDER);
        return List.copyOf(out);
    }

    /**
     * Lints one script's up section, notes a missing down section, and checks that a down section does not
     * pretend to restore data the up section dropped.
     *
     * @param script the script
     * @return its findings in statement order, each located at {@code file:line}
     */
    public List<Finding> lint(MigrationScript script) {
        List<Finding> out = new ArrayList<>();
        if (script.down() == null) {
            out.add(finding(
                    Severity.WARNING,
                    "MISSING_DOWN_SECTION",
                    "has no down section, so rollback() cannot undo it",
                    script.fileName(),
                    "add a '" + MigrationScript.DOWN_MARKER + "' section that reverses the up section"));
        }
        List<SqlStatement> statements;
        try {
            statements = new SqlSplitter(dialect).split(script.up(), script.upLine());
        } catch (SqlSplitter.UnterminatedException e) {
            out.add(finding(Severity.ERROR, "UNPARSEABLE", e.getMessage(), script.at(e.line()), null));
            return out;
        }
        boolean pg = dialect == Dialect.POSTGRESQL;
        Set<String> newTables = new HashSet<>();
        boolean explicitTransaction = false;
        boolean concurrently = false;
        boolean addsEnumValue = false;
        Set<String> droppedTables = new HashSet<>();
        Set<String> droppedColumns = new HashSet<>();
        for (SqlStatement st : statements) {
            String sql = normalise(st.sql());
            String at = script.at(st.line());
            if (sql.matches("^(BEGIN|START TRANSACTION)\\b.*")) {
                explicitTransaction = true;
            } else if (sql.matches("^(COMMIT|END|ROLLBACK)\\b.*")) {
                explicitTransaction = false;
            }
            Matcher m = CREATE_TABLE.matcher(sql);
            if (m.find()) {
                newTables.add(bare(m.group(1)));
                continue;
            }
            if (pg && ADD_ENUM_VALUE.matcher(sql).find()) {
                addsEnumValue = true;
                if (explicitTransaction) {
                    out.add(finding(
                            Severity.WARNING,
                            "ENUM_VALUE_IN_TRANSACTION",
                            "ALTER TYPE ... ADD VALUE inside a transaction block fails before PostgreSQL 12; from 12 on"
                                    + " the new label cannot be used until the transaction commits",
                            at,
                            "remove the surrounding BEGIN/COMMIT; backendkit runs such a migration without a"
                                    + " transaction"));
                }
                continue;
            }
            m = DROP_TABLE.matcher(sql);
            if (m.find()) {
                for (String dropped : m.group(1)
                        .replaceAll("(?i)\\b(CASCADE|RESTRICT)\\b", "")
                        .split(",")) {
                    if (!dropped.isBlank()) {
                        droppedTables.add(bare(dropped));
                    }
                }
                out.add(
                        finding(
                                Severity.WARNING,
                                "DROP_TABLE",
                                "drops table " + m.group(1).strip() + " and every row in it",
                                at,
                                "keep the table until no deployed code reads it and a backup exists; drop it in a later release"));
                continue;
            }
            m = CREATE_INDEX.matcher(sql);
            if (m.find()) {
                boolean isConcurrent = m.group(1) != null;
                concurrently |= isConcurrent;
                if (pg && isConcurrent && explicitTransaction) {
                    out.add(
                            finding(
                                    Severity.ERROR,
                                    "CONCURRENTLY_IN_TRANSACTION",
                                    "CREATE INDEX CONCURRENTLY cannot run inside a transaction block",
                                    at,
                                    "remove the surrounding BEGIN/COMMIT; backendkit runs such a migration without a transaction"));
                }
                if (pg && !isConcurrent && !newTables.contains(bare(m.group(2)))) {
                    out.add(finding(
                            Severity.WARNING,
                            "BLOCKING_INDEX_BUILD",
                            "CREATE INDEX on existing table " + bare(m.group(2))
                                    + " blocks its writes until the build ends",
                            at,
                            st.sql().replaceFirst("(?i)\\bINDEX\\b", "INDEX CONCURRENTLY")
                                    + " -- in a migration of its own"));
                }
                continue;
            }
            m = RENAME_TABLE.matcher(sql);
            if (m.find()) {
                out.add(renameFinding(at, "table " + bare(m.group(1))));
                continue;
            }
            m = ALTER_TABLE.matcher(sql);
            if (m.find()) {
                String table = bare(m.group(1));
                String actions = m.group(2);
                boolean isNew = newTables.contains(table);
                lintAlter(out, at, table, actions, isNew, pg);
                Matcher dropped = DROP_COLUMN.matcher(actions);
                while (dropped.find()) {
                    droppedColumns.add(table + "." + bare(dropped.group(1)));
                }
            }
        }
        if (script.down() != null && (!droppedTables.isEmpty() || !droppedColumns.isEmpty())) {
            lintDown(out, script, droppedTables, droppedColumns);
        }
        if (pg && concurrently && statements.size() > 1) {
            out.add(finding(
                    Severity.WARNING,
                    "CONCURRENTLY_NOT_ALONE",
                    "runs without a transaction because of CONCURRENTLY, so a failure leaves its other statements applied",
                    script.fileName(),
                    "move the concurrent index build into a migration of its own"));
        }
        if (pg && addsEnumValue && statements.size() > 1) {
            out.add(finding(
                    Severity.WARNING,
                    "ENUM_VALUE_NOT_ALONE",
                    "runs without a transaction because of ALTER TYPE ... ADD VALUE, so a failure leaves its other"
                            + " statements applied",
                    script.fileName(),
                    "move the added enum labels into a migration of their own, run before the one that uses them"));
        }
        return out;
    }

    /**
     * A down section that creates again what the up section dropped brings back the structure, not the rows: say so,
     * instead of letting a rollback look like an undo.
     */
    private void lintDown(
            List<Finding> out, MigrationScript script, Set<String> droppedTables, Set<String> droppedColumns) {
        List<SqlStatement> down;
        try {
            down = new SqlSplitter(dialect).split(script.down(), script.downLine());
        } catch (SqlSplitter.UnterminatedException e) {
            return; // the down section's own syntax is reported when it runs
        }
        for (SqlStatement st : down) {
            String sql = normalise(st.sql());
            String at = script.downAt(st.line());
            Matcher m = CREATE_TABLE.matcher(sql);
            if (m.find() && droppedTables.contains(bare(m.group(1)))) {
                out.add(finding(
                        Severity.WARNING,
                        "DOWN_DOES_NOT_RESTORE_DATA",
                        "creates table " + bare(m.group(1)) + " again, empty: the rows the up section dropped are"
                                + " not brought back by a rollback",
                        at,
                        "keep a backup (or copy the rows to an archive table in the up section) before dropping"));
                continue;
            }
            m = ALTER_TABLE.matcher(sql);
            if (m.find()) {
                String table = bare(m.group(1));
                Matcher add = ADD_COLUMN.matcher(m.group(2));
                while (add.find()) {
                    String column = bare(add.group(1));
                    if (droppedColumns.contains(table + "." + column)) {
                        out.add(finding(
                                Severity.WARNING,
                                "DOWN_DOES_NOT_RESTORE_DATA",
                                "adds column " + table + "." + column + " again, without the values the up section"
                                        + " dropped",
                                at,
                                "copy the column's values aside in the up section if a rollback must restore them"));
                    }
                }
            }
        }
    }

    private void lintAlter(List<Finding> out, String at, String table, String actions, boolean isNew, boolean pg) {
        Matcher m = DROP_COLUMN.matcher(actions);
        while (m.find()) {
            out.add(finding(
                    Severity.WARNING,
                    "DROP_COLUMN",
                    "drops column " + table + "." + bare(m.group(1)) + " and its data",
                    at,
                    "stop reading and writing the column in a release first, then drop it"));
        }
        m = TYPE_CHANGE.matcher(actions);
        while (m.find()) {
            String column = bare(m.group(1) != null ? m.group(1) : m.group(2));
            out.add(finding(
                    Severity.WARNING,
                    "TABLE_REWRITE",
                    "changing the type of " + table + "." + column
                            + " can rewrite the whole table under an exclusive lock",
                    at,
                    "add a new column, backfill it in batches, switch readers, then drop the old column"));
        }
        if (!isNew) {
            m = ADD_NOT_NULL.matcher(actions);
            while (m.find()) {
                String rest = m.group(2) + m.group(3);
                if (!rest.contains("DEFAULT") && !rest.contains("GENERATED") && !rest.contains("AUTO_INCREMENT")) {
                    out.add(finding(
                            Severity.ERROR,
                            "NOT_NULL_WITHOUT_DEFAULT",
                            "adds NOT NULL column " + table + "." + bare(m.group(1))
                                    + " without a default, which fails on a table that has rows",
                            at,
                            "add the column nullable (or with a DEFAULT), backfill, then set NOT NULL"));
                }
            }
            if (pg) {
                m = SET_NOT_NULL.matcher(actions);
                while (m.find()) {
                    String column = bare(m.group(1));
                    out.add(finding(
                            Severity.WARNING,
                            "SET_NOT_NULL",
                            "SET NOT NULL on " + table + "." + column
                                    + " scans the whole table under an exclusive lock",
                            at,
                            "ALTER TABLE " + sql.id(table) + " ADD CONSTRAINT "
                                    + sql.id(sql.inventName(table, List.of(column, "not_null"), Set.of()))
                                    + " CHECK (" + sql.id(column) + " IS NOT NULL) NOT VALID; then VALIDATE"
                                    + " CONSTRAINT in a later migration, then SET NOT NULL"));
                }
                if (ADD_FK.matcher(actions).find() && !actions.contains("NOT VALID")) {
                    out.add(finding(
                            Severity.WARNING,
                            "FK_WITHOUT_NOT_VALID",
                            "adding a foreign key to " + table + " checks every existing row while locking both tables",
                            at,
                            "add it with NOT VALID, then ALTER TABLE " + table
                                    + " VALIDATE CONSTRAINT ... in a later migration"));
                }
            }
        }
        m = RENAME.matcher(actions);
        while (m.find()) {
            out.add(renameFinding(at, table + " " + bare(m.group(1)).toLowerCase(Locale.ROOT)));
        }
    }

    private static Finding renameFinding(String at, String what) {
        return finding(
                Severity.WARNING,
                "RENAME",
                "renames " + what + "; code still running with the old name fails until it is redeployed",
                at,
                "add the new name beside the old one (new column or view), move the code over, drop the old name later");
    }

    private static Finding finding(Severity severity, String code, String message, String at, String fix) {
        return new Finding(severity, code, message, at, fix);
    }

    /** Upper-cases a statement, removes comments, empties string literals and collapses whitespace. */
    static String normalise(String sql) {
        String s = sql.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("--[^\\n]*", " ")
                .replaceAll("'(?:[^']|'')*'", "''")
                .replaceAll("\\$(\\w*)\\$(?s).*?\\$\\1\\$", "''");
        return s.replaceAll("\\s+", " ")
                .replaceAll(" ?, ?", ", ")
                .replaceAll("\\( ", "(")
                .strip()
                .toUpperCase(Locale.ROOT);
    }

    private static String bare(String identifier) {
        String s = identifier.strip().replace("\"", "").replace("`", "");
        int dot = s.lastIndexOf('.');
        return (dot >= 0 ? s.substring(dot + 1) : s).toLowerCase(Locale.ROOT);
    }
}
