package io.backendkit.schema;

import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sql.SqlWriter;
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
 * Reads the catalog a SQL script describes by running it on the same server in isolation (so the server itself
 * parses it, with its own dialect) and reading that back. On PostgreSQL the script runs in a scratch database
 * created from {@code template0} and dropped afterwards, also on failure; statements acting beyond one database
 * (roles, databases, tablespaces, {@code ALTER SYSTEM}, {@code COPY ... PROGRAM}, psql meta-commands) are refused
 * with file:line. On MySQL/MariaDB it runs in a scratch database; {@code USE x} and {@code CREATE/DROP DATABASE x}
 * are mapped to it (not run). On H2 it runs in a scratch schema. The scratch object is dropped whatever happens.
 *
 * <pre>{@code
 * Catalog wanted = TargetSchema.fromSqlFile(dataSource, Path.of("db/schema-v2.sql"));
 * }</pre>
 */
public final class TargetSchema {

    private TargetSchema() {}

    /** Statements that reach beyond one database: never run for a target file. */
    private static final java.util.regex.Pattern CLUSTER_WIDE = java.util.regex.Pattern.compile(
            "(?is)^\\s*(?:(?:CREATE|ALTER|DROP)\\s+(?:ROLE|USER|GROUP|DATABASE|TABLESPACE|SUBSCRIPTION)\\b"
                    + "|ALTER\\s+SYSTEM\\b|COPY\\b.*\\b(?:TO|FROM)\\s+PROGRAM\\b|\\\\)");

    private static final java.util.regex.Pattern MYSQL_DATABASE_STATEMENT =
            java.util.regex.Pattern.compile("(?is)^\\s*(?:USE\\s+\\S+|(?:CREATE|DROP)\\s+(?:DATABASE|SCHEMA)\\b.*)$");

    private static final java.util.regex.Pattern MYSQL_DATABASE_NAME = java.util.regex.Pattern.compile(
            "(?is)^\\s*(?:USE\\s+|(?:CREATE|DROP)\\s+(?:DATABASE|SCHEMA)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?)"
                    + "(`(?:[^`]|``)+`|[^\\s;`]+)");

    /**
     * Whether a MySQL statement is about the file's own database ({@code USE x}, {@code CREATE/DROP DATABASE x}):
     * such statements are mapped to the scratch database, that is, not run at all.
     */
    private static boolean mapsToScratch(SqlStatement s, String sourceName) {
        return MYSQL_DATABASE_STATEMENT.matcher(s.sql()).matches();
    }

