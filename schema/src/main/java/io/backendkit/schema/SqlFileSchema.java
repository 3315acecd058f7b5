package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sqlfile.DdlInterpreter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A schema read from a {@code .sql} file without a database server: backendkit's own DDL interpreter reads what
 * {@code pg_dump}, {@code mysqldump}/{@code mariadb-dump} and hand-written scripts hold, for PostgreSQL,
 * MySQL/MariaDB and SQLite, and builds the catalog the live readers build. No database engine runs.
 *
 * <p>It models: {@code CREATE TABLE} (columns, types with sizes, {@code NOT NULL}, defaults including {@code
 * nextval('x'::regclass)}, identity, {@code serial}, {@code AUTO_INCREMENT}, inline and table {@code PRIMARY KEY},
 * {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK}, MySQL inline {@code KEY}/{@code INDEX}/{@code FULLTEXT}, table
 * options, {@code PARTITION BY}, {@code PARTITION OF}, {@code INHERITS}), {@code ALTER TABLE [ONLY]} ({@code ADD
 * CONSTRAINT}, {@code ADD}/{@code DROP}/{@code ALTER COLUMN}, {@code ATTACH}/{@code DETACH PARTITION}, renames,
 * MySQL {@code MODIFY}/{@code CHANGE}), {@code CREATE [UNIQUE] INDEX} (methods, expressions, {@code INCLUDE},
 * {@code WHERE}), sequences, enum types, domains, views and materialized views, triggers and routines (as the
 * comparison keys them), {@code COMMENT ON TABLE/COLUMN}, {@code DROP}, and {@code USE db}. Names may be
 * schema-qualified.
 *
 * <p>Every statement it cannot model is listed in {@link #skipped()} with {@code file:line}, its kind and the reason
 * (for example {@code CREATE RULE}, {@code CREATE AGGREGATE}, {@code CREATE EXTENSION}, composite types, exclusion
 * constraints). Statements that do not change the schema are listed in {@link #ignored()}: {@code SET}, {@code
 * SELECT} (pg_dump's {@code set_config}, {@code setval}), {@code GRANT}/{@code REVOKE}, {@code OWNER TO}, {@code
 * LOCK}/{@code UNLOCK TABLES}, data ({@code INSERT}, {@code COPY ... FROM stdin} whose data block is skipped),
 * transaction control, comments on objects other than tables and columns. Nothing is dropped silently.
 *
 * <pre>{@code
 * SqlFileSchema s = SqlFileSchema.read(Path.of("schema.sql"), Dialect.POSTGRESQL, false);
 * s.skipped().forEach(x -> log.warn("{}", x));
 * SchemaReport report = SchemaAnalyzer.withDefaults().analyze(s.catalog());
 * }</pre>
 *
 * <p>What it cannot know: objects that extensions create, definitions the server rewrites (view text is kept as the
 * file writes it; PostgreSQL prints it with fewer parentheses, MySQL rewrites it completely), server defaults of
 * character sets and collations (MariaDB's are assumed), and names the server would invent beyond the documented
 * rules. For an exact reading run the file on a server with {@link TargetSchema}.
 *
 * @param catalog what the file's statements create
 * @param skipped the statements that could not be modelled, in file order
 * @param ignored the statements that do not change the schema, in file order
 */
public record SqlFileSchema(Catalog catalog, List<Skipped> skipped, List<Skipped> ignored) {

    /**
     * A statement the reader did not turn into catalog objects.
     *
     * @param location {@code file:line} of the statement's first token
     * @param kind its leading keywords, e.g. {@code CREATE RULE}
     * @param reason why it was skipped or ignored
     */
    public record Skipped(String location, String kind, String reason) {
        @Override
        public String toString() {
            return location + ": " + kind + ": " + reason;
        }
    }

    /** Copies the lists. */
    public SqlFileSchema {
        Objects.requireNonNull(catalog, "catalog");
        skipped = List.copyOf(skipped);
        ignored = List.copyOf(ignored);
    }

    /**
     * The skipped statements as warning findings ({@code STATEMENT_SKIPPED}), for a report.
     *
     * @return one finding per skipped statement, located at {@code file:line}
     */
    public List<Finding> rejected() {
        return skipped.stream()
                .map(s -> new Finding(
                        Severity.WARNING,
                        "STATEMENT_SKIPPED",
                        s.kind() + " is not in the catalog read from the file: " + s.reason(),
                        s.location(),
                        null))
                .toList();
    }

    /**
     * Reads {@code file}, written for {@code dialect}.
     *
     * @param file a UTF-8 SQL script, not null
     * @param dialect {@link Dialect#POSTGRESQL}, {@link Dialect#MYSQL} (MySQL and MariaDB) or {@link Dialect#SQLITE}
     * @param strict whether a skipped statement is an error rather than an entry in {@link #skipped()}
     * @return the catalog the statements create, with the statements skipped and ignored
     * @throws SchemaException naming {@code file:line} for an unreadable file, an unterminated string, comment or
     *     body, or (strict) the first skipped statement; naming the file for a dialect it does not read
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
        return read(file.getFileName().toString(), sql, dialect, strict);
    }

    /**
     * Reads a script held in memory.
     *
     * @param name the name to locate statements by ({@code name:line}), not null
     * @param sql the script, not null
     * @param dialect {@link Dialect#POSTGRESQL}, {@link Dialect#MYSQL} (MySQL and MariaDB) or {@link Dialect#SQLITE}
     * @param strict whether a skipped statement is an error rather than an entry in {@link #skipped()}
     * @return the catalog the statements create, with the statements skipped and ignored
     * @throws SchemaException naming {@code name:line} for an unterminated string, comment or body, or (strict) the
     *     first skipped statement; naming the file for a dialect it does not read
     */
    public static SqlFileSchema read(String name, String sql, Dialect dialect, boolean strict) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(dialect, "dialect");
        if (dialect != Dialect.POSTGRESQL && dialect != Dialect.MYSQL && dialect != Dialect.SQLITE) {
            throw new SchemaException(
                    name,
                    "reading a SQL file offline supports PostgreSQL, MySQL/MariaDB and SQLite," + " not " + dialect
                            + "; use TargetSchema on a server");
        }
        DdlInterpreter.Result r;
        try {
            r = DdlInterpreter.interpret(dialect, sql);
        } catch (SqlSplitter.UnterminatedException e) {
            throw new SchemaException(name + ":" + e.line(), e.getMessage(), e);
        }
        List<Skipped> skipped = r.skipped().stream()
                .map(n -> new Skipped(name + ":" + n.line(), n.kind(), n.reason()))
                .toList();
        if (strict && !skipped.isEmpty()) {
            Skipped first = skipped.get(0);
            throw new SchemaException(first.location(), first.kind() + " cannot be modelled: " + first.reason());
        }
        List<Skipped> ignored = r.ignored().stream()
                .map(n -> new Skipped(name + ":" + n.line(), n.kind(), n.reason()))
                .toList();
        return new SqlFileSchema(r.catalog(), skipped, ignored);
    }
}
