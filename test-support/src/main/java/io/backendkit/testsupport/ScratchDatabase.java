package io.backendkit.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * An isolated, empty schema (PostgreSQL) or database (MariaDB) that exists for one test class and
 * is dropped afterwards. Connections opened through {@link #dataSource()} or {@link
 * #openConnection()} have it as their current schema, so unqualified table names land in it.
 *
 * <p>Obtained from {@link ScratchDatabases#get(DatabaseServer)}; immutable and thread-safe.
 */
public final class ScratchDatabase {

    private final DatabaseServer server;
    private final String name;
    private final String jdbcUrl;

    ScratchDatabase(DatabaseServer server, String name, String jdbcUrl) {
        this.server = server;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /** Which server this lives on. */
    public DatabaseServer server() {
        return server;
    }

    /** The schema (PostgreSQL) or database (MariaDB) name, e.g. {@code bk_mytest_1a2b3c4d}. */
    public String name() {
        return name;
    }

    /** A JDBC URL whose connections start in this schema. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Opens a new connection in this schema; the caller closes it. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** A non-pooling {@link DataSource} whose every connection starts in this schema. */
    public DataSource dataSource() {
        return new UrlDataSource(jdbcUrl);
    }

    @Override
    public String toString() {
        return server.displayName() + " scratch " + name;
    }

    private record UrlDataSource(String url) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("not a wrapper for " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }
}
