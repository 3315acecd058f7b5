package io.backendkit.examples;

import io.backendkit.core.TextTable;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.DecisionEngine;
import io.backendkit.decision.Language;
import io.backendkit.decision.Recommendation;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.Tenancy;
import io.backendkit.schema.MigrateResult;
import io.backendkit.schema.Migrator;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaReport;
import java.io.PrintStream;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The runnable demo: lists the modules, then walks through what the finished ones do on an embedded
 * H2 database (nothing to install). It grows as the other modules land.
 */
public final class Demo {

    /** One backendkit module as the demo presents it. */
    record ModuleInfo(String artifact, String job, String status) {}

    static final List<ModuleInfo> MODULES = List.of(
            new ModuleInfo("backendkit-core", "findings, exception root, JSON mapper, text tables", "available"),
            new ModuleInfo("backendkit-codegen", "OpenAPI / Swagger 2.0 to compilable Java", "skeleton (issue 6)"),
            new ModuleInfo("backendkit-schema", "schema lint, index advice, diff and migrations", "available"),
            new ModuleInfo("backendkit-loadgen", "virtual-thread load generator", "skeleton (issue 3)"),
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
}
