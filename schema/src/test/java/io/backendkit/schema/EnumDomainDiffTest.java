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
 * PostgreSQL enum types and domains are read into the catalog, compared, and migrated: up makes the live catalog
 * equal the target, down the original; what PostgreSQL cannot do (drop an enum label) is reported, never equal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EnumDomainDiffTest {

    @TempDir
    Path temp;

    private static final String ODD_TYPE = "\"odd \"\"mood\"\" type\"";
    private static final String ODD_DOMAIN = "\"odd \"\"pos\"\" dom\"";

    private static void run(TestDatabase db, List<String> statements) throws Exception {
        for (String s : statements) {
            db.execute(s);
        }
    }

    /** Runs up and checks the live catalog equals the target, runs down and checks it equals the original. */
    private static SchemaDiff roundTrip(TestDatabase db, Catalog original, Catalog target) throws Exception {
        SchemaDiff diff = SchemaDiff.between(original, target);
        assertThat(diff.isEmpty()).isFalse();
        run(db, diff.upStatements());
        SchemaDiff afterUp = SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
        assertThat(afterUp.isEmpty())
                .as(diff.toMigration() + "\n" + afterUp.toText())
                .isTrue();
        run(db, diff.downStatements());
        SchemaDiff afterDown = SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
        assertThat(afterDown.isEmpty())
                .as(diff.toMigration() + "\n" + afterDown.toText())
                .isTrue();
        return diff;
    }

    @Test
    void newEnumTypeUsedByNewColumnIsCreatedFirstAndDroppedLast() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            db.execute("INSERT INTO t VALUES (1)");
            Catalog original = Schema.connect(db.dataSource).read();
            assertThat(original.enumTypes()).isEmpty();
            Catalog target = TargetSchema.fromSql(db.dataSource, ("""
                    CREATE TYPE @E AS ENUM ('it''s', 'b c', 'plain');
                    CREATE TABLE t (id INT PRIMARY KEY, m @E DEFAULT 'plain');
                    """).replace("@E", ODD_TYPE), "target.sql");
            assertThat(target.enumTypes()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("odd \"mood\" type");
                assertThat(e.labels()).containsExactly("it's", "b c", "plain");
            });
            SchemaDiff diff = roundTrip(db, original, target);
            assertThat(diff.upStatements().get(0))
                    .isEqualTo("CREATE TYPE " + ODD_TYPE + " AS ENUM ('it''s', 'b c', 'plain')");
            assertThat(diff.downStatements()).last().isEqualTo("DROP TYPE " + ODD_TYPE);
            assertThat(db.column("SELECT id FROM t")).containsExactly("1");
        }
    }

    @Test
    void labelsAddedAtTheEndAndInTheMiddleAreAddedWithAlterTypeAndReportedOnTheWayBack() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TYPE " + ODD_TYPE + " AS ENUM ('sad', 'happy')");
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, m " + ODD_TYPE + ")");
            db.execute("INSERT INTO t VALUES (1, 'happy')");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, ("""
                    CREATE TYPE @E AS ENUM ('first', 'sad', 'o''k', 'happy', 'last');
                    CREATE TABLE t (id INT PRIMARY KEY, m @E);
                    """).replace("@E", ODD_TYPE), "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements())
                    .containsExactly(
                            "ALTER TYPE " + ODD_TYPE + " ADD VALUE 'first' BEFORE 'sad'",
                            "ALTER TYPE " + ODD_TYPE + " ADD VALUE 'o''k' AFTER 'sad'",
                            "ALTER TYPE " + ODD_TYPE + " ADD VALUE 'last'");
            assertThat(diff.toMigration()).contains("-- ENUM LABEL ADDED");
            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            assertThat(db.column("SELECT m::text FROM t")).containsExactly("happy");

            // back: PostgreSQL cannot drop a label, so the way down carries no step and says so, never "equal"
            assertThat(diff.downStatements()).isEmpty();
            SchemaDiff back = SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(back.isEmpty()).isFalse();
            assertThat(back.notCompared())
                    .singleElement()
                    .asString()
                    .contains("enum type")
                    .contains("odd \"mood\" type: labels removed or reordered");
            assertThat(diff.toMigration()).contains("-- NOT MIGRATED: not compared: 1 enum type differs");
        }
    }

    @Test
    void reorderedLabelsAreReportedNotEqual() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TYPE mood AS ENUM ('sad', 'happy')");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, "CREATE TYPE mood AS ENUM ('happy', 'sad');", "t.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.isEmpty()).isFalse();
            assertThat(diff.changes()).isEmpty();
            assertThat(diff.toText()).contains("mood: labels removed or reordered (sad, happy -> happy, sad)");
        }
    }

    @Test
    void newDomainUsedByNewColumnIsCreatedAndDropped() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource, ("""
                    CREATE DOMAIN @D AS numeric(10,2) DEFAULT 1 NOT NULL CONSTRAINT @C CHECK (VALUE > 0);
                    CREATE TABLE t (id INT PRIMARY KEY, price @D);
                    """).replace("@D", ODD_DOMAIN).replace("@C", "\"pos \"\"x\"\"\""), "target.sql");
            assertThat(target.domains()).singleElement().satisfies(d -> {
                assertThat(d.name()).isEqualTo("odd \"pos\" dom");
                assertThat(d.baseType()).isEqualTo("numeric(10,2)");
                assertThat(d.defaultValue()).isEqualTo("1");
                assertThat(d.notNull()).isTrue();
                assertThat(d.checks()).containsExactly(new CheckConstraint("pos \"x\"", "((VALUE > (0)::numeric))"));
            });
            SchemaDiff diff = roundTrip(db, original, target);
            assertThat(diff.upStatements().get(0))
                    .isEqualTo("CREATE DOMAIN " + ODD_DOMAIN + " AS numeric(10,2) DEFAULT 1 NOT NULL CONSTRAINT"
                            + " \"pos \"\"x\"\"\" CHECK ((VALUE > (0)::numeric))");
            assertThat(diff.downStatements()).last().isEqualTo("DROP DOMAIN " + ODD_DOMAIN);
        }
    }

    @Test
    void changedDomainCheckDefaultAndNotNullAreAlteredBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE DOMAIN " + ODD_DOMAIN + " AS integer CHECK (VALUE > 0)");
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, n " + ODD_DOMAIN + ")");
            db.execute("INSERT INTO t VALUES (1, 5)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(db.dataSource, ("""
                    CREATE DOMAIN @D AS integer DEFAULT 3 NOT NULL CHECK (VALUE > 2) CHECK (VALUE < 100);
                    CREATE TABLE t (id INT PRIMARY KEY, n @D);
                    """).replace("@D", ODD_DOMAIN), "target.sql");
            SchemaDiff diff = roundTrip(db, original, target);
            assertThat(diff.notCompared()).isEmpty();
            assertThat(diff.changes())
                    .extracting(SchemaChange::describe)
                    .contains(
                            "drop check odd \"pos\" dom_check from domain odd \"pos\" dom",
                            "set default of domain odd \"pos\" dom",
                            "set not null on domain odd \"pos\" dom");
            assertThat(db.column("SELECT n FROM t")).containsExactly("5");
        }
    }

    @Test
    void domainsAndEnumsReadFromAFileEqualTheLiveRead() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            String sql = ("""
                    CREATE TYPE @E AS ENUM ('it''s', 'b');
                    CREATE DOMAIN @D AS integer DEFAULT 3 NOT NULL CHECK (VALUE > 2);
                    CREATE DOMAIN "odd text" AS character varying(10) DEFAULT 'a';
                    CREATE TABLE t (id INT PRIMARY KEY, n @D, m @E);
                    """).replace("@E", ODD_TYPE).replace("@D", ODD_DOMAIN);
            for (String s : sql.split(";\n")) {
                if (!s.isBlank()) {
                    db.execute(s);
                }
            }
            Catalog live = Schema.connect(db.dataSource).read();
            Catalog file =
                    SqlFileSchema.read("t.sql", sql, Dialect.POSTGRESQL, true).catalog();
            assertThat(file.enumTypes())
                    .extracting(EnumType::labels)
                    .containsExactlyElementsOf(
                            live.enumTypes().stream().map(EnumType::labels).toList());
            assertThat(file.domains().stream()
                            .map(d -> List.of(
                                    d.name(),
                                    d.baseType(),
                                    String.valueOf(d.defaultValue()),
                                    String.valueOf(d.notNull()),
                                    d.checks().toString()))
                            .toList())
                    .isEqualTo(live.domains().stream()
                            .map(d -> List.of(
                                    d.name(),
                                    d.baseType(),
                                    String.valueOf(d.defaultValue()),
                                    String.valueOf(d.notNull()),
                                    d.checks().toString()))
                            .toList());
            SchemaDiff diff = SchemaDiff.between(live, file);
            assertThat(diff.changes()).as(diff.toText()).isEmpty();
        }
    }

    @Test
    void alterTypeAndAlterDomainInAFileReadAsTheServerAppliesThem() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            String sql = ("""
                    CREATE TYPE @E AS ENUM ('b', 'd');
                    ALTER TYPE @E ADD VALUE 'a' BEFORE 'b';
                    ALTER TYPE @E ADD VALUE 'c' AFTER 'b';
                    ALTER TYPE @E ADD VALUE IF NOT EXISTS 'd';
                    ALTER TYPE @E ADD VALUE 'e';
                    CREATE DOMAIN @D AS character varying(10) CHECK (VALUE > 'a');
                    ALTER DOMAIN @D SET DEFAULT 'x';
                    ALTER DOMAIN @D SET NOT NULL;
                    ALTER DOMAIN @D DROP CONSTRAINT @C;
                    ALTER DOMAIN @D ADD CONSTRAINT short CHECK (length(VALUE) < 5);
                    CREATE TABLE t (id INT PRIMARY KEY, m @E, n @D);
                    """)
                    .replace("@E", ODD_TYPE)
                    .replace("@D", ODD_DOMAIN)
                    .replace("@C", "\"odd \"\"pos\"\" dom_check\"");
            for (String st : sql.split(";\n")) {
                if (!st.isBlank()) {
                    db.execute(st);
                }
            }
            Catalog live = Schema.connect(db.dataSource).read();
            SqlFileSchema file = SqlFileSchema.read("t.sql", sql, Dialect.POSTGRESQL, true);
            assertThat(file.catalog().enumTypes())
                    .singleElement()
                    .extracting(EnumType::labels)
                    .isEqualTo(List.of("a", "b", "c", "d", "e"));
            assertThat(live.enumTypes())
                    .singleElement()
                    .extracting(EnumType::labels)
                    .isEqualTo(List.of("a", "b", "c", "d", "e"));
            io.backendkit.schema.Domain d = file.catalog().domains().get(0);
            io.backendkit.schema.Domain l = live.domains().get(0);
            assertThat(List.of(
                            d.name(),
                            d.baseType(),
                            d.defaultValue(),
                            d.notNull(),
                            d.checks().size()))
                    .isEqualTo(List.of(
                            l.name(),
                            l.baseType(),
                            l.defaultValue(),
                            l.notNull(),
                            l.checks().size()));
            assertThat(d.checks()).extracting(CheckConstraint::name).containsExactly("short");
        }
    }
}
