package io.backendkit.maven;

import io.backendkit.schema.MigrateResult;
import io.backendkit.schema.Migrator;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code backendkit:migrate}: applies pending migrations under the migrator's lock, one transaction per migration
 * where the database allows. Runs only when a build lists it in an execution (at {@code pre-integration-test} unless
 * that execution names another phase) or when called as {@code mvn backendkit:migrate}.
 */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class MigrateMojo extends MigratorMojo {

    /** Created by Maven, which then injects the parameters. */
    public MigrateMojo() {}

    /** Logs the plan (statements and lint findings) instead of applying it. */
    @Parameter(property = "backendkit.dryRun", defaultValue = "false")
    boolean dryRun;

    @Override
    void run(Migrator migrator) {
        if (dryRun) {
            logLines(migrator.plan().toText());
            return;
        }
        MigrateResult result = migrator.migrate();
        logLines(result.toText());
    }
}
