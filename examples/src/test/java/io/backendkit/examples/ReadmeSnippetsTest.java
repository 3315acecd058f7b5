package io.backendkit.examples;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import demo.orders.api.OrdersApi;
import demo.orders.client.ApiClient;
import demo.orders.client.OrdersClient;
import demo.orders.model.NewOrder;
import demo.orders.model.Order;
import demo.orders.model.OrderLine;
import demo.orders.model.OrderStatus;
import demo.orders.server.ApiException;
import demo.orders.server.ApiRouter;
import demo.orders.server.ApiServer;
import io.backendkit.codegen.DbModel;
import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.OpenApiFromDb;
import io.backendkit.codegen.Target;
import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.TextTable;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.DecisionEngine;
import io.backendkit.decision.Language;
import io.backendkit.decision.Recommendation;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.Tenancy;
import io.backendkit.loadgen.HistogramLogs;
import io.backendkit.loadgen.LoadAssertions;
import io.backendkit.loadgen.LoadComparison;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.ProgressListener;
import io.backendkit.loadgen.RegressionThresholds;
import io.backendkit.schema.Catalog;
import io.backendkit.schema.Migrator;
import io.backendkit.schema.QueryAdvice;
import io.backendkit.schema.QueryAdvisor;
import io.backendkit.schema.QueryAssertions;
import io.backendkit.schema.QueryRecorder;
import io.backendkit.schema.RecordedQueries;
import io.backendkit.schema.Schema;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaDiff;
import io.backendkit.schema.SchemaReport;
import io.backendkit.schema.TargetSchema;
import io.backendkit.testsupport.DatabaseServer;
import io.backendkit.testsupport.ScratchDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's code, compiled and run by the build. Each region between {@code // readme:NAME} and
 * {@code // readme:end} is a README code block (or part of one); {@link ReadmeTest} checks that the README shows
 * exactly these lines, so the README cannot drift from code that works.
 */
class ReadmeSnippetsTest {

    private static final Logger log = LoggerFactory.getLogger(ReadmeSnippetsTest.class);

    @TempDir
    Path dir;

    @Test
    void core() {
        // spotless:off
        // readme:core
        Finding f = Finding.warning("FK_WITHOUT_INDEX", "foreign key orders.customer_id has no index")
                .withLocation("public.orders")
                .withSuggestedFix("CREATE INDEX idx_orders_customer_id ON orders (customer_id);");

        String json = Json.write(f);                                  // java.time as ISO strings, map keys sorted
        Finding back = Json.read(json, Finding.class, "finding.json"); // errors name the source, line, column and JSON pointer

        String table = TextTable.builder("endpoint", "p99 ms")
                .alignRight(1)
                .row("GET /users", 8.9)
                .build()
                .render();                                             // column widths by display width (CJK, emoji)
        // readme:end
        // spotless:on
        assertThat(back).isEqualTo(f);
        assertThat(table).contains("GET /users").contains("8.9");
    }

    @Test
    void codegen() throws IOException {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, resource("demo/orders.yaml"));
        Path sourceRoot = dir.resolve("generated");
        // spotless:off
        // readme:codegen
        GeneratedSources sources = OpenApiCodegen.fromSpec(spec)   // a Path, a URI, or text
                .basePackage("com.acme.orders")
                .target(Target.JDK_HTTP_SERVER)   // handler interface per tag + router on com.sun.net.httpserver
                .client(true)                     // a java.net.http client per tag, sync and async
                .generate();                      // bad input: SpecException naming file, line or JSON pointer
        sources.writeTo(sourceRoot);              // e.g. target/generated-sources/openapi
        sources.findings();                       // what was approximated, each with its JSON pointer
        // readme:end
        // spotless:on
        assertThat(sourceRoot.resolve("com/acme/orders/api/OrdersApi.java")).isRegularFile();
    }

    @Test
    void codegenFromDb() throws Exception {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme-from-db;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (String sql : resource("demo/library-postgres.sql")
                    .replaceAll("(?m)^--.*$", "")
                    .split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
        // spotless:off
        // readme:codegen-from-db
        Catalog catalog = Schema.connect(dataSource).read();              // tables, keys, indexes, checks, comments
        DbModel model = CatalogApi.model(catalog, Map.of());              // the bridge in backendkit-examples
        OpenApiFromDb api = OpenApiFromDb.of(model).title("Library API");
        Files.writeString(dir.resolve("library.yaml"), api.toYaml());     // OpenAPI 3.1, the same bytes every run
        GeneratedSources library = api.codegen().basePackage("com.acme.library").client(true).generate();
        // readme:end
        // spotless:on
        assertThat(Files.readString(dir.resolve("library.yaml")))
                .contains("/book/{id}:")
                .contains("/book-tag/{book_id}/{tag}:");
        assertThat(library.file("com/acme/library/client/BookClient.java")).isPresent();
    }

    @Test
    void codegenSpring() throws IOException {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, resource("demo/orders.yaml"));
        Path sourceRoot = dir.resolve("generated-spring");
        // spotless:off
        // readme:codegen-spring
        OpenApiCodegen.fromSpec(spec)
                .basePackage("com.acme.orders")
                .target(Target.SPRING_MVC)    // @Validated interface per tag, Bean Validation on the records
                .generate()
                .writeTo(sourceRoot);         // implement OrdersApi in a @RestController, @Import(ApiWebConfiguration.class)
        // readme:end
        // spotless:on
        assertThat(sourceRoot.resolve("com/acme/orders/api/OrdersApi.java"))
                .content()
                .contains("@Validated");
        assertThat(sourceRoot.resolve("com/acme/orders/server/ApiWebConfiguration.java"))
                .isRegularFile();
    }

    @Test
    void codegenJakarta() throws IOException {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, resource("demo/orders.yaml"));
        Path sourceRoot = dir.resolve("generated-jakarta");
        // spotless:off
        // readme:codegen-jakarta
        OpenApiCodegen.fromSpec(spec)
                .basePackage("com.acme.orders")
                .target(Target.JAKARTA_REST)  // @Path interface per tag, Bean Validation on the records
                .generate()
                .writeTo(sourceRoot);         // implement OrdersApi in a resource class, register ApiFeature.class
        // readme:end
        // spotless:on
        assertThat(sourceRoot.resolve("com/acme/orders/api/OrdersApi.java"))
                .content()
                .contains("@Path(");
        assertThat(sourceRoot.resolve("com/acme/orders/server/ApiFeature.java")).isRegularFile();
    }

    // spotless:off
    // readme:generated-handler
    class OrderService implements OrdersApi {
        private final Map<Long, Order> orders = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();

        public Order createOrder(NewOrder body) {                // body already parsed and validated
            Order order = new Order(ids.incrementAndGet(), body.customerEmail(), body.lines(), OrderStatus.PLACED);
            orders.put(order.id(), order);
            return order;
        }

        public Order getOrder(long orderId) {                    // path/query/header parameters converted and checked
            Order order = orders.get(orderId);
            if (order == null) {
                throw ApiException.notFound("no order " + orderId);   // a JSON error response, status 404
            }
            return order;
        }
    }
    // readme:end
    // spotless:on

    @Test
    void generatedCode() throws Exception {
        Order order;
        // spotless:off
        // readme:generated-use
        try (ApiServer server = ApiServer.start(ApiRouter.builder().orders(new OrderService()).build(),
                new InetSocketAddress("127.0.0.1", 0));   // 0: any free port
                ApiClient api = ApiClient.create(URI.create("http://127.0.0.1:" + server.port()))) {
            OrdersClient client = new OrdersClient(api);
            order = client.createOrder(new NewOrder("ada@example.com", List.of(new OrderLine("ABC-123", 2))));
        }
        // readme:end
        // spotless:on
        assertThat(order.id()).isEqualTo(1L);
    }

    /** A repository with the N+1 mistake: one query for the orders, then one per order for its customer. */
    static final class Repository {
        List<String> ordersWithCustomers(DataSource ds) throws SQLException {
            List<String> emails = new ArrayList<>();
            try (Connection c = ds.getConnection();
                    Statement st = c.createStatement();
                    ResultSet orders = st.executeQuery("SELECT customer_id FROM orders")) {
                while (orders.next()) {
                    try (var customer = c.prepareStatement("SELECT email FROM customers WHERE id = ?")) {
                        customer.setLong(1, orders.getLong(1));
                        try (ResultSet rs = customer.executeQuery()) {
                            rs.next();
                            emails.add(rs.getString(1));
                        }
                    }
                }
            }
            return emails;
        }
    }

    @Test
    void schema() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrator.configure()
                .dataSource(dataSource)
                .locations("classpath:db/demo")
                .load()
                .migrate();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (int i = 1; i <= 4; i++) {
                st.executeUpdate("INSERT INTO customers (email) VALUES ('c" + i + "@example.com')");
                st.executeUpdate("INSERT INTO orders (customer_id, total) VALUES (" + i + ", 1.0)");
            }
        }
        Repository repository = new Repository();
        Path schemaV2 = dir.resolve("schema-v2.sql");
        Files.writeString(schemaV2, """
                CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(320) NOT NULL, phone VARCHAR(40));
                CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total DECIMAL(12, 2));
                """);
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        RecordedQueries nPlusOne;
        // spotless:off
        // readme:schema
        // read and lint a live database (PostgreSQL, MySQL/MariaDB, H2, SQLite, any JDBC driver)
        Catalog catalog = Schema.connect(dataSource).read();
        SchemaReport report = SchemaAnalyzer.withDefaults().analyze(dataSource);   // findings with ready SQL fixes
        // or without a pool: Schema.connect(jdbcUrl, user, password), analyze(jdbcUrl, user, password)
        System.out.println(report.toText());

        // catch N+1 queries in a test
        QueryRecorder recorder = QueryRecorder.wrap(dataSource);
        RecordedQueries queries = recorder.record(() -> repository.ordersWithCustomers(recorder.dataSource()));
        QueryAssertions.assertThat(queries).hasStatementCount(5);   // .hasNoNPlusOne() fails here, naming the query

        // diff the live schema against a SQL file and write the migration (up and down)
        Catalog wanted = TargetSchema.fromSqlFile(dataSource, schemaV2);   // run on a scratch schema, never the live one
        Files.writeString(migrations.resolve("V3__to_v2.sql"), SchemaDiff.between(catalog, wanted).toMigration());

        // run migrations: one file per version with "-- migrate:up" and "-- migrate:down" sections
        Migrator migrator = Migrator.configure().dataSource(dataSource).locations("classpath:db/demo").load();
        migrator.plan();          // dry run with the SQL and lint findings
        migrator.migrate();       // locked, one transaction per migration where the database allows
        migrator.rollback(1);
        System.out.println(migrator.status().toText());
        // readme:end
        // spotless:on
        nPlusOne = queries;
        assertThat(nPlusOne.nPlusOne()).hasSize(1);
        assertThat(report.findings()).isNotEmpty();
        String migration = Files.readString(migrations.resolve("V3__to_v2.sql"));
        assertThat(migration).containsIgnoringCase("ADD COLUMN \"PHONE\" CHARACTER VARYING(40)");
        assertThat(migration).doesNotContainIgnoringCase("SCHEMA_HISTORY").doesNotContain(" ;");
    }

    @RegisterExtension
    static final ScratchDatabases DATABASES = new ScratchDatabases();

    @Test
    void queryAdvisorOnPostgresql() throws SQLException {
        DataSource dataSource = DATABASES.get(DatabaseServer.POSTGRESQL).dataSource();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC)");
            st.execute("INSERT INTO orders SELECT g, g % 500, 1 FROM generate_series(1, 20000) g");
            st.execute("ANALYZE orders");
        }
        // spotless:off
        // readme:schema-advisor
        // EXPLAIN a query (PostgreSQL, MySQL/MariaDB); on PostgreSQL the proposed index is verified
        // in a transaction that is always rolled back
        QueryAdvice advice = QueryAdvisor.on(dataSource).advise("SELECT * FROM orders WHERE customer_id = ?", 42);
        // readme:end
        // spotless:on
        assertThat(advice.proposals()).singleElement().satisfies(p -> {
            assertThat(p.columns()).containsExactly("customer_id");
            assertThat(p.verified()).isTrue();
            assertThat(p.usedByPlanner()).isTrue();
        });
    }

    @Test
    void loadgen() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/users", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = exchange.getRequestMethod().equals("POST") ? 201 : 200;
            byte[] body = "{\"name\":\"a\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        target.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        target.start();
        String users = "http://127.0.0.1:" + target.getAddress().getPort() + "/users";
        URI uri = URI.create(users);
        Path baselineFile = dir.resolve("baseline.json");
        Path a = dir.resolve("a.hlog");
        Path b = dir.resolve("b.hlog");
        Map<Long, String> repositoryData = Map.of(42L, "order 42");
        var repository = new Object() {
            String find(long id) {
                return repositoryData.get(id);
            }
        };
        try {
            LoadTest.http()
                    .get(users)
                    .duration(ofSeconds(1))
                    .histogramLog(a)
                    .progress(ProgressListener.none())
                    .run()
                    .writeJson(baselineFile);
            LoadTest.http()
                    .get(users)
                    .duration(ofSeconds(1))
                    .histogramLog(b)
                    .progress(ProgressListener.none())
                    .run();
            // spotless:off
            // readme:loadgen
            // closed model: 50 virtual users, each on its own virtual thread with a keep-alive connection
            LoadReport r = LoadTest.http()
                    .get(users).header("Accept", "application/json").weight(9)
                    .post(users).header("Content-Type", "application/json")
                        .body("{\"name\":\"a\"}").expectStatus(201).weight(1)
                    .concurrency(50).rampUp(ofSeconds(1))
                    .warmUp(ofSeconds(1)).duration(ofSeconds(3))     // or .requests(100_000)
                    .run();                                          // a dead target gives a report, not an exception
            log.info("{}", r.toText());                             // throughput, min/mean/p50/p90/p95/p99/p99.9/max, errors, hints
            r.writeHtml(dir.resolve("load.html"));                  // self-contained: inline SVG percentile curve and time series
            r.writeJson(dir.resolve("load.json"));                  // stable schema; LoadReport.readJson(...) reads it back

            // open model: requests start on a schedule; latency counts from the intended start (as wrk2 does),
            // service time is kept beside it, and requests that waited for an in-flight slot are counted as late
            LoadReport open = LoadTest.http().get(uri).arrivalRate(100, 400).maxInFlight(200).duration(ofSeconds(3)).run();

            // in-process targets: a repository method, a service call
            LoadReport inProcess = LoadTest.of("findOrder", () -> repository.find(42)).concurrency(200).duration(ofSeconds(2)).run();

            // JUnit: failure messages carry the percentile table
            LoadAssertions.assertThat(r).p99().isLessThan(ofMillis(500))
                    .and().errorRate().isLessThan(0.01)
                    .and().throughput().isGreaterThan(100)
                    .and().endpoint("POST /users").p95().isLessThan(ofMillis(500));

            // v1 against v2, or against a saved baseline, with regression thresholds
            LoadComparison c = r.compareWith(LoadReport.readJson(baselineFile),
                    RegressionThresholds.defaults().withMaxLatencyIncrease(0.10));
            c.hasRegression();

            // several generators: each writes an HdrHistogram interval log; the merge gives exact combined percentiles
            LoadReport combined = HistogramLogs.merge(List.of(a, b));
            // readme:end
            // spotless:on
            assertThat(open.passed()).isTrue();
            assertThat(inProcess.passed()).isTrue();
            assertThat(combined.passed()).isTrue();
            assertThat(dir.resolve("load.html")).isRegularFile();
        } finally {
            target.stop(0);
        }
    }

    @Test
    void decision() {
        // spotless:off
        // readme:decision
        Recommendation r = DecisionEngine.withBuiltInProfiles()
                .recommend(Constraints.builder()
                        .teamSize(8).qpsP99(50).readWriteRatio(20)
                        .tenancy(Tenancy.SHARED_MULTI_TENANT)
                        .dataSensitivity(SensitivityTier.PII)
                        .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                        .language(Language.JAVA)
                        .build());          // missing or out-of-range inputs: one ConstraintsException naming all
        r.best().name();                    // "jvm-modular-monolith", with a per-constraint score breakdown
        r.runnerUpIfPresent();              // a profile within 15 percentage points
        r.killCriteria();                   // blocking findings, e.g. microservices below 30 engineers
        r.approved();                       // always false; r.requiredApprovers() says who signs off
        System.out.println(r.toText());     // or r.toJson()
        // readme:end
        // spotless:on
        assertThat(r.best().name()).isEqualTo("jvm-modular-monolith");
        assertThat(r.approved()).isFalse();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReadmeSnippetsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
