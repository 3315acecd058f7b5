package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triggers (PostgreSQL, MariaDB) and PostgreSQL functions are compared by their normalised definitions and carried
 * by the migration as statements, names quoted: up makes the live catalog equal the target, down the original.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TriggerFunctionDiffTest {

    @TempDir
    Path temp;

    /** The migration file splits into as many statements as the diff wrote (bodies with semicolons stay whole). */
    private static void assertFileSplitsLikeTheStatements(SchemaDiff diff, Dialect dialect) {
        String file = diff.toMigration();
        int down = file.indexOf(MigrationScript.DOWN_MARKER);
        List<SqlStatement> up = new io.backendkit.schema.internal.migrate.SqlSplitter(dialect)
                .split(file.substring(MigrationScript.UP_MARKER.length(), down), 1);
        List<SqlStatement> back = new io.backendkit.schema.internal.migrate.SqlSplitter(dialect)
                .split(file.substring(down + MigrationScript.DOWN_MARKER.length()), 1);
        assertThat(up).as(file).hasSameSizeAs(diff.upStatements());
        assertThat(back).as(file).hasSameSizeAs(diff.downStatements());
    }

    private static void run(TestDatabase db, List<String> statements) throws Exception {
        for (String s : statements) {
            db.execute(s);
        }
    }

    @Test
    void postgresTriggersAndFunctionsAreCreatedReplacedAndDroppedBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE \"odd \"\"t\"\"\" (id INT PRIMARY KEY, n INT)");
            db.execute("CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN NEW.n := NEW.n + 1; RETURN NEW; END $$");
            db.execute("CREATE FUNCTION gone(a integer) RETURNS integer LANGUAGE sql AS 'SELECT a + 1'");
            db.execute("CREATE TRIGGER \"odd trg\" BEFORE UPDATE ON \"odd \"\"t\"\"\" FOR EACH ROW EXECUTE FUNCTION"
                    + " bump()");
            db.execute("INSERT INTO \"odd \"\"t\"\"\" VALUES (1, 1)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target =
                    TargetSchema.fromSql(db.dataSource, ("""
                            CREATE TABLE @T (id INT PRIMARY KEY, n INT);
                            CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS
                                $$ BEGIN NEW.n := NEW.n + 10; RETURN NEW; END $$;
                            CREATE FUNCTION "new fn"() RETURNS integer LANGUAGE sql AS 'SELECT 1';
                            CREATE TRIGGER "odd trg" BEFORE INSERT OR UPDATE ON @T FOR EACH ROW EXECUTE FUNCTION bump();
                            CREATE TRIGGER second AFTER DELETE ON @T FOR EACH ROW EXECUTE FUNCTION bump();
                            """).replace("@T", "\"odd \"\"t\"\"\""), "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements())
                    .contains("DROP TRIGGER \"odd trg\" ON \"odd \"\"t\"\"\"", "DROP FUNCTION \"gone\"(a integer)");
            assertFileSplitsLikeTheStatements(diff, Dialect.POSTGRESQL);

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            db.execute("UPDATE \"odd \"\"t\"\"\" SET n = 0");
            assertThat(db.column("SELECT n FROM \"odd \"\"t\"\"\"")).containsExactly("10");

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
        }
    }

    @Test
    void mariadbTriggersAreCreatedReplacedAndDroppedBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE `odd t` (id INT PRIMARY KEY, n INT)");
            db.execute("CREATE TRIGGER `odd trg` BEFORE UPDATE ON `odd t` FOR EACH ROW SET NEW.n = NEW.n + 1");
            db.execute("CREATE TRIGGER gone BEFORE INSERT ON `odd t` FOR EACH ROW SET NEW.n = 7");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, """
                    CREATE TABLE `odd t` (id INT PRIMARY KEY, n INT);
                    CREATE TRIGGER `odd trg` BEFORE UPDATE ON `odd t` FOR EACH ROW SET NEW.n = NEW.n + 10;
                    DELIMITER //
                    CREATE TRIGGER later AFTER DELETE ON `odd t` FOR EACH ROW BEGIN
                      SET @deleted = OLD.id;
                      SET @count = COALESCE(@count, 0) + 1;
                    END//
                    DELIMITER ;
                    """, "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements()).contains("DROP TRIGGER `odd trg`", "DROP TRIGGER `gone`");
            assertThat(diff.upStatements()).noneMatch(s -> s.contains(db.name));
            assertFileSplitsLikeTheStatements(diff, Dialect.MYSQL);

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
        }
    }

    @Test
    void mariadbRoutinesAreCreatedChangedAndDroppedBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
            db.execute("CREATE FUNCTION `odd fn`(a INT) RETURNS INT DETERMINISTIC RETURN a + 1");
            db.execute("CREATE PROCEDURE gone() SELECT 1");
            db.execute("INSERT INTO t VALUES (1, 5)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, """
                    CREATE TABLE t (id INT PRIMARY KEY, n INT);
                    CREATE FUNCTION `odd fn`(a INT) RETURNS INT DETERMINISTIC RETURN a + 2;
                    DELIMITER //
                    CREATE PROCEDURE `count t`(IN lower_bound INT, OUT how_many INT)
                        READS SQL DATA SQL SECURITY INVOKER COMMENT 'counts t''s rows'
                    BEGIN
                      IF lower_bound IS NULL THEN
                        SET lower_bound = 0;
                      END IF;
                      SELECT COUNT(*) INTO how_many FROM t WHERE n >= lower_bound;
                    END//
                    DELIMITER ;
                    """, "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements())
                    .contains("DROP FUNCTION `odd fn`", "DROP PROCEDURE `gone`")
                    .anyMatch(s -> s.startsWith("CREATE PROCEDURE `count t`(IN `lower_bound` int(11), OUT `how_many`"
                            + " int(11)) READS SQL DATA SQL SECURITY INVOKER COMMENT 'counts t''s rows'"));
            assertFileSplitsLikeTheStatements(diff, Dialect.MYSQL);

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            assertThat(db.column("SELECT `odd fn`(1)")).containsExactly("3");

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.column("SELECT `odd fn`(1)")).containsExactly("2");
        }
    }
}
