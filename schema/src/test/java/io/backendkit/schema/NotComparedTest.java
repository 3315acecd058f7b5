package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A comparison never says equal while objects outside the model (triggers, ON UPDATE, functions...) differ. */
class NotComparedTest {

    @TempDir
    Path temp;

    @Test
    void mariadbTriggerOnlyAndOnUpdateOnlyDifferencesAreReported() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT,"
                    + " updated DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)");
            Catalog original = Schema.connect(db.dataSource).read();
            assertThat(SchemaDiff.between(
                                    original, Schema.connect(db.dataSource).read())
                            .isEmpty())
                    .as("a second read compares equal")
                    .isTrue();

            db.execute("CREATE TRIGGER t_bump BEFORE UPDATE ON t FOR EACH ROW SET NEW.n = NEW.n + 1");
            SchemaDiff trigger =
                    SchemaDiff.between(original, Schema.connect(db.dataSource).read());
            // triggers are migrated now: the difference is a step that creates it
            assertThat(trigger.notCompared()).isEmpty();
            assertThat(trigger.isEmpty()).isFalse();
            assertThat(trigger.toText()).doesNotContain("no differences").contains("create trigger t.t_bump");

            db.execute("DROP TRIGGER t_bump");
            db.execute("ALTER TABLE t MODIFY updated DATETIME DEFAULT CURRENT_TIMESTAMP");
            SchemaDiff onUpdate =
                    SchemaDiff.between(original, Schema.connect(db.dataSource).read());
            // ON UPDATE is part of the model now: the difference is a MODIFY that carries it back
            assertThat(onUpdate.notCompared()).isEmpty();
            assertThat(onUpdate.isEmpty()).isFalse();
            assertThat(onUpdate.changes())
                    .extracting(SchemaChange::describe)
                    .singleElement()
                    .asString()
                    .startsWith("alter column t.updated");
            assertThat(onUpdate.downStatements()).singleElement().asString().contains("ON UPDATE current_timestamp()");
        }
    }

    @Test
    void postgresSequenceDifferencesAreReportedWhileTriggerFunctionAndEnumAreMigrated() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
            Catalog original = Schema.connect(db.dataSource).read();
            db.execute("CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS"
                    + " $$ BEGIN NEW.n := NEW.n + 1; RETURN NEW; END $$");
            db.execute("CREATE TRIGGER t_bump BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION bump()");
            db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
            db.execute("CREATE SEQUENCE tickets");
            SchemaDiff diff =
                    SchemaDiff.between(original, Schema.connect(db.dataSource).read());
            // the trigger, its function and the enum type are migrated now (steps); the sequence is reported
            assertThat(diff.changes())
                    .extracting(SchemaChange::describe)
                    .containsExactly(
                            "create enum type mood", "create or replace function bump()", "create trigger t.t_bump");
            assertThat(diff.isEmpty()).isFalse();
            assertThat(diff.toText())
                    .doesNotContain("enum type differs")
                    .contains("not compared: 1 sequence differs (tickets: only in target)");
            assertThat(SchemaDiff.between(
                                    Schema.connect(db.dataSource).read(),
                                    Schema.connect(db.dataSource).read())
                            .isEmpty())
                    .isTrue();
        }
    }

    @Test
    void sakilaFileAndItsLiveCopyCompareEqualOutsideTheModelToo() throws Exception {
        String dir = System.getenv("BACKENDKIT_DB_SAMPLES_DIR");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null && !dir.isBlank(), "BACKENDKIT_DB_SAMPLES_DIR unset");
        Path file = Path.of(dir, "sakila-mysql-schema.sql");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(file), file + " does not exist");
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            // the same file read twice, each time in its own scratch database: equal, triggers and routines included
            Catalog a = TargetSchema.fromSqlFile(db.dataSource, file);
            Catalog b = TargetSchema.fromSqlFile(db.dataSource, file);
            assertThat(a.unmodelled().keySet()).anyMatch(k -> k.startsWith("trigger "));
            assertThat(a.unmodelled().keySet()).anyMatch(k -> k.startsWith("routine "));
            assertThat(SchemaDiff.between(a, b).toText()).isEqualTo("no differences\n");
        }
    }
}
