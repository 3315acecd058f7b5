package io.backendkit.cli.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * The {@code --url/--user/--password} options and a data source that opens a connection per call through
 * {@link DriverManager}. The password is never printed: error messages name the URL without its query string.
 */
public final class Database {

    @Option(
            names = "--url",
            required = true,
            paramLabel = "JDBC_URL",
            description = "jdbc:postgresql://..., jdbc:mariadb://..., jdbc:mysql://..., jdbc:h2:..., jdbc:sqlite:...")
    String url;

    @Option(names = "--user", description = "Database user (or in the URL).")
    String user;

    @Option(
            names = "--password",
            description = "Database password (or in the URL; never printed).",
            arity = "0..1",
            interactive = true)
    String password;

    /** The URL without its query string or credentials, safe to print. */
    public String safeUrl() {
        String u = url;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        return u.replaceAll("//[^/@]*@", "//");
    }

    /** A data source for the URL; the first connection is opened at once so that an unreachable database says so. */
    public DataSource open() {
        if (!url.startsWith("jdbc:")) {
            throw new Failures.UsageException("--url " + safeUrl() + ": expected a JDBC URL starting with jdbc:");
        }
        DataSource ds = new UrlSource();
        try (Connection c = ds.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (password != null && !password.isEmpty()) {
                message = message.replace(password, "***");
            }
            throw new Failures.UnreachableException(safeUrl() + ": cannot connect (" + firstLine(message) + ")", e);
        }
        return ds;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private final class UrlSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            return DriverManager.getConnection(url, p);
        }

        @Override
        public Connection getConnection(String u, String pw) throws SQLException {
            return DriverManager.getConnection(url, u, pw);
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
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
