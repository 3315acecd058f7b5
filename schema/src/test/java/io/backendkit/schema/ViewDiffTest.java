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
 * Views are compared and migrated: created, dropped, replaced when their definition changes, and dropped before and
 * recreated after a change of a column they read (a type change or a drop), together with the views that read them.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ViewDiffTest {

    @TempDir
    Path temp;

    private static void run(TestDatabase db, String script) throws Exception {
        for (String s : script.split(";\n")) {
            if (!s.isBlank()) {
                db.execute(s);
            }
        }
    }

    private static void run(TestDatabase db, List<String> statements) throws Exception {
        for (String s : statements) {
            db.execute(s);
        }
    }

    private static final String PG_BEFORE = """
            CREATE TABLE t (id INT PRIMARY KEY, amount NUMERIC(5,2), note TEXT, old_flag INT);
            CREATE TABLE other (id INT PRIMARY KEY, label TEXT);
            CREATE VIEW "v amounts" AS SELECT id, amount, old_flag FROM t;
            CREATE VIEW v_ids AS SELECT id FROM "v amounts";
            CREATE VIEW v_notes AS SELECT id, note FROM t;
            CREATE VIEW v_other AS SELECT id, label FROM other;
            CREATE MATERIALIZED VIEW m_amounts AS SELECT id, amount FROM t;
            CREATE VIEW v_gone AS SELECT label FROM other;
            """;

    private static final String PG_AFTER = """
            CREATE TABLE t (id INT PRIMARY KEY, amount NUMERIC(9,2), note TEXT);
            CREATE TABLE other (id INT PRIMARY KEY, label TEXT);
            CREATE VIEW "v amounts" AS SELECT id, amount FROM t;
            CREATE VIEW v_ids AS SELECT id FROM "v amounts";
            CREATE VIEW v_notes AS SELECT id, note FROM t;
            CREATE VIEW v_other AS SELECT id, upper(label) AS label FROM other;
            CREATE MATERIALIZED VIEW m_amounts AS SELECT id, amount FROM t;
            CREATE VIEW v_new AS SELECT id FROM other;
            """;

    @Test
    void postgresViewsReadingAChangedColumnAreDroppedBeforeAndRecreatedAfterInBothDirections() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            run(db, PG_BEFORE);
            db.execute("INSERT INTO t VALUES (1, 9.99, 'a', 0), (2, 1.50, 'b', 1)");
            db.execute("INSERT INTO other VALUES (1, 'x')");
            Catalog original = Schema.connect(db.dataSource).read();
            assertThat(original.views())
                    .filteredOn(v -> v.name().equals("v_ids"))
                    .singleElement()
                    .extracting(View::dependsOn)
                    .isEqualTo(List.of(new View.Dependency("v amounts", "id")));
            Catalog target = TargetSchema.fromSql(db.dataSource, PG_AFTER, "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            List<String> up = diff.upStatements();
            // v_ids reads "v amounts", which reads the changed columns: dropped first, created last
            assertThat(up.subList(0, 5))
                    .containsExactlyInAnyOrder(
                            "DROP VIEW \"v_ids\"",
                            "DROP VIEW \"v_other\"",
                            "DROP VIEW \"v_gone\"",
                            "DROP MATERIALIZED VIEW \"m_amounts\"",
                            "DROP VIEW \"v amounts\"");
            assertThat(up.indexOf("DROP VIEW \"v_ids\"")).isLessThan(up.indexOf("DROP VIEW \"v amounts\""));
            assertThat(up).noneMatch(s -> s.contains("v_notes"));
            assertThat(up).contains("CREATE VIEW \"v_new\" AS SELECT other.id\n   FROM other");
            assertThat(up.indexOf(up.stream()
                            .filter(s -> s.startsWith("CREATE VIEW \"v amounts\""))
                            .findFirst()
                            .orElseThrow()))
                    .isLessThan(up.indexOf(up.stream()
                            .filter(s -> s.startsWith("CREATE VIEW \"v_ids\""))
                            .findFirst()
                            .orElseThrow()));

            run(db, up);
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM m_amounts")).isEqualTo(2);

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM v_ids")).isEqualTo(2);
        }
    }

    @Test
    void mariadbViewsNamingAChangedTableAreRecreatedAndChangedViewsReplaced() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            String before = """
                    CREATE TABLE t (id INT PRIMARY KEY, amount DECIMAL(5,2), old_flag INT);
                    CREATE TABLE other (id INT PRIMARY KEY, label VARCHAR(20));
                    CREATE VIEW v_amounts AS SELECT id, amount, old_flag FROM t;
                    CREATE VIEW v_ids AS SELECT id FROM v_amounts;
                    CREATE VIEW v_other AS SELECT id, label FROM other;
                    """;
            run(db, before);
            db.execute("INSERT INTO t VALUES (1, 9.99, 0)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, """
                    CREATE TABLE t (id INT PRIMARY KEY, amount DECIMAL(9,2));
                    CREATE TABLE other (id INT PRIMARY KEY, label VARCHAR(20));
                    CREATE VIEW v_amounts AS SELECT id, amount FROM t;
                    CREATE VIEW v_ids AS SELECT id FROM v_amounts;
                    CREATE VIEW v_other AS SELECT id, label FROM other;
                    """, "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            List<String> up = diff.upStatements();
            assertThat(up.subList(0, 2)).containsExactly("DROP VIEW `v_ids`", "DROP VIEW `v_amounts`");
            assertThat(up).noneMatch(s -> s.contains("v_other"));
            assertThat(up.get(up.size() - 1)).startsWith("CREATE VIEW `v_ids` AS");
            assertThat(up).noneMatch(s -> s.contains(db.name));

            run(db, up);
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM v_ids")).isEqualTo(1);
        }
    }

    @Test
    void viewsDifferingOnlyInTheirOptionsAreReplacedAndComeBackWithThem() throws Exception {
        for (Target dialect : List.of(Target.POSTGRESQL, Target.MARIADB)) {
            try (TestDatabase db = TestDatabase.open(dialect, temp)) {
                db.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
                db.execute("CREATE VIEW big AS SELECT id, n FROM t WHERE n > 10");
                db.execute("CREATE VIEW plain AS SELECT id FROM t");
                Catalog original = Schema.connect(db.dataSource).read();
                String options = dialect == Target.POSTGRESQL
                        ? "CREATE VIEW big WITH (security_barrier = true) AS SELECT id, n FROM t WHERE n > 10"
                                + " WITH LOCAL CHECK OPTION"
                        : "CREATE SQL SECURITY INVOKER VIEW big AS SELECT id, n FROM t WHERE n > 10"
                                + " WITH LOCAL CHECK OPTION";
                Catalog target = TargetSchema.fromSql(
                        db.dataSource,
                        "CREATE TABLE t (id INT PRIMARY KEY, n INT);\n" + options + ";\n"
                                + "CREATE VIEW plain AS SELECT id FROM t;\n",
                        "target.sql");
                SchemaDiff diff = SchemaDiff.between(original, target);
                assertThat(diff.isEmpty()).as(dialect + ": options differ").isFalse();
                // the offline reader lists the options as the live reader does
                assertThat(SqlFileSchema.read(
                                        "target.sql",
                                        options + ";\n",
                                        dialect == Target.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.MYSQL,
                                        false)
                                .catalog()
                                .unmodelled()
                                .get("view options big"))
                        .isNotNull()
                        .isEqualTo(target.unmodelled().get("view options big"));
                assertThat(diff.changes())
                        .as(diff.toText())
                        .extracting(SchemaChange::describe)
                        .containsExactly("drop view big", "create view big");

                run(db, diff.upStatements());
                SchemaDiff afterUp =
                        SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
                assertThat(afterUp.isEmpty())
                        .as(dialect + " after up: " + afterUp.toText())
                        .isTrue();
                // the check option is there: a row the view would not show is refused
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.execute("INSERT INTO big VALUES (1, 5)"))
                        .isInstanceOf(java.sql.SQLException.class);

                run(db, diff.downStatements());
                SchemaDiff afterDown =
                        SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
                assertThat(afterDown.isEmpty())
                        .as(dialect + " after down: " + afterDown.toText())
                        .isTrue();
                db.execute("INSERT INTO big VALUES (1, 5)");
            }
        }
    }

    @Test
    void aTriggerOnARecreatedViewComesBackWithIt() throws Exception {
        String fn = "CREATE FUNCTION into_t() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN INSERT INTO t VALUES (NEW.id, NEW.amount); RETURN NEW; END $$";
        String trigger = "CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION into_t()";
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, amount NUMERIC(5,2))");
            db.execute("CREATE VIEW v AS SELECT id, amount FROM t");
            db.execute(fn);
            db.execute(trigger);
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "CREATE TABLE t (id INT PRIMARY KEY, amount NUMERIC(9,2));\n"
                            + "CREATE VIEW v AS SELECT id, amount FROM t;\n" + fn + ";\n" + trigger + ";\n",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.changes())
                    .as(diff.toText())
                    .extracting(SchemaChange::describe)
                    .containsExactly(
                            "drop trigger v.v_insert",
                            "drop view v",
                            "alter column t.amount (numeric(5,2) -> numeric(9,2))",
                            "create view v",
                            "create trigger v.v_insert");

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            db.execute("INSERT INTO v VALUES (1, 1234.5)");
            assertThat(db.count("SELECT COUNT(*) FROM t")).isEqualTo(1);
            db.execute("DELETE FROM t");

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
        }
    }
}
