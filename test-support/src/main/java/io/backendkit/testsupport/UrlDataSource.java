package io.backendkit.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A non-pooling {@link DataSource} over a JDBC URL: every {@link #getConnection()} opens a new
 * connection through {@link DriverManager}. Enough for tests; immutable and thread-safe.
 *
 * @param url the JDBC URL, credentials included if the driver needs them
 */
public record UrlDataSource(String url) implements DataSource {

    /** Validates the URL. */
    public UrlDataSource {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with jdbc: (was " + url + ")");
        }
    }

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

    /** The URL with any password replaced by {@code ***}. */
    @Override
    public String toString() {
        return "UrlDataSource[" + ScratchDatabases.redact(url) + "]";
    }
}
