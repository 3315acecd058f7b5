package io.backendkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.backendkit.testsupport.DatabaseServer;
import io.backendkit.testsupport.ScratchDatabase;
import io.backendkit.testsupport.ScratchDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The other commands, run in process through {@link BackendKitCli#execute}. */
class CommandsTest {

    @RegisterExtension
    static final ScratchDatabases DATABASES = new ScratchDatabases();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackendKitCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void decidePrintsARecommendationThatIsNeverApproved() {
        Run r = cli(
                "decide",
                "--team-size",
                "8",
                "--qps-p99",
                "50",
                "--read-write-ratio",
                "20",
                "--tenancy",
                "shared_multi_tenant",
                "--data-sensitivity",
                "pii",
                "--pattern",
                "modular_monolith",
                "--language",
                "java");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("jvm-modular-monolith");

        Run json = cli(
                "decide",
                "--team-size",
                "8",
                "--qps-p99",
                "50",
                "--read-write-ratio",
                "20",
                "--tenancy",
                "shared_multi_tenant",
                "--data-sensitivity",
                "pii",
                "--pattern",
                "modular_monolith",
                "--format",
                "json");
        assertThat(json.out()).contains("\"approved\" : false");
    }

    @Test
    void decideWithMissingAnswersNamesThemAllOnOneLine() {
        Run r = cli("decide", "--team-size", "8");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .startsWith("backendkit: ")
                .contains("tenancy");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void codegenWritesSourcesThatCompile() throws Exception {
        Path spec = dir.resolve("orders.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: Orders, version: "1"}
                paths:
                  /orders/{id}:
                    get:
                      operationId: getOrder
                      tags: [orders]
                      parameters:
                        - {name: id, in: path, required: true, schema: {type: integer, format: int64}}
                      responses:
                        "200":
                          description: ok
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/Order"}
                components:
                  schemas:
                    Order:
                      type: object
                      required: [id]
                      properties:
                        id: {type: integer, format: int64}
                        note: {type: string, maxLength: 20}
                """);
        Path out = dir.resolve("gen");
        Run r = cli("codegen", spec.toString(), "--package", "com.acme.orders", "--output", out.toString(), "--client");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("files written under");

        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(out)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toString()));
        }
        assertThat(files).isNotEmpty();
        List<String> args = new ArrayList<>(List.of(
                "-d",
                dir.resolve("classes").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "--release",
                "21"));
        args.addAll(files);
        StringWriter javacOut = new StringWriter();
        int javac = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(javac).as(javacOut.toString()).isZero();
    }

    @Test
    void codegenWithTheSpringTargetWritesSpringInterfaces() throws Exception {
        Path spec = dir.resolve("ping.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: Ping, version: "1"}
                paths:
                  /ping:
                    get:
                      operationId: ping
                      tags: [ping]
                      parameters:
                        - {name: n, in: query, schema: {type: integer, format: int32, minimum: 1}}
                      responses:
                        "204": {description: pong}
                """);
        Path out = dir.resolve("gen-spring");
        Run r = cli(
                "codegen",
                spec.toString(),
                "--package",
                "com.acme.ping",
                "--output",
                out.toString(),
                "--target",
                "spring-mvc");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(out.resolve("com/acme/ping/api/PingApi.java"))
                .content()
                .contains("@GetMapping")
                .contains("@Min(");
        assertThat(out.resolve("com/acme/ping/server/ApiWebConfiguration.java")).isRegularFile();

        Run bad = cli("codegen", spec.toString(), "--package", "a.b", "--output", out.toString(), "--target", "struts");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("expected jdk, spring-mvc, jakarta-rest or models");
    }

    @Test
    void codegenWithTheJakartaTargetWritesResourceInterfaces() throws Exception {
        Path spec = dir.resolve("ping-rest.yaml");
        Files.writeString(spec, """
                openapi: 3.0.3
                info: {title: Ping, version: "1"}
                paths:
                  /ping:
                    get:
                      operationId: ping
                      tags: [ping]
                      parameters:
                        - {name: n, in: query, schema: {type: integer, format: int32, minimum: 1}}
                      responses:
                        "204": {description: pong}
                """);

        Path jakarta = dir.resolve("jakarta");
        Run rest = cli(
                "codegen",
                spec.toString(),
                "--package",
                "com.acme.ping",
                "--output",
                jakarta.toString(),
                "--target",
                "jakarta-rest");
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(jakarta.resolve("com/acme/ping/api/PingApi.java"))
                .content()
                .contains("@GET")
                .contains("@QueryParam(")
                .contains("@Min(");
        assertThat(jakarta.resolve("com/acme/ping/server/ApiFeature.java")).isRegularFile();
    }

    @Test
    void codegenOnAMissingSpecIsAUsageError() {
        Run r = cli("codegen", dir.resolve("nope.yaml").toString(), "--package", "a.b", "--output", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("backendkit: " + dir.resolve("nope.yaml") + ": no such readable file");
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void migrateStatusRollbackAndAnalyzeAgainstARealDatabase(DatabaseServer server) throws Exception {
        ScratchDatabase db = DATABASES.get(server);
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__customers.sql"), """
                -- migrate:up
                CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL);
                -- migrate:down
                DROP TABLE customers;
                """);
        Files.writeString(migrations.resolve("V2__orders.sql"), """
                -- migrate:up
                CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL);
                CREATE TABLE notes (body VARCHAR(100));
                -- migrate:down
                DROP TABLE notes;
                DROP TABLE orders;
                """);
        String url = db.jdbcUrl();
        String loc = "filesystem:" + migrations;

        Run plan = cli("migrate", "--url", url, "--locations", loc, "--dry-run");
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("CREATE TABLE orders");
        assertThat(count(db, "orders")).isEqualTo(-1);

        Run migrate = cli("migrate", "--url", url, "--locations", loc);
        assertThat(migrate.code()).as(migrate.err()).isZero();
        assertThat(count(db, "orders")).isZero();

        Run status = cli("status", "--url", url, "--locations", loc);
        assertThat(status.out()).contains("APPLIED");

        Run analyze = cli("schema", "analyze", "--url", url, "--fail-on", "error");
        assertThat(analyze.out()).as(analyze.err()).contains("TABLE_WITHOUT_PRIMARY_KEY");
        assertThat(analyze.code()).isEqualTo(1);

        Run rollback = cli("rollback", "--url", url, "--locations", loc);
        assertThat(rollback.code()).as(rollback.err()).isZero();
        assertThat(count(db, "orders")).isEqualTo(-1);

        Run validate = cli("validate", "--url", url, "--locations", loc);
        assertThat(validate.code()).as(validate.err()).isZero();
    }

    @Test
    void anUnreachableDatabaseExitsThreeWithoutThePassword() {
        Run r = cli(
                "status",
                "--url",
                "jdbc:postgresql://127.0.0.1:1/none",
                "--user",
                "u",
                "--password=s3cret",
                "--locations",
                "filesystem:" + dir);
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err())
                .startsWith("backendkit: jdbc:postgresql://127.0.0.1:1/none: cannot connect")
                .doesNotContain("s3cret");
    }

    @Test
    void k8sJobManifestIsAnIndexedJobWithTheShardArgumentsAndAMergeStep() throws Exception {
        Run r = cli(
                "load",
                "k8s-job",
                "--shards",
                "4",
                "--image",
                "registry.example/backendkit:0.1",
                "--",
                "http://orders:8080/",
                "--rate",
                "4000",
                "--duration",
                "5m",
                "--threshold",
                "p99<200ms");
        assertThat(r.code()).as(r.err()).isZero();

        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(r.out())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).path("kind").asText()).isEqualTo("PersistentVolumeClaim");
        JsonNode job = docs.get(1);
        assertThat(job.path("apiVersion").asText()).isEqualTo("batch/v1");
        assertThat(job.path("kind").asText()).isEqualTo("Job");
        JsonNode spec = job.path("spec");
        assertThat(spec.path("completionMode").asText()).isEqualTo("Indexed");
        assertThat(spec.path("completions").asInt()).isEqualTo(4);
        assertThat(spec.path("parallelism").asInt()).isEqualTo(4);
        JsonNode pod = spec.path("template").path("spec");
        assertThat(pod.path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("registry.example/backendkit:0.1");
        String script = container.path("args").get(0).asText();
        assertThat(script)
                .contains("backendkit load 'http://orders:8080/' '--rate' '4000'")
                .contains("--shard \"$JOB_COMPLETION_INDEX/4\"")
                .contains("backendkit load merge /results/shard-0.hlog /results/shard-1.hlog /results/shard-2.hlog"
                        + " /results/shard-3.hlog '--threshold' 'p99<200ms'")
                .doesNotContain("$(");
        assertThat(pod.path("volumes")
                        .get(0)
                        .path("persistentVolumeClaim")
                        .path("claimName")
                        .asText())
                .isEqualTo(docs.get(0).path("metadata").path("name").asText());

        // the script is valid POSIX shell
        Process sh = new ProcessBuilder("sh", "-n", "-c", script)
                .redirectErrorStream(true)
                .start();
        assertThat(sh.waitFor())
                .as(new String(sh.getInputStream().readAllBytes()))
                .isZero();
    }

    @Test
    void versionHelpAndCompletionWork() {
        assertThat(cli("--version").out()).startsWith("backendkit ");
        Run help = cli("--help");
        assertThat(help.out())
                .contains("load")
                .contains("migrate")
                .contains("codegen")
                .contains("decide")
                .contains("3  target or database unreachable");
        assertThat(cli("generate-completion").out()).contains("complete -F");
    }

    private static long count(ScratchDatabase db, String table) throws Exception {
        try (Connection c = db.openConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
