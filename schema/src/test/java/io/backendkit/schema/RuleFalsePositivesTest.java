package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import io.backendkit.schema.TestDatabase.Target;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The false positives issue 11 listed stay fixed, and tables in a schema that is not on the search path are analysed
 * and fixed with schema-qualified statements.
 */
class RuleFalsePositivesTest {

    @TempDir
    Path temp;

    private static List<String> codesAt(SchemaReport report, String locationPart) {
        return report.findings().stream()
                .filter(f -> f.location().contains(locationPart))
                .map(Finding::code)
                .toList();
    }

    @Test
    void postgresTablesOutsideTheSearchPathAreAnalysedAndFixedWithoutKnownFalsePositives() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            SqlWriter w = SqlWriter.of(Dialect.POSTGRESQL);
            String sales = db.name + "_Sales"; // mixed case, not on the search path
            String s = w.id(sales) + ".";
            try {
                db.execute("CREATE SCHEMA " + w.id(sales));
                db.execute("CREATE TABLE " + s + "city (city_id INT PRIMARY KEY, name TEXT NOT NULL)");
                // named like the key it references, nullable on purpose (ON DELETE SET NULL), no index
                db.execute("CREATE TABLE " + s + "address (address_id INT PRIMARY KEY, city_id INT REFERENCES " + s
                        + "city (city_id) ON DELETE SET NULL, status VARCHAR(20))");
                // a partitioned table without a primary key: reported once, on the parent
                db.execute("CREATE TABLE " + s + "events (id INT NOT NULL, created DATE NOT NULL, city_id INT"
                        + " NOT NULL REFERENCES " + s + "city (city_id)) PARTITION BY RANGE (created)");
                db.execute("CREATE TABLE " + s + "events_2025 PARTITION OF " + s
                        + "events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
                db.execute("CREATE TABLE " + s + "events_2026 PARTITION OF " + s
                        + "events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
                db.execute("INSERT INTO " + s + "city VALUES (1, 'x')");
                db.execute("INSERT INTO " + s + "address VALUES (1, 1, 'open')");

                SchemaReport report =
                        SchemaAnalyzer.builder().schemas(sales).build().analyze(db.dataSource);

                assertThat(report.tables()).isEqualTo(3);
                assertThat(report.withCode("FK_COLUMN_NAME_CONVENTION")).isEmpty();
                assertThat(report.withCode("NULLABLE_FOREIGN_KEY")).isEmpty();
                assertThat(codesAt(report, "events_20"))
                        .as("partitions are reported on the parent")
                        .isEmpty();
                assertThat(report.withCode("TABLE_WITHOUT_PRIMARY_KEY"))
                        .singleElement()
                        .satisfies(f -> {
                            assertThat(f.location()).isEqualTo(sales + ".events");
                            assertThat(f.suggestedFix()).isNull();
                            assertThat(f.message()).contains("manual:");
                        });
                assertThat(report.withCode("FK_WITHOUT_INDEX"))
                        .extracting(Finding::location)
                        .contains(sales + ".address.city_id");

                // the fixes run on a connection whose search path does not hold the schema
                List<String> failures = new ArrayList<>();
                try (Connection c = db.dataSource.getConnection();
                        Statement st = c.createStatement()) {
                    assertThat(c.getSchema()).isNotEqualTo(sales);
                    for (Finding f : report.fixesInOrder()) {
                        assertThat(f.suggestedFix()).as(f.code()).contains(w.id(sales) + ".");
                        try {
                            for (SqlStatement stmt : new SqlSplitter(Dialect.POSTGRESQL).split(f.suggestedFix(), 1)) {
                                st.execute(stmt.sql());
                            }
                        } catch (Exception e) {
                            failures.add(f.code() + " " + f.location() + ": " + f.suggestedFix() + " -> " + e);
                        }
                    }
                }
                assertThat(failures).isEmpty();
                SchemaReport again =
                        SchemaAnalyzer.builder().schemas(sales).build().analyze(db.dataSource);
                assertThat(again.withCode("FK_WITHOUT_INDEX")).isEmpty();
                // every fixed finding is gone (the new indexes are, of course, not scanned yet: UNUSED_INDEX may
                // name them, and only them)
                List<String> fixed = report.fixesInOrder().stream()
                        .map(f -> f.code() + " " + f.location())
                        .toList();
                assertThat(again.findings().stream().map(f -> f.code() + " " + f.location()))
                        .doesNotContainAnyElementsOf(fixed);
                assertThat(again.withCode("UNUSED_INDEX"))
                        .allSatisfy(f -> assertThat(f.location()).contains(".idx_"));
                assertThat(db.count("SELECT COUNT(*) FROM " + s + "address")).isEqualTo(1);
            } finally {
                db.execute("DROP SCHEMA IF EXISTS " + w.id(sales) + " CASCADE");
            }
        }
    }

    @Test
    void mariadbFulltextIndexIsNoUnboundedTextKeyAndSameNamedKeysFollowTheConvention() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            db.execute("CREATE TABLE city (city_id INT PRIMARY KEY, name TEXT NOT NULL)");
            db.execute("CREATE TABLE film (film_id INT PRIMARY KEY, city_id INT, description TEXT,"
                    + " FULLTEXT INDEX ft_film_description (description),"
                    + " CONSTRAINT fk_film_city FOREIGN KEY (city_id) REFERENCES city (city_id) ON DELETE SET NULL)");

            SchemaReport report = SchemaAnalyzer.withDefaults().analyze(db.dataSource);

            assertThat(report.tables()).isEqualTo(2);
            assertThat(report.withCode("UNBOUNDED_TEXT_KEY")).isEmpty();
            assertThat(report.withCode("FK_COLUMN_NAME_CONVENTION")).isEmpty();
            assertThat(report.withCode("NULLABLE_FOREIGN_KEY")).isEmpty();
            // the same rule still fires where it should: a TEXT column in an ordinary (prefix) index
            db.execute("CREATE INDEX idx_city_name ON city (name(20))");
            assertThat(SchemaAnalyzer.withDefaults().analyze(db.dataSource).withCode("UNBOUNDED_TEXT_KEY"))
                    .extracting(Finding::location)
                    .singleElement()
                    .asString()
                    .contains("city");
        }
    }
}
