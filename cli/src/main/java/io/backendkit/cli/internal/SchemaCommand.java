package io.backendkit.cli.internal;

import io.backendkit.core.Severity;
import io.backendkit.schema.Catalog;
import io.backendkit.schema.QueryAdvice;
import io.backendkit.schema.QueryAdvisor;
import io.backendkit.schema.Schema;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaDiff;
import io.backendkit.schema.SchemaReport;
import io.backendkit.schema.TargetSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backendkit schema}: analyze a live database, diff it against a target file, advise on a query. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Analyze a live database, diff it against a target schema file, advise indexes for a query.",
        subcommands = {SchemaCommand.Analyze.class, SchemaCommand.Diff.class, SchemaCommand.Advise.class})
public final class SchemaCommand {

    private SchemaCommand() {}

    /** {@code backendkit schema analyze}. */
    @Command(
            name = "analyze",
            mixinStandardHelpOptions = true,
            description = "Lint a live database: findings with ready SQL fixes.",
            footerHeading = "%nExample:%n",
            footer =
                    "  backendkit schema analyze --url jdbc:postgresql://127.0.0.1:5432/shop --user app --fail-on error")
    public static final class Analyze implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Database db;

        @Option(names = "--schemas", split = ",", description = "Only these schemas (default: the connection's).")
        List<String> schemas = new ArrayList<>();

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(
                names = "--fail-on",
                description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES}.")
        Severity failOn;

        @Override
        public Integer call() {
            DataSource ds = db.open();
            Schema reader = Schema.connect(ds);
            if (!schemas.isEmpty()) {
                reader = reader.schemas(schemas.toArray(String[]::new));
            }
            Catalog catalog = reader.read();
            SchemaReport report = SchemaAnalyzer.withDefaults().analyze(catalog);
            spec.commandLine().getOut().println(format.equals("json") ? report.toJson() : report.toText());
            spec.commandLine().getOut().flush();
            if (failOn != null
                    && report.findings().stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0)) {
                return ExitCodes.CHECK_FAILED;
            }
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit schema diff}. */
    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = "Compare the live schema with a target .sql file (run in an isolated scratch database) and"
                    + " write the migration (up and down).",
            footerHeading = "%nExample:%n",
            footer = "  backendkit schema diff --url jdbc:postgresql://127.0.0.1:5432/shop --target schema/v2.sql"
                    + " --output db/migration/")
    public static final class Diff implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Database db;

        @Option(names = "--target", required = true, description = "The schema you want, as a .sql file.")
        Path target;

        @Option(
                names = "--output",
                description = "A directory to write V<timestamp>__schema_diff.sql into;" + " stdout when absent.")
        Path output;

        @Option(names = "--name", defaultValue = "schema_diff", description = "The migration's description.")
        String name;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(target)) {
                throw new Failures.UsageException("--target " + target + ": no such readable file");
            }
            DataSource ds = db.open();
            Catalog current = Schema.connect(ds).read();
            Catalog wanted = TargetSchema.fromSqlFile(ds, target);
            SchemaDiff diff = SchemaDiff.between(current, wanted);
            var out = spec.commandLine().getOut();
            out.println(diff.toText());
            if (diff.isEmpty()) {
                out.flush();
                return ExitCodes.OK;
            }
            if (output == null) {
                out.println(diff.toMigration());
            } else {
                Files.createDirectories(output);
                String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(java.time.Instant.now());
                Path file = output.resolve("V" + stamp + "__" + name.replaceAll("[^A-Za-z0-9_]", "_") + ".sql");
                Files.writeString(file, diff.toMigration());
                out.println("migration written to " + file);
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit schema advise}. */
    @Command(
            name = "advise",
            mixinStandardHelpOptions = true,
            description = "EXPLAIN a query and propose an index (verified in a rolled-back transaction on PostgreSQL).",
            footerHeading = "%nExample:%n",
            footer = "  backendkit schema advise --url jdbc:postgresql://127.0.0.1:5432/shop"
                    + " --query 'SELECT * FROM orders WHERE customer_id = 42'")
    public static final class Advise implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Database db;

        @Option(names = "--query", required = true, description = "One SQL query.")
        String query;

        @Override
        public Integer call() {
            QueryAdvice advice = QueryAdvisor.on(db.open()).advise(query);
            spec.commandLine().getOut().println(advice.toText());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
