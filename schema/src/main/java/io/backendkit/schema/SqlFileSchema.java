package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A schema read from a {@code .sql} file without a database server: the file runs in an in-memory H2
 * database (in PostgreSQL or MySQL compatibility mode) and the catalog is read back. Statements H2
 * cannot take (extensions, server-specific syntax, syntax errors) are listed as findings with their
 * file and line; with {@code strict} the first one is an error instead.
 *
 * <pre>{@code
 * SqlFileSchema s = SqlFileSchema.read(Path.of("schema.sql"), Dialect.POSTGRESQL, false);
 * s.rejected().forEach(r -> log.warn("{}", r));
 * SchemaReport report = SchemaAnalyzer.withDefaults().analyze(s.catalog());
 * }</pre>
 *
 * <p>Needs {@code com.h2database:h2} on the class path (an optional dependency of backendkit-schema).
 * Names come back as H2 stores them (unquoted identifiers upper-cased). For an exact reading in the
 * real dialect use {@link TargetSchema} against a server.
 *
 * @param catalog what the statements that ran created
 * @param rejected one error finding per statement the embedded engine could not take
 */
public record SqlFileSchema(Catalog catalog, List<Finding> rejected) {

    /** Copies the list. */
    public SqlFileSchema {
        rejected = List.copyOf(rejected);
    }

    /**
     * Reads {@code file}, written for {@code dialect}.
     *
     * @param file a UTF-8 SQL script, not null
     * @param dialect the dialect the script is written for, not null
     * @param strict whether a rejected statement is an error rather than a finding
     * @return the catalog the statements created and a finding per statement that was rejected
     * @throws SchemaException naming {@code file:line} for an unreadable file, an unterminated string or
     *     comment, or (strict) a rejected statement
     */
    public static SqlFileSchema read(Path file, Dialect dialect, boolean strict) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dialect, "dialect");
        String sql;
        try {
            sql = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SchemaException(file.toString(), "cannot be read: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        List<SqlStatement> statements;
        try {
            statements = new SqlSplitter(dialect).split(sql, 1);
        } catch (SqlSplitter.UnterminatedException e) {
            throw new SchemaException(name + ":" + e.line(), e.getMessage(), e);
        }
        String mode = switch (dialect) {
            case POSTGRESQL -> ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            case MYSQL -> ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
            default -> "";
        };
        String url = "jdbc:h2:mem:bk_" + UUID.randomUUID() + mode;
        try (Connection c = DriverManager.getConnection(url)) {
            List<Finding> rejected = new ArrayList<>();
            try (Statement st = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    // PostgreSQL type names H2 lacks, as domains over its equivalents
                    st.execute("CREATE DOMAIN IF NOT EXISTS timestamptz AS TIMESTAMP WITH TIME ZONE");
                    st.execute("CREATE DOMAIN IF NOT EXISTS timetz AS TIME WITH TIME ZONE");
                    st.execute("CREATE DOMAIN IF NOT EXISTS jsonb AS JSON");
                    st.execute("CREATE DOMAIN IF NOT EXISTS citext AS CHARACTER VARYING");
                }
                for (SqlStatement s : statements) {
                    try {
                        st.execute(s.sql());
                    } catch (SQLException e) {
                        String where = name + ":" + s.line();
                        String problem =
                                "the embedded engine (H2) could not take this statement: " + firstLine(e.getMessage());
                        if (strict) {
                            throw new SchemaException(where, problem, e);
                        }
                        rejected.add(new Finding(Severity.ERROR, "STATEMENT_REJECTED", problem, where, null));
                    }
                }
            }
            Catalog read = Schema.read(c, List.of(dialect == Dialect.H2 ? "PUBLIC" : "public"));
            if (dialect != Dialect.MYSQL) {
                read = withoutGeneratedForeignKeyIndexes(c, read);
            }
            return new SqlFileSchema(read, rejected);
        } catch (SQLException e) {
            if (e.getMessage() != null
                    && e.getMessage().toLowerCase(Locale.ROOT).contains("no suitable driver")) {
                throw new SchemaException(name, "reading a SQL file needs com.h2database:h2 on the class path", e);
            }
            throw new SchemaException(name, "cannot load into the embedded database: " + e.getMessage(), e);
        }
    }

    /**
     * H2 indexes every foreign key by itself; PostgreSQL does not, so those indexes are removed to
     * give the analyzer the schema the file would make on the real server.
     */
    private static Catalog withoutGeneratedForeignKeyIndexes(Connection c, Catalog catalog) throws SQLException {
        java.util.Set<String> generated = new java.util.HashSet<>();
        try (Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT TABLE_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
                        + " WHERE IS_GENERATED AND INDEX_TYPE_NAME = 'INDEX'")) {
            while (rs.next()) {
                generated.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        List<Table> tables = catalog.tables().stream()
                .map(t -> new Table(
                        t.schema(),
                        t.name(),
                        t.columns(),
                        t.primaryKey(),
                        t.foreignKeys(),
                        t.uniqueConstraints(),
                        t.checkConstraints(),
                        t.indexes().stream()
                                .filter(ix -> !generated.contains(t.name() + "." + ix.name()))
                                .toList(),
                        t.rowEstimate(),
                        t.comment()))
                .toList();
        return new Catalog(catalog.dialect(), tables, catalog.views());
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