    /** The database names a MySQL file creates or uses, lower case: references to them go to the scratch database. */
    private static java.util.Set<String> ownDatabases(List<SqlStatement> statements) {
        java.util.Set<String> own = new java.util.HashSet<>();
        for (SqlStatement s : statements) {
            java.util.regex.Matcher m = MYSQL_DATABASE_NAME.matcher(s.sql());
            if (mapsToScratch(s, "") && m.find()) {
                String name = m.group(1);
                if (name.startsWith("`")) {
                    name = name.substring(1, name.length() - 1).replace("``", "`");
                }
                own.add(name.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return own;
    }

    /** Every database on the MySQL server but the scratch one and the file's own names, lower case. */
    private static java.util.Set<String> otherDatabases(Connection c, String scratch, java.util.Set<String> own)
            throws SQLException {
        java.util.Set<String> other = new java.util.HashSet<>();
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
            while (rs.next()) {
                other.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        other.remove(scratch.toLowerCase(java.util.Locale.ROOT));
        other.removeAll(own);
        return other;
    }

    private static void refuseClusterWide(SqlStatement s, String sourceName) {
        if (CLUSTER_WIDE.matcher(s.sql()).find()) {
            throw new SchemaException(
                    sourceName + ":" + s.line(),
                    "acts on the server beyond one database (roles, databases, tablespaces, system settings,"
                            + " programs); a target file may only create objects, so nothing was run");
        }
    }

    /**
     * PostgreSQL: the file runs in a new database made from template0, reached with the live connection's URL and
     * user; the database is dropped afterwards, also on failure. Databases left by a JVM that was killed are
     * recognised by the {@code bk_target_<pid>_<millis>_} prefix and dropped once they are an hour old.
     */
    private static Catalog inScratchPostgresDatabase(
            Connection live, List<SqlStatement> statements, String sourceName, String scratch) throws SQLException {
        for (SqlStatement s : statements) {
            refuseClusterWide(s, sourceName);
        }
        SqlWriter w = SqlWriter.of(Dialect.POSTGRESQL);
        boolean autoCommit = live.getAutoCommit();
        live.setAutoCommit(true);
        try (Statement st = live.createStatement()) {
            dropStale(live, w);
            st.execute("CREATE DATABASE " + w.id(scratch) + " TEMPLATE template0");
        }
        try {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", live.getMetaData().getUserName());
            try (Connection c = java.sql.DriverManager.getConnection(
                            withDatabase(live.getMetaData().getURL(), scratch), props);
                    Statement st = c.createStatement()) {
                for (SqlStatement s : statements) {
                    try {
                        st.execute(s.sql());
                    } catch (SQLException e) {
                        if ("42704".equals(e.getSQLState()) && s.sql().regionMatches(true, 0, "SET ", 0, 4)) {
                            continue; // a setting of a newer server (pg_dump writes them); psql carries on too
                        }
                        throw new SchemaException(
                                sourceName + ":" + s.line(),
                                "the database rejected this statement: " + e.getMessage() + " [SQLState "
                                        + e.getSQLState() + "]",
                                e);
                    }
                }
                return Schema.read(c, io.backendkit.schema.internal.catalog.CatalogReader.userSchemas(c));
            }
        } finally {
            try (Statement st = live.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + w.id(scratch) + " WITH (FORCE)");
            } finally {
                live.setAutoCommit(autoCommit);
            }
        }
    }

    private static void dropStale(Connection live, SqlWriter w) throws SQLException {
        List<String> stale = new java.util.ArrayList<>();
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (Statement st = live.createStatement();
                java.sql.ResultSet rs = st.executeQuery(
                        "SELECT datname FROM pg_database WHERE datname ~ '^bk_target_[0-9]+_[0-9]+_[0-9a-f]+$'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                long millis = Long.parseLong(name.split("_")[3]);
                if (millis < hourAgo) {
                    stale.add(name);
                }
            }
        }
        try (Statement st = live.createStatement()) {
            for (String name : stale) {
                st.execute("DROP DATABASE IF EXISTS " + w.id(name) + " WITH (FORCE)");
            }
        }
    }

    /** {@code jdbc:postgresql://host:port/old?x=y} becomes {@code jdbc:postgresql://host:port/new?x=y}. */
    private static String withDatabase(String url, String database) {
        int authority = url.indexOf("//");
        if (authority < 0) {
            throw new SchemaException("connection", "has no host-based JDBC URL to reach a scratch database through");
        }
        int query = url.indexOf('?', authority);
        String head = query < 0 ? url : url.substring(0, query);
        String tail = query < 0 ? "" : url.substring(query);
        // the live connection's schema setting means nothing in the new database
        tail = tail.replaceAll("(?i)([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        int path = head.indexOf('/', authority + 2);
        return (path < 0 ? head : head.substring(0, path)) + "/" + database + tail;
    }

    /**
     * Runs {@code file} in a scratch schema and returns what it created.
     *
     * @param dataSource the database to run it in, not null
     * @param file a UTF-8 SQL script, not null
     * @return what the script created; the scratch schema or database is dropped afterwards
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
     * @param dataSource the database to run it in, not null
     * @param sql the script, not null
     * @param sourceName names the script in error messages
     * @return what the script created; the scratch schema or database is dropped afterwards
     */
    public static Catalog fromSql(DataSource dataSource, String sql, String sourceName) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(sql, "sql");
        String scratch = "bk_target_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffL);
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
            List<SqlStatement> statements;
            try {
                statements = new SqlSplitter(dialect).split(sql, 1);
            } catch (SqlSplitter.UnterminatedException e) {
                throw new SchemaException(sourceName + ":" + e.line(), e.getMessage(), e);
            }
            if (dialect == Dialect.POSTGRESQL) {
                return inScratchPostgresDatabase(c, statements, sourceName, scratch);
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
                    java.util.Set<String> own =
                            dialect == Dialect.MYSQL ? ownDatabases(statements) : java.util.Set.of();
                    java.util.Set<String> other =
                            dialect == Dialect.MYSQL ? otherDatabases(c, scratch, own) : java.util.Set.of();
                    for (SqlStatement s : statements) {
                        if (dialect == Dialect.MYSQL && mapsToScratch(s, sourceName)) {
                            continue;
                        }
                        String text = s.sql();
                        if (dialect == Dialect.MYSQL) {
                            try {
                                text = io.backendkit.schema.internal.sql.MySqlConfinement.confine(
                                        text, own, other, scratch);
                            } catch (io.backendkit.schema.internal.sql.MySqlConfinement.Refused e) {
                                throw new SchemaException(
                                        sourceName + ":" + s.line(), e.getMessage() + "; the file was not applied");
                            }
                        }
                        try {
                            st.execute(text);
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
