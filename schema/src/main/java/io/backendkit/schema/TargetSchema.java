package io.backendkit.schema;

import io.backendkit.schema.internal.migrate.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Reads the catalog a SQL script describes by running it in a scratch schema of the same database
 * (so the server itself parses it, with its own dialect) and reading that back; the scratch schema is
 * dropped afterwards, whatever happens. Supported on PostgreSQL, MySQL/MariaDB and H2.
 *
 * <pre>{@code
 * Catalog wanted = TargetSchema.fromSqlFile(dataSource, Path.of("db/schema-v2.sql"));
 * }</pre>
 */
public final class TargetSchema {

    private TargetSchema() {}

    /**
     * Runs {@code file} in a scratch schema and returns what it created.
     *
     * @throws SchemaException naming {@code file:line} of a statement the database rejects
     */
    public static Catalog fromSqlFile(DataSource dataSource, Path file) {
        Objects.requireNonNull(file, "file");
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        return fromSql(dataSource, sql, file.getFileName().toString());
    }

    /**
     * Runs {@code sql} in a scratch schema and returns what it created.
     *
     * @param sourceName names the script in error messages
     */
    public static Catalog fromSql(DataSource dataSource, String sql, String sourceName) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(sql, "sql");
        String scratch =
                "bk_target_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
            List<SqlStatement> statements;
            try {
                statements = new SqlSplitter(dialect).split(sql, 1);
            } catch (SqlSplitter.UnterminatedException e) {
                throw new SchemaException(sourceName + ":" + e.line(), e.getMessage(), e);
            }
            String previousCatalog = c.getCatalog();
            String previousSchema = dialect == Dialect.MYSQL ? null : c.getSchema();
            try (Statement st = c.createStatement()) {
                switch (dialect) {
                    case POSTGRESQL -> {
                        st.execute("CREATE SCHEMA " + scratch);
                        st.execute("SET search_path TO " + scratch);
                    }
                    case MYSQL -> {
                        st.execute("CREATE DATABASE " + scratch);
                        c.setCatalog(scratch);
                    }
                    case H2 -> {
                        st.execute("CREATE SCHEMA " + scratch.toUpperCase(java.util.Locale.ROOT));
                        c.setSchema(scratch.toUpperCase(java.util.Locale.ROOT));
                    }
                    default ->
                        throw new SchemaException(
                                sourceName,
                                "reading a SQL file needs PostgreSQL, MySQL/MariaDB or H2 (this is " + dialect + ")");
                }
                try {
                    for (SqlStatement s : statements) {
                        try {
                            st.execute(s.sql());
                        } catch (SQLException e) {
                            throw new SchemaException(
                                    sourceName + ":" + s.line(),
                                    "the database rejected this statement: " + e.getMessage() + " [SQLState "
                                            + e.getSQLState() + "]",
                                    e);
                        }
                    }
                    String name = dialect == Dialect.H2 ? scratch.toUpperCase(java.util.Locale.ROOT) : scratch;
                    return Schema.read(c, List.of(name));
                } finally {
                    switch (dialect) {
                        case POSTGRESQL -> {
                            st.execute("SET search_path TO " + (previousSchema == null ? "public" : previousSchema));
                            st.execute("DROP SCHEMA " + scratch + " CASCADE");
                        }
                        case MYSQL -> {
                            c.setCatalog(previousCatalog);
                            st.execute("DROP DATABASE " + scratch);
                        }
                        default -> {
                            c.setSchema(previousSchema);
                            st.execute("DROP SCHEMA " + scratch.toUpperCase(java.util.Locale.ROOT) + " CASCADE");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new SchemaException(sourceName, "cannot apply to a scratch schema: " + e.getMessage(), e);
        }
    }
}
