package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differences the diff now migrates: changes on a partitioned parent (once, on the parent), table and column comments,
 * MySQL column attributes kept by {@code MODIFY}, enum labels added and domain checks; and objects or changes it does
 * not migrate (a sequence, an enum label removed, a domain's base type) each make the comparison unequal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelledDiffTest {

    @TempDir
    Path temp;

    private static void run(TestDatabase db, List<String> statements) throws Exception {
        for (String s : statements) {
            db.execute(s);
        }
    }

    private static final String PARTITIONED = """
            CREATE TABLE pay (id INT NOT NULL, paid DATE NOT NULL, amount NUMERIC(5,2), PRIMARY KEY (id, paid))
                PARTITION BY RANGE (paid);
            CREATE TABLE pay_2022 PARTITION OF pay FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
            CREATE TABLE pay_2023 PARTITION OF pay FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
            CREATE TABLE note (id INT PRIMARY KEY, body VARCHAR(20));
            """;

    @Test
    void aColumnIndexAndCheckAddedToAPartitionedParentAreOneStepEachOnTheParent() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            for (String s : PARTITIONED.split(";\n")) {
                if (!s.isBlank()) {
                    db.execute(s);
                }
            }
            db.execute("INSERT INTO pay VALUES (1, '2022-03-01', 9.99), (2, '2023-05-01', 1.50)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    PARTITIONED
                            + "ALTER TABLE pay ADD COLUMN memo TEXT DEFAULT 'none' NOT NULL;\n"
                            + "ALTER TABLE pay ALTER COLUMN amount TYPE NUMERIC(7,2);\n"
                            + "CREATE INDEX pay_memo_idx ON pay (memo);\n"
                            + "ALTER TABLE pay ADD CONSTRAINT pay_amount_positive CHECK (amount > 0);\n"
                            + "COMMENT ON TABLE note IS 'a note''s table';\n"
                            + "COMMENT ON COLUMN note.body IS 'what it says';\n",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.changes())
                    .as(diff.toText())
                    .extracting(SchemaChange::table)
                    .containsOnly("pay", "note");
            assertThat(diff.upStatements())
                    .filteredOn(s -> s.contains("ADD COLUMN"))
                    .singleElement()
                    .asString()
                    .startsWith("ALTER TABLE \"pay\" ADD COLUMN \"memo\"");
            assertThat(diff.upStatements()).anyMatch(s -> s.contains("USING \"amount\"::numeric(7,2)"));
            assertThat(diff.upStatements()).contains("COMMENT ON COLUMN \"note\".\"body\" IS 'what it says'");

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM pay WHERE memo = 'none'")).isEqualTo(2);

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM pay")).isEqualTo(2);
        }
    }

    @Test
    void mariadbModifyKeepsOnUpdateCharsetCollationAutoIncrementAndComment() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            String before = "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY COMMENT 'the key',"
                    + " name VARCHAR(20) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL COMMENT 'who',"
                    + " n INT COMMENT 'how many',"
                    + " updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP) COMMENT 'tee'";
            db.execute(before);
            db.execute("INSERT INTO t (name, n) VALUES ('ann', 1)");
            Catalog original = Schema.connect(db.dataSource).read();
            // the target widens the columns (a MODIFY each), drops a comment and an ON UPDATE, changes the table
            // comment
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "CREATE TABLE t (id BIGINT AUTO_INCREMENT PRIMARY KEY COMMENT 'the key',"
                            + " name VARCHAR(40) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL COMMENT 'who',"
                            + " n BIGINT,"
                            + " updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,"
                            + " touched DATETIME NULL ON UPDATE CURRENT_TIMESTAMP COMMENT 'new') COMMENT 'tea'",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements())
                    .anyMatch(s -> s.contains("MODIFY COLUMN `name` varchar(40) CHARACTER SET latin1 COLLATE latin1_bin"
                            + " NOT NULL COMMENT 'who'"))
                    .anyMatch(
                            s -> s.contains("MODIFY COLUMN `id` bigint(20) AUTO_INCREMENT NOT NULL COMMENT 'the key'"));

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.column("SELECT name FROM t")).containsExactly("ann");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "trigger",
                "function",
                "sequence",
                "enum label added",
                "enum label removed",
                "domain check",
                "domain base type"
            })
    void postgresSchemasDifferingInOneUnmodelledObjectAreNotEqual(String kind) throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
            db.execute("CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
            db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
            db.execute("CREATE DOMAIN pos AS integer CHECK (VALUE > 0)");
            Catalog original = Schema.connect(db.dataSource).read();
            switch (kind) {
                case "trigger" ->
                    db.execute("CREATE TRIGGER t_keep BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION keep()");
                case "function" ->
                    db.execute("CREATE OR REPLACE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$ BEGIN NEW.n := 0; RETURN NEW; END $$");
                case "enum label added" -> db.execute("ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad'");
                case "enum label removed" -> {
                    db.execute("DROP TYPE mood");
                    db.execute("CREATE TYPE mood AS ENUM ('sad')");
                }
                case "domain check" -> {
                    db.execute("ALTER DOMAIN pos DROP CONSTRAINT pos_check");
                    db.execute("ALTER DOMAIN pos ADD CONSTRAINT pos_check CHECK (VALUE > 1)");
                }
                case "domain base type" -> {
                    db.execute("DROP DOMAIN pos");
                    db.execute("CREATE DOMAIN pos AS bigint CHECK (VALUE > 0)");
                }
                default -> db.execute("CREATE SEQUENCE tickets START 5");
            }
            SchemaDiff diff =
                    SchemaDiff.between(original, Schema.connect(db.dataSource).read());
            assertThat(diff.isEmpty()).isFalse();
            // triggers, functions, added enum labels and domain checks are migrated as statements; a sequence, a
            // removed enum label and a domain's base type are reported
            String expected = switch (kind) {
                case "trigger" -> "create trigger t.t_keep";
                case "function" -> "create or replace function keep()";
                case "enum label added" -> "add label ok to enum type mood";
                case "enum label removed" ->
                    "not compared: 1 enum type differs (mood: labels removed or reordered (sad, happy -> sad)";
                case "domain check" -> "drop check pos_check from domain pos\nadd check pos_check to domain pos";
                case "domain base type" -> "not compared: 1 domain differs (pos: base type differs (integer -> bigint)";
                default -> "not compared: 1 sequence differs";
            };
            assertThat(diff.toText()).doesNotContain("no differences").contains(expected);
        }
    }
}
