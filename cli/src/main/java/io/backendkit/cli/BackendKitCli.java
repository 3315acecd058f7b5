package io.backendkit.cli;

import io.backendkit.cli.internal.CodegenCommand;
import io.backendkit.cli.internal.DecideCommand;
import io.backendkit.cli.internal.ExitCodes;
import io.backendkit.cli.internal.Failures;
import io.backendkit.cli.internal.LoadCommand;
import io.backendkit.cli.internal.MigrateCommands;
import io.backendkit.cli.internal.SchemaCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code backendkit} command: every backendkit module from a shell.
 *
 * <p>Exit codes: 0 ok, 1 a threshold, expectation or lint check failed, 2 usage error, 3 target or database
 * unreachable. Errors are one line, {@code backendkit: <location>: <problem>}; {@code --verbose} adds the stack trace.
 */
@Command(
        name = "backendkit",
        mixinStandardHelpOptions = true,
        versionProvider = BackendKitCli.Version.class,
        description =
                "Backend engineering toolkit: OpenAPI code generation, schema analysis and migrations, load tests,"
                        + " architecture decisions.",
        subcommands = {
            CodegenCommand.class,
            SchemaCommand.class,
            MigrateCommands.Migrate.class,
            MigrateCommands.Rollback.class,
            MigrateCommands.Status.class,
            MigrateCommands.Validate.class,
            MigrateCommands.Plan.class,
            MigrateCommands.Create.class,
            MigrateCommands.Baseline.class,
            MigrateCommands.Resume.class,
            MigrateCommands.Repair.class,
            LoadCommand.class,
            DecideCommand.class,
            CommandLine.HelpCommand.class,
            picocli.AutoComplete.GenerateCompletion.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  a threshold, expectation or lint check failed",
            "  2  usage error",
            "  3  target or database unreachable"
        })
public final class BackendKitCli {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    private BackendKitCli() {}

    /**
     * Runs the command with standard output and standard error (UTF-8) and exits the JVM with its
     * exit code. Embedders should call {@link #execute} instead, which does not exit.
     *
     * @param args the command-line arguments, e.g. {@code decide --team-size 8 ...}
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /**
     * Runs the command without exiting the JVM: for tests and for embedding the command in another
     * program. Each call parses {@code args} afresh; the writers are neither closed nor replaced.
     *
     * @param args the command-line arguments, without the program name
     * @param out where results and {@code --help} go
     * @param err where usage errors and failures go; {@code --verbose} adds stack traces
     * @return the exit code: 0 ok, 1 a check failed or the command failed on its input, 2 usage
     *     error, 3 target or database unreachable
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        BackendKitCli top = new BackendKitCli();
        CommandLine cli = new CommandLine(top);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("backendkit: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> Failures.report(ex, err, isVerbose(parseResult)));
        cli.getSubcommands()
                .get("generate-completion")
                .getCommandSpec()
                .usageMessage()
                .hidden(false);
        return cli;
    }

    private static boolean isVerbose(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BackendKitCli.class.getPackage().getImplementationVersion();
            return new String[] {"backendkit " + (v == null ? "(development build)" : v)};
        }
    }
}
