package io.backendkit.maven;

import io.backendkit.schema.Migrator;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code backendkit:status}: logs every migration with its state (applied, pending, failed, ...). Takes no lock. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends MigratorMojo {

    /** Created by Maven, which then injects the parameters. */
    public StatusMojo() {}

    @Override
    void run(Migrator migrator) {
        logLines(migrator.status().toText());
    }
}
