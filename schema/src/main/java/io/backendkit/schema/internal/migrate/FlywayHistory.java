package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationVersion;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Flyway {@code flyway_schema_history} table as backendkit history rows, for adoption: versioned SQL rows
 * become UP rows, undo rows DOWN rows, repeatable rows (no version) REPEATABLE rows, baseline rows BASELINE rows; the
 * schema-creation marker and rows deleted by Flyway's repair are skipped. Checksums are copied as they are: they are
 * Flyway's CRC32, which backendkit computes the same way for Flyway-format files. Not thread-safe.
 */
public final class FlywayHistory {

    /** Flyway's default history table name. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    private final Connection connection;
    private final Dialect dialect;
    private final String schema;
    private String table;

    /** The Flyway history {@code table} in {@code schema} (null: unqualified). */
    public FlywayHistory(Connection connection, Dialect dialect, String schema, String table) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.table = table;
    }

    /** The quoted, qualified name. */
    public String qualifiedName() {
        return SqlWriter.of(dialect).qualified(schema, table);
    }

    /** Whether the table exists. */
    public boolean exists() throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(
                    dialect == Dialect.MYSQL ? schema : null,
                    dialect == Dialect.MYSQL ? null : schema,
                    name,
                    new String[] {"TABLE"})) {
                if (rs.next()) {
                    table = rs.getString("TABLE_NAME");
                    return true;
                }
            }
        }
        return false;
    }

    /** Its rows as backendkit rows, in rank order; ranks renumbered from 1. */
    public List<HistoryRow> read() throws SQLException {
        List<HistoryRow> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, type, script, checksum,"
                        + " installed_by, installed_on, execution_time, success FROM " + qualifiedName()
                        + " ORDER BY installed_rank")) {
            while (rs.next()) {
                String version = rs.getString(2);
                String type = rs.getString(4).toUpperCase(Locale.ROOT);
                String kind;
                if (type.equals("SCHEMA") || type.equals("DELETE")) {
                    continue;
                } else if (type.contains("BASELINE")) {
                    kind = "BASELINE";
                } else if (version == null) {
                    kind = HistoryState.REPEATABLE;
                } else if (type.startsWith("UNDO")) {
                    kind = "DOWN";
                } else {
                    kind = "UP";
                }
                int checksum = rs.getInt(6);
                Integer boxed = rs.wasNull() ? null : checksum;
                Timestamp on = rs.getTimestamp(8);
                boolean success = rs.getBoolean(10);
                rows.add(new HistoryRow(
                        rows.size() + 1,
                        MigrationVersion.of(version == null ? "0" : version),
                        rs.getString(3),
                        kind,
                        rs.getString(5),
                        boxed,
                        rs.getString(7),
                        on == null ? null : on.toInstant(),
                        rs.getLong(9),
                        success ? HistoryRow.Status.SUCCESS : HistoryRow.Status.FAILED,
                        0,
                        0));
            }
        }
        return rows;
    }
}
