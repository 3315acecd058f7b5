package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationException;
import io.backendkit.schema.MigrationInfo;
import io.backendkit.schema.MigrationScript;
import io.backendkit.schema.MigrationState;
import io.backendkit.schema.MigrationStatus;
import io.backendkit.schema.MigrationVersion;
import io.backendkit.schema.SqlStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the history rows and the migration files say together: which migrations are applied, pending, failed or
 * interrupted, and what is wrong. Made fresh from one read of the history; immutable after construction.
 */
public final class HistoryState {

    /** Row kind of a repeatable migration's run. */
    public static final String REPEATABLE = "REPEATABLE";

    private final Dialect dialect;
    private final Map<MigrationVersion, MigrationScript> scripts = new TreeMap<>();
    private final List<MigrationFiles.RepeatableScript> repeatables;
    private final Map<MigrationVersion, HistoryRow> last = new TreeMap<>();
    private final Map<String, HistoryRow> lastRepeatable = new TreeMap<>();
    private final List<HistoryRow> rows;
    private MigrationVersion baseline;

    private HistoryState(List<HistoryRow> rows, MigrationFiles.Loaded files, Dialect dialect) {
        this.dialect = dialect;
        this.rows = List.copyOf(rows);
        files.versioned().forEach(s -> scripts.put(s.version(), s));
        this.repeatables = files.repeatable();
        for (HistoryRow row : rows) {
            if ("BASELINE".equals(row.kind())) {
                baseline = row.version();
            } else if (REPEATABLE.equals(row.kind())) {
                lastRepeatable.put(row.description(), row);
            } else {
                last.put(row.version(), row);
            }
        }
    }

    /** The state of {@code files} against {@code rows}. */
    public static HistoryState of(List<HistoryRow> rows, MigrationFiles.Loaded files, Dialect dialect) {
        return new HistoryState(rows, files, dialect);
    }

    /** The baseline version, or null. */
    public MigrationVersion baseline() {
        return baseline;
    }

    /** The file of {@code version}, or null. */
    public MigrationScript script(MigrationVersion version) {
        return scripts.get(version);
    }

    /** The newest row of {@code version} (not a baseline), or null. */
    public HistoryRow lastRow(MigrationVersion version) {
        return last.get(version);
    }

    private static boolean isApplied(HistoryRow row) {
        return row != null && row.success() && "UP".equals(row.kind());
    }

    private boolean belowBaseline(MigrationVersion v) {
        return baseline != null && v.compareTo(baseline) <= 0;
    }

    /** The newest applied version (or the baseline), null when none. */
    public MigrationVersion current() {
        MigrationVersion current = baseline;
        for (HistoryRow row : last.values()) {
            if (isApplied(row) && (current == null || row.version().compareTo(current) > 0)) {
                current = row.version();
            }
        }
        return current;
    }

