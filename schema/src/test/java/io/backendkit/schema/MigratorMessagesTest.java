package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.backendkit.schema.TestDatabase.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The migrator's messages for what goes wrong around a run, each provoked for real. */
class MigratorMessagesTest {

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

    private Migrator migrator() throws IOException {
        return Migrator.configure()
                .dataSource(db.dataSource)
                .locations("filesystem:" + migrations())
                .installedBy("tester")
                .load();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void versionLongerThanTheHistoryColumnIsRefusedBeforeAnythingRuns(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        write("V1__first.sql", "CREATE TABLE first_t (id INT);", "DROP TABLE first_t;");
        String longVersion = "2." + "0".repeat(48) + "1"; // 51 characters (50 fit, as V3 below shows)
        String file = "V" + longVersion + "__too_long.sql";
        write(file, "CREATE TABLE long_t (id INT);", null);
        Migrator migrator = migrator();
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(migrator::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining(file)
                    .hasMessageContaining("nothing applied")
                    .hasMessageContaining("version " + longVersion + " has 51 characters; the history keeps at most 50")
                    .hasMessageNotContaining("backendkit_schema_history");
            // checked before anything ran: not even V1, on MariaDB (no transactional DDL) as elsewhere
            assertThat(db.tableExists("first_t")).isFalse();
            assertThat(db.tableExists("long_t")).isFalse();
        }
        assertThat(migrator.migrate(MigrationVersion.of("1")).executed()).hasSize(1);

        Files.delete(migrations().resolve(file));
        write("V2." + "0".repeat(47) + "1__just_fits.sql", "CREATE TABLE fits_t (id INT);", null);
        assertThat(migrator.migrate().executed()).hasSize(1);
        assertThat(db.tableExists("fits_t")).isTrue();
        String description = "d".repeat(201);
        write("V3__" + description + ".sql", "CREATE TABLE desc_t (id INT);", null);
        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("description has 201 characters; the history keeps at most 200");
        assertThat(db.tableExists("desc_t")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void rollbackFailingOnItsSecondStepSaysTheFirstIsCommitted(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        write("V1__a.sql", "CREATE TABLE a_t (id INT);", "DROP TABLE a_t;");
        write("V2__b.sql", "CREATE TABLE b_t (id INT);", "DROP TABLE no_such_table_here;");
        write("V3__c.sql", "CREATE TABLE c_t (id INT);", "DROP TABLE c_t;");
        Migrator migrator = migrator();
        migrator.migrate();

        assertThatThrownBy(() -> migrator.rollback(2))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).location()).isEqualTo("V2__b.sql:4"))
                .hasMessageContaining("down section")
                .hasMessageContaining("this run already rolled back and committed, before this failure: V3__c.sql");
        assertThat(db.tableExists("c_t")).isFalse();
        assertThat(db.tableExists("b_t")).isTrue();
        MigrationStatus status = migrator.status();
        assertThat(status.migrations())
                .filteredOn(i -> i.fileName().equals("V3__c.sql"))
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.PENDING);
    }

    @Test
    void failedConcurrentIndexBuildNamesTheInvalidIndexItLeftAndHowToDropIt() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        write("V1__items.sql", "CREATE TABLE items (code INT);\nINSERT INTO items VALUES (1), (1), (2);", null);
        Migrator migrator = migrator();
        migrator.migrate();
        // an INVALID index that was there before the migration is not blamed on it
        assertThatThrownBy(() -> db.execute("CREATE UNIQUE INDEX CONCURRENTLY older_bad ON items (code)"))
                .isInstanceOf(java.sql.SQLException.class);

        write("V2__unique_code.sql", "CREATE UNIQUE INDEX CONCURRENTLY ux_items_code ON items (code);", null);
        String qualified = "\"" + db.name + "\".\"ux_items_code\"";
        Throwable failure = catchThrowable(migrator::migrate);
        assertThat(failure)
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((MigrationException) e).location()).isEqualTo("V2__unique_code.sql:2"))
                .hasMessageContaining("it left the INVALID index " + qualified + " behind: drop it with DROP INDEX"
                        + " CONCURRENTLY " + qualified + " before running the migration again")
                .hasMessageNotContaining("older_bad");
        assertThat(db.column("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid AND n.nspname = '"
                        + db.name + "' ORDER BY 1"))
                .containsExactly("older_bad", "ux_items_code");

        // the advice works: drop it, fix the data, record the verdict, run again
        Matcher drop = Pattern.compile("DROP INDEX CONCURRENTLY \\S+").matcher(failure.getMessage());
        assertThat(drop.find()).isTrue();
        db.execute(drop.group());
        db.execute("DELETE FROM items WHERE ctid NOT IN (SELECT MIN(ctid) FROM items GROUP BY code)");
        migrator.repair(MigrationVerdict.markRolledBack("2"));
        assertThat(migrator.migrate().executed()).hasSize(1);
        assertThat(db.count("SELECT COUNT(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = 'ux_items_code' AND i.indisvalid"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void migrationThatChangesSearchPathOrDatabaseLeavesTheNextOneInTheStartingSchema(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        String other = db.name + "_other";
        boolean pg = target == Target.POSTGRESQL;
        try {
            write(
                    "V1__elsewhere.sql",
                    (pg
                                    ? "CREATE SCHEMA " + other + ";\nSET search_path TO " + other + ";\n"
                                    : "CREATE DATABASE " + other + ";\nUSE " + other + ";\n")
                            + "CREATE TABLE moved (id INT);",
                    null);
            write("V2__here.sql", "CREATE TABLE stays (id INT);", null);
            Migrator migrator = migrator();
            assertThat(migrator.migrate().executed()).hasSize(2);

            assertThat(db.tableExists(other + ".moved")).isTrue();
            assertThat(db.tableExists(db.name + ".stays")).isTrue();
            assertThat(db.tableExists(other + ".stays")).isFalse();
            // the history stayed where the run started
            assertThat(db.count("SELECT COUNT(*) FROM " + db.name + ".backendkit_schema_history"))
                    .isEqualTo(2);
            assertThat(db.tableExists(other + ".backendkit_schema_history")).isFalse();
            assertThat(migrator.migrate().executed()).isEmpty();
            assertThat(migrator.validate()).isEqualTo(2);
        } finally {
            db.execute(pg ? "DROP SCHEMA IF EXISTS " + other + " CASCADE" : "DROP DATABASE IF EXISTS " + other);
        }
    }
}
