package io.backendkit.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that hands each test class its own scratch schema on PostgreSQL and MariaDB,
 * created on first use and dropped after the class.
 *
 * <pre>{@code
 * class OrdersRepositoryTest {
 *     @RegisterExtension
 *     static final ScratchDatabases DATABASES = new ScratchDatabases();
 *
 *     @ParameterizedTest
 *     @EnumSource(DatabaseServer.class)
 *     void storesOrders(DatabaseServer server) throws SQLException {
 *         ScratchDatabase db = DATABASES.get(server);
 *         try (Connection c = db.openConnection()) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>A server whose URL variable ({@link DatabaseServer#urlEnv()}) is unset makes {@link #get}
 * abort the calling test, so it shows as skipped with the reason; when {@code
 * BACKENDKIT_REQUIRE_DBS=1} it fails instead. A URL that is set but unreachable always fails. Register
 * it as a {@code static} field: one instance serves one test class. Thread-safe.
 */
public final class ScratchDatabases implements BeforeAllCallback, AfterAllCallback {

    private final UnaryOperator<String> environment;
    private final Map<DatabaseServer, ScratchDatabase> created = new EnumMap<>(DatabaseServer.class);
    private volatile String owner = "test";

    /** An extension that reads the servers' URLs and {@code BACKENDKIT_REQUIRE_DBS} from the process environment. */
    public ScratchDatabases() {
        this(System::getenv);
    }

    /**
     * An extension that reads the servers' URLs and {@code BACKENDKIT_REQUIRE_DBS} through {@code
     * environment} instead of the process environment; for tests of this class itself.
     *
     * @param environment maps a variable name to its value, or to null when it is unset; not null
     * @throws IllegalArgumentException if {@code environment} is null
     */
    public ScratchDatabases(UnaryOperator<String> environment) {
        if (environment == null) {
            throw new IllegalArgumentException("environment must not be null");
        }
        this.environment = environment;
    }

    /**
     * Whether the URL for {@code server} is configured.
     *
     * @param server the server to look up
     * @return true when its {@link DatabaseServer#urlEnv()} variable is set and not blank
     */
    public boolean isConfigured(DatabaseServer server) {
        String url = environment.apply(server.urlEnv());
        return url != null && !url.isBlank();
    }

    /**
     * Whether missing servers fail tests instead of skipping them.
     *
     * @return true when {@value DatabaseServer#REQUIRE_ENV} is exactly {@code 1}
     */
    public boolean isRequired() {
        return "1".equals(environment.apply(DatabaseServer.REQUIRE_ENV));
    }

    /**
     * This test class's scratch schema on {@code server}, created on first call; later calls return
     * the same instance until the class's tests are done.
     *
     * @param server the server to create the schema on
     * @return the scratch schema, empty when first returned
     * @throws org.opentest4j.TestAbortedException when the server is not configured and not required
     * @throws IllegalStateException when it is required but not configured, or cannot be reached
     */
    public synchronized ScratchDatabase get(DatabaseServer server) {
        ScratchDatabase existing = created.get(server);
        if (existing != null) {
            return existing;
        }
        if (!isConfigured(server)) {
            String reason = server.urlEnv() + " is not set, so this " + server.displayName() + " test cannot run";
            if (isRequired()) {
                throw new IllegalStateException(DatabaseServer.REQUIRE_ENV + "=1 but " + reason);
            }
            Assumptions.abort(reason + " (skipped)");
        }
        String url = environment.apply(server.urlEnv()).strip();
        String name = scratchName(owner);
        try (Connection admin = DriverManager.getConnection(url);
                Statement st = admin.createStatement()) {
            st.execute(server == DatabaseServer.POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create scratch schema " + name + " on " + server.displayName() + " at " + redact(url)
                            + " (from " + server.urlEnv() + "): " + e.getMessage(),
                    e);
        }
        ScratchDatabase db = new ScratchDatabase(server, name, JdbcUrls.withSchema(server, url, name));
        created.put(server, db);
        return db;
    }

    /**
     * Records the test class's name, which the scratch schemas created for it are named after.
     *
     * @param context the test class's extension context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        owner = context.getRequiredTestClass().getSimpleName();
    }

    /**
     * Drops every scratch schema this instance created, with everything in it, and forgets them.
     *
     * @param context the test class's extension context
     * @throws SQLException when a schema cannot be dropped; the first failure, with any others
     *     attached as suppressed exceptions, after every schema was tried
     */
    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        List<SQLException> failures = new ArrayList<>();
        for (ScratchDatabase db : created.values()) {
            String url = environment.apply(db.server().urlEnv()).strip();
            try (Connection admin = DriverManager.getConnection(url);
                    Statement st = admin.createStatement()) {
                st.execute(
                        db.server() == DatabaseServer.POSTGRESQL
                                ? "DROP SCHEMA IF EXISTS " + db.name() + " CASCADE"
                                : "DROP DATABASE IF EXISTS " + db.name());
            } catch (SQLException e) {
                failures.add(new SQLException("cannot drop " + db + ": " + e.getMessage(), e));
            }
        }
        created.clear();
        if (!failures.isEmpty()) {
            SQLException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    static String scratchName(String owner) {
        String base = owner.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        return "bk_" + base + "_" + suffix;
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
