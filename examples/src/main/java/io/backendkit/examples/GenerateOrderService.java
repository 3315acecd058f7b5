package io.backendkit.examples;

import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import java.nio.file.Path;

/**
 * Generates the order service of {@code demo/orders.yaml} (models, JDK server, client) into a source root. The
 * examples build runs it at {@code generate-test-sources}, so that the example tests use the generated types the way
 * a team's own code does (a team would use {@code backendkit-maven-plugin}'s {@code generate} goal instead).
 */
public final class GenerateOrderService {

    private GenerateOrderService() {}

    /**
     * Writes the sources.
     *
     * @param args one argument: the source root to write into
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GenerateOrderService OUTPUT_DIRECTORY");
        }
        GeneratedSources sources = OpenApiCodegen.fromSpecText(Demo.resource("demo/orders.yaml"))
                .basePackage("demo.orders")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        sources.writeTo(Path.of(args[0]));
    }
}
