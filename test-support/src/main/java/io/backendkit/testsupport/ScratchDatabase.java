package io.backendkit.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
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

    /**
     * Which server this schema lives on.
     *
     * @return the server, never null
     */
    public DatabaseServer server() {
        return server;
    }

    /**
     * The schema (PostgreSQL) or database (MariaDB) name: {@code bk_}, the test class's simple name
     * in lower case (at most 40 characters), and a random hexadecimal suffix.
     *
     * @return the name, e.g. {@code bk_mytest_1a2b3c4d}; safe to use unquoted in SQL
     */
    public String name() {
        return name;
    }

    /**
     * A JDBC URL whose connections start in this schema: the server's URL with {@code
     * currentSchema} added (PostgreSQL) or the database path replaced (MariaDB).
     *
     * @return the URL, including any credentials of the configured server URL
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Opens a new connection in this schema through {@link DriverManager}; the caller closes it.
     *
     * @return a new connection
     * @throws SQLException when the server cannot be reached or refuses the connection
     */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /**
     * A data source for code under test that wants a {@link DataSource} rather than a URL.
     *
     * @return a new non-pooling {@link UrlDataSource} whose every connection starts in this schema
     */
    public DataSource dataSource() {
        return new UrlDataSource(jdbcUrl);
    }

    /**
     * A description for messages; it holds no URL and so no credentials.
     *
     * @return for example {@code PostgreSQL scratch bk_mytest_1a2b3c4d}
     */
    @Override
    public String toString() {
        return server.displayName() + " scratch " + name;
    }
}
