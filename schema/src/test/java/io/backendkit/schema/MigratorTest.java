package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MigratorTest {

    @TempDir
    Path temp;

    private TestDatabase db;

    @AfterEach
    void closeDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private Path migrations() throws IOException {
        return Files.createDirectories(temp.resolve("migrations"));
    }

    private void write(String name, String up, String down) throws IOException {
        Files.writeString(
                migrations().resolve(name),
                "-- migrate:up\n" + up + "\n" + (down == null ? "" : "-- migrate:down\n" + down + "\n"));
    }

    private Migrator.Builder migrator() throws IOException {
        return Migrator.configure()
                .dataSource(db.dataSource)
                .locations("filesystem:" + migrations())
                .installedBy("tester");
    }

    private void writeTwenty() throws IOException {
        for (int i = 1; i <= 20; i++) {
            if (i % 2 == 1) {
                write(
                        "V" + i + "__create_t" + i + ".sql",
                        "CREATE TABLE t" + i + " (id INT PRIMARY KEY, name VARCHAR(20));\n" + "INSERT INTO t" + i
                                + " (id, name) VALUES (1, 'a;b');",
                        "DROP TABLE t" + i + ";");
            } else {
                write(
                        "V" + i + "__alter_t" + (i - 1) + ".sql",
                        "ALTER TABLE t" + (i - 1) + " ADD COLUMN extra" + i + " INT;",
                        "ALTER TABLE t" + (i - 1) + " DROP COLUMN extra" + i + ";");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void twentyMigrationsGoUpAllTheWayDownAndUpAgain(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        writeTwenty();
        Migrator m = migrator().load();

        assertThat(m.status().pending()).hasSize(20);
        MigrateResult up = m.migrate();
        assertThat(up.count()).isEqualTo(20);
        assertThat(up.versionBefore()).isNull();
        assertThat(up.versionAfter()).isEqualTo(MigrationVersion.of("20"));
        assertThat(m.status().in(MigrationState.APPLIED)).hasSize(20);
        assertThat(m.status().migrations())
                .allSatisfy(i -> assertThat(i.installedBy()).isEqualTo("tester"));
        assertThat(db.count("SELECT COUNT(*) FROM t19")).isEqualTo(1);
        assertThat(m.migrate().count()).isZero();

        MigrateResult partial = m.rollback(3);
        assertThat(partial.executed()).extracting(a -> a.version().text()).containsExactly("20", "19", "18");
        assertThat(m.status().current()).isEqualTo(MigrationVersion.of("17"));
        assertThat(db.tableExists("t19")).isFalse();

        MigrateResult down = m.rollback(17);
        assertThat(down.versionAfter()).isNull();
        assertThat(m.status().pending()).hasSize(20);
        assertThat(db.tableExists("t1")).isFalse();

        assertThat(m.migrate().count()).isEqualTo(20);
        assertThat(m.status().current()).isEqualTo(MigrationVersion.of("20"));
        assertThat(m.validate()).isEqualTo(20);
        assertThat(m.status().toText()).contains("current version: 20").contains("APPLIED");
        assertThat(m.status().toJson()).contains("\"state\" : \"APPLIED\"");
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void brokenThirdMigrationStopsTheRunAndTheHistoryTellsTheTruth(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        write("V2__b.sql", "CREATE TABLE b (id INT);", "DROP TABLE b;");
        write("V3__c.sql", "CREATE TABLE c (id INT);\n\nINSERT INTO no_such_table VALUES (1);", "DROP TABLE c;");
        write("V4__d.sql", "CREATE TABLE d (id INT);", "DROP TABLE d;");
        write("V5__e.sql", "CREATE TABLE e (id INT);", "DROP TABLE e;");
        Migrator m = migrator().load();

        assertThatThrownBy(m::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V3__c.sql:4: ")
                .hasMessageContaining("failed");

        MigrationStatus status = m.status();
        assertThat(status.current()).isEqualTo(MigrationVersion.of("2"));
        assertThat(db.tableExists("b")).isTrue();
        assertThat(db.tableExists("d")).isFalse();
        if (target == Target.POSTGRESQL || target == Target.SQLITE) {
            assertThat(status.in(MigrationState.PENDING))
                    .extracting(MigrationInfo::fileName)
                    .containsExactly("V3__c.sql", "V4__d.sql", "V5__e.sql");
            assertThat(db.tableExists("c"))
                    .as("the failed migration was rolled back")
                    .isFalse();
            assertThat(db.count("SELECT COUNT(*) FROM backendkit_schema_history"))
                    .isEqualTo(2);
        } else {
            assertThat(status.in(MigrationState.FAILED))
                    .extracting(MigrationInfo::fileName)
                    .containsExactly("V3__c.sql");
            assertThat(db.tableExists("c")).as("DDL committed implicitly").isTrue();
            assertThatThrownBy(m::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V3__c.sql: applying failed")
                    .hasMessageContaining("statement 1 at V3__c.sql:2 completed")
                    .hasMessageContaining("statement 2 at V3__c.sql:4 failed")
                    .hasMessageContaining("MigrationVerdict.markRolledBack(\"3\")");
            assertThatThrownBy(m::repair).as("repair does not guess").hasMessageContaining("give a verdict");
            db.execute("DROP TABLE c");
            assertThat(m.repair(MigrationVerdict.markRolledBack("3")))
                    .containsExactly("failed migration V3__c.sql: marked rolled back by verdict");
        }
        write("V3__c.sql", "CREATE TABLE c (id INT);", "DROP TABLE c;");
        assertThat(m.migrate().count()).isEqualTo(3);
        assertThat(m.status().current()).isEqualTo(MigrationVersion.of("5"));
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void editingAnAppliedFileFailsValidateAndMigrateNamingTheFile(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        write("V2__b.sql", "CREATE TABLE b (id INT);", "DROP TABLE b;");
        Migrator m = migrator().load();
        m.migrate();

        write("V2__b.sql", "CREATE TABLE b (id BIGINT);", "DROP TABLE b;");
        write("V3__c.sql", "CREATE TABLE c (id INT);", "DROP TABLE c;");

        assertThatThrownBy(m::validate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("V2__b.sql: changed after it was applied");
        assertThatThrownBy(m::migrate).hasMessageContaining("V2__b.sql: changed after it was applied");
        assertThat(db.tableExists("c")).isFalse();
        assertThat(m.status().in(MigrationState.CHECKSUM_MISMATCH))
                .extracting(MigrationInfo::fileName)
                .containsExactly("V2__b.sql");

        assertThat(m.repair()).containsExactly("realigned checksum of V2__b.sql");
        assertThat(m.validate()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void eightConcurrentMigratorsApplyEachMigrationExactlyOnce(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        for (int i = 1; i <= 10; i++) {
            write("V" + i + "__t" + i + ".sql", "CREATE TABLE c" + i + " (id INT);", "DROP TABLE c" + i + ";");
        }
        Migrator m = migrator().load();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                Callable<MigrateResult> run = () -> {
                    start.await();
                    return m.migrate();
                };
                results.add(pool.submit(run));
            }
            start.countDown();
            int executed = 0;
            for (Future<MigrateResult> f : results) {
                executed += f.get().count();
            }
            assertThat(executed).isEqualTo(10);
        }
        assertThat(db.count("SELECT COUNT(*) FROM backendkit_schema_history WHERE kind = 'UP'"))
                .isEqualTo(10);
        assertThat(m.status().in(MigrationState.APPLIED)).hasSize(10);
    }

    @Test
    void planShowsTheSqlInOrderWithoutRunningIt() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);", "DROP TABLE a;");
        write("V2__b.sql", "ALTER TABLE a ADD COLUMN b INT NOT NULL;", null);
        Migrator m = migrator().load();

        MigrationPlan plan = m.plan();

        assertThat(plan.steps()).extracting(MigrationPlan.Step::fileName).containsExactly("V1__a.sql", "V2__b.sql");
        assertThat(plan.steps().get(0).statements())
                .extracting(SqlStatement::sql)
                .containsExactly("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)");
        assertThat(plan.findings())
                .extracting(f -> f.code())
                .contains("NOT_NULL_WITHOUT_DEFAULT", "MISSING_DOWN_SECTION");
        assertThat(plan.toText()).contains("-- V1__a.sql (no transaction)\nCREATE TABLE a (id INT);\n");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(db.tableExists("backendkit_schema_history")).isFalse();
    }

    @Test
    void lintErrorsAreRefusedWhenConfigured() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        write("V2__b.sql", "ALTER TABLE a ADD COLUMN b INT NOT NULL;", "ALTER TABLE a DROP COLUMN b;");

        assertThatThrownBy(() -> migrator().failOnLintErrors(true).load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V2__b.sql:2: 1 lint error(s), nothing applied")
                .hasMessageContaining("NOT_NULL_WITHOUT_DEFAULT");
        assertThat(db.tableExists("a")).isFalse();
        assertThat(migrator().load().migrate().findings())
                .extracting(f -> f.code())
                .contains("NOT_NULL_WITHOUT_DEFAULT");
    }

    @Test
    void olderPendingMigrationIsAnErrorUnlessOutOfOrderIsAllowed() throws Exception {
        db = TestDatabase.open(Target.SQLITE, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        write("V3__c.sql", "CREATE TABLE c (id INT);", "DROP TABLE c;");
        migrator().load().migrate();
        write("V2__b.sql", "CREATE TABLE b (id INT);", "DROP TABLE b;");

        assertThat(migrator().load().status().in(MigrationState.OUT_OF_ORDER)).hasSize(1);
        assertThatThrownBy(() -> migrator().load().migrate())
                .hasMessageContaining("V2__b.sql: version 2 is older than the applied 3");
        assertThat(migrator().outOfOrder(true).load().migrate().executed())
                .extracting(AppliedMigration::fileName)
                .containsExactly("V2__b.sql");
    }

    @Test
    void baselineSkipsMigrationsTheSchemaAlreadyHas() throws Exception {
        db = TestDatabase.open(Target.SQLITE, temp);
        db.execute("CREATE TABLE a (id INT)");
        write("V1__a.sql", "CREATE TABLE a (id INT);", "DROP TABLE a;");
        write("V2__b.sql", "CREATE TABLE b (id INT);", "DROP TABLE b;");
        Migrator m = migrator().load();

        m.baseline(MigrationVersion.of("1"));

        assertThat(m.migrate().executed())
                .extracting(AppliedMigration::fileName)
                .containsExactly("V2__b.sql");
        assertThat(m.status().migrations())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BASELINE, MigrationState.APPLIED);
        assertThatThrownBy(() -> m.baseline(MigrationVersion.of("5")))
                .hasMessageContaining("already has applied migrations");
        assertThatThrownBy(() -> m.rollback(2)).hasMessageContaining("the baseline 1 cannot");
    }

    @Test
    void rollbackRefusesBeforeRunningAnythingWhenADownSectionIsMissing() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        write("V1__a.sql", "CREATE TABLE a (id INT);", null);
        write("V2__b.sql", "CREATE TABLE b (id INT);", "DROP TABLE b;");
        Migrator m = migrator().load();
        m.migrate();

        assertThatThrownBy(() -> m.rollback(2))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V1__a.sql: no down section, so nothing was rolled back");
        assertThat(db.tableExists("b")).isTrue();
        assertThatThrownBy(() -> m.rollback(0)).hasMessage("steps must be >= 1 (was 0)");
        assertThatThrownBy(() -> m.rollback(3)).hasMessageContaining("only 2 applied migration(s)");
    }

    @Test
    void createWritesATimestampedFileThatLoads() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T09:30:05Z"), ZoneOffset.UTC);
        Migrator m = migrator().clock(clock).load();

        Path file = m.create("Add orders-table", migrations());

        assertThat(file.getFileName()).hasToString("V20261122093005__add_orders_table.sql");
        assertThatThrownBy(() -> m.create("Add orders-table", migrations())).hasMessageContaining("already exists");
        assertThatThrownBy(() -> m.create("bad/name", migrations())).hasMessageContaining("migration name must be");
        Files.writeString(
                file,
                Files.readString(file).replace("-- migrate:up\n", "-- migrate:up\nCREATE TABLE orders (id INT);"));
        assertThat(m.migrate().count()).isEqualTo(1);
    }

    @Test
    void configurationMistakesAreNamed() {
        assertThatThrownBy(() -> Migrator.configure().load()).hasMessageContaining("dataSource is required");
        assertThatThrownBy(() -> Migrator.configure().historyTable("x; DROP TABLE y"))
                .hasMessageContaining("historyTable must be a plain SQL identifier");
        assertThatThrownBy(() -> Migrator.configure().locations()).hasMessageContaining("at least one location");
        assertThatThrownBy(() -> Migrator.configure().lockTimeout(java.time.Duration.ZERO))
                .hasMessage("lockTimeout must be positive (was PT0S)");
    }

    @Test
    void syntaxErrorNamesFileAndLine() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        write("V1__bad.sql", "CREATE TABLE ok (id INT);\n\nCREATE TABLE broken (id INT,,);", null);

        assertThatThrownBy(() -> migrator().load().migrate())
                .isInstanceOf(MigrationException.class)
                .hasMessageStartingWith("V1__bad.sql:4: statement failed, the migration was rolled back")
                .hasMessageContaining("SQLState 42601");
        assertThat(db.tableExists("ok")).isFalse();
    }
}
