package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import io.backendkit.schema.TestDatabase.Target;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sql.MySqlConfinement;
import io.backendkit.testsupport.UrlDataSource;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every analyzer fix on Pagila (schema and data, PostgreSQL) and Sakila (schema, MariaDB), run in order on a scratch
 * copy: at least 98% execute and each failure is named. Pagila's dump is from PostgreSQL 17; on an older server the
 * statements listed in {@link #PAGILA_NEEDS_PG17} are skipped, each reported, and no other statement may fail.
 */
class SampleFixesTest {

    private static final Logger LOG = LoggerFactory.getLogger(SampleFixesTest.class);

    /** pagila-schema.sql lines (statement starts) that need PostgreSQL 17, with the reason. */
    static final Map<Integer, String> PAGILA_NEEDS_PG17 = Map.of(
            11, "SET transaction_timeout is a PostgreSQL 17 setting",
            778, "CREATE VIEW public.films_per_customer_rental uses JSON_TABLE (PostgreSQL 17)",
            800, "ALTER VIEW public.films_per_customer_rental OWNER: the view was skipped");

    @TempDir
    Path temp;

    private static Path sample(String name) {
        String dir = System.getenv("BACKENDKIT_DB_SAMPLES_DIR");
        Assumptions.assumeTrue(
                dir != null && !dir.isBlank(), "BACKENDKIT_DB_SAMPLES_DIR is not set, so " + name + " cannot be read");
        Path file = Path.of(dir, name);
        Assumptions.assumeTrue(Files.exists(file), file + " does not exist");
        return file;
    }

    /**
     * Loads a pg_dump file: statements through the splitter, {@code COPY ... FROM stdin} blocks through the driver's
     * copy API. A statement the server rejects fails the load unless {@code allowedSkips} lists its line; skips are
     * logged and returned as {@code file:line reason}.
     */
    static List<String> loadPgDump(Connection c, Path file, Map<Integer, String> allowedSkips) throws Exception {
        List<String> skipped = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder pending = new StringBuilder();
        int pendingStart = 1;
        org.postgresql.copy.CopyManager copy =
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("COPY ") && line.endsWith("FROM stdin;")) {
                runStatements(c, file, pending.toString(), pendingStart, allowedSkips, skipped);
                StringBuilder data = new StringBuilder();
                int j = i + 1;
                while (!lines.get(j).equals("\\.")) {
                    data.append(lines.get(j)).append('\n');
                    j++;
                }
                copy.copyIn(line.substring(0, line.length() - 1), new StringReader(data.toString()));
                i = j;
                pending.setLength(0);
                pendingStart = j + 2;
            } else {
                pending.append(line).append('\n');
            }
        }
        runStatements(c, file, pending.toString(), pendingStart, allowedSkips, skipped);
        return skipped;
    }

    private static void runStatements(
            Connection c, Path file, String sql, int firstLine, Map<Integer, String> allowedSkips, List<String> skipped)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            for (SqlStatement s : new SqlSplitter(Dialect.POSTGRESQL).split(sql, firstLine)) {
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    String reason = allowedSkips.get(s.line());
                    if (reason == null) {
                        throw new SQLException(file.getFileName() + ":" + s.line() + ": " + e.getMessage(), e);
                    }
                    String entry = file.getFileName() + ":" + s.line() + " skipped: " + reason + " (server said: "
                            + e.getMessage().lines().findFirst().orElse("") + ")";
                    LOG.warn(entry);
                    System.out.println(entry);
                    skipped.add(entry);
                }
            }
        }
    }

    /** Runs each fix in order, one after the other; returns the failures (code, location, fix, error). */
    private static List<String> runFixes(Connection c, Dialect d, List<Finding> fixes) throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (Finding f : fixes) {
                try {
                    for (SqlStatement s : new SqlSplitter(d).split(f.suggestedFix(), 1)) {
                        st.execute(s.sql());
                    }
                } catch (SQLException e) {
                    failures.add(f.code() + " " + f.location() + ": " + f.suggestedFix() + " -> " + e.getMessage());
                }
            }
        }
        return failures;
    }

    private static void report(String sample, SchemaReport report, List<String> failures) {
        int fixes = report.fixesInOrder().size();
        long manual = report.findings().stream()
                .filter(f -> f.suggestedFix() == null && f.message().contains("manual:"))
                .count();
        // printed so that the figures in the README can be measured again with this test
        System.out.printf(
                "%s: %d findings, %d fixes, %d ran, %d failed, %d marked manual%n",
                sample, report.findings().size(), fixes, fixes - failures.size(), failures.size(), manual);
        failures.forEach(f -> System.out.println(sample + " fix failed: " + f));
    }

    @Test
    void pagilaFixesRunInOrderOnAScratchCopy() throws Exception {
        Path schema = sample("pagila-schema.sql");
        Path data = sample("pagila-data.sql");
        String url = System.getenv("BACKENDKIT_PG_URL");
        Assumptions.assumeTrue(url != null, "BACKENDKIT_PG_URL is not set");
        String name = "bk_pagila_" + ProcessHandle.current().pid() + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        String scratchUrl = url.replaceFirst("(//[^/]+/)[^?]*", "$1" + name);
        try (Connection admin = DriverManager.getConnection(url);
                Statement st = admin.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0");
            try {
                List<String> skipped;
                int major;
                try (Connection c = DriverManager.getConnection(scratchUrl)) {
                    major = c.getMetaData().getDatabaseMajorVersion();
                    skipped = loadPgDump(c, schema, major >= 17 ? Map.of() : PAGILA_NEEDS_PG17);
                    loadPgDump(c, data, Map.of());
                }
                assertThat(skipped).hasSize(major >= 17 ? 0 : PAGILA_NEEDS_PG17.size());
                UrlDataSource ds = new UrlDataSource(scratchUrl);
                SchemaReport report = SchemaAnalyzer.withDefaults().analyze(ds);
                assertThat(report.tables())
                        .as("partitions count on their parent")
                        .isGreaterThanOrEqualTo(15);
                List<String> failures;
                try (Connection c = ds.getConnection()) {
                    failures = runFixes(c, Dialect.POSTGRESQL, report.fixesInOrder());
                }
                report("pagila", report, failures);
                int fixes = report.fixesInOrder().size();
                assertThat(fixes).isPositive();
                assertThat(100.0 * (fixes - failures.size()) / fixes)
                        .as(String.join("\n", failures))
                        .isGreaterThanOrEqualTo(98.0);
            } finally {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void sakilaFixesRunInOrderOnAScratchCopy() throws Exception {
        Path schema = sample("sakila-mysql-schema.sql");
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            String sql = Files.readString(schema, StandardCharsets.UTF_8);
            Map<String, String> mapped = new LinkedHashMap<>();
            try (Connection c = db.dataSource.getConnection();
                    Statement st = c.createStatement()) {
                for (SqlStatement s : new SqlSplitter(Dialect.MYSQL).split(sql, 1)) {
                    if (s.sql().matches("(?is)^(USE|CREATE SCHEMA|DROP SCHEMA)\\b.*")) {
                        mapped.put(schema.getFileName() + ":" + s.line(), s.sql());
                        continue; // the file's own database is the scratch one
                    }
                    st.execute(MySqlConfinement.confine(s.sql(), Set.of("sakila"), Set.of(), db.name));
                }
            }
            assertThat(mapped).hasSize(3);
            SchemaReport report = SchemaAnalyzer.withDefaults().analyze(db.dataSource);
            assertThat(report.tables()).isEqualTo(16);
            List<String> failures;
            try (Connection c = db.dataSource.getConnection()) {
                failures = runFixes(c, Dialect.MYSQL, report.fixesInOrder());
            }
            report("sakila", report, failures);
            int fixes = report.fixesInOrder().size();
            assertThat(fixes).isPositive();
            assertThat(100.0 * (fixes - failures.size()) / fixes)
                    .as(String.join("\n", failures))
                    .isGreaterThanOrEqualTo(98.0);
        }
    }
}
