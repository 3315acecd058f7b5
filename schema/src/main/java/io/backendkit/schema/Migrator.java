package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.FlywayHistory;
import io.backendkit.schema.internal.migrate.HistoryRow;
import io.backendkit.schema.internal.migrate.HistoryState;
import io.backendkit.schema.internal.migrate.HistoryTable;
import io.backendkit.schema.internal.migrate.MigrationFiles;
import io.backendkit.schema.internal.migrate.MigrationLock;
import io.backendkit.schema.internal.migrate.MigrationRunner;
import io.backendkit.schema.internal.migrate.TenantRun;
import io.backendkit.schema.internal.migrate.TenantSchema;
import io.backendkit.schema.internal.migrate.UrlDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs versioned SQL migrations with up and down sections against a database, keeping a history table. Reads its own
 * {@code -- migrate:up/down} files and Flyway folders ({@code V}, {@code U} and {@code R__} files) side by side.
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
 * <p>Each verb opens one connection, takes a database-wide lock (see {@link Builder#lockTimeout(Duration)}; while it
 * waits it logs who holds the lock and what that session runs), reads the history, does its work and releases both;
 * so concurrent migrators on several machines apply each migration exactly once. The history table is always named
 * with the schema (or MySQL database) the connection started in, so a migration that changes {@code search_path} or
 * runs {@code USE} does not lose it; and such a change is undone after the migration that made it, so each migration
 * starts where the connection started.
 *
 * <p><b>What a crash leaves.</b> On PostgreSQL and SQLite a migration runs in one transaction with its history row:
 * a failure or a crash leaves schema and history untouched. Where that is impossible (MySQL/MariaDB and H2, whose DDL
 * commits implicitly, and PostgreSQL migrations with {@code CONCURRENTLY}, {@code VACUUM} and the like) the history
 * row is committed as in progress before the first statement, and each statement's completion is committed before the
 * next one starts. A later run that finds a failed or interrupted migration refuses to go on and lists which
 * statements completed, which one may or may not have (file and line), and which did not run. Once the doubtful
 * statement is checked, {@link #resume(boolean)} continues, or {@link #repair(MigrationVerdict...)} records what the
 * schema now is.
 *
 * <p>Thread-safe: a {@code Migrator} holds only its configuration, so one instance may serve many threads.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final List<String> locations;
    private final String historyTable;
    private final String flywayHistoryTable;
    private final String installedBy;
    private final boolean outOfOrder;
    private final boolean failOnLintErrors;
    private final Duration lockTimeout;
    private final Clock clock;
    private final ClassLoader classLoader;
    private final Map<String, String> placeholders;
    private final int tenantParallelism;
    private final boolean stopOnFirstTenantFailure;
    /** The schema (MySQL: database) each connection is moved into for its work; null: where it starts. */
    private final String tenant;

    private Migrator(Builder b) {
        this.dataSource = b.dataSource;
        this.locations = List.copyOf(b.locations);
        this.historyTable = b.historyTable;
        this.flywayHistoryTable = b.flywayHistoryTable;
        this.installedBy = b.installedBy;
        this.outOfOrder = b.outOfOrder;
        this.failOnLintErrors = b.failOnLintErrors;
        this.lockTimeout = b.lockTimeout;
        this.clock = b.clock;
        this.classLoader = b.classLoader;
        this.placeholders = b.placeholders == null ? null : Map.copyOf(b.placeholders);
        this.tenantParallelism = b.tenantParallelism;
        this.stopOnFirstTenantFailure = b.stopOnFirstTenantFailure;
        this.tenant = null;
    }

    /** This configuration on another data source or in another schema, for one tenant. */
    private Migrator(Migrator base, DataSource dataSource, String tenant) {
        this.dataSource = dataSource;
        this.locations = base.locations;
        this.historyTable = base.historyTable;
        this.flywayHistoryTable = base.flywayHistoryTable;
        this.installedBy = base.installedBy;
        this.outOfOrder = base.outOfOrder;
        this.failOnLintErrors = base.failOnLintErrors;
        this.lockTimeout = base.lockTimeout;
        this.clock = base.clock;
        this.classLoader = base.classLoader;
        this.placeholders = base.placeholders;
        this.tenantParallelism = base.tenantParallelism;
        this.stopOnFirstTenantFailure = base.stopOnFirstTenantFailure;
        this.tenant = tenant;
    }

    /**
     * Starts a configuration.
     *
     * @return a new builder with the defaults; {@link Builder#dataSource} is required before {@link Builder#load()}
     */
    public static Builder configure() {
        return new Builder();
    }

    /**
     * The versioned migrations in the configured locations, in version order (repeatable ones are not listed). Reads
     * the locations on each call; does not connect to the database.
     *
     * @return the scripts, possibly empty
     * @throws MigrationException when a location cannot be read or a file name or section is malformed
     */
    public List<MigrationScript> scripts() {
        return files().versioned();
    }

    private MigrationFiles.Loaded files() {
        return MigrationFiles.load(locations, classLoader, placeholders);
    }

    /**
     * Applies every pending migration, then the repeatable migrations that are new or changed. Holds the database's
     * migration lock while it runs.
     *
     * @return the versions before and after and the migrations that ran
     * @throws MigrationException as {@link #migrate(MigrationVersion)}
     */
    public MigrateResult migrate() {
        return migrate(null);
    }

    /**
     * Applies pending migrations up to and including {@code target}; with {@code target} null, also the repeatable
     * migrations that are new or changed.
     *
     * @param target the last version to apply, or null for all
     * @return the versions before and after and the migrations that ran
     * @throws MigrationException when validation fails (all problems listed, an interrupted migration with a
     *     statement-by-statement account), when lint errors are refused, when a version or description does not fit
     *     the history table, or naming the file and line of the statement that failed
     */
    public MigrateResult migrate(MigrationVersion target) {
        return migrate(files(), target);
    }

    private MigrateResult migrate(MigrationFiles.Loaded files, MigrationVersion target) {
        return withLockedConnection((connection, dialect, history) -> {
            HistoryState state = HistoryState.of(history.read(), files, dialect);
            state.throwIfInvalid(outOfOrder);
            return apply(connection, dialect, history, files, state, target, new ArrayList<>());
        });
    }

    private MigrateResult apply(
            Connection connection,
            Dialect dialect,
            HistoryTable history,
            MigrationFiles.Loaded files,
            HistoryState state,
            MigrationVersion target,
            List<AppliedMigration> executed)
            throws SQLException {
        List<MigrationScript> todo = state.pending(outOfOrder).stream()
                .filter(s -> target == null || s.version().compareTo(target) <= 0)
                .toList();
        List<MigrationFiles.RepeatableScript> repeatables = target == null ? state.pendingRepeatables() : List.of();
        checkFits(todo, repeatables);
        List<Finding> findings = new MigrationLinter(dialect).lint(todo);
        List<Finding> errors =
                findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (failOnLintErrors && !errors.isEmpty()) {
            throw new MigrationException(
                    errors.get(0).location(),
                    errors.size() + " lint error(s), nothing applied (failOnLintErrors is on):\n  "
                            + String.join(
                                    "\n  ",
                                    errors.stream().map(Finding::toString).toList()));
        }
        history.create();
        MigrationRunner runner = new MigrationRunner(connection, dialect, history, installedBy, clock);
        try {
            for (MigrationScript script : todo) {
                executed.add(runner.run(script, AppliedMigration.Direction.UP));
            }
            for (MigrationFiles.RepeatableScript r : repeatables) {
                executed.add(runner.runRepeatable(r));
            }
        } catch (MigrationException e) {
            throw alreadyCommitted(e, executed, "applied");
        }
        return new MigrateResult(
                executed,
                state.current(),
                HistoryState.of(history.read(), files, dialect).current(),
                findings);
    }

    /** Adds to a failure which earlier migrations of the same run are committed, so nobody thinks they were undone. */
    private static MigrationException alreadyCommitted(
            MigrationException e, List<AppliedMigration> executed, String verb) {
        if (executed.isEmpty()) {
            return e;
        }
        return new MigrationException(
                e.location(),
                e.problem() + " (this run already " + verb + " and committed, before this failure: "
                        + String.join(
                                ", ",
                                executed.stream()
                                        .map(AppliedMigration::fileName)
                                        .toList())
                        + ")",
                e.getCause());
    }

    private static void checkFits(List<MigrationScript> todo, List<MigrationFiles.RepeatableScript> repeatables) {
        List<String> problems = new ArrayList<>();
        for (MigrationScript s : todo) {
            if (s.version().text().length() > HistoryTable.VERSION_MAX) {
                problems.add(s.source() + ": version " + s.version() + " has "
                        + s.version().text().length() + " characters; the history keeps at most "
                        + HistoryTable.VERSION_MAX);
            }
            if (s.description().length() > HistoryTable.DESCRIPTION_MAX) {
                problems.add(s.source() + ": description has " + s.description().length()
                        + " characters; the history keeps at most " + HistoryTable.DESCRIPTION_MAX);
            }
            if (s.fileName().length() > HistoryTable.SCRIPT_MAX) {
                problems.add(s.source() + ": file name has " + s.fileName().length()
                        + " characters; the history keeps at most " + HistoryTable.SCRIPT_MAX);
            }
        }
        for (MigrationFiles.RepeatableScript r : repeatables) {
            if (r.description().length() > HistoryTable.DESCRIPTION_MAX) {
                problems.add(r.source() + ": description has " + r.description().length()
                        + " characters; the history keeps at most " + HistoryTable.DESCRIPTION_MAX);
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException(
                    problems.size() == 1
                            ? problems.get(0).substring(0, problems.get(0).indexOf(": "))
                            : "migrations",
                    "nothing applied: " + String.join("; ", problems));
        }
    }

    /**
     * Migrates many tenants that live in one database as schemas (PostgreSQL, H2) or databases (MySQL/MariaDB) of the
     * configured data source: each tenant's connection is moved into its schema, so the history table, the lock and
     * unqualified names in the migrations are the tenant's own. At most {@link Builder#tenantParallelism(int)}
     * tenants run at once, each on its own connection under its own lock; one tenant's failure leaves the others as
     * they are and is reported in the result. With {@link Builder#stopOnFirstTenantFailure(boolean)} tenants not yet
     * started are skipped after a failure. The files are read once for all tenants.
     *
     * <pre>{@code
     * MigrateTenantsResult r = migrator.migrateTenants(List.of("tenant_a", "tenant_b"));
     * if (!r.succeeded()) log.error(r.toText());
     * }</pre>
     *
     * @param schemas the tenants' schema (MySQL: database) names, each existing, no duplicates
     * @return one outcome per tenant, in the order given
     * @throws MigrationException when the files cannot be loaded (no tenant is touched then)
     * @throws IllegalArgumentException for an empty list, a blank or duplicate name
     */
    public MigrateTenantsResult migrateTenants(List<String> schemas) {
        Objects.requireNonNull(schemas, "schemas");
        Map<String, Migrator> tenants = new LinkedHashMap<>();
        for (String schema : schemas) {
            if (tenants.put(schema, forTenant(schema)) != null) {
                throw new IllegalArgumentException("tenant schema " + schema + " is listed twice");
            }
        }
        return runTenants(tenants);
    }

    /**
     * This configuration in one tenant's schema (MySQL: database) of the configured data source, for the verbs that
     * go tenant by tenant: {@code status()}, {@code repair(...)}, {@code rollback(n)}, {@code resume(...)} and the
     * rest work there as they do on the data source's own schema.
     *
     * @param schema the tenant's schema (MySQL: database); it must exist when a verb runs
     * @return a migrator with this configuration for that schema; this one is unchanged
     * @throws IllegalArgumentException for a blank name or one holding NUL
     */
    public Migrator forTenant(String schema) {
        if (schema == null || schema.isBlank() || schema.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("tenant schema names must be non-blank, without NUL (was '"
                    + (schema == null ? null : schema.replace("\0", "\\0")) + "')");
        }
        return new Migrator(this, dataSource, schema);
    }

    /**
     * Migrates many tenants that each have their own database (database-per-tenant on PostgreSQL, or any layout where
     * a tenant is reached by its own data source), as {@link #migrateTenants(List)} does: bounded parallelism, one
     * lock per database, one outcome per tenant.
     *
     * @param databases tenant name to its data source, in the order the result lists them
     * @return one outcome per tenant, in the order given
     * @throws IllegalArgumentException when the map is empty or a tenant name is blank
     */
    public MigrateTenantsResult migrateTenants(Map<String, DataSource> databases) {
        Objects.requireNonNull(databases, "databases");
        Map<String, Migrator> tenants = new LinkedHashMap<>();
        databases.forEach((name, ds) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("tenant names must be non-blank (was '" + name + "')");
            }
            tenants.put(name, new Migrator(this, Objects.requireNonNull(ds, "data source of " + name), null));
        });
        return runTenants(tenants);
    }

    private MigrateTenantsResult runTenants(Map<String, Migrator> tenants) {
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("migrateTenants needs at least one tenant");
        }
        MigrationFiles.Loaded files = files();
        Map<String, Supplier<MigrateResult>> work = new LinkedHashMap<>();
        tenants.forEach((name, migrator) -> work.put(name, () -> migrator.migrate(files, null)));
        return TenantRun.run(work, tenantParallelism, stopOnFirstTenantFailure);
    }

    /**
     * Continues a migration whose run was interrupted (its history row says it started and never finished), after
     * its last completed statement, then applies what is still pending as {@link #migrate()} does.
     *
     * @param doubtfulStatementCompleted what you found when you checked the statement the account names as "may or
     *     may not have completed": true when it took effect (it is skipped), false when it did not or you undid it (it
     *     runs again)
     * @return the resumed migration and the others that ran
     * @throws MigrationException when nothing is interrupted, when the file changed since the run started, or as
     *     {@link #migrate()}
     */
    public MigrateResult resume(boolean doubtfulStatementCompleted) {
        MigrationFiles.Loaded files = files();
        return withLockedConnection((connection, dialect, history) -> {
            HistoryState state = HistoryState.of(history.read(), files, dialect);
            List<HistoryRow> running = state.running();
            if (running.isEmpty()) {
                throw new MigrationException(
                        history.qualifiedName(), "no interrupted migration to resume; migrate() goes on normally");
            }
            HistoryRow row = running.get(running.size() - 1);
            MigrationScript script = null;
            MigrationFiles.RepeatableScript repeatable = null;
            Integer checksum;
            if (HistoryState.REPEATABLE.equals(row.kind())) {
                repeatable = files.repeatable().stream()
                        .filter(r -> r.description().equals(row.description()))
                        .findFirst()
                        .orElse(null);
                checksum = repeatable == null ? null : repeatable.checksum();
            } else {
                script = state.script(row.version());
                checksum = script == null ? null : script.checksum();
            }
            if (checksum == null) {
                throw new MigrationException(row.script(), "the interrupted migration's file is missing; restore it");
            }
            if (!checksum.equals(row.checksum())) {
                throw new MigrationException(
                        row.script(),
                        "changed since the interrupted run started (checksum " + row.checksum() + " in history, "
                                + checksum + " now): restore the file as it was, then resume");
            }
            int total = state.statementsOf(row).size();
            if (row.statementsTotal() != total) {
                throw new MigrationException(
                        row.script(),
                        "the interrupted run counted " + row.statementsTotal()
                                + " statements, the file now splits into " + total);
            }
            int from = row.statementsDone() + (doubtfulStatementCompleted ? 1 : 0);
            LOG.info(
                    "resuming {} at statement {} of {} (statement {} {})",
                    row.script(),
                    from + 1,
                    total,
                    row.statementsDone() + 1,
                    doubtfulStatementCompleted ? "taken as completed" : "run again");
            MigrationVersion before = state.current();
            List<AppliedMigration> executed = new ArrayList<>();
            executed.add(new MigrationRunner(connection, dialect, history, installedBy, clock)
                    .resume(script, repeatable, row, from));
            if ("DOWN".equals(row.kind())) {
                return new MigrateResult(
                        executed,
                        before,
                        HistoryState.of(history.read(), files, dialect).current(),
                        List.of());
            }
            HistoryState after = HistoryState.of(history.read(), files, dialect);
            after.throwIfInvalid(outOfOrder);
            MigrateResult rest = apply(connection, dialect, history, files, after, null, executed);
            return new MigrateResult(rest.executed(), before, rest.versionAfter(), rest.findings());
        });
    }

    /**
     * Rolls back the {@code steps} newest applied migrations by running their down sections, newest
     * first. Checks before running anything that each of them has a down section.
     *
     * @param steps how many migrations to roll back, at least 1
     * @return the migrations rolled back, newest first
     * @throws IllegalArgumentException when {@code steps} is less than 1
     * @throws MigrationException naming the file and line of a failing statement, and the migrations this call had
     *     already rolled back and committed
     */
    public MigrateResult rollback(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1 (was " + steps + ")");
        }
        MigrationFiles.Loaded files = files();
        return withLockedConnection((connection, dialect, history) -> {
            HistoryState state = HistoryState.of(history.read(), files, dialect);
            state.throwIfInvalid(true);
            List<MigrationScript> applied = state.appliedScripts();
            if (applied.size() < steps) {
                throw new MigrationException(
                        "rollback(" + steps + ")",
                        "only " + applied.size() + " applied migration(s) can be rolled back"
                                + (state.baseline() == null ? "" : " (the baseline " + state.baseline() + " cannot)"));
            }
            List<MigrationScript> todo = applied.reversed().subList(0, steps);
            List<String> noDown = todo.stream()
                    .filter(s -> s.down() == null)
                    .map(MigrationScript::fileName)
                    .toList();
            if (!noDown.isEmpty()) {
                throw new MigrationException(String.join(", ", noDown), "no down section, so nothing was rolled back");
            }
            history.create();
            MigrationRunner runner = new MigrationRunner(connection, dialect, history, installedBy, clock);
            List<AppliedMigration> executed = new ArrayList<>();
            try {
                for (MigrationScript script : todo) {
                    executed.add(runner.run(script, AppliedMigration.Direction.DOWN));
                }
            } catch (MigrationException e) {
                throw alreadyCommitted(e, executed, "rolled back");
            }
            return new MigrateResult(
                    executed,
                    state.current(),
                    HistoryState.of(history.read(), files, dialect).current(),
                    List.of());
        });
    }

    /**
     * Every migration known from the files or the history, with its state. Takes no lock. Reads an existing Flyway
     * history when backendkit's own does not exist yet.
     *
     * @return the migrations and their states, in version order
     */
    public MigrationStatus status() {
        MigrationFiles.Loaded files = files();
        return withConnection(
                (connection, dialect) -> readState(connection, dialect, files).status());
    }

    private HistoryState readState(Connection connection, Dialect dialect, MigrationFiles.Loaded files)
            throws SQLException {
        HistoryTable history = new HistoryTable(connection, dialect, historyTable);
        if (!history.exists()) {
            FlywayHistory flyway = new FlywayHistory(connection, dialect, history.schema(), flywayHistoryTable);
            if (flyway.exists()) {
                return HistoryState.of(flyway.read(), files, dialect);
            }
        }
        return HistoryState.of(history.read(), files, dialect);
    }

    /**
     * Checks that applied migrations still match their files and that nothing failed or was interrupted.
     *
     * @return how many applied migrations were checked
     * @throws MigrationException listing every changed, missing, failed, interrupted or out-of-order migration
     */
    public int validate() {
        MigrationFiles.Loaded files = files();
        return withConnection((connection, dialect) -> {
            HistoryState state = readState(connection, dialect, files);
            state.throwIfInvalid(outOfOrder);
            return state.appliedScripts().size();
        });
    }

    /**
     * The dry run: what {@link #migrate()} would execute now, with the SQL and lint findings. Takes no lock and
     * changes nothing.
     *
     * @return the pending steps with their statements, and the linter's findings for them
     * @throws MigrationException when validation fails, as for {@link #migrate()}
     */
    public MigrationPlan plan() {
        MigrationFiles.Loaded files = files();
        return withConnection((connection, dialect) -> {
            HistoryState state = readState(connection, dialect, files);
            state.throwIfInvalid(outOfOrder);
            List<MigrationScript> todo = state.pending(outOfOrder);
            MigrationRunner runner = new MigrationRunner(connection, dialect, null, installedBy, clock);
            List<MigrationPlan.Step> steps = new ArrayList<>();
            for (MigrationScript s : todo) {
                steps.add(new MigrationPlan.Step(
                        s.version(),
                        s.fileName(),
                        MigrationRunner.transactional(dialect, s.up()),
                        runner.split(s.fileName(), s.up(), s.upLine())));
            }
            return new MigrationPlan(steps, new MigrationLinter(dialect).lint(todo));
        });
    }

    /**
     * Marks an existing schema as being at {@code version}: migrations up to it are treated as applied
     * without running. Only allowed while nothing has been applied.
     *
     * @param version the version the existing schema is at, not null
     * @throws MigrationException when migrations have already been applied
     */
    public void baseline(MigrationVersion version) {
        Objects.requireNonNull(version, "version");
        withLockedConnection((connection, dialect, history) -> {
            if (history.read().stream().anyMatch(HistoryRow::success)) {
                throw new MigrationException(
                        history.qualifiedName(),
                        "already has applied migrations; baseline only works on a fresh history");
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
                    HistoryRow.Status.SUCCESS,
                    0,
                    0);
            return null;
        });
    }

    /**
     * Copies an existing Flyway history ({@code flyway_schema_history}, see {@link Builder#flywayHistoryTable}) into
     * backendkit's history, so that the migrations Flyway applied count as applied (their checksums are Flyway's and
     * are verified against the files with Flyway's rule) and backendkit goes on from there. Flyway's table is left as
     * it is. Locked verbs do this by themselves when Flyway's history is the only one present.
     *
     * @return how many rows were adopted
     * @throws MigrationException when there is no Flyway history, or backendkit's history already has rows
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public int adoptFlywayHistory() {
        return withConnection((connection, dialect) -> {
            connection.setAutoCommit(true);
            HistoryTable history = new HistoryTable(connection, dialect, historyTable);
            try (MigrationLock ignored = lock(connection, dialect, history)) {
                FlywayHistory flyway = new FlywayHistory(connection, dialect, history.schema(), flywayHistoryTable);
                if (!flyway.exists()) {
                    throw new MigrationException(flyway.qualifiedName(), "no Flyway history table to adopt");
                }
                if (!history.read().isEmpty()) {
                    throw new MigrationException(
                            history.qualifiedName(),
                            "already has rows; a Flyway history can only be adopted into an" + " empty one");
                }
                return adopt(history, flyway);
            }
        });
    }

    private int adopt(HistoryTable history, FlywayHistory flyway) throws SQLException {
        List<HistoryRow> rows = flyway.read();
        history.create();
        for (HistoryRow r : rows) {
            history.append(
                    r.version(),
                    r.description(),
                    r.kind(),
                    r.script(),
                    r.checksum(),
                    r.installedBy(),
                    r.installedOn(),
                    r.executionMillis(),
                    r.status(),
                    0,
                    0);
        }
        LOG.info(
                "adopted {} row(s) of the Flyway history {} into {}",
                rows.size(),
                flyway.qualifiedName(),
                history.qualifiedName());
        return rows.size();
    }

    /**
     * Records what a person found after checking failed or interrupted migrations by hand, realigns the checksums of
     * applied migrations with their current files, and clears a lock row left by a dead runner (lock-table dialects).
     * It never guesses: a failed or interrupted migration without a verdict makes it refuse.
     *
     * <pre>{@code
     * migrator.repair(MigrationVerdict.markRolledBack("3"));
     * }</pre>
     *
     * @param verdicts one per failed or interrupted migration: {@link MigrationVerdict#markApplied}, {@link
     *     MigrationVerdict#markRolledBack} or {@link MigrationVerdict#markFailed}
     * @return a line per change made, empty when there was nothing to repair
     * @throws MigrationException when a failed or interrupted migration has no verdict, or a verdict names a version
     *     whose last run did not fail (nothing is changed then)
     */
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public List<String> repair(MigrationVerdict... verdicts) {
        Map<MigrationVersion, MigrationVerdict> byVersion = new LinkedHashMap<>();
        for (MigrationVerdict v : Objects.requireNonNull(verdicts, "verdicts")) {
            if (byVersion.put(Objects.requireNonNull(v, "verdict").version(), v) != null) {
                throw new IllegalArgumentException("two verdicts for version " + v.version());
            }
        }
        MigrationFiles.Loaded files = files();
        return withConnection((connection, dialect) -> {
            List<String> changes = new ArrayList<>();
            connection.setAutoCommit(true);
            HistoryTable history = new HistoryTable(connection, dialect, historyTable);
            if (MigrationLock.clearStale(connection, dialect, history.schema(), historyTable)) {
                changes.add("cleared a stale lock in " + historyTable + "_lock");
            }
            try (MigrationLock ignored = lock(connection, dialect, history)) {
                adoptIfOnlyFlyway(history, connection, dialect);
                history.upgrade();
                HistoryState state = HistoryState.of(history.read(), files, dialect);
                List<String> missing = new ArrayList<>();
                for (MigrationScript s : files.versioned()) {
                    HistoryRow row = state.lastRow(s.version());
                    if (row != null && !row.success() && !byVersion.containsKey(s.version())) {
                        missing.add(state.account(row));
                    }
                }
                for (MigrationVerdict v : byVersion.values()) {
                    HistoryRow row = state.lastRow(v.version());
                    if (row == null || row.success()) {
                        throw new MigrationException(
                                "repair(" + v.outcome() + " " + v.version() + ")",
                                "version " + v.version() + (row == null ? " has never run" : "'s last run succeeded")
                                        + "; a verdict is only for a failed or interrupted migration; nothing changed");
                    }
                }
                if (!missing.isEmpty()) {
                    throw new MigrationException(
                            history.qualifiedName(),
                            "repair() does not guess what a failed or interrupted migration left; give a verdict"
                                    + " (MigrationVerdict.markApplied/markRolledBack/markFailed) for each:\n  "
                                    + String.join("\n  ", missing));
                }
                for (MigrationVerdict v : byVersion.values()) {
                    changes.add(record(history, state.lastRow(v.version()), v));
                }
                state = HistoryState.of(history.read(), files, dialect);
                for (HistoryRow row : history.read()) {
                    MigrationScript s = state.script(row.version());
                    if (s != null
                            && "UP".equals(row.kind())
                            && row.success()
                            && row.checksum() != null
                            && row.checksum() != s.checksum()
                            && row.rank() == state.lastRow(row.version()).rank()) {
                        history.updateChecksum(row.rank(), s.checksum());
                        changes.add("realigned checksum of " + s.fileName());
                    }
                }
            }
            return List.copyOf(changes);
        });
    }

    private String record(HistoryTable history, HistoryRow row, MigrationVerdict verdict) throws SQLException {
        boolean wasUp = !"DOWN".equals(row.kind());
        String what = (row.status() == HistoryRow.Status.RUNNING ? "interrupted " : "failed ")
                + (wasUp ? "migration " : "rollback of ")
                + row.script();
        switch (verdict.outcome()) {
            case FAILED -> {
                if (row.status() == HistoryRow.Status.RUNNING) {
                    history.setStatus(row.rank(), HistoryRow.Status.FAILED);
                    return what + ": marked failed";
                }
                return what + ": stays failed";
            }
            case APPLIED, ROLLED_BACK -> {
                if (row.status() == HistoryRow.Status.RUNNING) {
                    history.setStatus(row.rank(), HistoryRow.Status.FAILED);
                }
                boolean applied = verdict.outcome() == MigrationVerdict.Outcome.APPLIED;
                // a new row records the verdict; the failed row stays as the record of what happened
                history.append(
                        row.version(),
                        row.description(),
                        applied ? "UP" : "DOWN",
                        row.script(),
                        row.checksum(),
                        installedBy + " (repair)",
                        clock.instant(),
                        0,
                        HistoryRow.Status.SUCCESS,
                        0,
                        0);
                return what + ": marked " + (applied ? "applied" : "rolled back") + " by verdict";
            }
            default -> throw new IllegalStateException(verdict.outcome().name());
        }
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
            if (tenant == null) {
                return work.apply(connection, dialect);
            }
            String before = TenantSchema.enter(connection, dialect, tenant);
            try {
                return work.apply(connection, dialect);
            } finally {
                TenantSchema.leave(connection, dialect, before);
            }
        } catch (SQLException e) {
            throw new MigrationException(
                    tenant == null ? historyTable : tenant,
                    "database error: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]",
                    e);
        }
    }

    private MigrationLock lock(Connection connection, Dialect dialect, HistoryTable history) throws SQLException {
        return MigrationLock.acquire(connection, dialect, history.schema(), historyTable, lockTimeout, installedBy);
    }

    private void adoptIfOnlyFlyway(HistoryTable history, Connection connection, Dialect dialect) throws SQLException {
        if (!history.exists()) {
            FlywayHistory flyway = new FlywayHistory(connection, dialect, history.schema(), flywayHistoryTable);
            if (flyway.exists()) {
                adopt(history, flyway);
            }
        }
    }

    @SuppressWarnings("try") // the lock is held for the block, not used in it
    private <T> T withLockedConnection(LockedWork<T> work) {
        return withConnection((connection, dialect) -> {
            connection.setAutoCommit(true);
            HistoryTable history = new HistoryTable(connection, dialect, historyTable);
            try (MigrationLock ignored = lock(connection, dialect, history)) {
                adoptIfOnlyFlyway(history, connection, dialect);
                history.upgrade();
                return work.apply(connection, dialect, history);
            }
        });
    }

    /**
     * Configuration of a {@link Migrator}; not thread-safe, build once and share the {@code Migrator}.
     */
    public static final class Builder {
        private DataSource dataSource;
        private List<String> locations = List.of("classpath:db/migration");
        private String historyTable = "backendkit_schema_history";
        private String flywayHistoryTable = FlywayHistory.DEFAULT_TABLE;
        private Map<String, String> placeholders;
        private String installedBy = System.getProperty("user.name", "backendkit");
        private boolean outOfOrder;
        private boolean failOnLintErrors;
        private Duration lockTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private ClassLoader classLoader = Migrator.class.getClassLoader();
        private int tenantParallelism = 4;
        private boolean stopOnFirstTenantFailure;

        private Builder() {}

        /**
         * How many tenants {@link Migrator#migrateTenants} migrates at once, each on its own connection (so a pool
         * needs at least this many). Default 4; 1 to 256.
         *
         * @param tenants tenants at once, 1 to 256
         * @return this builder
         * @throws IllegalArgumentException when {@code tenants} is outside 1 to 256
         */
        public Builder tenantParallelism(int tenants) {
            if (tenants < 1 || tenants > 256) {
                throw new IllegalArgumentException("tenantParallelism must be 1 to 256 (was " + tenants + ")");
            }
            this.tenantParallelism = tenants;
            return this;
        }

        /**
         * Whether {@link Migrator#migrateTenants} starts no further tenant once one has failed (those already running
         * finish; the rest are SKIPPED). Default false: every tenant is tried.
         *
         * @param stop true to stop starting tenants after the first failure
         * @return this builder
         */
        public Builder stopOnFirstTenantFailure(boolean stop) {
            this.stopOnFirstTenantFailure = stop;
            return this;
        }

        /**
         * The database to migrate. Required (this or {@link #dataSource(String, String, String)}).
         *
         * @param dataSource the data source, not null; connections are taken per verb and closed
         * @return this builder
         * @throws NullPointerException when {@code dataSource} is null
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * The database to migrate, by JDBC URL, without a pool: each verb opens one connection through {@link
         * java.sql.DriverManager} (the driver must be on the class path) and closes it.
         *
         * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/app}
         * @param user the user, or null when the URL carries it
         * @param password the password, or null
         * @return this builder
         */
        public Builder dataSource(String jdbcUrl, String user, String password) {
            this.dataSource = UrlDataSource.of(jdbcUrl, user, password);
            return this;
        }

        /**
         * Values for Flyway-style {@code ${name}} placeholders in migration files. Once set, every {@code ${...}} in
         * a file must have a value (the load fails naming file and line otherwise). Default: none, and {@code ${...}}
         * is left as written. As in Flyway, a versioned file's checksum is computed on the file as written, a repeatable
         * file's after replacement (so a changed value re-runs it).
         *
         * @param values placeholder name to value; names non-blank, values not null
         * @return this builder
         * @throws IllegalArgumentException when a name is blank or a value is null
         */
        public Builder placeholders(Map<String, String> values) {
            Objects.requireNonNull(values, "placeholders");
            values.forEach((k, v) -> {
                if (k == null || k.isBlank() || v == null) {
                    throw new IllegalArgumentException("placeholders must have non-blank names and non-null values"
                            + " (was " + k + " = " + v + ")");
                }
            });
            this.placeholders = Map.copyOf(values);
            return this;
        }

        /**
         * Name of the Flyway history table to adopt, in the same schema as the history table. Default {@code
         * flyway_schema_history}.
         *
         * @param table a plain SQL identifier of letters, digits and {@code _}
         * @return this builder
         * @throws IllegalArgumentException when the name is not such an identifier
         */
        public Builder flywayHistoryTable(String table) {
            if (table == null || !TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException("flywayHistoryTable must be a plain SQL identifier of letters,"
                        + " digits and '_' (was '" + table + "')");
            }
            this.flywayHistoryTable = table;
            return this;
        }

        /**
         * Where migration files are: {@code classpath:db/migration}, {@code filesystem:/path} or a plain
         * path. Subdirectories are searched too. Default {@code classpath:db/migration}.
         *
         * @param locations one or more non-blank locations, searched in order
         * @return this builder
         * @throws IllegalArgumentException when no location is given or one is blank
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

        /**
         * Name of the history table, in the schema (MySQL: database) the connection starts in. Default {@code
         * backendkit_schema_history}.
         *
         * @param table a plain SQL identifier of letters, digits and {@code _}
         * @return this builder
         * @throws IllegalArgumentException when the name is not such an identifier
         */
        public Builder historyTable(String table) {
            if (table == null || !TABLE_NAME.matcher(table).matches()) {
                throw new IllegalArgumentException(
                        "historyTable must be a plain SQL identifier of letters, digits and '_' (was '" + table + "')");
            }
            this.historyTable = table;
            return this;
        }

        /**
         * Who is recorded as having applied migrations. Default: the {@code user.name} system property.
         *
         * @param who a non-blank name
         * @return this builder
         * @throws IllegalArgumentException when {@code who} is blank
         */
        public Builder installedBy(String who) {
            if (who == null || who.isBlank()) {
                throw new IllegalArgumentException("installedBy must not be blank");
            }
            this.installedBy = who;
            return this;
        }

        /**
         * Whether migrations older than the newest applied one may still run. Default false: they are an error.
         *
         * @param allowed true to run them
         * @return this builder
         */
        public Builder outOfOrder(boolean allowed) {
            this.outOfOrder = allowed;
            return this;
        }

        /**
         * Whether {@code migrate()} refuses to start when the linter reports errors. Default false.
         *
         * @param refuse true to refuse
         * @return this builder
         */
        public Builder failOnLintErrors(boolean refuse) {
            this.failOnLintErrors = refuse;
            return this;
        }

        /**
         * How long to wait for another migrator's lock. Default 5 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is null, zero or negative
         */
        public Builder lockTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lockTimeout must be positive (was " + timeout + ")");
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * Clock for history timestamps and {@code create()} versions. Default: system UTC.
         *
         * @param clock the clock, not null
         * @return this builder
         * @throws NullPointerException when {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Class loader for {@code classpath:} locations. Default: backendkit's own.
         *
         * @param loader the class loader, not null
         * @return this builder
         * @throws NullPointerException when {@code loader} is null
         */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /**
         * The configured migrator.
         *
         * @return a migrator with this configuration; immutable and safe to share between threads
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
