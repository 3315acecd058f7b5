package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationVersion;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads and writes the history table on one connection. Not thread-safe. */
public final class HistoryTable {

    private final Connection connection;
    private final Dialect dialect;
    private final String table;

    /** The history table {@code table} (already validated as an identifier) on {@code connection}. */
    public HistoryTable(Connection connection, Dialect dialect, String table) {
        this.connection = connection;
        this.dialect = dialect;
        this.table = table;
    }

    /** Whether the table exists in the connection's current schema. */
    public boolean exists() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = dialect == Dialect.MYSQL ? null : connection.getSchema();
        String catalog = dialect == Dialect.MYSQL ? connection.getCatalog() : null;
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(catalog, schema, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Creates the table if it does not exist. */
    public void create() throws SQLException {
        String time = dialect == Dialect.MYSQL ? "DATETIME(3)" : "TIMESTAMP";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "installed_rank INT NOT NULL PRIMARY KEY, "
                    + "version VARCHAR(50) NOT NULL, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "kind VARCHAR(10) NOT NULL, "
                    + "script VARCHAR(1000) NOT NULL, "
                    + "checksum INT, "
                    + "installed_by VARCHAR(100) NOT NULL, "
                    + "installed_on " + time + " NOT NULL, "
                    + "execution_time INT NOT NULL, "
                    + "success BOOLEAN NOT NULL)");
        }
    }

    /** All rows, oldest first; empty when the table does not exist. */
    public List<HistoryRow> read() throws SQLException {
        if (!exists()) {
            return List.of();
        }
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, kind, script, checksum,"
                        + " installed_by, installed_on, execution_time, success FROM " + table
                        + " ORDER BY installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                Integer boxed = rs.wasNull() ? null : checksum;
                Timestamp on = rs.getTimestamp(8);
                rows.add(new HistoryRow(
                        rs.getInt(1),
                        MigrationVersion.of(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        boxed,
                        rs.getString(7),
                        on == null ? null : on.toInstant(),
                        rs.getLong(9),
                        rs.getBoolean(10)));
            }
        }
        return rows;
    }

    /** Appends a row with the next rank. */
    public void append(
            MigrationVersion version,
            String description,
            String kind,
            String script,
            Integer checksum,
            String installedBy,
            Instant installedOn,
            long executionMillis,
            boolean success)
            throws SQLException {
        int rank;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) FROM " + table)) {
            rs.next();
            rank = rs.getInt(1) + 1;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + table
                + " (installed_rank, version, description, kind, script, checksum, installed_by, installed_on,"
                + " execution_time, success) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, rank);
            ps.setString(2, version.text());
            ps.setString(3, cut(description, 200));
            ps.setString(4, kind);
            ps.setString(5, cut(script, 1000));
            if (checksum == null) {
                ps.setNull(6, Types.INTEGER);
            } else {
                ps.setInt(6, checksum);
            }
            ps.setString(7, cut(installedBy, 100));
            ps.setTimestamp(8, Timestamp.from(installedOn));
            ps.setLong(9, Math.min(executionMillis, Integer.MAX_VALUE));
            ps.setBoolean(10, success);
            ps.executeUpdate();
        }
    }

    /** Deletes the rows of failed runs; returns how many. */
    public int deleteFailed() throws SQLException {
        try (Statement st = connection.createStatement()) {
            return st.executeUpdate(
                    "DELETE FROM " + table + " WHERE success = " + (dialect == Dialect.SQLITE ? "0" : "FALSE"));
        }
    }

    /** Sets the checksum of the row with {@code rank}. */
    public void updateChecksum(int rank, int checksum) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("UPDATE " + table + " SET checksum = ? WHERE installed_rank = ?")) {
            ps.setInt(1, checksum);
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
