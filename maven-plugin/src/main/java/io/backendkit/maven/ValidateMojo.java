package io.backendkit.maven;

import io.backendkit.schema.Migrator;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code backendkit:validate}: fails the build when an applied migration no longer matches its file, is missing,
 * failed, was interrupted, or when one is out of order.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ValidateMojo extends MigratorMojo {

    /** Created by Maven, which then injects the parameters. */
    public ValidateMojo() {}

    @Override
    void run(Migrator migrator) {
        int checked = migrator.validate();
        getLog().info("backendkit: " + checked + " applied migrations match their files (" + safeUrl() + ")");
    }
}
