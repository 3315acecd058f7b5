package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryRecorderTest {

    @TempDir
    Path temp;

    private TestDatabase db;
    private QueryRecorder recorder;

    @BeforeEach
    void schema() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        db.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(20))");
        db.execute("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT)");
        for (int i = 1; i <= 5; i++) {
            db.execute("INSERT INTO customers VALUES (" + i + ", 'c" + i + "')");
            db.execute("INSERT INTO orders VALUES (" + i + ", " + i + ")");
        }
        recorder = QueryRecorder.wrap(db.dataSource);
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** The classic N+1: one query for orders, then one per order for its customer. */
    private static List<String> namesOneByOne(DataSource ds) {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet orders = st.executeQuery("SELECT customer_id FROM orders ORDER BY id");
                PreparedStatement ps = c.prepareStatement("SELECT name FROM customers WHERE id = ?")) {
            while (orders.next()) {
                ps.setInt(1, orders.getInt(1));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    private static List<String> namesJoined(DataSource ds) {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.id")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    @Test
    void theSameStatementWithDifferentParametersIsAnNPlusOne() {
        QueryRecorder.Recorded<List<String>> r = recorder.recordResult(() -> namesOneByOne(recorder.dataSource()));

        assertThat(r.result()).containsExactly("c1", "c2", "c3", "c4", "c5");
        assertThat(r.queries().count()).isEqualTo(6);
        assertThat(r.queries().nPlusOne()).singleElement().satisfies(rep -> {
            assertThat(rep.shape()).isEqualTo("SELECT name FROM customers WHERE id = ?");
            assertThat(rep.executions()).isEqualTo(5);
            assertThat(rep.distinctParameterSets()).isEqualTo(5);
        });
        assertThatThrownBy(() -> QueryAssertions.assertThat(r.queries()).hasNoNPlusOne())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ran 5 times with 5 different parameter sets")
                .hasMessageContaining("SELECT name FROM customers WHERE id = ?");
    }

    @Test
    void aValueReturningLambdaRecordsItsQueries() {
        // the README's form: the repository call returns a value, record(...) keeps the queries
        RecordedQueries q = recorder.record(() -> namesOneByOne(recorder.dataSource()));

        assertThat(q.count()).isEqualTo(6);
        assertThat(q.nPlusOne()).hasSize(1);
    }

    @Test
    void checkedExceptionsFromTheWorkAreWrappedWithTheirMessage() {
        assertThatThrownBy(() -> recorder.record(() -> {
                    throw new SQLException("table gone");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("recorded work failed: table gone")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void aJoinPassesTheAssertions() {
        RecordedQueries q = recorder.record(() -> {
            namesJoined(recorder.dataSource());
        });

        QueryAssertions.assertThat(q).hasNoNPlusOne().hasStatementCount(1).hasStatementCountAtMost(1);
        assertThatThrownBy(() -> QueryAssertions.assertThat(q).hasStatementCount(2))
                .hasMessageContaining("expected 2 statement(s) but 1 ran");
    }

    @Test
    void literalsInlinedIntoSqlCountAsParametersToo() {
        RecordedQueries q = recorder.record(() -> {
            try (Connection c = recorder.dataSource().getConnection();
                    Statement st = c.createStatement()) {
                for (int i = 1; i <= 4; i++) {
                    st.executeQuery("SELECT name FROM customers WHERE id = " + i)
                            .close();
                }
                st.executeQuery("SELECT name FROM customers WHERE name IN ('a', 'b', 'c')")
                        .close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(q.nPlusOne())
                .extracting(RecordedQueries.Repeated::shape)
                .containsExactly("SELECT name FROM customers WHERE id = ?");
        assertThat(q.statements().get(4).shape()).isEqualTo("SELECT name FROM customers WHERE name IN (?...)");
    }

    @Test
    void statementsOutsideARecordingAreNotKeptAndRecordingsDoNotNest() {
        namesJoined(recorder.dataSource());
        RecordedQueries q = recorder.record(() -> {});

        assertThat(q.count()).isZero();
        assertThatThrownBy(() -> recorder.record(() -> {
                    recorder.record(() -> {});
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a recording is already running on this recorder");
        assertThatThrownBy(() -> q.repeated(1)).hasMessage("threshold must be >= 2 (was 1)");
    }
}
