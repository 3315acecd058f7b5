package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import io.backendkit.schema.TestDatabase.Target;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tables, columns and indexes whose names are SQL injections, quotes, comments, reserved words, mixed case and
 * non-ASCII letters, beside a {@code victim} table: every statement the module generates for them executes, and
 * {@code victim} keeps its row.
 */
class HostileNamesTest {

    static final String TABLE = "h(id);drop table victim;commit;create index k on h";
    static final String FILTER_COLUMN = "a on victim(id); drop table victim; --_at";
    static final String INDEXED_COLUMN = "id)) WHERE (true); DROP TABLE victim; --";
    static final String INDEX = "a on victim(id); drop table victim; --";
    // for the rules added later in issue 11: CHAR_COLUMN, BOOLEAN_INDEXED_ALONE, NULLABLE_COLUMN_IN_UNIQUE_KEY
    static final String CHAR_COLUMN = "c`\"; drop table victim; --";
    static final String FLAG_COLUMN = "Flag /* x";
    static final String FLAG_INDEX = "f`\" on victim; --";
    static final String UNIQUE_COLUMN = "u'; drop table victim; --";

    @TempDir
    Path temp;

    private static Dialect dialect(Target t) {
        return switch (t) {
            case POSTGRESQL -> Dialect.POSTGRESQL;
            case MARIADB -> Dialect.MYSQL;
            case H2 -> Dialect.H2;
            case SQLITE -> Dialect.SQLITE;
        };
    }

    private static void create(TestDatabase db, SqlWriter w) throws Exception {
        db.execute("CREATE TABLE victim (id INT)");
        db.execute("INSERT INTO victim VALUES (1)");
        db.execute("CREATE TABLE " + w.id(TABLE) + " (" + w.id(INDEXED_COLUMN) + " VARCHAR(100), "
                + w.id(FILTER_COLUMN) + " VARCHAR(100), " + w.id("order") + " VARCHAR(10), " + w.id("café")
                + " VARCHAR(10), " + w.id("a\"b`c /* x") + " INT, " + w.id(CHAR_COLUMN) + " CHAR(3), "
                + w.id(FLAG_COLUMN) + " BOOLEAN, " + w.id(UNIQUE_COLUMN) + " VARCHAR(50) UNIQUE)");
        db.execute("CREATE INDEX " + w.id(INDEX) + " ON " + w.id(TABLE) + " (" + w.id(INDEXED_COLUMN) + ")");
        db.execute("CREATE INDEX " + w.id(FLAG_INDEX) + " ON " + w.id(TABLE) + " (" + w.id(FLAG_COLUMN) + ")");
        db.execute("CREATE TABLE " + w.id("BigOrders") + " (" + w.id("Id") + " INT PRIMARY KEY, " + w.id(";")
                + " VARCHAR(10), " + w.id("Status") + " VARCHAR(10))");
        db.execute("INSERT INTO " + w.id(TABLE) + " VALUES ('x', 'y', 'z', 'é', 1, 'abc', true, 'm')");
    }

    private static void runScript(TestDatabase db, Dialect d, String script) throws Exception {
        for (SqlStatement s : new SqlSplitter(d).split(script, 1)) {
            db.execute(s.sql());
        }
    }

