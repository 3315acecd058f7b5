package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.Migrator;
import io.backendkit.schema.QueryAssertions;
import io.backendkit.schema.QueryRecorder;
import io.backendkit.schema.RecordedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A test a team copies: run the repository against a migrated database with every statement recorded, and fail on
 * N+1 queries. The naive repository reads each order's customer with its own query; the joined one does not.
 */
class OrderRepositoryTest {

    /** An order with its customer's e-mail, as a screen shows it. */
    record OrderView(long id, String customerEmail) {}

    /** The repository under test, with the mistake a team makes and its fix. */
    static final class OrderRepository {
        private final DataSource dataSource;

        OrderRepository(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        List<OrderView> naive() throws SQLException {
            List<OrderView> views = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    Statement st = c.createStatement();
                    ResultSet orders = st.executeQuery("SELECT id, customer_id FROM orders ORDER BY id")) {
                while (orders.next()) {
                    try (PreparedStatement customer = c.prepareStatement("SELECT email FROM customers WHERE id = ?")) {
                        customer.setLong(1, orders.getLong(2));
                        try (ResultSet rs = customer.executeQuery()) {
                            rs.next();
                            views.add(new OrderView(orders.getLong(1), rs.getString(1)));
                        }
                    }
                }
            }
            return views;
        }

        List<OrderView> joined() throws SQLException {
            List<OrderView> views = new ArrayList<>();
            try (Connection c = dataSource.getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT o.id, c.email FROM orders o JOIN customers c"
                            + " ON c.id = o.customer_id ORDER BY o.id")) {
                while (rs.next()) {
                    views.add(new OrderView(rs.getLong(1), rs.getString(2)));
                }
            }
            return views;
        }
    }

    DataSource dataSource;

    @BeforeEach
    void migrateAndSeed() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:orders_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrator.configure()
                .dataSource(h2)
                .locations("classpath:db/demo")
                .load()
                .migrate();
        try (Connection c = h2.getConnection();
                Statement st = c.createStatement()) {
            for (int i = 1; i <= 5; i++) {
                st.executeUpdate("INSERT INTO customers (email) VALUES ('c" + i + "@example.com')");
                st.executeUpdate("INSERT INTO orders (customer_id, total) VALUES (" + i + ", 10.0)");
            }
        }
        dataSource = h2;
    }

    @Test
    void theJoinedQueryHasNoNPlusOne() {
        QueryRecorder recorder = QueryRecorder.wrap(dataSource);
        OrderRepository repository = new OrderRepository(recorder.dataSource());
        List<OrderView> views = new ArrayList<>();

        RecordedQueries queries = recorder.record(() -> views.addAll(repository.joined()));

        assertThat(views).hasSize(5);
        QueryAssertions.assertThat(queries).hasNoNPlusOne().hasStatementCount(1);
    }

    @Test
    void theNaiveQueryIsCaughtWithTheStatementItRepeats() {
        QueryRecorder recorder = QueryRecorder.wrap(dataSource);
        OrderRepository repository = new OrderRepository(recorder.dataSource());

        RecordedQueries queries = recorder.record(repository::naive);

        assertThat(queries.count()).isEqualTo(6);
        assertThatThrownBy(() -> QueryAssertions.assertThat(queries).hasNoNPlusOne())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("SELECT email FROM customers WHERE id = ?");
    }
}
