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
}
