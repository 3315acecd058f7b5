package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.HistoryRow;
import io.backendkit.schema.internal.migrate.HistoryTable;
import io.backendkit.schema.internal.migrate.MigrationFiles;
import io.backendkit.schema.internal.migrate.MigrationLock;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs versioned SQL migrations with up and down sections against a database, keeping a history table.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.configure()
 *         .dataSource(dataSource)
 *         .locations("classpath:db/migration", "filesystem:migrations")
 *         .load();
 * migrator.validate();
 * MigrateResult result = migrator.migrate();
 * log.info(migrator.status().toText());
 * }</pre>
 *
 * <p>Each verb opens one connection, takes a database-wide lock (see {@link
 * Builder#lockTimeout(Duration)}), reads the history, does its work and releases both; so concurrent
 * migrators on several machines apply each migration exactly once. On PostgreSQL and SQLite every
 * migration runs in its own transaction and a failure leaves schema and history untouched (a
 * migration containing {@code CONCURRENTLY} runs without a transaction, as PostgreSQL requires). On
 * MySQL/MariaDB and H2, whose DDL commits implicitly, a failure is recorded in the history as failed
 * and further runs refuse to start until the schema is fixed by hand and {@link #repair()} is called.
 *
 * <p>Thread-safe: a {@code Migrator} holds only its configuration, so one instance may serve many threads.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bCONCURRENTLY\\b");

    private final DataSource dataSource;
    private final List<String> locations;
    private final String historyTable;
    private final String installedBy;
    private final boolean outOfOrder;
    private final boolean failOnLintErrors;
    private final Duration lockTimeout;
    private final Clock clock;
    private final ClassLoader classLoader;

    private Migrator(Builder b) {
        this.dataSource = b.dataSource;
        this.locations = List.copyOf(b.locations);
        this.historyTable = b.historyTable;
        this.installedBy = b.installedBy;
        this.outOfOrder = b.outOfOrder;
        this.failOnLintErrors = b.failOnLintErrors;
        this.lockTimeout = b.lockTimeout;
        this.clock = b.clock;
        this.classLoader = b.classLoader;
    }

    /** Starts a configuration. */
    public static Builder configure() {
        return new Builder();
    }

    /** The migration files in the configured locations, in version order. */
    public List<MigrationScript> scripts() {
        return MigrationFiles.load(locations, classLoader);
    }

    /** Applies every pending migration. */
    public MigrateResult migrate() {
        return migrate(null);
    }

    /**
     * Applies pending migrations up to and including {@code target}.
     *
     * @param target the last version to apply, or null for all
     * @throws MigrationException when validation fails (all problems listed), when lint errors are
     *     refused, or naming the file and line of the statement that failed
     */
    public MigrateResult migrate(MigrationVersion target) {
        List<MigrationScript> scripts = scripts();
        return withLockedConnection((connection, dialect, history) -> {
            State state = State.of(history.read(), scripts);
            state.throwIfInvalid(outOfOrder);
            List<MigrationScript> todo = state.pending(outOfOrder).stream()
                    .filter(s -> target == null || s.version().compareTo(target) <= 0)
                    .toList();
            List<Finding> findings = new MigrationLinter(dialect).lint(todo);
            List<Finding> errors = findings.stream()
                    .filter(f -> f.severity() == Severity.ERROR)
                    .toList();
            if (failOnLintErrors && !errors.isEmpty()) {
                throw new MigrationException(
                        errors.get(0).location(),
                        errors.size() + " lint error(s), nothing applied (failOnLintErrors is on):\n  "
                                + String.join(
                                        "\n  ",
                                        errors.stream().map(Finding::toString).toList()));
            }
            history.create();
            List<AppliedMigration> executed = new ArrayList<>();
            for (MigrationScript script : todo) {
                executed.add(run(connection, dialect, history, script, AppliedMigration.Direction.UP));
            }
            return new MigrateResult(
                    executed, state.current(), State.of(history.read(), scripts).current(), findings);
        });
    }

    /**
     * Rolls back the {@code steps} newest applied migrations by running their down sections, newest
     * first. Checks before running anything that each of them has a down section.
     *
     * @param steps how many migrations to roll back, at least 1
     */
    public MigrateResult rollback(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 (was " + steps + ")");
        }
        List<MigrationScript> scripts = scripts();
        return withLockedConnection((connection, dialect, history) -> {
            State state = State.of(history.read(), scripts);
            state.throwIfInvalid(true);
            List<MigrationScript> applied = state.appliedScripts();
            if (applied.size() < steps) {
                throw new MigrationException(
                        "rollback(" + steps + ")",
                        "only " + applied.size() + " applied migration(s) can be rolled back"
                                + (state.baseline == null ? "" : " (the baseline " + state.baseline + " cannot)"));
            }
            List<MigrationScript> todo = applied.reversed().subList(0, steps);
            List<String> noDown = todo.stream()
                    .filter(s -> s.down() == null)
                    .map(MigrationScript::fileName)
                    .toList();
            if (!noDown.isEmpty()) {
                throw new MigrationException(String.join(", ", noDown), "no down section, so nothing was rolled back");
            }
            List<AppliedMigration> executed = new ArrayList<>();
            for (MigrationScript script : todo) {
                executed.add(run(connection, dialect, history, script, AppliedMigration.Direction.DOWN));
            }
            return new MigrateResult(
                    executed, state.current(), State.of(history.read(), scripts).current(), List.of());
        });
    }

    /** Every migration known from the files or the history, with its state. Takes no lock. */
    public MigrationStatus status() {
        List<MigrationScript> scripts = scripts();
        return withConnection((connection, dialect) -> {
            State state = State.of(new HistoryTable(connection, dialect, historyTable).read(), scripts);
            return state.status(outOfOrder);
        });
    }

    /**
     * Checks that applied migrations still match their files and that nothing failed.
     *
     * @return how many applied migrations were checked
     * @throws MigrationException listing every changed, missing, failed or out-of-order migration
     */
    public int validate() {
        List<MigrationScript> scripts = scripts();
        return withConnection((connection, dialect) -> {
            State state = State.of(new HistoryTable(connection, dialect, historyTable).read(), scripts);
            state.throwIfInvalid(outOfOrder);
            return state.appliedScripts().size();
        });
    }

    /** The dry run: what {@link #migrate()} would execute now, with the SQL and lint findings. Takes no lock. */
    public MigrationPlan plan() {
        List<MigrationScript> scripts = scripts();
        return withConnection((connection, dialect) -> {
            State state = State.of(new HistoryTable(connection, dialect, historyTable).read(), scripts);
            state.throwIfInvalid(outOfOrder);
            List<MigrationScript> todo = state.pending(outOfOrder);
            List<MigrationPlan.Step> steps = new ArrayList<>();
            for (MigrationScript s : todo) {
                steps.add(new MigrationPlan.Step(
                        s.version(),
                        s.fileName(),
                        transactional(dialect, s.up()),
                        split(dialect, s, s.up(), s.upLine())));
            }
            return new MigrationPlan(steps, new MigrationLinter(dialect).lint(todo));
        });
    }

    /**
     * Marks an existing schema as being at {@code version}: migrations up to it are treated as applied
     * without running. Only allowed while nothing has been applied.
     */
    public void baseline(MigrationVersion version) {
        Objects.requireNonNull(version, "version");
        withLockedConnection((connection, dialect, history) -> {
            if (history.read().stream().anyMatch(HistoryRow::success)) {
                throw new MigrationException(
                        historyTable, "already has applied migrations; baseline only works on a fresh history");
            }
            history.create();
            history.append(
                    version,
                    "<< baseline >>",
                    "BASELINE",
                    "<< baseline >>",
                    null,
                    installedBy,
                    clock.instant(),
                    0,
                    true);
            return null;
        });
    }

    /**
     * Removes the history rows of failed migrations, realigns the checksums of applied migrations with
     * their current files, and clears a lock row left by a dead runner (lock-table dialects).
     *
     * @return a line per change made, empty when there was nothing to repair
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public List<String> repair() {
        List<MigrationScript> scripts = scripts();
        return withConnection((connection, dialect) -> {
            List<String> changes = new ArrayList<>();
            if (MigrationLock.clearStale(connection, dialect, historyTable)) {
                changes.add("cleared a stale lock in " + historyTable + "_lock");
            }
            try (MigrationLock ignored =
                    MigrationLock.acquire(connection, dialect, historyTable, lockTimeout, installedBy)) {
                HistoryTable history = new HistoryTable(connection, dialect, historyTable);
                int removed = history.deleteFailed();
                if (removed > 0) {
                    changes.add("removed " + removed + " failed migration row(s)");
                }
                Map<MigrationVersion, MigrationScript> byVersion = index(scripts);
                for (HistoryRow row : history.read()) {
                    MigrationScript s = byVersion.get(row.version());
                    if (s != null
                            && "UP".equals(row.kind())
                            && row.checksum() != null
                            && row.checksum() != s.checksum()) {
                        history.updateChecksum(row.rank(), s.checksum());
                        changes.add("realigned checksum of " + s.fileName());
                    }
                }
            }
            return List.copyOf(changes);
        });
    }

    /**
     * Writes a new migration file named {@code V<yyyyMMddHHmmss>__<name>.sql} (UTC, from the
     * configured clock) with empty up and down sections.
     *
     * @param name a description such as {@code add orders}; letters, digits, spaces, dashes, underscores
     * @param directory where to write it; created if missing
     * @return the new file
     */
    public Path create(String name, Path directory) {
        if (name == null || !name.matches("[\\p{L}\\p{N} _-]+") || name.isBlank()) {
            throw new IllegalArgumentException(
                    "migration name must be letters, digits, spaces, '-' or '_' (was '" + name + "')");
        }
        Objects.requireNonNull(directory, "directory");
        String version = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(ZoneOffset.UTC)
                .format(clock.instant());
        String slug = name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        Path file = directory.resolve("V" + version + "__" + slug + ".sql");
        try {
            Files.createDirectories(directory);
            Files.writeString(
                    file,
                    MigrationScript.UP_MARKER + "\n\n\n" + MigrationScript.DOWN_MARKER + "\n\n",
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new MigrationException(file.toString(), "already exists", e);
        } catch (IOException e) {
            throw new MigrationException(directory.toString(), "cannot write a migration file: " + e.getMessage(), e);
        }
        return file;
    }

    private AppliedMigration run(
            Connection connection,
            Dialect dialect,
            HistoryTable history,
            MigrationScript script,
            AppliedMigration.Direction direction)
            throws SQLException {
        boolean up = direction == AppliedMigration.Direction.UP;
        String sql = up ? script.up() : script.down();
        List<SqlStatement> statements = split(dialect, script, sql, up ? script.upLine() : script.downLine());
        boolean transactional = transactional(dialect, sql);
        long start = System.nanoTime();
        connection.setAutoCommit(!transactional);
        try (Statement st = connection.createStatement()) {
            for (SqlStatement statement : statements) {
                try {
                    st.execute(statement.sql());
                } catch (SQLException e) {
                    fail(connection, history, script, direction, transactional, start);
                    throw new MigrationException(
                            script.at(statement.line()),
                            (up ? "" : "down section: ") + "statement failed"
                                    + (transactional
                                            ? ", the migration was rolled back"
                                            : ", earlier statements of this migration stay applied (no transactional DDL here)")
                                    + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]",
                            e);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            history.append(
                    script.version(),
                    script.description(),
                    up ? "UP" : "DOWN",
                    script.fileName(),
                    script.checksum(),
                    installedBy,
                    clock.instant(),
                    millis,
                    true);
            if (transactional) {
                connection.commit();
            }
            LOG.info("{} {} ({} statements, {} ms)", direction, script.fileName(), statements.size(), millis);
            return new AppliedMigration(
                    script.version(), script.description(), script.fileName(), direction, statements.size(), millis);
        } finally {
            if (transactional && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
        }
    }

    private void fail(
            Connection connection,
            HistoryTable history,
            MigrationScript script,
            AppliedMigration.Direction direction,
            boolean transactional,
            long start)
            throws SQLException {
        if (transactional) {
            connection.rollback();
            connection.setAutoCommit(true);
            return;
        }
        history.append(
                script.version(),
                script.description(),
                direction == AppliedMigration.Direction.UP ? "UP" : "DOWN",
                script.fileName(),
                script.checksum(),
                installedBy,
                clock.instant(),
                (System.nanoTime() - start) / 1_000_000,
                false);
        LOG.error("{} {} failed; the history records it as failed", direction, script.fileName());
    }

    private static boolean transactional(Dialect dialect, String sql) {
        return dialect.transactionalDdl()
                && !(dialect == Dialect.POSTGRESQL && CONCURRENTLY.matcher(sql).find());
    }

    private static List<SqlStatement> split(Dialect dialect, MigrationScript script, String sql, int line) {
        try {
            return new SqlSplitter(dialect).split(sql, line);
        } catch (SqlSplitter.UnterminatedException e) {
            throw new MigrationException(script.at(e.line()), e.getMessage(), e);
        }
    }

    private static Map<MigrationVersion, MigrationScript> index(List<MigrationScript> scripts) {
        Map<MigrationVersion, MigrationScript> byVersion = new TreeMap<>();
        scripts.forEach(s -> byVersion.put(s.version(), s));
        return byVersion;
    }

    @FunctionalInterface
    private interface ConnectionWork<T> {
        T apply(Connection connection, Dialect dialect) throws SQLException;
    }

    @FunctionalInterface
    private interface LockedWork<T> {
        T apply(Connection connection, Dialect dialect, HistoryTable history) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
            return work.apply(connection, dialect);
        } catch (SQLException e) {
            throw new MigrationException(
                    historyTable, "database error: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, not used in it
    private <T> T withLockedConnection(LockedWork<T> work) {
        return withConnection((connection, dialect) -> {
            connection.setAutoCommit(true);
            try (MigrationLock ignored =
                    MigrationLock.acquire(connection, dialect, historyTable, lockTimeout, installedBy)) {
                return work.apply(connection, dialect, new HistoryTable(connection, dialect, historyTable));
            }
        });
    }

    /** What the history and the files say together. */
    private static final class State {
        final Map<MigrationVersion, MigrationScript> scripts;
        final Map<MigrationVersion, HistoryRow> last = new TreeMap<>();
        MigrationVersion baseline;

        private State(List<HistoryRow> rows, List<MigrationScript> scripts) {
            this.scripts = index(scripts);
            for (HistoryRow row : rows) {
                if ("BASELINE".equals(row.kind())) {
                    baseline = row.version();
                } else {
                    last.put(row.version(), row);
                }
            }
        }

        static State of(List<HistoryRow> rows, List<MigrationScript> scripts) {
            return new State(rows, scripts);
        }

        boolean isApplied(HistoryRow row) {
            return row != null && row.success() && "UP".equals(row.kind());
        }

        boolean belowBaseline(MigrationVersion v) {
            return baseline != null && v.compareTo(baseline) <= 0;
        }

        MigrationVersion current() {
            MigrationVersion current = baseline;
            for (HistoryRow row : last.values()) {
                if (isApplied(row) && (current == null || row.version().compareTo(current) > 0)) {
                    current = row.version();
                }
            }
            return current;
        }

        List<MigrationScript> appliedScripts() {
            return last.values().stream()
                    .filter(this::isApplied)
                    .map(r -> scripts.get(r.version()))
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(MigrationScript::version))
                    .toList();
        }

        List<MigrationScript> pending(boolean outOfOrder) {
            MigrationVersion current = current();
            return scripts.values().stream()
                    .filter(s -> !isApplied(last.get(s.version())) && !belowBaseline(s.version()))
                    .filter(s -> outOfOrder || current == null || s.version().compareTo(current) > 0)
                    .toList();
        }

        void throwIfInvalid(boolean outOfOrder) {
            List<String> problems = new ArrayList<>();
            MigrationVersion current = current();
            for (HistoryRow row : last.values()) {
                MigrationScript s = scripts.get(row.version());
                if (!row.success()) {
                    problems.add(row.script() + ": failed on " + row.installedOn()
                            + "; fix the schema by hand, then run repair()");
                } else if (isApplied(row) && s == null) {
                    problems.add(row.script() + ": applied (version " + row.version() + ") but the file is missing");
                } else if (isApplied(row) && row.checksum() != null && row.checksum() != s.checksum()) {
                    problems.add(s.source() + ": changed after it was applied (checksum " + row.checksum()
                            + " in history, " + s.checksum() + " now)");
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
            if (!problems.isEmpty()) {
                throw new MigrationException(
                        "migration history", problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
            }
        }

        MigrationStatus status(boolean outOfOrder) {
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
                if (row != null && !row.success()) {
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
            return new MigrationStatus(List.copyOf(new LinkedHashMap<>(infos).values()), current);
        }
    }

    /**
     * Configuration of a {@link Migrator}; not thread-safe, build once and share the {@code Migrator}.
     */
    public static final class Builder {
        private DataSource dataSource;
        private List<String> locations = List.of("classpath:db/migration");
        private String historyTable = "backendkit_schema_history";
        private String installedBy = System.getProperty("user.name", "backendkit");
        private boolean outOfOrder;
        private boolean failOnLintErrors;
        private Duration lockTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private ClassLoader classLoader = Migrator.class.getClassLoader();

        private Builder() {}

        /** The database to migrate. Required. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Where migration files are: {@code classpath:db/migration}, {@code filesystem:/path} or a plain
         * path. Subdirectories are searched too. Default {@code classpath:db/migration}.
         */
        public Builder locations(String... locations) {
            if (locations == null || locations.length == 0) {
                throw new IllegalArgumentException("locations must name at least one location");
            }
            for (String l : locations) {
                if (l == null || l.isBlank()) {
                    throw new IllegalArgumentException("locations must not contain a blank location");
                }
            }
            this.locations = List.of(locations);
            return this;
        }

        /** Name of the history table, in the connection's current schema. Default {@code backendkit_schema_history}. */
        public Builder historyTable(String table) {
            if (table == null || !TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException(
                        "historyTable must be a plain SQL identifier of letters, digits and '_' (was '" + table + "')");
            }
            this.historyTable = table;
            return this;
        }

        /** Who is recorded as having applied migrations. Default: the {@code user.name} system property. */
        public Builder installedBy(String who) {
            if (who == null || who.isBlank()) {
                throw new IllegalArgumentException("installedBy must not be blank");
            }
            this.installedBy = who;
            return this;
        }

        /** Whether migrations older than the newest applied one may still run. Default false: they are an error. */
        public Builder outOfOrder(boolean allowed) {
            this.outOfOrder = allowed;
            return this;
        }

        /** Whether {@code migrate()} refuses to start when the linter reports errors. Default false. */
        public Builder failOnLintErrors(boolean refuse) {
            this.failOnLintErrors = refuse;
            return this;
        }

        /** How long to wait for another migrator's lock. Default 5 minutes. */
        public Builder lockTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lockTimeout must be positive (was " + timeout + ")");
            }
            this.lockTimeout = timeout;
            return this;
        }

        /** Clock for history timestamps and {@code create()} versions. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Class loader for {@code classpath:} locations. Default: backendkit's own. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /**
         * The configured migrator.
         *
         * @throws IllegalArgumentException when no data source was given
         */
        public Migrator load() {
            if (dataSource == null) {
                throw new IllegalArgumentException("dataSource is required: call dataSource(...) before load()");
            }
            return new Migrator(this);
        }
    }
}
