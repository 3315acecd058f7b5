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

    /**
     * Validates the URL; no connection is opened.
     *
     * @throws IllegalArgumentException if {@code url} is null or does not start with {@code jdbc:}
     */
    public UrlDataSource {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with jdbc: (was " + url + ")");
        }
    }

    /**
     * Opens a new connection with {@link DriverManager#getConnection(String)}; the caller closes it.
     *
     * @return a new connection
     * @throws SQLException when the driver cannot connect
     */
    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /**
     * Opens a new connection with the given credentials, which the driver may combine with any
     * credentials in the URL; the caller closes it.
     *
     * @param username the user to connect as
     * @param password the user's password
     * @return a new connection
     * @throws SQLException when the driver cannot connect
     */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /**
     * This data source does not log.
     *
     * @return always null
     */
    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    /**
     * Ignored: this data source does not log.
     *
     * @param out ignored
     */
    @Override
    public void setLogWriter(PrintWriter out) {}

    /**
     * Ignored: connections use {@link DriverManager}'s login timeout.
     *
     * @param seconds ignored
     */
    @Override
    public void setLoginTimeout(int seconds) {}

    /**
     * This data source sets no timeout of its own.
     *
     * @return always 0, meaning {@link DriverManager}'s timeout applies
     */
    @Override
    public int getLoginTimeout() {
        return 0;
    }

    /**
     * Not supported.
     *
     * @return never returns normally
     * @throws SQLFeatureNotSupportedException always
     */
    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    /**
     * Returns this data source as {@code iface} when it implements it; it wraps nothing else.
     *
     * @param <T> the interface type
     * @param iface the interface wanted, e.g. {@code DataSource.class}
     * @return this instance
     * @throws SQLException when this data source does not implement {@code iface}
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    /**
     * Whether {@link #unwrap} would succeed.
     *
     * @param iface the interface asked about
     * @return true when this data source implements {@code iface}
     */
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
