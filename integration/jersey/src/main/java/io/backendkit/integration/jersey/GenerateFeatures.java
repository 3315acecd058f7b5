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
     * @param args the document, then the source root to write into
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: GenerateFeatures SPEC OUTPUT_DIRECTORY");
        }
        OpenApiCodegen.fromSpec(Path.of(args[0]))
                .basePackage("com.acme.zoo")
                .target(Target.JAKARTA_REST)
                .client(true)
                .generate()
                .writeTo(Path.of(args[1]));
    }
}