    /** The applied migrations that have a file, oldest first. */
    public List<MigrationScript> appliedScripts() {
        return last.values().stream()
                .filter(HistoryState::isApplied)
                .map(r -> scripts.get(r.version()))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(MigrationScript::version))
                .toList();
    }

    /** The versioned migrations {@code migrate()} would run, in order. */
    public List<MigrationScript> pending(boolean outOfOrder) {
        MigrationVersion current = current();
        return scripts.values().stream()
                .filter(s -> !isApplied(last.get(s.version())) && !belowBaseline(s.version()))
                .filter(s -> outOfOrder || current == null || s.version().compareTo(current) > 0)
                .toList();
    }

    /** The repeatable migrations that have never run or whose file changed since their last run, by description. */
    public List<MigrationFiles.RepeatableScript> pendingRepeatables() {
        return repeatables.stream()
                .filter(r -> {
                    HistoryRow row = lastRepeatable.get(r.description());
                    return row == null || !row.success() || !Objects.equals(row.checksum(), r.checksum());
                })
                .toList();
    }

    /** Rows whose run started and never finished (RUNNING), oldest first. */
    public List<HistoryRow> running() {
        return rows.stream()
                .filter(r -> r.status() == HistoryRow.Status.RUNNING)
                .toList();
    }

    /** The statements of the section a row ran, as they are in the file now; empty when the file is gone. */
    public List<SqlStatement> statementsOf(HistoryRow row) {
        if (REPEATABLE.equals(row.kind())) {
            return repeatables.stream()
                    .filter(r -> r.description().equals(row.description()))
                    .findFirst()
                    .map(r -> split(r.sql(), 1))
                    .orElse(List.of());
        }
        MigrationScript s = scripts.get(row.version());
        if (s == null) {
            return List.of();
        }
        boolean up = !"DOWN".equals(row.kind());
        String sql = up ? s.up() : s.down();
        return sql == null ? List.of() : split(sql, up ? s.upLine() : s.downLine());
    }

    private List<SqlStatement> split(String sql, int line) {
        try {
            return new SqlSplitter(dialect).split(sql, line);
        } catch (SqlSplitter.UnterminatedException e) {
            return List.of();
        }
    }

    private String fileOf(HistoryRow row) {
        MigrationScript s = scripts.get(row.version());
        if (s != null && "DOWN".equals(row.kind()) && s.downFileName() != null) {
            return s.downFileName();
        }
        return row.script();
    }

    /**
     * The statement-level account of an interrupted or failed run: which statements completed, which one may or may
     * not have (or failed), which did not run, and what to do.
     */
    public String account(HistoryRow row) {
        List<SqlStatement> statements = statementsOf(row);
        String file = fileOf(row);
        boolean running = row.status() == HistoryRow.Status.RUNNING;
        String section = "DOWN".equals(row.kind()) ? "rolling back" : "applying";
        StringBuilder out = new StringBuilder(file)
                .append(running ? ": the run " : ": ")
                .append(running ? "was interrupted while " + section : section + " failed")
                .append(" (history row ")
                .append(row.rank())
                .append(", started ")
                .append(row.installedOn())
                .append(" by ")
                .append(row.installedBy())
                .append("; ")
                .append(row.statementsTotal())
                .append(" statement(s))");
        int done = row.statementsDone();
        int total = Math.max(row.statementsTotal(), statements.size());
        for (int i = 0; i < total; i++) {
            String where =
                    i < statements.size() ? file + ":" + statements.get(i).line() : file;
            out.append("\n    statement ").append(i + 1).append(" at ").append(where);
            if (i < done) {
                out.append(" completed");
            } else if (i == done) {
                out.append(
                        running
                                ? " MAY OR MAY NOT HAVE COMPLETED (the run stopped while it was running)"
                                : " failed (see the error of that run)");
            } else {
                out.append(" did not run");
            }
        }
        if (row.statementsTotal() == 0 && !running) {
            out.append("\n    (this row predates statement tracking: which statements ran is not recorded)");
        }
        String v = row.version().text();
        if (running) {
            int doubtful = done + 1;
            out.append("\n  Check in the database whether statement ")
                    .append(doubtful)
                    .append(" took effect, then call resume(true) if it did or resume(false) to run it again;")
                    .append(" or finish or undo the migration by hand and record what you did with repair(")
                    .append("MigrationVerdict.markApplied(\"")
                    .append(v)
                    .append("\")), repair(MigrationVerdict.markRolledBack(\"")
                    .append(v)
                    .append("\")) or repair(MigrationVerdict.markFailed(\"")
                    .append(v)
                    .append("\")).");
        } else {
            out.append(
                            "\n  Fix the schema by hand, then record what it is now with repair(MigrationVerdict.markApplied(\"")
                    .append(v)
                    .append("\")) or repair(MigrationVerdict.markRolledBack(\"")
                    .append(v)
                    .append("\")).");
        }
        return out.toString();
    }

    /** Every problem that stops {@code migrate()}: interrupted and failed runs, drift, missing files, order. */
    public List<String> problems(boolean outOfOrder) {
        List<String> problems = new ArrayList<>();
        MigrationVersion current = current();
        for (HistoryRow row : last.values()) {
            MigrationScript s = scripts.get(row.version());
            if (!row.success()) {
                problems.add(account(row));
            } else if (isApplied(row) && s == null) {
                problems.add(row.script() + ": applied (version " + row.version() + ") but the file is missing");
            } else if (isApplied(row) && row.checksum() != null && row.checksum() != s.checksum()) {
                problems.add(s.source() + ": changed after it was applied (checksum " + row.checksum() + " in history, "
                        + s.checksum() + " now)");
            }
        }
        for (HistoryRow row : lastRepeatable.values()) {
            if (!row.success()) {
                problems.add(account(row));
            }
        }
        if (!outOfOrder && current != null) {
            for (MigrationScript s : scripts.values()) {
                if (!isApplied(last.get(s.version()))
                        && !belowBaseline(s.version())
                        && s.version().compareTo(current) < 0) {
                    problems.add(s.source() + ": version " + s.version() + " is older than the applied " + current
                            + " (enable outOfOrder to apply it)");
                }
            }
        }
        return problems;
    }

    /** Throws when {@link #problems(boolean)} finds any, listing them all. */
    public void throwIfInvalid(boolean outOfOrder) {
        List<String> problems = problems(outOfOrder);
        if (!problems.isEmpty()) {
            throw new MigrationException(
                    "migration history", problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    /** The status of every migration known from the files or the history. */
    public MigrationStatus status() {
        Map<MigrationVersion, MigrationInfo> infos = new TreeMap<>();
        MigrationVersion current = current();
        if (baseline != null) {
            infos.put(
                    baseline,
                    new MigrationInfo(baseline, "<< baseline >>", null, MigrationState.BASELINE, null, null, null));
        }
        for (MigrationScript s : scripts.values()) {
            HistoryRow row = last.get(s.version());
            MigrationState state;
            if (row != null && row.status() == HistoryRow.Status.RUNNING) {
                state = MigrationState.IN_PROGRESS;
            } else if (row != null && !row.success()) {
                state = MigrationState.FAILED;
            } else if (isApplied(row)) {
                state = row.checksum() != null && row.checksum() != s.checksum()
                        ? MigrationState.CHECKSUM_MISMATCH
                        : MigrationState.APPLIED;
            } else if (belowBaseline(s.version())) {
                state = MigrationState.BELOW_BASELINE;
            } else if (current != null && s.version().compareTo(current) < 0) {
                state = MigrationState.OUT_OF_ORDER;
            } else {
                state = MigrationState.PENDING;
            }
            boolean shown = state != MigrationState.PENDING
                    && state != MigrationState.OUT_OF_ORDER
                    && state != MigrationState.BELOW_BASELINE;
            infos.putIfAbsent(
                    s.version(),
                    new MigrationInfo(
                            s.version(),
                            s.description(),
                            s.fileName(),
                            state,
                            shown && row != null ? row.installedOn() : null,
                            shown && row != null ? row.installedBy() : null,
                            shown && row != null ? row.executionMillis() : null));
        }
        for (HistoryRow row : last.values()) {
            if (isApplied(row) && !scripts.containsKey(row.version())) {
                infos.put(
                        row.version(),
                        new MigrationInfo(
                                row.version(),
                                row.description(),
                                row.script(),
                                MigrationState.MISSING_FILE,
                                row.installedOn(),
                                row.installedBy(),
                                row.executionMillis()));
            }
        }
        List<MigrationInfo> out = new ArrayList<>(new LinkedHashMap<>(infos).values());
        for (MigrationFiles.RepeatableScript r : repeatables) {
            HistoryRow row = lastRepeatable.get(r.description());
            MigrationState state;
            if (row == null) {
                state = MigrationState.PENDING;
            } else if (row.status() == HistoryRow.Status.RUNNING) {
                state = MigrationState.IN_PROGRESS;
            } else if (!row.success()) {
                state = MigrationState.FAILED;
            } else if (!Objects.equals(row.checksum(), r.checksum())) {
                state = MigrationState.OUTDATED;
            } else {
                state = MigrationState.APPLIED;
            }
            out.add(new MigrationInfo(
                    null,
                    r.description(),
                    r.fileName(),
                    state,
                    row == null ? null : row.installedOn(),
                    row == null ? null : row.installedBy(),
                    row == null ? null : row.executionMillis()));
        }
        return new MigrationStatus(out, current);
    }
}
