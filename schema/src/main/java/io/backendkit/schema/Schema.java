package io.backendkit.schema;

import io.backendkit.schema.internal.catalog.CatalogReader;
import io.backendkit.schema.internal.migrate.UrlDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The front door to a live database's structure: read its {@link Catalog}.
 *
 * <pre>{@code
 * Catalog catalog = Schema.connect(dataSource).read();                 // the connection's current schema
 * Catalog billing = Schema.connect(dataSource).schemas("billing").read();
 * }</pre>
 *
 * <p>PostgreSQL and MySQL/MariaDB are read with a fixed number of bulk catalog queries (five or six,
 * whatever the number of tables); H2, SQLite and other databases through JDBC metadata. A schema that
 * does not exist or that the user may not read is an error, never an empty result. Immutable and
 * thread-safe; each {@link #read()} borrows one connection.
 */
public final class Schema {

    private final DataSource dataSource;
    private final List<String> schemas;

    private Schema(DataSource dataSource, List<String> schemas) {
        this.dataSource = dataSource;
        this.schemas = schemas;
    }

    /**
     * A schema reader over {@code dataSource}.
     *
     * @param dataSource the database, not null; each {@link #read()} takes one connection and closes it
     * @return a reader of the connection's current schema
     * @throws NullPointerException when {@code dataSource} is null
     */
    public static Schema connect(DataSource dataSource) {
        return new Schema(Objects.requireNonNull(dataSource, "dataSource"), List.of());
    }

    /**
     * A schema reader by JDBC URL, without a pool: each {@link #read()} opens one connection through {@link
     * java.sql.DriverManager} (the driver must be on the class path) and closes it.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/app}
     * @param user the user, or null when the URL carries it
     * @param password the password, or null
     * @return a reader of the connection's current schema
     * @throws IllegalArgumentException when {@code jdbcUrl} does not start with {@code jdbc:}
     */
    public static Schema connect(String jdbcUrl, String user, String password) {
        return connect(UrlDataSource.of(jdbcUrl, user, password));
    }

    /**
     * Reads these schemas (MySQL: databases) instead of the connection's current one.
     *
     * @param names one or more non-blank schema names
     * @return a copy of this reader for those schemas; this one is unchanged
     * @throws IllegalArgumentException when no name is given or one is blank
     */
    public Schema schemas(String... names) {
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("schemas must name at least one schema");
        }
        for (String n : names) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("schemas must not contain a blank name");
            }
        }
        return new Schema(dataSource, List.of(names));
    }

    /**
     * Reads the catalog.
     *
     * @return the tables and views of the configured schemas, sorted so that two reads of an unchanged database are
     *     equal
     * @throws SchemaException when the connection fails, a schema is missing or unreadable, or a
     *     catalog query fails; the message names the database or schema
     */
    public Catalog read() {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, schemas);
        } catch (SQLException e) {
            throw new SchemaException("database", "cannot read the catalog: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the catalog of {@code schemas} (none: the current schema) over an open connection the caller owns.
     *
     * @param connection an open connection, not null; left open
     * @param schemas the schemas (MySQL: databases) to read; empty for the connection's current one
     * @return the catalog
     * @throws SchemaException when the connection is closed, a schema is missing or unreadable, or a catalog query fails
     */
    public static Catalog read(Connection connection, List<String> schemas) {
        Objects.requireNonNull(connection, "connection");
        try {
            if (connection.isClosed()) {
                throw new SchemaException("connection", "is closed");
            }
            return CatalogReader.read(connection, List.copyOf(schemas));
        } catch (SQLException e) {
            throw new SchemaException(
                    "database",
                    "cannot read the catalog: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]",
                    e);
        }
    }
}
