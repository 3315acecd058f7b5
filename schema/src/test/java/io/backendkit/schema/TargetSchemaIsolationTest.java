package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target file never changes the live database, whatever schema or database it names. */
class TargetSchemaIsolationTest {

    @TempDir
    Path temp;

    private static long leftovers(TestDatabase db) throws Exception {
        return db.count("SELECT COUNT(*) FROM pg_database WHERE datname LIKE 'bk_target_"
                + ProcessHandle.current().pid() + "\\_%'");
    }

    @Test
    void postgresTargetNamingPublicAndSettingSearchPathLeavesTheLiveCatalogAsItWas() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE victim (id INT)");
            Catalog before = Schema.connect(db.dataSource).read();
            long publicBefore = db.count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'");

            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "SET search_path TO public;\nCREATE TABLE public.widgets (id INT PRIMARY KEY);\n"
                            + "CREATE TABLE gadgets (id INT);\n",
                    "target.sql");

            assertThat(target.tables()).extracting(Table::name).containsExactlyInAnyOrder("widgets", "gadgets");
            assertThat(Schema.connect(db.dataSource).read()).isEqualTo(before);
            assertThat(db.count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"))
                    .isEqualTo(publicBefore);
            assertThat(leftovers(db)).isZero();
        }
    }

    @Test
    void postgresTargetActingOnTheClusterIsRefusedWithFileAndLine() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TargetSchema.fromSql(
                            db.dataSource, "CREATE TABLE a (id INT);\nDROP DATABASE test;\n", "t.sql"))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("t.sql:2");
            assertThat(leftovers(db)).isZero();
        }
    }

    @Test
    void mariadbTargetThatUsesAnotherDatabaseStaysInTheScratchOne() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE victim (id INT)");
            Catalog before = Schema.connect(db.dataSource).read();

            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "DROP SCHEMA IF EXISTS bk_otherdb;\nCREATE DATABASE bk_otherdb;\nUSE bk_otherdb;\n"
                            + "CREATE TABLE widgets (id INT PRIMARY KEY);\n",
                    "target.sql");

            assertThat(target.tables()).extracting(Table::name).containsExactly("widgets");
            assertThat(Schema.connect(db.dataSource).read()).isEqualTo(before);
            assertThat(db.count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'bk_otherdb'"))
                    .isZero();
        }
    }

    @Test
    void pagilaSchemaFileLeavesNothingBehind() throws Exception {
        String dir = System.getenv("BACKENDKIT_DB_SAMPLES_DIR");
        Assumptions.assumeTrue(
                dir != null && !dir.isBlank(), "BACKENDKIT_DB_SAMPLES_DIR is not set, so Pagila cannot be read");
        Path file = Path.of(dir, "pagila-schema.sql");
        Assumptions.assumeTrue(Files.exists(file), file + " does not exist");
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            long publicBefore = db.count("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                    + " c.relnamespace WHERE n.nspname IN ('public', 'legacy')");

            long major = db.count("SELECT current_setting('server_version_num')::int / 10000");
            if (major >= 17) {
                Catalog target = TargetSchema.fromSqlFile(db.dataSource, file);
                assertThat(target.tables()).extracting(Table::name).contains("film", "payment", "rental", "customer");
            } else {
                // this Pagila dump uses JSON_TABLE (PostgreSQL 17): the server rejects it, named by file and line,
                // and still nothing of the file stays behind
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> TargetSchema.fromSqlFile(db.dataSource, file))
                        .isInstanceOf(SchemaException.class)
                        .hasMessageStartingWith("pagila-schema.sql:");
            }
            assertThat(db.count("SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid ="
                            + " c.relnamespace WHERE n.nspname IN ('public', 'legacy')"))
                    .isEqualTo(publicBefore);
            assertThat(leftovers(db)).isZero();
        }
    }

    @Test
    void mariadbTargetNamingTheLiveDatabaseIsRefusedWithFileAndLineAndTouchesNothing() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE victim (id INT)");
            db.execute("INSERT INTO victim VALUES (1)");
            Catalog before = Schema.connect(db.dataSource).read();
            String[] attacks = {
                "CREATE TABLE a (id INT);\nDROP TABLE " + db.name + ".victim;\n",
                "CREATE TABLE a (id INT);\nINSERT INTO `" + db.name + "` . `victim` VALUES (2);\n",
                "CREATE TABLE a (id INT);\nDELETE /*!40101 FROM " + db.name + ".victim */;\n",
                "CREATE TABLE a (id INT);\nCREATE VIEW v AS SELECT v.id FROM " + db.name + ".victim v;\n",
                "CREATE TABLE a (id INT);\nSET GLOBAL max_connections = 1;\n",
                "CREATE TABLE a (id INT);\nPREPARE s FROM 'DROP TABLE victim';\n"
            };
            for (String sql : attacks) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                        () -> TargetSchema.fromSql(db.dataSource, sql, "target.sql"));
                assertThat(thrown).as(sql).isInstanceOf(SchemaException.class).hasMessageStartingWith("target.sql:2");
                assertThat(db.count("SELECT COUNT(*) FROM victim")).as(sql).isEqualTo(1);
            }
            assertThat(Schema.connect(db.dataSource).read()).isEqualTo(before);
            assertThat(db.count(
                            "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'bk\\_target\\_"
                                    + ProcessHandle.current().pid() + "\\_%'"))
                    .isZero();
        }
    }

    @Test
    void mariadbTargetQualifyingItsOwnDatabaseIsMappedToTheScratchOne() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE widgets (id INT, victim_only INT)");
            Catalog before = Schema.connect(db.dataSource).read();

            // the file names the live database as its own: all of it goes to the scratch database instead
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "CREATE DATABASE IF NOT EXISTS `" + db.name + "`;\nUSE " + db.name + ";\n"
                            + "CREATE TABLE " + db.name + ".widgets (id INT PRIMARY KEY, name VARCHAR(10));\n"
                            + "CREATE VIEW `" + db.name + "`.named AS SELECT w.name FROM " + db.name
                            + ".widgets w;\n",
                    "target.sql");

            assertThat(target.tables()).extracting(Table::name).containsExactly("widgets");
            assertThat(target.table("widgets").orElseThrow().columns())
                    .extracting(Column::name)
                    .containsExactly("id", "name");
            assertThat(target.views()).extracting(View::name).containsExactly("named");
            assertThat(Schema.connect(db.dataSource).read()).isEqualTo(before);
        }
    }

    @Test
    void sakilaSchemaFileReadsInItsScratchDatabase() throws Exception {
        String dir = System.getenv("BACKENDKIT_DB_SAMPLES_DIR");
        Assumptions.assumeTrue(
                dir != null && !dir.isBlank(), "BACKENDKIT_DB_SAMPLES_DIR is not set, so Sakila cannot be read");
        Path file = Path.of(dir, "sakila-mysql-schema.sql");
        Assumptions.assumeTrue(Files.exists(file), file + " does not exist");
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            Catalog before = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSqlFile(db.dataSource, file);
            assertThat(target.tables()).extracting(Table::name).contains("film", "payment", "rental", "customer");
            assertThat(target.views()).extracting(View::name).contains("actor_info", "film_list");
            assertThat(Schema.connect(db.dataSource).read()).isEqualTo(before);
            assertThat(db.count("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'sakila'"))
                    .isZero();
        }
    }
}
