package io.backendkit.schema.internal.migrate;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} without a pool: each {@link #getConnection()} opens a new connection through {@link
 * DriverManager}. For a migrator, which opens one connection per verb, that is all that is needed. Immutable and
 * thread-safe; {@link #toString()} does not show the password.
 */
public final class UrlDataSource implements DataSource {

    private final String url;
    private final String user;
    private final String password;

    /** Connections to {@code url} as {@code user} (both may be null: then the URL carries them). */
    public UrlDataSource(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        this.user = user;
        this.password = password;
    }

    /**
     * A data source for {@code jdbcUrl}, checked to be a JDBC URL.
     *
     * @throws IllegalArgumentException when {@code jdbcUrl} does not start with {@code jdbc:}
     */
    public static UrlDataSource of(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("jdbcUrl must start with 'jdbc:' (was '" + jdbcUrl + "')");
        }
        return new UrlDataSource(jdbcUrl, user, password);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return user == null && password == null
                ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String username, String pass) throws SQLException {
        return DriverManager.getConnection(url, username, pass);
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
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
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

    @Override
    public String toString() {
        int q = url.indexOf('?');
        return "UrlDataSource[" + (q < 0 ? url : url.substring(0, q)) + (user == null ? "" : ", user " + user) + "]";
    }
}
