package io.backendkit.examples;

import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import io.backendkit.core.TextTable;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.DecisionEngine;
import io.backendkit.decision.Language;
import io.backendkit.decision.Recommendation;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.Tenancy;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.ProgressListener;
import io.backendkit.schema.MigrateResult;
import io.backendkit.schema.Migrator;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaReport;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The runnable demo: lists the modules, generates an order service from an OpenAPI document,
 * compiles and serves it, sends it bad input and then load, migrates and lints an embedded H2
 * database, and recommends an architecture. Nothing to install beyond a JDK.
 */
public final class Demo {

    /** One backendkit module as the demo presents it. */
    record ModuleInfo(String artifact, String job, String status) {}

    static final List<ModuleInfo> MODULES = List.of(
            new ModuleInfo("backendkit-core", "findings, exception root, JSON mapper, text tables", "available"),
            new ModuleInfo("backendkit-codegen", "OpenAPI / Swagger 2.0 to compilable Java", "available"),
            new ModuleInfo("backendkit-schema", "schema lint, index advice, diff and migrations", "available"),
            new ModuleInfo("backendkit-loadgen", "virtual-thread load generator", "available"),
            new ModuleInfo("backendkit-decision", "architecture profile scoring", "available"));

    private Demo() {}

    /** Runs the demo, printing to standard output. */
    public static void main(String[] args) {
        print(System.out);
    }

    static void print(PrintStream out) {
        TextTable.Builder table = TextTable.builder("module", "job", "status");
        MODULES.forEach(m -> table.row(m.artifact(), m.job(), m.status()));
        out.println("backendkit: modules and their state");
        out.print(table.build().render());
        out.println();
        generateServeAndLoad(out);
        out.println();
        schema(out);
        out.println();
        decision(out);
    }

    /** Recommends an architecture for an eight-person Java team with a modest load; approves nothing. */
    static void decision(PrintStream out) {
        out.println("== decision: which architecture fits an 8-person Java team at 50 QPS?");
        Recommendation r = DecisionEngine.withBuiltInProfiles()
                .recommend(Constraints.builder()
                        .teamSize(8)
                        .qpsP99(50)
                        .readWriteRatio(20)
                        .tenancy(Tenancy.SHARED_MULTI_TENANT)
                        .dataSensitivity(SensitivityTier.PII)
                        .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                        .language(Language.JAVA)
                        .platformTeam(false)
                        .adminPanel(true)
                        .build());
        out.print(r.toText());
    }

    /** Migrates an in-memory H2 database, shows the history, lints the result, rolls one step back. */
    static void schema(PrintStream out) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:demo_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrator migrator = Migrator.configure()
                .dataSource(ds)
                .locations("classpath:db/demo")
                .installedBy("demo")
                .load();
        out.println("== schema: migrate an embedded H2 database");
        MigrateResult result = migrator.migrate();
        out.print(result.toText());
        out.print(migrator.status().toText());
        out.println();
        out.println("== schema: lint what the migrations built");
        SchemaReport report = SchemaAnalyzer.withDefaults().analyze(ds);
        out.print(report.toText());
        out.println();
        out.println("== schema: roll the last migration back");
        out.print(migrator.rollback(1).toText());
    }

    /**
     * Generates the order service of {@code demo/orders.yaml}, compiles it with a hand-written
     * handler, serves it on 127.0.0.1, shows a validation error, then puts load on it.
     */
    static void generateServeAndLoad(PrintStream out) {
        out.println("== codegen: OpenAPI document to Java (records, validation, JDK server, client)");
        GeneratedSources sources = OpenApiCodegen.fromSpecText(resource("demo/orders.yaml"))
                .basePackage("demo.orders")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        out.println(sources.summary());
        sources.files().forEach(f -> out.println("  " + f.path()));
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile("demo/orders/app/OrderService.java", resource("demo/OrderService.java.txt")));
        Path work;
        try {
            work = Files.createTempDirectory("backendkit-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (URLClassLoader loader = compile(files, work);
                AutoCloseable server = (AutoCloseable) loader.loadClass("demo.orders.app.OrderService")
                        .getMethod("start")
                        .invoke(null)) {
            int port = (int) server.getClass().getMethod("port").invoke(server);
            String base = "http://127.0.0.1:" + port;
            out.println("compiled with javac and serving on " + base);
            out.println();
            out.println("== codegen: the generated server validates requests");
            try (HttpClient http = HttpClient.newHttpClient()) {
                String bad = "{\"customerEmail\":\"not-an-email\",\"lines\":[{\"sku\":\"abc\",\"quantity\":0}]}";
                HttpResponse<String> rejected = postJson(http, base + "/orders", bad);
                out.println("POST /orders " + bad);
                out.println("-> " + rejected.statusCode() + " " + rejected.body());
                HttpResponse<String> placed = postJson(http, base + "/orders", GOOD_ORDER);
                out.println("POST /orders " + GOOD_ORDER);
                out.println("-> " + placed.statusCode() + " " + placed.body());
            }
            out.println();
            out.println("== loadgen: 16 virtual users for 3 s (reads 9:1 writes) against the generated server");
            LoadReport report = LoadTest.http()
                    .get(base + "/orders/1")
                    .expectStatus(200)
                    .weight(9)
                    .post(base + "/orders")
                    .header("Content-Type", "application/json")
                    .body(GOOD_ORDER)
                    .expectStatus(201)
                    .weight(1)
                    .concurrency(16)
                    .warmUp(Duration.ofSeconds(1))
                    .duration(Duration.ofSeconds(3))
                    .progress(ProgressListener.none())
                    .run();
            out.print(report.toText());
        } catch (ReflectiveOperationException | IOException e) {
            throw new IllegalStateException("the generated order service did not start: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the demo server failed: " + e, e);
        } finally {
            deleteTree(work);
        }
    }

    private static HttpResponse<String> postJson(HttpClient http, String uri, String json)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static final String GOOD_ORDER =
            "{\"customerEmail\":\"ada@example.com\",\"lines\":[{\"sku\":\"ABC-123\",\"quantity\":2}]}";

    /** Compiles the files at --release 21 against Jackson (all the generated code needs) and loads them. */
    private static URLClassLoader compile(List<GeneratedFile> files, Path work) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the demo compiles generated code and needs a JDK, not a JRE");
        }
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<Path> sourceFiles = new ArrayList<>();
        for (GeneratedFile f : files) {
            Path p = src.resolve(f.path());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.content());
            sourceFiles.add(p);
        }
        String classPath = Stream.of(
                        com.fasterxml.jackson.databind.ObjectMapper.class,
                        com.fasterxml.jackson.core.JsonParser.class,
                        com.fasterxml.jackson.annotation.JsonProperty.class,
                        com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class)
                .map(Demo::location)
                .collect(Collectors.joining(File.pathSeparator));
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(
                            diagnostics,
                            fm,
                            null,
                            List.of("--release", "21", "-proc:none", "-d", classes.toString(), "-cp", classPath),
                            null,
                            fm.getJavaFileObjectsFromPaths(sourceFiles))
                    .call();
            if (!ok) {
                throw new IllegalStateException("generated code did not compile:\n" + diagnostics);
            }
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Demo.class.getClassLoader());
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text resource of the examples, read as UTF-8. */
    static String resource(String name) {
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing the demo for
        }
    }
}
