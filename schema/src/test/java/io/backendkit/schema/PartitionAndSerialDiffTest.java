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
 * What the Pagila round trip found: a new partition was created as a plain table (with its own serial sequence), and
 * the sequence of a new serial column was reported as a difference the migration does not carry.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PartitionAndSerialDiffTest {

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

    private static final String BEFORE = """
            CREATE TABLE pay (id SERIAL, paid DATE NOT NULL, amount NUMERIC(5,2),
                CONSTRAINT pay_amount_positive CHECK (amount > 0)) PARTITION BY RANGE (paid);
            CREATE TABLE pay_2022 PARTITION OF pay (CONSTRAINT pay_2022_pkey PRIMARY KEY (id))
                FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');
            CREATE TABLE pay_rest PARTITION OF pay DEFAULT;
            """;

    @Test
    void newPartitionsAndANewPartitionedTableAreCreatedAsPartitionsBothWays() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            run(db, BEFORE);
            db.execute("INSERT INTO pay (paid, amount) VALUES ('2022-03-01', 9.99), ('2024-05-01', 1.50)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    BEFORE
                            + "CREATE TABLE pay_1990 PARTITION OF pay (CONSTRAINT pay_1990_pkey PRIMARY KEY (id))"
                            + " FOR VALUES FROM ('1990-01-01') TO ('1991-01-01');\n"
                            + "CREATE TABLE \"log \"\"x\"\"\" (at DATE NOT NULL, line TEXT) PARTITION BY LIST (at);\n"
                            + "CREATE TABLE log_one PARTITION OF \"log \"\"x\"\"\" FOR VALUES IN ('2020-01-01');\n",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(diff.upStatements())
                    .contains("CREATE TABLE \"pay_1990\" PARTITION OF \"pay\" (\n"
                            + "  CONSTRAINT \"pay_1990_pkey\" PRIMARY KEY (\"id\")\n"
                            + ") FOR VALUES FROM ('1990-01-01') TO ('1991-01-01')")
                    .anyMatch(s ->
                            s.startsWith("CREATE TABLE \"log \"\"x\"\"\" (") && s.endsWith(") PARTITION BY LIST (at)"))
                    .contains("CREATE TABLE \"log_one\" PARTITION OF \"log \"\"x\"\"\" FOR VALUES IN ('2020-01-01')");
            // the parent's check is the partition's by inheritance: not written again
            assertThat(diff.upStatements()).noneMatch(s -> s.contains("pay_1990") && s.contains("CHECK"));

            run(db, diff.upStatements());
            Catalog afterUp = Schema.connect(db.dataSource).read();
            assertThat(SchemaDiff.between(afterUp, target).isEmpty())
                    .as(SchemaDiff.between(afterUp, target).toText())
                    .isTrue();
            assertThat(afterUp.table("pay_1990").orElseThrow().partitionOf().name())
                    .isEqualTo("pay");
            assertThat(db.count("SELECT COUNT(*) FROM pay")).isEqualTo(2);

            run(db, diff.downStatements());
            SchemaDiff afterDown =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), original);
            assertThat(afterDown.isEmpty()).as(afterDown.toText()).isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM pay")).isEqualTo(2);
        }
    }

    @Test
    void aPartitionBoundThatDiffersIsReportedNotEqual() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            run(db, BEFORE);
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource, BEFORE.replace("TO ('2023-01-01')", "TO ('2024-01-01')"), "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(diff.isEmpty()).isFalse();
            assertThat(diff.notCompared())
                    .singleElement()
                    .asString()
                    .startsWith("not compared: 1 partition bound differs (pay_2022: definition differs)");
        }
    }

    @Test
    void theSequenceOfANewSerialColumnGoesWithTheColumn() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            Catalog original = Schema.connect(db.dataSource).read();
            Catalog target = TargetSchema.fromSql(
                    db.dataSource,
                    "CREATE TABLE t (id INT PRIMARY KEY, ticket SERIAL);\n"
                            + "CREATE TABLE review (review_id SERIAL PRIMARY KEY);\n",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(original, target);
            assertThat(target.unmodelled()).containsKeys("sequence t_ticket_seq", "sequence review_review_id_seq");
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();

            run(db, diff.upStatements());
            SchemaDiff afterUp =
                    SchemaDiff.between(Schema.connect(db.dataSource).read(), target);
            assertThat(afterUp.isEmpty()).as(afterUp.toText()).isTrue();
            run(db, diff.downStatements());
            Catalog back = Schema.connect(db.dataSource).read();
            assertThat(back.unmodelled().keySet()).noneMatch(k -> k.startsWith("sequence "));
            assertThat(SchemaDiff.between(back, original).isEmpty()).isTrue();
        }
    }
}
