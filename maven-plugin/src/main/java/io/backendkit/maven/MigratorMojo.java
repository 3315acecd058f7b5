package io.backendkit.maven;

import io.backendkit.core.BackendKitException;
import io.backendkit.schema.Migrator;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What the migrator goals share: where migrations live, the history table and placeholders. */
public abstract class MigratorMojo extends DatabaseMojo {

    /** For subclasses; Maven creates the goals and injects the parameters. */
    public MigratorMojo() {}

    /**
     * Where migrations live: directories, or {@code filesystem:DIR} and {@code classpath:PATH} locations. Default:
     * {@code src/main/resources/db/migration} of the project.
     */
    @Parameter(property = "backendkit.locations")
    List<String> locations;

    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    File basedir;

    /** The history table (default {@code backendkit_schema_history}). */
    @Parameter(property = "backendkit.historyTable")
    String historyTable;

    /** Values for {@code ${name}} placeholders in migration files. */
    @Parameter
    Map<String, String> placeholders;

    /** Allows applying a migration older than the newest applied one. */
    @Parameter(property = "backendkit.outOfOrder", defaultValue = "false")
    boolean outOfOrder;

    /**
     * Connects, configures a migrator from the parameters and runs the goal's verb, unless {@code backendkit.skip} is
     * set.
     *
     * @throws MojoExecutionException when the database cannot be reached or a {@code serverId} cannot be resolved
     * @throws MojoFailureException when the migrator reports a problem (a failed or invalid migration, a validation
     *     error), with the database URL in the message
     */
    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("backendkit: skipped (backendkit.skip)");
            return;
        }
        try {
            Migrator.Builder builder = Migrator.configure()
                    .dataSource(dataSource())
                    .locations(resolvedLocations())
                    .outOfOrder(outOfOrder)
                    .installedBy(System.getProperty("user.name", "maven"));
            if (historyTable != null) {
                builder.historyTable(historyTable);
            }
            if (placeholders != null && !placeholders.isEmpty()) {
                builder.placeholders(placeholders);
            }
            run(builder.load());
        } catch (BackendKitException e) {
            throw new MojoFailureException(safeUrl() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MojoExecutionException("backendkit: " + e.getMessage(), e);
        }
    }

    private String[] resolvedLocations() {
        if (locations == null || locations.isEmpty()) {
            return new String[] {"filesystem:" + new File(basedir, "src/main/resources/db/migration").getAbsolutePath()
            };
        }
        return locations.stream()
                .map(l -> {
                    if (l.startsWith("classpath:")) {
                        return l;
                    }
                    String path = l.startsWith("filesystem:") ? l.substring("filesystem:".length()) : l;
                    File f = new File(path);
                    return "filesystem:" + (f.isAbsolute() ? f : new File(basedir, path)).getAbsolutePath();
                })
                .toArray(String[]::new);
    }

    /** Runs the goal's verb. */
    abstract void run(Migrator migrator) throws MojoFailureException;

    void logLines(String text) {
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                getLog().info(line);
            }
        }
    }
}
