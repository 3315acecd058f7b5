package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migrator JVM killed with {@code kill -9} during the second of three statements: what the next run says and does.
 * Statement 2 inserts 100 rows after a 5 s sleep, so the kill lands inside it; the server finishes (or drops) the
 * orphaned statement on its own, which is exactly why nobody can know whether it took effect.
 */
class MigratorCrashTest {

    @TempDir
    Path temp;

    private TestDatabase db;
    private Process child;

    @AfterEach
    void cleanUp() throws Exception {
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    private Path migrations() throws IOException {
        return Files.createDirectories(temp.resolve("migrations"));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(migrations().resolve(name), content);
    }

    private void writeMigrations(String slowInsert, String third) throws IOException {
        StringBuilder digits = new StringBuilder("INSERT INTO digits (d) VALUES ");
        for (int d = 0; d <= 9; d++) {
            digits.append(d == 0 ? "" : ", ").append('(').append(d).append(')');
        }
        write(
                "V1__tables.sql",
                "-- migrate:up\nCREATE TABLE t2 (n INT NOT NULL);\nCREATE TABLE t3 (n INT NOT NULL);\n"
                        + "CREATE TABLE digits (d INT NOT NULL);\n" + digits + ";\n");
        write(
                "V2__fill.sql",
                "-- migrate:up\nINSERT INTO t2 (n) VALUES (1);\n" + slowInsert + ";\n" + third + ";\n"
                        + "-- migrate:down\nDELETE FROM t3;\nDELETE FROM t2;\n");
        write("V3__more.sql", "-- migrate:up\nINSERT INTO t2 (n) VALUES (2);\n");
    }

    private static final String PG_SLOW = "WITH bk_crash_slow AS MATERIALIZED (SELECT pg_sleep(5))"
            + " INSERT INTO t3 (n) SELECT a.d * 10 + b.d FROM digits a, digits b, bk_crash_slow";
    private static final String MARIADB_SLOW =
            "INSERT INTO t3 (n) SELECT a.d * 10 + b.d FROM digits a, digits b WHERE SLEEP(0.05) = 0";

    private Migrator migrator() throws IOException {
        return Migrator.configure()
                .dataSource(db.dataSource)
                .locations("filesystem:" + migrations())
                .installedBy("tester")
                .lockTimeout(Duration.ofSeconds(60))
                .load();
    }

    private void startChild() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        child = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        MigrateMain.class.getName(),
                        db.jdbcUrl,
                        "filesystem:" + migrations())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
    }

    private void killWhen(BooleanSupplier inStatementTwo) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!inStatementTwo.getAsBoolean()) {
            assertThat(child.isAlive())
                    .as("the child ended before statement 2 started: %s", Files.readString(temp.resolve("child.log")))
                    .isTrue();
            assertThat(Instant.now()).as("statement 2 never started").isBefore(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(500); // well inside the 5 s of statement 2
        child.destroyForcibly();
        assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    private boolean statementOneRecorded() {
        try {
            return db.count("SELECT COUNT(*) FROM backendkit_schema_history"
                            + " WHERE version = '2' AND status = 'RUNNING' AND statements_done = 1")
                    == 1;
        } catch (Exception notYet) {
            return false;
        }
    }

    private void crashDuringStatementTwoThenResume(Target target, String slowInsert, String third, String... t2)
            throws Exception {
        db = TestDatabase.open(target, temp);
        writeMigrations(slowInsert, third);
        startChild();
        killWhen(this::statementOneRecorded);
        Migrator m = migrator();

        // the next run waits for the orphaned statement to release the lock, then refuses with the account
        assertThatThrownBy(m::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2__fill.sql: the run was interrupted while applying")
                .hasMessageContaining("statement 1 at V2__fill.sql:2 completed")
                .hasMessageContaining("statement 2 at V2__fill.sql:3 MAY OR MAY NOT HAVE COMPLETED")
                .hasMessageContaining("statement 3 at V2__fill.sql:4 did not run")
                .hasMessageContaining("resume(true)")
                .hasMessageContaining("MigrationVerdict.markApplied(\"2\")");
        assertThat(m.status().in(MigrationState.IN_PROGRESS))
                .extracting(MigrationInfo::fileName)
                .containsExactly("V2__fill.sql");
        assertThat(db.count("SELECT COUNT(*) FROM t2"))
                .as("statement 1 ran once")
                .isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM backendkit_schema_history WHERE version = '3'"))
                .isZero();

        // the user checks the doubtful statement, as the message asks
        boolean tookEffect = db.count("SELECT COUNT(*) FROM t3") > 0;
        MigrateResult resumed = m.resume(tookEffect);

        assertThat(resumed.executed())
                .extracting(AppliedMigration::fileName)
                .containsExactly("V2__fill.sql", "V3__more.sql");
        assertThat(db.column("SELECT n FROM t2 ORDER BY n")).containsExactly(t2);
        assertThat(db.count("SELECT COUNT(*) FROM t3")).isEqualTo(100);
        assertThat(db.count("SELECT COUNT(DISTINCT n) FROM t3")).isEqualTo(100);
        assertThat(db.column("SELECT status FROM backendkit_schema_history ORDER BY installed_rank"))
                .containsExactly("SUCCESS", "SUCCESS", "SUCCESS");
        assertThat(db.count("SELECT statements_done FROM backendkit_schema_history WHERE version = '2'"))
                .isEqualTo(3);
        assertThat(m.status().in(MigrationState.APPLIED)).hasSize(3);
        assertThat(m.migrate().count()).isZero();
    }

    @Test
    void killedDuringTheSecondStatementOnMariaDbIsReportedStatementByStatementAndResumedOnce() throws Exception {
        crashDuringStatementTwoThenResume(Target.MARIADB, MARIADB_SLOW, "INSERT INTO t2 (n) VALUES (3)", "1", "2", "3");
    }

    @Test
    void killedDuringTheSecondStatementOfAConcurrentlyMigrationOnPostgresIsReportedAndResumedOnce() throws Exception {
        crashDuringStatementTwoThenResume(
                Target.POSTGRESQL, PG_SLOW, "CREATE INDEX CONCURRENTLY t3_n ON t3 (n)", "1", "2");
        assertThat(db.count(
                        "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 't3_n' AND schemaname = '" + db.name + "'"))
                .isEqualTo(1);
    }

    @Test
    void killedInsideATransactionalPostgresMigrationLeavesSchemaAndHistoryUntouched() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        writeMigrations(PG_SLOW, "INSERT INTO t2 (n) VALUES (3)");
        startChild();
        killWhen(() -> {
            try {
                return db.count("SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE '%bk_crash_slow AS%'"
                                + " AND state = 'active' AND pid <> pg_backend_pid()")
                        > 0;
            } catch (Exception e) {
                return false;
            }
        });
        Migrator m = migrator();

        MigrateResult result = m.migrate();

        assertThat(result.versionBefore()).isEqualTo(MigrationVersion.of("1"));
        assertThat(result.executed())
                .extracting(AppliedMigration::fileName)
                .containsExactly("V2__fill.sql", "V3__more.sql");
        assertThat(db.column("SELECT n FROM t2 ORDER BY n")).containsExactly("1", "2", "3");
        assertThat(db.count("SELECT COUNT(*) FROM t3")).isEqualTo(100);
        assertThat(db.count("SELECT COUNT(*) FROM backendkit_schema_history")).isEqualTo(3);
    }
}
