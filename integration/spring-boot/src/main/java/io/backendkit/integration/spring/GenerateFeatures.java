package io.backendkit.integration.spring;

import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Generates the feature document for {@link Target#SPRING_MVC}, with the client, into a source root.
 * The build runs it at {@code generate-test-sources}; the tests serve the output from Spring Boot.
 */
public final class GenerateFeatures {

    private GenerateFeatures() {}

    /**
     * Writes the sources.
     *
     * @param args the document, then the source root to write into (emptied first), then optionally the
     *     base package ({@code com.acme.zoo} by default)
     * @throws IOException when the old sources cannot be deleted
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException("usage: GenerateFeatures SPEC OUTPUT_DIRECTORY [PACKAGE]");
        }
        Path out = Path.of(args[1]);
        if (Files.isDirectory(out)) {
            // files a previous version generated and this one does not must not be compiled
            try (Stream<Path> old = Files.walk(out)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        OpenApiCodegen.fromSpec(Path.of(args[0]))
                .basePackage(args.length == 3 ? args[2] : "com.acme.zoo")
                .target(Target.SPRING_MVC)
                .client(true)
                .generate()
                .writeTo(out);
    }
}
