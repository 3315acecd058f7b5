package io.backendkit.schema;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * Wraps a {@link DataSource} and records the statements code runs through it, to catch N+1 query
 * patterns in tests.
 *
 * <pre>{@code
 * QueryRecorder recorder = QueryRecorder.wrap(dataSource);
 * OrderRepository repo = new OrderRepository(recorder.dataSource());
 * RecordedQueries queries = recorder.record(() -> repo.ordersWithCustomers());   // the result is discarded
 * List<Order> orders = recorder.recordResult(() -> repo.ordersWithCustomers()).result();
 * QueryAssertions.assertThat(queries).hasNoNPlusOne().hasStatementCount(2);
 * }</pre>
 *
 * <p>Statements on connections obtained from {@link #dataSource()} are recorded while a {@link
 * #record} call runs, from any thread. Thread-safe; recordings do not nest.
 */
public final class QueryRecorder {

    private final DataSource target;
    private final DataSource proxy;
    private final Object lock = new Object();
    private List<RecordedQueries.Execution> current;

    private QueryRecorder(DataSource target) {
        this.target = target;
        this.proxy = (DataSource) Proxy.newProxyInstance(
                QueryRecorder.class.getClassLoader(), new Class<?>[] {DataSource.class}, this::onDataSource);
    }

    /**
     * A recorder in front of {@code dataSource}.
     *
     * @param dataSource the data source to record, not null
     * @return a recorder that is not recording yet
     * @throws NullPointerException when {@code dataSource} is null
     */
    public static QueryRecorder wrap(DataSource dataSource) {
        return new QueryRecorder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * The recording data source to hand to the code under test.
     *
     * @return the same wrapping data source on every call; outside a recording it passes statements through unrecorded
     */
    public DataSource dataSource() {
        return proxy;
    }

    /** Work whose statements are recorded; it may throw checked exceptions (JDBC code usually does). */
    @FunctionalInterface
    public interface Work {
        /**
         * Runs the work.
         *
         * @throws Exception anything the work throws
         */
        void run() throws Exception;
    }

    /**
     * Runs {@code work} and returns the statements it sent. A lambda whose body returns a value is accepted too (the
     * value is discarded); use {@link #recordResult(Callable)} to keep it. An exception from the work propagates
     * (unchecked ones as they are, checked ones wrapped in {@link IllegalStateException}).
     *
     * @param work the code to run, not null
     * @return the statements sent through {@link #dataSource()} while it ran, in order
     * @throws IllegalStateException when a recording is already running on this recorder, or wrapping a checked
     *     exception of the work
     */
    public RecordedQueries record(Work work) {
        Objects.requireNonNull(work, "work");
        return recordResult(() -> {
                    work.run();
                    return null;
                })
                .queries();
    }

    /**
     * The result of {@link #recordResult(Callable)}: what the work returned and what it sent. Immutable.
     *
     * @param <T> the type of the work's result
     * @param result what the work returned, possibly null
     * @param queries the statements it sent
     */
    public record Recorded<T>(T result, RecordedQueries queries) {}

    /**
     * Runs {@code work} and returns its result with the statements it sent; an exception from the work
     * propagates (unchecked ones as they are, checked ones wrapped in {@link IllegalStateException}).
     *
     * @param <T> the type of the work's result
     * @param work the code to run, not null
     * @return the work's result and the statements sent through {@link #dataSource()} while it ran
     * @throws IllegalStateException when a recording is already running on this recorder, or wrapping a checked
     *     exception of the work
     */
    public <T> Recorded<T> recordResult(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        synchronized (lock) {
            if (current != null) {
                throw new IllegalStateException("a recording is already running on this recorder");
            }
            current = new ArrayList<>();
        }
        try {
            T result;
            try {
                result = work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("recorded work failed: " + e.getMessage(), e);
            }
            synchronized (lock) {
                return new Recorded<>(result, new RecordedQueries(current));
            }
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    private void add(String sql, List<Object> params, int batchSize) {
        synchronized (lock) {
            if (current != null) {
                current.add(new RecordedQueries.Execution(sql, params, batchSize));
            }
        }
    }

    private Object onDataSource(Object p, Method m, Object[] args) throws Throwable {
        Object result = invoke(target, m, args);
        if (result instanceof Connection c) {
            return Proxy.newProxyInstance(
                    QueryRecorder.class.getClassLoader(), new Class<?>[] {Connection.class}, new ConnectionHandler(c));
        }
        return result;
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection connection;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object p, Method m, Object[] args) throws Throwable {
            Object result = QueryRecorder.invoke(connection, m, args);
            if (result instanceof PreparedStatement ps
                    && args != null
                    && args.length > 0
                    && args[0] instanceof String sql) {
                return Proxy.newProxyInstance(
                        QueryRecorder.class.getClassLoader(),
                        new Class<?>[] {m.getReturnType()},
                        new StatementHandler(ps, sql));
            }
            if (result instanceof Statement st && !(result instanceof PreparedStatement)) {
                return Proxy.newProxyInstance(
                        QueryRecorder.class.getClassLoader(),
                        new Class<?>[] {Statement.class},
                        new StatementHandler(st, null));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Statement statement;
        private final String preparedSql;
        private final Map<Integer, Object> params = new TreeMap<>();
        private final List<String> batch = new ArrayList<>();
        private int batchSize;

        StatementHandler(Statement statement, String preparedSql) {
            this.statement = statement;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object p, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (name.startsWith("set")
                    && args != null
                    && args.length >= 2
                    && args[0] instanceof Integer index
                    && preparedSql != null) {
                params.put(index, args[1]);
            } else if (name.equals("clearParameters")) {
                params.clear();
            } else if (name.equals("addBatch")) {
                if (args != null && args.length == 1 && args[0] instanceof String sql) {
                    batch.add(sql);
                }
                batchSize++;
            } else if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
                add(preparedSql != null ? preparedSql : String.join(";\n", batch), List.of(), Math.max(batchSize, 1));
                batch.clear();
                batchSize = 0;
            } else if (name.startsWith("execute")) {
                if (args != null && args.length > 0 && args[0] instanceof String sql) {
                    add(sql, List.of(), 1);
                } else if (preparedSql != null) {
                    add(preparedSql, new ArrayList<>(params.values()), 1);
                }
            }
            return QueryRecorder.invoke(statement, m, args);
        }
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
