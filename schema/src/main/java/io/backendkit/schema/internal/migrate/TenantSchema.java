package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationException;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Moves a connection into a tenant's schema (PostgreSQL {@code search_path}, MySQL database, H2 schema) and back, so
 * that a pooled connection is handed back where it was.
 */
public final class TenantSchema {

    private TenantSchema() {}

    /**
     * Moves {@code connection} into {@code tenant}'s schema.
     *
     * @return where it was, for {@link #leave}
     * @throws MigrationException when the schema does not exist or the dialect has none
     */
    public static String enter(Connection connection, Dialect dialect, String tenant) throws SQLException {
        String exists = switch (dialect) {
            case POSTGRESQL -> "SELECT 1 FROM pg_namespace WHERE nspname = ?";
            case MYSQL -> "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?";
            case H2 -> "SELECT 1 FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = ?";
            default ->
                throw new MigrationException(
                        tenant,
                        dialect + " has no schemas to hold tenants; give each tenant's database its own data"
                                + " source (migrateTenants(Map))");
        };
        try (PreparedStatement ps = connection.prepareStatement(exists)) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrationException(
                            tenant,
                            "no such " + (dialect == Dialect.MYSQL ? "database" : "schema")
                                    + "; create it before migrating the tenant");
                }
            }
        }
        switch (dialect) {
            case POSTGRESQL -> {
                String before;
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("SELECT current_setting('search_path')")) {
                    rs.next();
                    before = rs.getString(1);
                }
                setSearchPath(connection, SqlWriter.of(dialect).id(tenant));
                return before;
            }
            case MYSQL -> {
                String before = connection.getCatalog();
                connection.setCatalog(tenant);
                return before;
            }
            default -> {
                String before = connection.getSchema();
                connection.setSchema(tenant);
                return before;
            }
        }
    }

    /** Moves {@code connection} back to {@code before} (what {@link #enter} returned; null: nothing to do). */
    public static void leave(Connection connection, Dialect dialect, String before) throws SQLException {
        if (before == null) {
            return;
        }
        switch (dialect) {
            case POSTGRESQL -> setSearchPath(connection, before);
            case MYSQL -> connection.setCatalog(before);
            default -> connection.setSchema(before);
        }
    }

    private static void setSearchPath(Connection connection, String value) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
