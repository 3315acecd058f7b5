package io.backendkit.schema;

/**
 * A migrator in its own JVM, for tests that kill it: {@code MigrateMain <jdbcUrl> <location>} runs {@code migrate()}
 * and exits.
 */
public final class MigrateMain {

    private MigrateMain() {}

    /** Runs one migrate() against {@code args[0]} with the files in {@code args[1]}. */
    public static void main(String[] args) {
        Migrator.configure()
                .dataSource(args[0], null, null)
                .locations(args[1])
                .installedBy("child")
                .load()
                .migrate();
    }
}
