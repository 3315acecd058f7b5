package io.backendkit.maven.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source over the JDBC drivers of the plugin's own class loader. Maven runs a plugin in a class realm that
 * {@link DriverManager} does not see, so drivers are found with {@link ServiceLoader} on that realm.
 */
public final class DriverDataSource implements DataSource {

    private final String url;
    private final Properties credentials = new Properties();
    private final Driver driver;

    private DriverDataSource(String url, String user, String password, Driver driver) {
        this.url = url;
        this.driver = driver;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /**
     * Opens a first connection and returns the data source.
     *
     * @throws IllegalArgumentException when no driver accepts the URL
     * @throws IllegalStateException when the database cannot be reached, with the driver's message (the password
     *     masked)
     */
    public static DataSource open(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url " + safeUrl(url) + ": expected a JDBC URL starting with jdbc:");
        }
        Driver driver = null;
        ClassLoader loader = DriverDataSource.class.getClassLoader();
        for (Driver candidate : ServiceLoader.load(Driver.class, loader)) {
            try {
                if (candidate.acceptsURL(url)) {
                    driver = candidate;
                    break;
                }
            } catch (SQLException e) {
                // a driver that cannot judge the URL is not the one
            }
        }
        if (driver == null) {
            throw new IllegalArgumentException("url " + safeUrl(url)
                    + ": no JDBC driver for it (bundled: PostgreSQL, MariaDB/MySQL, H2, SQLite;"
                    + " add another as a dependency of the plugin)");
        }
        DriverDataSource ds = new DriverDataSource(url, user, password, driver);
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (password != null && !password.isEmpty()) {
                message = message.replace(password, "***");
            }
            int nl = message.indexOf('\n');
            if (nl >= 0) {
                message = message.substring(0, nl);
            }
            throw new IllegalStateException(safeUrl(url) + ": cannot connect (" + message + ")", e);
        }
        return ds;
    }

    /** The URL without its query string or user info. */
    public static String safeUrl(String url) {
        if (url == null) {
            return "(none)";
        }
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        int semicolon = u.indexOf(';');
        if (semicolon >= 0) {
            u = u.substring(0, semicolon);
        }
        return u.replaceAll("//[^/@]*@", "//");
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = driver.connect(url, credentials);
        if (c == null) {
            throw new SQLException("the driver refused the URL " + safeUrl(url));
        }
        return c;
    }

    @Override
    public Connection getConnection(String username, String pw) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", pw);
        return driver.connect(url, p);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the drivers' own settings apply
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
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
