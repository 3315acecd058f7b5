package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationException;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database-wide lock held on one connection for the length of a migrator run, so that runners on
 * several machines apply each migration exactly once: a session advisory lock on PostgreSQL, {@code
 * GET_LOCK} on MySQL/MariaDB, and a row in {@code <history>_lock} elsewhere.
 */
public final class MigrationLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final Connection connection;
    private final Dialect dialect;
    private final String lockName;
    private final String lockTable;

    private MigrationLock(Connection connection, Dialect dialect, String schema, String historyTable) {
        this.connection = connection;
        this.dialect = dialect;
        // GET_LOCK names are server-wide and advisory keys database-wide: qualify by database and schema
        String scope = schema;
        String name = "backendkit:" + scope + "." + historyTable;
        if (name.length() > 64) {
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            name = name.substring(0, 55) + Long.toHexString(crc.getValue());
        }
        this.lockName = name;
        this.lockTable = lockTable(dialect, schema, historyTable);
    }

    private static String lockTable(Dialect dialect, String schema, String historyTable) {
        String name = historyTable + "_lock";
        // H2 folds unquoted names to upper case; keep the table where older versions made it
        return SqlWriter.of(dialect)
                .qualified(schema, dialect == Dialect.H2 ? name.toUpperCase(java.util.Locale.ROOT) : name);
    }

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws MigrationException naming the lock when it cannot be had in time
     */
    public static MigrationLock acquire(
            Connection connection, Dialect dialect, String schema, String historyTable, Duration timeout, String owner)
            throws SQLException {
        MigrationLock lock = new MigrationLock(connection, dialect, schema, historyTable);
        lock.lock(timeout, owner);
        return lock;
    }

    private void lock(Duration timeout, String owner) throws SQLException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Instant nextReport = start;
        while (!tryLock(owner, Duration.between(Instant.now(), deadline))) {
            if (!Instant.now().isBefore(nextReport)) {
                LOG.info(
                        "waiting for the migration lock {} (up to {}); held by {}",
                        lockName,
                        timeout,
                        String.join("; ", holder()));
                nextReport = Instant.now().plus(REPORT_EVERY);
            }
            pause(deadline, timeout);
        }
    }

    private boolean tryLock(String owner, Duration left) throws SQLException {
        return switch (dialect) {
            case POSTGRESQL -> queryBoolean("SELECT pg_try_advisory_lock(" + key() + ")");
            case MYSQL -> {
                // wait inside GET_LOCK in slices, so that the holder can be reported while waiting
                long seconds = Math.max(0, Math.min(REPORT_EVERY.toSeconds(), left.toSeconds()));
                try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                    ps.setString(1, lockName);
                    ps.setLong(2, seconds);
                    try (ResultSet rs = ps.executeQuery()) {
                        yield rs.next() && rs.getInt(1) == 1;
                    }
                }
            }
            default -> insertLockRow(owner);
        };
    }

    /**
     * Who holds the lock now and what that session runs, one entry per holder; empty when nobody does. PostgreSQL
     * reads {@code pg_locks} and {@code pg_stat_activity}, MySQL/MariaDB {@code IS_USED_LOCK} and the process list,
     * other dialects the lock row.
     */
    public List<String> holder() {
        List<String> out = new ArrayList<>();
        try {
            switch (dialect) {
                case POSTGRESQL -> {
                    long key = key();
                    try (PreparedStatement ps = connection.prepareStatement("SELECT a.pid, a.usename,"
                            + " a.application_name, a.client_addr, a.backend_start, a.state, a.query_start, a.query"
                            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                            + " WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ?"
                            + " AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database"
                            + " WHERE datname = current_database())")) {
                        ps.setLong(1, key >>> 32);
                        ps.setLong(2, key & 0xffffffffL);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                out.add("PostgreSQL backend pid " + rs.getInt(1) + " (user " + rs.getString(2)
                                        + ", application '" + rs.getString(3) + "', client " + rs.getString(4)
                                        + ", connected " + rs.getTimestamp(5) + ", " + rs.getString(6)
                                        + " since " + rs.getTimestamp(7) + ") running: " + oneLine(rs.getString(8)));
                            }
                        }
                    }
                }
                case MYSQL -> {
                    Long id = null;
                    try (PreparedStatement ps = connection.prepareStatement("SELECT IS_USED_LOCK(?)")) {
                        ps.setString(1, lockName);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                long v = rs.getLong(1);
                                id = rs.wasNull() ? null : v;
                            }
                        }
                    }
                    if (id != null) {
                        String entry = "connection " + id;
                        try (PreparedStatement ps = connection.prepareStatement("SELECT USER, HOST, DB, COMMAND, TIME,"
                                + " STATE, INFO FROM information_schema.PROCESSLIST WHERE ID = ?")) {
                            ps.setLong(1, id);
                            try (ResultSet rs = ps.executeQuery()) {
                                if (rs.next()) {
                                    entry += " (user " + rs.getString(1) + "@" + rs.getString(2) + ", database "
                                            + rs.getString(3) + ", " + rs.getString(4) + " for " + rs.getLong(5)
                                            + " s, state '" + rs.getString(6) + "') running: "
                                            + oneLine(rs.getString(7));
                                }
                            }
                        }
                        out.add(entry);
                    }
                }
                default -> {
                    try (Statement st = connection.createStatement();
                            ResultSet rs = st.executeQuery("SELECT locked_by, locked_at FROM " + lockTable)) {
                        while (rs.next()) {
                            out.add(rs.getString(1) + " since " + rs.getTimestamp(2) + " (lock row in " + lockTable
                                    + ")");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            out.add("unknown (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            out.add("nobody any more");
        }
        return out;
    }

    private static String oneLine(String sql) {
        if (sql == null) {
            return "nothing (idle)";
        }
        String flat = sql.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private boolean insertLockRow(String owner) {
        try {
            try (Statement st = connection.createStatement()) {
                st.execute(
                        "CREATE TABLE IF NOT EXISTS " + lockTable
                                + " (id INT NOT NULL PRIMARY KEY, locked_by VARCHAR(100) NOT NULL, locked_at TIMESTAMP NOT NULL)");
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO " + lockTable + " (id, locked_by, locked_at) VALUES (1, ?, ?)")) {
                ps.setString(1, owner.length() > 100 ? owner.substring(0, 100) : owner);
                ps.setTimestamp(2, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException taken) {
            return false; // the row exists (another runner holds the lock) or the database is busy
        }
    }

    /** Removes a lock row left by a runner that died (lock-table dialects only); true when one was removed. */
    public static boolean clearStale(Connection connection, Dialect dialect, String schema, String historyTable)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL) {
            return false; // session locks vanish with their session
        }
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("DELETE FROM " + lockTable(dialect, schema, historyTable)) > 0;
        } catch (SQLException noLockTable) {
            return false;
        }
    }

    private void pause(Instant deadline, Duration timeout) {
        if (Instant.now().isAfter(deadline)) {
            throw timedOut(timeout);
        }
        if (dialect == Dialect.MYSQL) {
            return; // GET_LOCK waited already
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(lockName, "interrupted while waiting for the migration lock", e);
        }
    }

    private MigrationException timedOut(Duration timeout) {
        String holder = dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL
                ? "held by " + String.join("; ", holder())
                : "held by " + String.join("; ", holder()) + " (if that migrator died, repair() clears the lock row in "
                        + lockTable + ")";
        return new MigrationException(
                lockName,
                "could not take the migration lock" + (timeout == null ? "" : " within " + timeout) + "; " + holder);
    }

    private long key() {
        CRC32 crc = new CRC32();
        crc.update(lockName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 0x6b69740000000000L | crc.getValue();
    }

    private boolean queryBoolean(String sql) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public void close() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        switch (dialect) {
            case POSTGRESQL -> queryBoolean("SELECT pg_advisory_unlock(" + key() + ")");
            case MYSQL -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, lockName);
                    ps.executeQuery().close();
                }
            }
            default -> {
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate("DELETE FROM " + lockTable + " WHERE id = 1");
                }
            }
        }
    }
}
