package io.backendkit.cli.internal;

import io.backendkit.schema.MigrateResult;
import io.backendkit.schema.MigrationPlan;
import io.backendkit.schema.MigrationVerdict;
import io.backendkit.schema.MigrationVersion;
import io.backendkit.schema.Migrator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The migrator's verbs as top-level commands: {@code migrate}, {@code rollback}, {@code status}... */
public final class MigrateCommands {

    private MigrateCommands() {}

    /** Options every migrator command shares. */
    static final class MigratorOptions {
        @Mixin
        Database db;

        @Option(
                names = "--locations",
                split = ",",
                defaultValue = "filesystem:db/migration",
                description = "Where migrations live: filesystem:DIR or classpath:PATH (default: ${DEFAULT-VALUE}).")
        List<String> locations = new ArrayList<>();

        @Option(names = "--history-table", description = "The history table (default: backendkit_schema_history).")
        String historyTable;

        Migrator load() {
            Migrator.Builder b = Migrator.configure().dataSource(db.open()).locations(locations.toArray(String[]::new));
            if (historyTable != null) {
                b.historyTable(historyTable);
            }
            return b.load();
        }
    }

    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        MigratorOptions options;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        @Override
        public final Integer call() {
            int code = run(options);
            out().flush();
            return code;
        }

        abstract int run(MigratorOptions o);
    }

    /** {@code backendkit migrate}. */
    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Apply pending migrations (locked; one transaction per migration where the database allows).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  backendkit migrate --url jdbc:postgresql://127.0.0.1:5432/shop --user app --locations filesystem:db/migration",
                "  backendkit migrate --url ... --dry-run"
            })
    public static final class Migrate extends Base {
        @Option(names = "--dry-run", description = "Show what would run (the SQL and lint findings), change nothing.")
        boolean dryRun;

        @Option(names = "--target", description = "Migrate up to this version only.")
        String target;

        @Override
        int run(MigratorOptions o) {
            Migrator m = o.load();
            if (dryRun) {
                MigrationPlan plan = m.plan();
                out().println(plan.toText());
                return ExitCodes.OK;
            }
            MigrateResult r = target == null ? m.migrate() : m.migrate(MigrationVersion.of(target));
            out().println(r.toText());
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit rollback}. */
    @Command(name = "rollback", mixinStandardHelpOptions = true, description = "Roll back the last N migrations.")
    public static final class Rollback extends Base {
        @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N", description = "How many (default 1).")
        int steps;

        @Override
        int run(MigratorOptions o) {
            out().println(o.load().rollback(steps).toText());
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit status}. */
    @Command(name = "status", mixinStandardHelpOptions = true, description = "Every migration and its state.")
    public static final class Status extends Base {
        @Option(names = "--format", defaultValue = "text", description = "text or json.")
        String format;

        @Override
        int run(MigratorOptions o) {
            var s = o.load().status();
            out().println(format.equals("json") ? s.toJson() : s.toText());
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit validate}. */
    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = "Check that applied migrations match their files; exit 1 when not.")
    public static final class Validate extends Base {
        @Override
        int run(MigratorOptions o) {
            int checked = o.load().validate();
            out().println(checked + " applied migration(s) match their files");
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit plan}. */
    @Command(name = "plan", mixinStandardHelpOptions = true, description = "The dry run: what migrate would execute.")
    public static final class Plan extends Base {
        @Override
        int run(MigratorOptions o) {
            out().println(o.load().plan().toText());
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit create}: a new, empty migration file. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Write a new migration file.")
    public static final class Create implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "What it does, e.g. 'add orders'.")
        String name;

        @Option(names = "--dir", defaultValue = "db/migration", description = "Where (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            Path file;
            try {
                file = Migrator.configure().load().create(name, dir);
            } catch (IllegalArgumentException e) {
                throw new Failures.UsageException(e.getMessage());
            }
            spec.commandLine().getOut().println(file);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit baseline}. */
    @Command(
            name = "baseline",
            mixinStandardHelpOptions = true,
            description = "Mark an existing schema as being at VERSION (migrations up to it count as applied).")
    public static final class Baseline extends Base {
        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        int run(MigratorOptions o) {
            o.load().baseline(MigrationVersion.of(version));
            out().println("baselined at " + version);
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit resume}: continue an interrupted migration after its last completed statement. */
    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Continue an interrupted migration after its last completed statement, once you have checked"
                    + " whether the doubtful statement took effect.")
    public static final class Resume extends Base {
        @Option(
                names = "--doubtful-completed",
                required = true,
                arity = "1",
                paramLabel = "true|false",
                description = "Whether the statement that may or may not have completed did take effect.")
        boolean doubtfulCompleted;

        @Override
        int run(MigratorOptions o) {
            out().println(o.load().resume(doubtfulCompleted).toText());
            return ExitCodes.OK;
        }
    }

    /** {@code backendkit repair}. */
    @Command(
            name = "repair",
            mixinStandardHelpOptions = true,
            description = "Realign checksums, clear a stale lock, and record your verdict on a failed or interrupted"
                    + " migration.")
    public static final class Repair extends Base {
        @Option(names = "--mark-applied", paramLabel = "VERSION", description = "It did complete (fixed by hand).")
        List<String> applied = new ArrayList<>();

        @Option(names = "--mark-rolled-back", paramLabel = "VERSION", description = "Its effects are undone.")
        List<String> rolledBack = new ArrayList<>();

        @Option(names = "--mark-failed", paramLabel = "VERSION", description = "Keep it recorded as failed.")
        List<String> failed = new ArrayList<>();

        @Override
        int run(MigratorOptions o) {
            List<MigrationVerdict> verdicts = new ArrayList<>();
            applied.forEach(v -> verdicts.add(MigrationVerdict.markApplied(v)));
            rolledBack.forEach(v -> verdicts.add(MigrationVerdict.markRolledBack(v)));
            failed.forEach(v -> verdicts.add(MigrationVerdict.markFailed(v)));
            List<String> changes = o.load().repair(verdicts.toArray(MigrationVerdict[]::new));
            out().println(changes.isEmpty() ? "nothing to repair" : String.join("\n", changes));
            return ExitCodes.OK;
        }
    }
}
