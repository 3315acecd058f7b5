package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationVersion;
import io.backendkit.schema.internal.sql.SqlWriter;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads and writes the history table on one connection. The table is always named with the schema (PostgreSQL, H2)
 * or database (MySQL/MariaDB) that was current when this object was made, so a {@code SET search_path} or {@code
 * USE} inside a migration does not lose it. Not thread-safe.
 *
 * <p>Each row records a run of one section of one migration: it is written with status RUNNING before a
 * non-transactional section starts, its {@code statements_done} is raised (and committed) after each statement, and
 * it ends as SUCCESS or FAILED. Tables made by older versions lack the tracking columns; {@link #upgrade()} adds them.
 */
public final class HistoryTable {

    /** Width of the version column. */
    public static final int VERSION_MAX = 50;

    /** Width of the description column. */
    public static final int DESCRIPTION_MAX = 200;

    /** Width of the script column. */
    public static final int SCRIPT_MAX = 1000;

    private static final String[] TRACKING = {"status", "statements_done", "statements_total"};

    private final Connection connection;
    private final Dialect dialect;
    private final SqlWriter sql;
    private final String schema;
    private String table;
    private Boolean exists;
    private Set<String> columns;

    /** The history table {@code table} in the connection's current schema (or database). */
    public HistoryTable(Connection connection, Dialect dialect, String table) throws SQLException {
        this(connection, dialect, currentSchema(connection, dialect), table);
    }

    /** The history table {@code table} in {@code schema} (null: unqualified, as on SQLite). */
    public HistoryTable(Connection connection, Dialect dialect, String schema, String table) {
        this.connection = connection;
        this.dialect = dialect;
        this.sql = SqlWriter.of(dialect);
        this.schema = schema;
        this.table = table;
    }

    /** The schema (or MySQL database) the connection is in, null where the dialect has none. */
    public static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
        return switch (dialect) {
            case MYSQL -> connection.getCatalog();
            case SQLITE -> null;
            default -> connection.getSchema();
        };
    }

    /** The schema this table lives in, or null. */
    public String schema() {
        return schema;
    }

    /** The table's name as found in the database (an older H2 table may be upper case). */
    public String name() throws SQLException {
        exists();
        return table;
    }

    /** The quoted, schema-qualified name for SQL text. */
    public String qualifiedName() throws SQLException {
        return sql.qualified(schema, name());
    }

    /** Whether the table exists. */
    public boolean exists() throws SQLException {
        if (exists == null) {
            exists = false;
            DatabaseMetaData meta = connection.getMetaData();
            String metaSchema = dialect == Dialect.MYSQL ? null : schema;
            String catalog = dialect == Dialect.MYSQL ? schema : null;
            for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
                try (ResultSet rs = meta.getTables(catalog, metaSchema, name, new String[] {"TABLE"})) {
                    if (rs.next()) {
                        table = rs.getString("TABLE_NAME");
                        exists = true;
                        break;
                    }
                }
            }
            if (!exists && dialect == Dialect.H2) {
                // H2 folds unquoted names to upper case: create it so, and plain SQL can still name it unquoted
                table = table.toUpperCase(Locale.ROOT);
            }
        }
        return exists;
    }

    private Set<String> columns() throws SQLException {
        if (columns == null) {
            columns = new HashSet<>();
            if (exists()) {
                DatabaseMetaData meta = connection.getMetaData();
                try (ResultSet rs = meta.getColumns(
                        dialect == Dialect.MYSQL ? schema : null,
                        dialect == Dialect.MYSQL ? null : schema,
                        table,
                        null)) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return columns;
    }

    private boolean tracked() throws SQLException {
        return columns().containsAll(List.of(TRACKING));
    }

    /** Creates the table if it does not exist, and adds the tracking columns to one made by an older version. */
    public void create() throws SQLException {
        if (exists()) {
            upgrade();
            return;
        }
        String time = dialect == Dialect.MYSQL ? "DATETIME(3)" : "TIMESTAMP";
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                    + "installed_rank INT NOT NULL PRIMARY KEY, "
                    + "version VARCHAR(" + VERSION_MAX + ") NOT NULL, "
                    + "description VARCHAR(" + DESCRIPTION_MAX + ") NOT NULL, "
                    + "kind VARCHAR(10) NOT NULL, "
                    + "script VARCHAR(" + SCRIPT_MAX + ") NOT NULL, "
                    + "checksum INT, "
                    + "installed_by VARCHAR(100) NOT NULL, "
                    + "installed_on " + time + " NOT NULL, "
                    + "execution_time INT NOT NULL, "
                    + "success BOOLEAN NOT NULL, "
                    + "status VARCHAR(10), "
                    + "statements_done INT, "
                    + "statements_total INT)");
        }
        exists = null;
        columns = null;
    }

    /**
     * Adds the columns that track a run statement by statement ({@code status}, {@code statements_done}, {@code
     * statements_total}) when the table lacks them; rows already there keep meaning what their {@code success} said.
     *
     * @return the columns added
     */
    public List<String> upgrade() throws SQLException {
        List<String> added = new ArrayList<>();
        if (!exists()) {
            return added;
        }
        for (String column : TRACKING) {
            if (!columns().contains(column)) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ALTER TABLE " + qualifiedName() + " ADD " + (dialect == Dialect.H2 ? "" : "COLUMN ")
                            + column + (column.equals("status") ? " VARCHAR(10)" : " INT"));
                }
                added.add(column);
            }
        }
        columns = null;
        return added;
    }

    /** All rows, oldest first; empty when the table does not exist. */
    public List<HistoryRow> read() throws SQLException {
        if (!exists()) {
            return List.of();
        }
        boolean tracked = tracked();
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, kind, script, checksum,"
                        + " installed_by, installed_on, execution_time, success"
                        + (tracked ? ", status, statements_done, statements_total" : "")
                        + " FROM " + qualifiedName() + " ORDER BY installed_rank")) {
            while (rs.next()) {
                int checksum = rs.getInt(6);
                Integer boxed = rs.wasNull() ? null : checksum;
                Timestamp on = rs.getTimestamp(8);
                boolean success = rs.getBoolean(10);
                String status = tracked ? rs.getString(11) : null;
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
                        status == null
                                ? (success ? HistoryRow.Status.SUCCESS : HistoryRow.Status.FAILED)
                                : HistoryRow.Status.valueOf(status),
                        tracked ? rs.getInt(12) : 0,
                        tracked ? rs.getInt(13) : 0));
            }
        }
        return rows;
    }

    /**
     * Appends a row with the next rank and returns the rank. The caller commits (a row written with autocommit on is
     * committed at once).
     */
    public int append(
            MigrationVersion version,
            String description,
            String kind,
            String script,
            Integer checksum,
            String installedBy,
            Instant installedOn,
            long executionMillis,
            HistoryRow.Status status,
            int statementsDone,
            int statementsTotal)
            throws SQLException {
        int rank;
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(installed_rank), 0) FROM " + qualifiedName())) {
            rs.next();
            rank = rs.getInt(1) + 1;
        }
        boolean tracked = tracked();
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + qualifiedName()
                + " (installed_rank, version, description, kind, script, checksum, installed_by, installed_on,"
                + " execution_time, success" + (tracked ? ", status, statements_done, statements_total" : "")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + (tracked ? ", ?, ?, ?" : "") + ")")) {
            ps.setInt(1, rank);
            ps.setString(2, version.text());
            ps.setString(3, description);
            ps.setString(4, kind);
            ps.setString(5, script);
            if (checksum == null) {
                ps.setNull(6, Types.INTEGER);
            } else {
                ps.setInt(6, checksum);
            }
            ps.setString(7, cut(installedBy, 100));
            ps.setTimestamp(8, Timestamp.from(installedOn));
            ps.setLong(9, Math.min(executionMillis, Integer.MAX_VALUE));
            ps.setBoolean(10, status == HistoryRow.Status.SUCCESS);
            if (tracked) {
                ps.setString(11, status.name());
                ps.setInt(12, statementsDone);
                ps.setInt(13, statementsTotal);
            }
            ps.executeUpdate();
        }
        return rank;
    }

    /** Records that the first {@code done} statements of the run in row {@code rank} completed. */
    public void progress(int rank, int done) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE " + qualifiedName() + " SET statements_done = ? WHERE installed_rank = ?")) {
            ps.setInt(1, done);
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    /** Ends the run in row {@code rank} as {@code status}, stamping when and how long. */
    public void finish(int rank, HistoryRow.Status status, int done, Instant on, long executionMillis)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + qualifiedName()
                + " SET status = ?, success = ?, statements_done = ?, installed_on = ?, execution_time = ?"
                + " WHERE installed_rank = ?")) {
            ps.setString(1, status.name());
            ps.setBoolean(2, status == HistoryRow.Status.SUCCESS);
            ps.setInt(3, done);
            ps.setTimestamp(4, Timestamp.from(on));
            ps.setLong(5, Math.min(executionMillis, Integer.MAX_VALUE));
            ps.setInt(6, rank);
            ps.executeUpdate();
        }
    }

    /** Sets the status of row {@code rank}, keeping its counts. */
    public void setStatus(int rank, HistoryRow.Status status) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("UPDATE " + qualifiedName() + " SET "
                + (tracked() ? "status = ?, " : "") + "success = ? WHERE installed_rank = ?")) {
            int i = 1;
            if (tracked()) {
                ps.setString(i++, status.name());
            }
            ps.setBoolean(i++, status == HistoryRow.Status.SUCCESS);
            ps.setInt(i, rank);
            ps.executeUpdate();
        }
    }

    /** Deletes row {@code rank}. */
    public void delete(int rank) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("DELETE FROM " + qualifiedName() + " WHERE installed_rank = ?")) {
            ps.setInt(1, rank);
            ps.executeUpdate();
        }
    }

    /** Sets the checksum of the row with {@code rank}. */
    public void updateChecksum(int rank, int checksum) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE " + qualifiedName() + " SET checksum = ? WHERE installed_rank = ?")) {
            ps.setInt(1, checksum);
            ps.setInt(2, rank);
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
