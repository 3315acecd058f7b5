package io.backendkit.examples;

import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiFromDb;
import io.backendkit.codegen.Target;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.SqlFileSchema;
import java.nio.file.Path;
import java.util.Map;

/**
 * The from-db example at build time: reads {@code demo/library-postgres.sql} offline (no server), turns its catalog
 * into an OpenAPI document with {@link OpenApiFromDb}, and writes the JDK server and client for it into a source root.
 * The examples build runs it at {@code generate-test-sources}; {@code FromDbRoundTripTest} then serves the generated
 * API over JDBI on PostgreSQL and MariaDB.
 */
public final class GenerateLibraryService {

    private GenerateLibraryService() {}

    /**
     * The document of the library schema.
     *
     * @return the API document's generator
     */
    public static OpenApiFromDb api() {
        SqlFileSchema file = SqlFileSchema.read(
                "demo/library-postgres.sql", Demo.resource("demo/library-postgres.sql"), Dialect.POSTGRESQL, true);
        return OpenApiFromDb.of(CatalogApi.model(file.catalog(), Map.of()))
                .title("Library API")
                .version("1.0.0");
    }

    /**
     * Writes the sources.
     *
     * @param args one argument: the source root to write into
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateLibraryService OUTPUT_DIRECTORY");
        }
        GeneratedSources sources = api().codegen()
                .basePackage("demo.library")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .envelope(false)
                .generate();
        sources.writeTo(Path.of(args[0]));
    }
}
