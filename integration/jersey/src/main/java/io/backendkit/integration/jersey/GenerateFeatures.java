package io.backendkit.integration.jersey;

import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import java.nio.file.Path;

/**
 * Generates the feature document for {@link Target.JAKARTA_REST}, with the client, into a source root.
 * The build runs it at {@code generate-test-sources}; the tests serve the output from Jersey.
 */
public final class GenerateFeatures {

    private GenerateFeatures() {}

    /**
     * Writes the sources.
     *
     * @param args the document, the source root to write into, the base package, then optionally
     *     {@code no-envelope}
     */
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4 || (args.length == 4 && !args[3].equals("no-envelope"))) {
            throw new IllegalArgumentException("usage: GenerateFeatures SPEC OUTPUT_DIRECTORY PACKAGE [no-envelope]");
        }
        OpenApiCodegen.fromSpec(Path.of(args[0]))
                .basePackage(args[2])
                .target(Target.JAKARTA_REST)
                .client(true)
                .envelope(args.length == 3)
                .generate()
                .writeTo(Path.of(args[1]));
    }
}
