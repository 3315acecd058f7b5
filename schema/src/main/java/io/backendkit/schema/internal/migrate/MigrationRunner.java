package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.AppliedMigration;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationException;
import io.backendkit.schema.MigrationScript;
import io.backendkit.schema.MigrationVersion;
import io.backendkit.schema.SqlStatement;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one section of one migration on a locked connection and keeps its history row truthful.
 *
 * <p>Where the section can run in one transaction (PostgreSQL and SQLite, unless it holds a statement PostgreSQL
 * refuses inside one) its statements and its history row are committed together, or not at all. Elsewhere (MySQL,
 * MariaDB, H2, PostgreSQL with {@code CONCURRENTLY}) the row is written and committed as RUNNING first, each statement
 * runs on its own and its completion is committed into the row before the next starts, so a crash leaves a row that
 * says exactly how far the run got. Not thread-safe; one per locked connection.
 */
public final class MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRunner.class);

    /** PostgreSQL statements that cannot run inside a transaction block. */
    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "(?is)\\bCONCURRENTLY\\b|^\\s*(VACUUM|REINDEX\\s+(SYSTEM|DATABASE)|CREATE\\s+DATABASE|DROP\\s+DATABASE"
                    + "|CREATE\\s+TABLESPACE|DROP\\s+TABLESPACE|ALTER\\s+SYSTEM)\\b"
                    + "|\\bALTER\\s+TYPE\\b.*\\bADD\\s+VALUE\\b");

    private static final Pattern CONCURRENTLY = Pattern.compile("(?i)\\bCONCURRENTLY\\b");

    private final Connection connection;
    private final Dialect dialect;
    private final HistoryTable history;
    private final String installedBy;
    private final Clock clock;

    /** Where the connection started: PostgreSQL's search_path, MySQL's database, H2's schema; null elsewhere. */
    private final String start;

    /**
     * A runner writing to {@code history} on {@code connection}, which holds the migration lock. Each migration starts
     * where the connection is now: a {@code SET search_path} (PostgreSQL), {@code USE} (MySQL) or {@code SET SCHEMA}
     * (H2) in one migration is undone after it, so it does not move the migrations after it.
     */
    public MigrationRunner(
            Connection connection, Dialect dialect, HistoryTable history, String installedBy, Clock clock)
            throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.history = history;
        this.installedBy = installedBy;
        this.clock = clock;
        this.start = switch (dialect) {
            case POSTGRESQL -> {
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                    rs.next();
                    yield rs.getString(1);
                }
            }
            case MYSQL -> connection.getCatalog();
            case H2 -> connection.getSchema();
            default -> null;
        };
    }

    /** Puts the connection back where it started, when a migration moved it. */
    private void restoreStart() throws SQLException {
        if (start == null) {
            return;
        }
        switch (dialect) {
            case POSTGRESQL -> {
                String now;
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                    rs.next();
                    now = rs.getString(1);
                }
                if (!start.equals(now)) {
                    try (PreparedStatement ps =
                            connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                        ps.setString(1, start);
                        ps.executeQuery().close();
                    }
                    LOG.debug("search_path restored to {} (a migration set it to {})", start, now);
                }
            }
            case MYSQL -> {
                if (!start.equals(connection.getCatalog())) {
                    connection.setCatalog(start);
                }
            }
            case H2 -> {
                if (!start.equals(connection.getSchema())) {
                    connection.setSchema(start);
                }
            }
            default -> {}
        }
    }

    /** What is being run: one section of a versioned migration, or a repeatable migration. */
    private record Work(
            MigrationVersion version,
            String description,
            String kind,
            String fileName,
            Integer checksum,
            List<SqlStatement> statements,
            IntFunction<String> at) {}

    /** Whether {@code sql} can run inside one transaction on {@code dialect}. */
    public static boolean transactional(Dialect dialect, String sql) {
        if (!dialect.transactionalDdl()) {
            return false;
        }
        if (dialect != Dialect.POSTGRESQL) {
            return true;
        }
        for (SqlStatement s : new SqlSplitter(dialect).split(sql, 1)) {
            if (NON_TRANSACTIONAL.matcher(s.sql()).find()) {
                return false;
            }
        }
        return true;
    }

    /** Splits a section, naming file and line of an unterminated string or comment. */
    public List<SqlStatement> split(String fileName, String sql, int line) {
        try {
            return new SqlSplitter(dialect).split(sql, line);
        } catch (SqlSplitter.UnterminatedException e) {
            throw new MigrationException(fileName + ":" + e.line(), e.getMessage(), e);
        }
    }

    /** Runs the up or down section of {@code script} from its first statement. */
    public AppliedMigration run(MigrationScript script, AppliedMigration.Direction direction) throws SQLException {
        Work work = work(script, direction);
        String sql = direction == AppliedMigration.Direction.UP ? script.up() : script.down();
        int n = work.statements().size();
        return execute(work, direction, transactional(dialect, sql), 0, -1, n);
    }

    /** Runs a repeatable migration. */
    public AppliedMigration runRepeatable(MigrationFiles.RepeatableScript script) throws SQLException {
        Work work = new Work(
                MigrationVersion.of("0"),
                script.description(),
                HistoryState.REPEATABLE,
                script.fileName(),
                script.checksum(),
                split(script.fileName(), script.sql(), 1),
                line -> script.fileName() + ":" + line);
        return execute(
                work,
                AppliedMigration.Direction.UP,
                transactional(dialect, script.sql()),
                0,
                -1,
                work.statements().size());
    }

    /**
     * Continues the interrupted run recorded in {@code row} with statement {@code from} (0-based), statement by
     * statement, in the same history row.
     */
    public AppliedMigration resume(
            MigrationScript script, MigrationFiles.RepeatableScript repeatable, HistoryRow row, int from)
            throws SQLException {
        AppliedMigration.Direction direction =
                "DOWN".equals(row.kind()) ? AppliedMigration.Direction.DOWN : AppliedMigration.Direction.UP;
        Work work;
        if (repeatable != null) {
            work = new Work(
                    row.version(),
                    repeatable.description(),
                    HistoryState.REPEATABLE,
                    repeatable.fileName(),
                    repeatable.checksum(),
                    split(repeatable.fileName(), repeatable.sql(), 1),
                    line -> repeatable.fileName() + ":" + line);
        } else {
            work = work(script, direction);
        }
        if (from > row.statementsDone()) {
            history.progress(row.rank(), from);
        }
        return execute(
                work, direction, false, from, row.rank(), work.statements().size());
    }

    private Work work(MigrationScript script, AppliedMigration.Direction direction) {
        boolean up = direction == AppliedMigration.Direction.UP;
        String sql = up ? script.up() : script.down();
        int line = up ? script.upLine() : script.downLine();
        String file = up || script.downFileName() == null ? script.fileName() : script.downFileName();
        return new Work(
                script.version(),
                script.description(),
                up ? "UP" : "DOWN",
                script.fileName(),
                script.checksum(),
                split(file, sql, line),
                up ? script::at : script::downAt);
    }

    private AppliedMigration execute(
            Work work, AppliedMigration.Direction direction, boolean transactional, int from, int rank, int total)
            throws SQLException {
        List<SqlStatement> statements = work.statements();
        long start = System.nanoTime();
        boolean completed = false;
        if (transactional) {
            connection.setAutoCommit(false);
        } else {
            connection.setAutoCommit(true);
            if (rank < 0) {
                rank = history.append(
                        work.version(),
                        work.description(),
                        work.kind(),
                        work.fileName(),
                        work.checksum(),
                        installedBy,
                        clock.instant(),
                        0,
                        HistoryRow.Status.RUNNING,
                        0,
                        total);
            }
        }
        try (Statement st = connection.createStatement()) {
            for (int i = from; i < statements.size(); i++) {
                SqlStatement statement = statements.get(i);
                Set<String> invalidBefore = concurrentIndexBuild(statement) ? invalidIndexes() : Set.of();
                try {
                    st.execute(statement.sql());
                } catch (SQLException e) {
                    String problem =
                            failed(work, direction, transactional, rank, i, statement, invalidBefore, start, e);
                    throw new MigrationException(work.at().apply(statement.line()), problem, e);
                }
                if (!transactional) {
                    history.progress(rank, i + 1);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (transactional) {
                history.append(
                        work.version(),
                        work.description(),
                        work.kind(),
                        work.fileName(),
                        work.checksum(),
                        installedBy,
                        clock.instant(),
                        millis,
                        HistoryRow.Status.SUCCESS,
                        statements.size(),
                        statements.size());
                connection.commit();
            } else {
                history.finish(rank, HistoryRow.Status.SUCCESS, statements.size(), clock.instant(), millis);
            }
            completed = true;
            LOG.info("{} {} ({} statements, {} ms)", direction, work.fileName(), statements.size() - from, millis);
            return new AppliedMigration(
                    work.version(), work.description(), work.fileName(), direction, statements.size() - from, millis);
        } finally {
            if (transactional && !connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try {
                restoreStart();
            } catch (SQLException e) {
                if (completed) {
                    throw e;
                }
                LOG.warn("could not put the connection back where it started: {}", e.getMessage());
            }
        }
    }

    private String failed(
            Work work,
            AppliedMigration.Direction direction,
            boolean transactional,
            int rank,
            int index,
            SqlStatement statement,
            Set<String> invalidBefore,
            long start,
            SQLException e)
            throws SQLException {
        String section = direction == AppliedMigration.Direction.DOWN ? "down section: " : "";
        String cause = e.getMessage() + " [SQLState " + e.getSQLState() + "]";
        if (transactional) {
            connection.rollback();
            connection.setAutoCommit(true);
            return section + "statement failed, the migration was rolled back: " + cause;
        }
        history.finish(rank, HistoryRow.Status.FAILED, index, clock.instant(), (System.nanoTime() - start) / 1_000_000);
        LOG.error(
                "{} {} failed at statement {}; the history records it as failed",
                direction,
                work.fileName(),
                index + 1);
        StringBuilder problem = new StringBuilder(section)
                .append("statement ")
                .append(index + 1)
                .append(" failed");
        if (index == 0) {
            problem.append(" (the first of this migration, so none of it ran)");
        } else {
            problem.append(index == 1 ? ", statement 1" : ", statements 1-" + index)
                    .append(" of this migration completed and stay")
                    .append(" applied (")
                    .append(
                            dialect == Dialect.POSTGRESQL
                                    ? "it ran outside a transaction"
                                    : "no transactional DDL here")
                    .append(")");
        }
        problem.append("; the history records it as failed: ").append(cause);
        if (!invalidBefore.isEmpty() || concurrentIndexBuild(statement)) {
            Set<String> left = invalidIndexes();
            left.removeAll(invalidBefore);
            for (String index1 : left) {
                problem.append("; it left the INVALID index ")
                        .append(index1)
                        .append(" behind: drop it with DROP INDEX CONCURRENTLY ")
                        .append(index1)
                        .append(" before running the migration again");
            }
        }
        return problem.toString();
    }

    private boolean concurrentIndexBuild(SqlStatement statement) {
        return dialect == Dialect.POSTGRESQL
                && CONCURRENTLY.matcher(statement.sql()).find();
    }

    /** PostgreSQL's invalid indexes (left by a failed concurrent build), each quoted and schema-qualified. */
    private Set<String> invalidIndexes() {
        Set<String> out = new LinkedHashSet<>();
        SqlWriter sql = SqlWriter.of(dialect);
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT n.nspname, c.relname FROM pg_index i"
                        + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT i.indisvalid ORDER BY 1, 2")) {
            while (rs.next()) {
                out.add(sql.qualified(rs.getString(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            LOG.warn("could not list invalid indexes: {}", e.getMessage());
        }
        return out;
    }
}
