package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Flyway folder (V, U and R files, placeholders, a CRLF file and one with a byte order mark) applied by real Flyway,
 * then adopted by backendkit, which continues from there. Runs on PostgreSQL and MariaDB.
 */
class FlywayAdoptionTest {

    private static final Map<String, String> PLACEHOLDERS = Map.of("prefix", "app_", "owner", "ops team");

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    /** The folder as a Flyway team has it. */
    private void writeFlywayFolder() throws IOException {
        write(
                "V1__create_accounts.sql",
                "-- accounts of the shop\nCREATE TABLE ${prefix}accounts (\n  id INT PRIMARY KEY,\n"
                        + "  name VARCHAR(100) NOT NULL\n);\n");
        // CRLF line endings, version with an underscore (1.1)
        write(
                "V1_1__add_email.sql",
                "ALTER TABLE ${prefix}accounts ADD COLUMN email VARCHAR(200);\r\n"
                        + "CREATE INDEX idx_accounts_email ON ${prefix}accounts (email);\r\n");
        // a byte order mark, a string literal with a semicolon, a placeholder inside a literal
        write(
                "V2__seed.sql",
                "\uFEFFINSERT INTO ${prefix}accounts (id, name) VALUES (1, 'first; not a split');\n"
                        + "INSERT INTO ${prefix}accounts (id, name) VALUES (2, '${owner}');\n");
        write("U2__seed.sql", "DELETE FROM ${prefix}accounts WHERE id IN (1, 2);\n");
        write(
                "R__account_names.sql",
                "CREATE OR REPLACE VIEW ${prefix}account_names AS SELECT id, name FROM ${prefix}accounts;\n");
    }

    private static Flyway flyway(TestDatabase db, Path dir) {
        return Flyway.configure()
                .dataSource(db.dataSource)
                .locations("filesystem:" + dir)
                .placeholders(PLACEHOLDERS)
                .load();
    }

    private Migrator backendkit(TestDatabase db) {
        return Migrator.configure()
                .dataSource(db.dataSource)
                .locations("filesystem:" + dir)
                .placeholders(PLACEHOLDERS)
                .installedBy("test")
                .load();
    }

