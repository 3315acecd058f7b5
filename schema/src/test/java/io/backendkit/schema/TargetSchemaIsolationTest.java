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
}
