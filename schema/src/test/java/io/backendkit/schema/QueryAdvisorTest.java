package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryAdvisorTest {

    @TempDir
    Path temp;

    private TestDatabase db;

    @AfterEach
    void close() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    private void postgresOrders() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        db.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status TEXT NOT NULL,"
                + " created_at TIMESTAMPTZ NOT NULL)");
        db.execute("INSERT INTO orders SELECT g, g % 5000, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END,"
                + " now() - g * interval '1 minute' FROM generate_series(1, 60000) g");
        db.execute("ANALYZE orders");
    }

    @Test
    void postgresSeqScanGetsAVerifiedIndexProposalAndNothingStaysBehind() throws Exception {
        postgresOrders();

        QueryAdvice advice = QueryAdvisor.on(db.dataSource).advise("SELECT * FROM orders WHERE customer_id = ?", 42L);

        assertThat(advice.findings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("SEQ_SCAN_LARGE_TABLE");
            assertThat(f.location()).endsWith(".orders");
            assertThat(f.message()).contains("about 60000 rows");
        });
        assertThat(advice.proposals()).singleElement().satisfies(p -> {
            assertThat(p.columns()).containsExactly("customer_id");
            assertThat(p.ddl())
                    .matches(
                            "CREATE INDEX CONCURRENTLY \"idx_orders_customer_id\" ON \"[a-z0-9_]+\"\\.\"orders\" \\(\"customer_id\"\\);");
            assertThat(p.verified()).isTrue();
            assertThat(p.usedByPlanner()).isTrue();
            assertThat(p.costAfter()).isLessThan(p.costBefore() / 10);
        });
        assertThat(db.count("SELECT COUNT(*) FROM pg_indexes WHERE tablename = 'orders'"))
                .as("the probe index was rolled back")
                .isEqualTo(1);
        assertThat(advice.toText()).contains("verified: cost").contains("used by the planner");
    }

    @Test
    void postgresSortAfterFilterProposesFilterThenSortColumns() throws Exception {
        postgresOrders();

        QueryAdvice advice = QueryAdvisor.on(db.dataSource)
                .advise("SELECT id FROM orders WHERE status = 'open' ORDER BY created_at DESC");

        assertThat(advice.proposals()).singleElement().satisfies(p -> {
            assertThat(p.columns()).containsExactly("status", "created_at");
            assertThat(p.usedByPlanner()).isTrue();
        });
    }

    @Test
    void smallTablesAndIndexedQueriesGiveNoFinding() throws Exception {
        postgresOrders();

        assertThat(QueryAdvisor.on(db.dataSource)
                        .advise("SELECT * FROM orders WHERE id = 7")
                        .isClean())
                .isTrue();
        assertThat(QueryAdvisor.on(db.dataSource)
                        .largeTableRows(100_000)
                        .advise("SELECT * FROM orders WHERE customer_id = 3")
                        .isClean())
                .isTrue();
    }

    @Test
    void mariadbFullScanGetsAProposal() throws Exception {
        db = TestDatabase.open(Target.MARIADB, temp);
        db.execute(
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, status VARCHAR(10) NOT NULL)");
        db.execute("INSERT INTO orders SELECT seq, seq % 5000, IF(seq % 10 = 0, 'open', 'done') FROM seq_1_to_30000");
        db.execute("ANALYZE TABLE orders");

        QueryAdvice advice = QueryAdvisor.on(db.dataSource).advise("SELECT * FROM orders WHERE customer_id = ?", 42);

        assertThat(advice.dialect()).isEqualTo(Dialect.MYSQL);
        assertThat(advice.proposals()).singleElement().satisfies(p -> {
            assertThat(p.columns()).containsExactly("customer_id");
            assertThat(p.verified()).isFalse();
        });
        assertThat(advice.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("full table scan"));
    }

    @Test
    void aQueryThatCannotBePlannedIsAClearError() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);

        assertThatThrownBy(() -> QueryAdvisor.on(db.dataSource).advise("SELECT * FROM no_such_table WHERE x = 1"))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("query SELECT * FROM no_such_table WHERE x = 1: cannot be planned")
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> QueryAdvisor.on(db.dataSource).advise(" ")).hasMessage("sql must not be blank");
        assertThatThrownBy(() -> QueryAdvisor.on(db.dataSource).largeTableRows(-1))
                .hasMessage("largeTableRows must be >= 0 (was -1)");
    }
}