    /** Flyway's history: script to checksum, repeatable and versioned rows alike. */
    private static Map<String, Integer> flywayChecksums(TestDatabase db) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (Connection c = db.dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT script, checksum FROM flyway_schema_history WHERE checksum IS NOT NULL")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void flywayProjectIsAdoptedAndContinued(Target target) throws Exception {
        writeFlywayFolder();
        try (TestDatabase db = TestDatabase.open(target, dir)) {
            MigrateResult flywayRun = flyway(db, dir).migrate();
            assertThat(flywayRun.migrationsExecuted).isEqualTo(4); // 1, 1.1, 2 and the repeatable
            assertThat(db.column("SELECT name FROM app_account_names ORDER BY id"))
                    .containsExactly("first; not a split", "ops team");

            // backendkit's checksums are Flyway's, for versioned files and for the repeatable one
            Migrator migrator = backendkit(db);
            Map<String, Integer> ours = new TreeMap<>();
            for (MigrationScript s : migrator.scripts()) {
                ours.put(s.fileName(), s.checksum());
            }
            Map<String, Integer> flywayRows = flywayChecksums(db);
            assertThat(ours)
                    .containsEntry("V1__create_accounts.sql", flywayRows.get("V1__create_accounts.sql"))
                    .containsEntry("V1_1__add_email.sql", flywayRows.get("V1_1__add_email.sql"))
                    .containsEntry("V2__seed.sql", flywayRows.get("V2__seed.sql"));

            // before adoption, status reads Flyway's history: everything applied, nothing outdated
            MigrationStatus before = migrator.status();
            assertThat(before.migrations()).extracting(MigrationInfo::state).containsOnly(MigrationState.APPLIED);
            assertThat(migrator.validate()).isEqualTo(3);

            assertThat(migrator.adoptFlywayHistory()).isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM backendkit_schema_history"))
                    .isEqualTo(4);
            assertThatThrownBy(migrator::adoptFlywayHistory)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("already has rows");

            // nothing re-runs: migrate() with no new file executes nothing (the repeatable's checksum matches)
            assertThat(migrator.migrate().executed()).isEmpty();

            // the team adds V3 (Flyway format) with its U file; backendkit applies only V3
            write("V3__add_balance.sql", "ALTER TABLE ${prefix}accounts ADD COLUMN balance INT NOT NULL DEFAULT 0;\n");
            write("U3__add_balance.sql", "ALTER TABLE ${prefix}accounts DROP COLUMN balance;\n");
            io.backendkit.schema.MigrateResult next = migrator.migrate();
            assertThat(next.executed()).extracting(AppliedMigration::fileName).containsExactly("V3__add_balance.sql");
            assertThat(next.versionBefore()).isEqualTo(MigrationVersion.of("2"));
            assertThat(next.versionAfter()).isEqualTo(MigrationVersion.of("3"));
            assertThat(db.count("SELECT SUM(balance) FROM app_accounts")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM app_accounts")).isEqualTo(2);

            // rollback runs through the U files: V3 then V2 (Flyway applied V2; its U file deletes the seed rows)
            io.backendkit.schema.MigrateResult back = migrator.rollback(2);
            assertThat(back.executed())
                    .extracting(AppliedMigration::fileName)
                    .containsExactly("V3__add_balance.sql", "V2__seed.sql");
            assertThat(db.count("SELECT COUNT(*) FROM app_accounts")).isZero();
            assertThatThrownBy(() -> db.count("SELECT SUM(balance) FROM app_accounts"))
                    .isInstanceOf(java.sql.SQLException.class);
            assertThat(migrator.migrate().executed())
                    .extracting(AppliedMigration::fileName)
                    .containsExactly("V2__seed.sql", "V3__add_balance.sql");
            assertThat(db.column("SELECT name FROM app_account_names ORDER BY id"))
                    .containsExactly("first; not a split", "ops team");

            // Flyway's table was left as it was
            assertThat(db.count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '3'"))
                    .isZero();

            // a changed applied file is detected, with the file named
            write(
                    "V1__create_accounts.sql",
                    "-- accounts of the shop (edited)\nCREATE TABLE ${prefix}accounts (\n  id INT PRIMARY KEY,\n"
                            + "  name VARCHAR(100) NOT NULL\n);\n");
            assertThatThrownBy(migrator::validate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V1__create_accounts.sql: changed after it was applied");
            assertThatThrownBy(migrator::migrate)
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V1__create_accounts.sql: changed after it was applied");
            assertThat(migrator.status().migrations())
                    .filteredOn(i -> "V1__create_accounts.sql".equals(i.fileName()))
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.CHECKSUM_MISMATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void changedRepeatableOrPlaceholderValueReRunsItAsFlywayDoes(Target target) throws Exception {
        writeFlywayFolder();
        try (TestDatabase db = TestDatabase.open(target, dir)) {
            flyway(db, dir).migrate();
            Migrator migrator = backendkit(db);
            migrator.adoptFlywayHistory();
            assertThat(migrator.status().migrations())
                    .filteredOn(i -> i.version() == null)
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.APPLIED);

            write(
                    "R__account_names.sql",
                    "CREATE OR REPLACE VIEW ${prefix}account_names AS SELECT id, name, email FROM ${prefix}accounts;\n");
            assertThat(migrator.status().migrations())
                    .filteredOn(i -> i.version() == null)
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.OUTDATED);
            assertThat(migrator.migrate().executed())
                    .extracting(AppliedMigration::fileName)
                    .containsExactly("R__account_names.sql");
            assertThat(db.column("SELECT email FROM app_account_names WHERE id = 1"))
                    .containsExactly((String) null);

            // a repeatable's checksum covers its placeholders' values (Flyway's rule): a new value re-runs it
            Migrator otherPrefix = Migrator.configure()
                    .dataSource(db.dataSource)
                    .locations("filesystem:" + dir)
                    .placeholders(Map.of("prefix", "app_", "owner", "someone else"))
                    .load();
            assertThat(otherPrefix.migrate().executed()).isEmpty();
            write(
                    "R__account_names.sql",
                    "CREATE OR REPLACE VIEW ${prefix}account_names AS SELECT id, name, email, '${owner}' AS owner"
                            + " FROM ${prefix}accounts;\n");
            assertThat(otherPrefix.migrate().executed()).hasSize(1);
            assertThat(otherPrefix.migrate().executed()).isEmpty();
            assertThat(migrator.status().migrations())
                    .filteredOn(i -> i.version() == null)
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.OUTDATED);
            assertThat(migrator.migrate().executed()).hasSize(1);
            assertThat(db.column("SELECT owner FROM app_account_names WHERE id = 1"))
                    .containsExactly("ops team");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void sameFolderAppliedByBackendkitGivesFlywaysCatalog(Target target) throws Exception {
        writeFlywayFolder();
        try (TestDatabase byFlyway = TestDatabase.open(target, dir);
                TestDatabase byBackendkit = TestDatabase.open(target, dir)) {
            flyway(byFlyway, dir).migrate();
            assertThat(backendkit(byBackendkit).migrate().executed()).hasSize(4);
            assertThat(catalogJson(byBackendkit, "backendkit_schema_history"))
                    .isEqualTo(catalogJson(byFlyway, "flyway_schema_history"));
            assertThat(byBackendkit.column("SELECT name FROM app_account_names ORDER BY id"))
                    .isEqualTo(byFlyway.column("SELECT name FROM app_account_names ORDER BY id"));
        }
    }

    @org.junit.jupiter.api.Test
    void flywaySchemaPerTenantProjectIsAdoptedTenantByTenantInOneCall() throws Exception {
        writeFlywayFolder();
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, dir)) {
            List<String> tenants = List.of(db.name + "_a", db.name + "_b", db.name + "_c");
            try {
                for (String t : tenants) {
                    db.execute("CREATE SCHEMA " + t);
                    // as Flyway users do: one Flyway call per tenant, its history in the tenant's schema
                    Flyway.configure()
                            .dataSource(db.dataSource)
                            .schemas(t)
                            .locations("filesystem:" + dir)
                            .placeholders(PLACEHOLDERS)
                            .load()
                            .migrate();
                }
                write("V3__add_balance.sql", "ALTER TABLE ${prefix}accounts ADD COLUMN balance INT;\n");
                MigrateTenantsResult result = backendkit(db).migrateTenants(tenants);
                assertThat(result.succeeded()).as(result.toText()).isTrue();
                for (MigrateTenantsResult.Outcome o : result.tenants()) {
                    // each tenant's Flyway history adopted, only V3 run
                    assertThat(o.result().executed())
                            .extracting(AppliedMigration::fileName)
                            .containsExactly("V3__add_balance.sql");
                    assertThat(db.count("SELECT COUNT(*) FROM " + o.tenant() + ".backendkit_schema_history"))
                            .isEqualTo(5);
                    assertThat(db.column("SELECT name FROM " + o.tenant() + ".app_account_names ORDER BY id"))
                            .containsExactly("first; not a split", "ops team");
                }
            } finally {
                for (String t : tenants) {
                    db.execute("DROP SCHEMA IF EXISTS " + t + " CASCADE");
                }
            }
        }
    }

    /** The catalog without the history table, the scratch schema's name replaced, as JSON. */
    private static String catalogJson(TestDatabase db, String historyTable) {
        Catalog full = Schema.connect(db.dataSource).schemas(db.name).read();
        Catalog catalog = new Catalog(
                full.dialect(),
                full.tables().stream()
                        .filter(t -> !t.name().equalsIgnoreCase(historyTable))
                        // row estimates are the server's guesses, not the schema
                        .map(t -> new Table(
                                t.schema(),
                                t.name(),
                                t.columns(),
                                t.primaryKey(),
                                t.foreignKeys(),
                                t.uniqueConstraints(),
                                t.checkConstraints(),
                                t.indexes(),
                                0,
                                t.comment(),
                                t.partitionOf(),
                                t.partitioned(),
                                t.inheritsFrom()))
                        .toList(),
                full.views());
        assertThat(catalog.tables()).isNotEmpty();
        return catalog.toJson().replace(db.name, "<schema>");
    }
}