    private static Catalog withoutVictim(Catalog c) {
        return new Catalog(
                c.dialect(),
                c.tables().stream()
                        .filter(t -> !t.name().equalsIgnoreCase("victim"))
                        .toList(),
                c.views());
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void analyzerFixesAndDiffsOverHostileNamesExecuteAndLeaveVictimIntact(Target target) throws Exception {
        Dialect d = dialect(target);
        SqlWriter w = SqlWriter.of(d);
        try (TestDatabase db = TestDatabase.open(target, temp)) {
            create(db, w);
            Catalog before = Schema.connect(db.dataSource).read();
            SchemaReport report = SchemaAnalyzer.withDefaults().analyze(before);

            assertThat(report.withCode("FILTER_COLUMN_WITHOUT_INDEX"))
                    .extracting(Finding::location)
                    .anySatisfy(l -> assertThat(l).endsWith(FILTER_COLUMN));
            List<String> newFixes = new ArrayList<>();
            report.fixesInOrder().stream()
                    .filter(f -> List.of("CHAR_COLUMN", "BOOLEAN_INDEXED_ALONE", "NULLABLE_COLUMN_IN_UNIQUE_KEY")
                            .contains(f.code()))
                    .forEach(f -> newFixes.add(f.code()));
            assertThat(newFixes)
                    .as("the newer rules' fixes over hostile names are among those run")
                    .containsExactlyInAnyOrderElementsOf(
                            d == Dialect.SQLITE
                                    ? List.of("BOOLEAN_INDEXED_ALONE")
                                    : List.of("CHAR_COLUMN", "BOOLEAN_INDEXED_ALONE", "NULLABLE_COLUMN_IN_UNIQUE_KEY"));
            List<String> failures = new ArrayList<>();
            for (Finding f : report.fixesInOrder()) {
                try {
                    runScript(db, d, f.suggestedFix());
                } catch (Exception e) {
                    failures.add(f.code() + " " + f.location() + ": " + f.suggestedFix() + " -> " + e.getMessage());
                }
                assertThat(db.count("SELECT COUNT(*) FROM victim"))
                        .as(f.suggestedFix())
                        .isEqualTo(1);
            }
            assertThat(failures).isEmpty();
            Catalog fixed = Schema.connect(db.dataSource).read();
            assertThat(fixed.tables()).hasSize(before.tables().size());
            // the filter column got its index, the hostile index its conventional name
            SchemaReport again = SchemaAnalyzer.withDefaults().analyze(fixed);
            assertThat(again.withCode("FILTER_COLUMN_WITHOUT_INDEX")).isEmpty();
            if (d != Dialect.SQLITE) {
                assertThat(again.withCode("INDEX_NAME_CONVENTION"))
                        .extracting(Finding::location)
                        .noneSatisfy(l -> assertThat(l).endsWith(INDEX));
            }

            // the diff both ways: drop everything but victim, then create it all again from the catalog
            Catalog live = withoutVictim(fixed);
            Catalog empty = new Catalog(live.dialect(), List.of(), List.of());
            for (String s : SchemaDiff.between(live, empty).upStatements()) {
                db.execute(s);
                assertThat(db.count("SELECT COUNT(*) FROM victim")).as(s).isEqualTo(1);
            }
            assertThat(withoutVictim(Schema.connect(db.dataSource).read()).tables())
                    .isEmpty();
            for (String s : SchemaDiff.between(empty, live).upStatements()) {
                db.execute(s);
                assertThat(db.count("SELECT COUNT(*) FROM victim")).as(s).isEqualTo(1);
            }
            Catalog rebuilt = withoutVictim(Schema.connect(db.dataSource).read());
            assertThat(SchemaDiff.between(live, rebuilt).toText()).isEqualTo("no differences\n");
            assertThat(rebuilt.tables().stream().map(Table::name))
                    .containsExactlyInAnyOrder("big_orders", "h_id_drop_table_victim_commit_create_index_k_on_h");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void advisorProbesOverHostileNamesAreQuotedAndRolledBack(Target target) throws Exception {
        Dialect d = dialect(target);
        SqlWriter w = SqlWriter.of(d);
        try (TestDatabase db = TestDatabase.open(target, temp)) {
            create(db, w);
            for (int i = 0; i < 200; i++) {
                db.execute("INSERT INTO " + w.id("BigOrders") + " VALUES (" + (i + 10) + ", 'x', "
                        + w.literal(i % 10 == 0 ? "open" : "done") + ")");
            }
            db.execute((d == Dialect.MYSQL ? "ANALYZE TABLE " : "ANALYZE ") + w.id("BigOrders"));
            db.execute((d == Dialect.MYSQL ? "ANALYZE TABLE " : "ANALYZE ") + w.id(TABLE));

            QueryAdvice big = QueryAdvisor.on(db.dataSource)
                    .largeTableRows(0)
                    .advise("SELECT * FROM " + w.id("BigOrders") + " WHERE " + w.id("Status") + " = 'open'");
            QueryAdvice hostile = QueryAdvisor.on(db.dataSource)
                    .largeTableRows(0)
                    .advise("SELECT * FROM " + w.id(TABLE) + " WHERE " + w.id(FILTER_COLUMN) + " = 'y'");

            assertThat(big.proposals()).singleElement().satisfies(p -> {
                assertThat(p.columns()).containsExactly("Status");
                assertThat(p.verified()).isEqualTo(d == Dialect.POSTGRESQL);
            });
            assertThat(hostile.proposals())
                    .singleElement()
                    .satisfies(p -> assertThat(p.columns()).containsExactly(FILTER_COLUMN));
            assertThat(db.count("SELECT COUNT(*) FROM victim")).isEqualTo(1);
            Catalog after = Schema.connect(db.dataSource).read();
            assertThat(after.table("BigOrders").orElseThrow().indexes())
                    .as("the probe was rolled back")
                    .allSatisfy(ix -> assertThat(ix.primary()).isTrue());
            // the proposals run as they are
            db.execute(big.proposals().get(0).ddl().replaceAll(";$", ""));
            db.execute(hostile.proposals().get(0).ddl().replaceAll(";$", ""));
            assertThat(db.count("SELECT COUNT(*) FROM victim")).isEqualTo(1);
        }
    }
}
