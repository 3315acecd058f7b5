package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * A database-wide lock held on one connection for the length of a migrator run, so that runners on
 * several machines apply each migration exactly once: a session advisory lock on PostgreSQL, {@code
 * GET_LOCK} on MySQL/MariaDB, and a row in {@code <history>_lock} elsewhere.
 */
public final class MigrationLock implements AutoCloseable {

    private final Connection connection;
    private final Dialect dialect;
    private final String lockName;
    private final String lockTable;

    private MigrationLock(Connection connection, Dialect dialect, String historyTable) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        // GET_LOCK names are server-wide and advisory keys database-wide: qualify by database and schema
        String scope = dialect == Dialect.MYSQL ? connection.getCatalog() : connection.getSchema();
        String name = "backendkit:" + scope + "." + historyTable;
        if (name.length() > 64) {
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            name = name.substring(0, 55) + Long.toHexString(crc.getValue());
        }
        this.lockName = name;
        this.lockTable = historyTable + "_lock";
    }

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws MigrationException naming the lock when it cannot be had in time
     */
    public static MigrationLock acquire(
            Connection connection, Dialect dialect, String historyTable, Duration timeout, String owner)
            throws SQLException {
        MigrationLock lock = new MigrationLock(connection, dialect, historyTable);
        lock.lock(timeout, owner);
        return lock;
    }

    private void lock(Duration timeout, String owner) throws SQLException {
        Instant deadline = Instant.now().plus(timeout);
        switch (dialect) {
            case POSTGRESQL -> {
                while (!queryBoolean("SELECT pg_try_advisory_lock(" + key() + ")")) {
                    pause(deadline);
                }
            }
            case MYSQL -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                    ps.setString(1, lockName);
                    ps.setLong(2, Math.max(1, timeout.toSeconds()));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || rs.getInt(1) != 1) {
                            throw timedOut(timeout);
                        }
                    }
                }
            }
            default -> {
                while (!insertLockRow(owner)) {
                    pause(deadline);
                }
            }
        }
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
    public static boolean clearStale(Connection connection, Dialect dialect, String historyTable) throws SQLException {
        if (dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL) {
            return false; // session locks vanish with their session
        }
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate("DELETE FROM " + historyTable + "_lock") > 0;
        } catch (SQLException noLockTable) {
            return false;
        }
    }

    private void pause(Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            throw timedOut(null);
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
                ? "another migrator holds it"
                : "another migrator holds it, or one died holding it: if none runs, repair() clears " + lockTable;
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
