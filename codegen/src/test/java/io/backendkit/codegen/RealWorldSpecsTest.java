package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN the real-world documents in {@code $BACKENDKIT_SPECS_DIR} WHEN code is generated for every one
 * of them THEN all of it compiles with zero errors. Skipped, with the reason, when the variable is unset.
 */
class RealWorldSpecsTest {

    @TempDir
    Path tmp;

    static Path specsDir() {
        String dir = System.getenv("BACKENDKIT_SPECS_DIR");
        Assumptions.assumeTrue(
                dir != null && !dir.isBlank(),
                "BACKENDKIT_SPECS_DIR is not set: real-world OpenAPI documents are not available");
        Path path = Path.of(dir);
        Assumptions.assumeTrue(Files.isDirectory(path), "BACKENDKIT_SPECS_DIR is not a directory: " + dir);
        return path;
    }

    static List<Path> documents(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().matches(".*\\.(json|ya?ml)$"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyOasExampleGeneratesCodeThatCompiles() throws IOException {
        Path examples = specsDir().resolve("oas-examples");
        Assumptions.assumeTrue(Files.isDirectory(examples), "no oas-examples folder in " + examples.getParent());
        List<Path> docs = documents(examples);
        assertThat(docs).hasSizeGreaterThan(90);
        List<GeneratedFile> all = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (Path doc : docs) {
            try {
                GeneratedSources sources = OpenApiCodegen.fromSpec(doc)
                        .basePackage("ex.s" + n++)
                        .target(Target.JDK_HTTP_SERVER)
                        .client(true)
                        .generate();
                assertThat(sources.findings(Severity.ERROR)).isEmpty();
                all.addAll(sources.files());
            } catch (SpecException e) {
                // a clear error is an acceptable answer for a document that cannot become code
                assertThat(e.getMessage()).startsWith(doc.toString());
                failures.add(e.getMessage());
            }
        }
        assertThat(failures).as("documents refused").isEmpty();
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(all, tmp.resolve("classes"));
        assertThat(result.errors()).as("compile errors").isEmpty();
    }

    @Test
    void githubEnterpriseDescriptionGeneratesCodeThatCompiles() {
        Path github = specsDir().resolve("github-ghes-3.12.json");
        Assumptions.assumeTrue(Files.isRegularFile(github), "no github-ghes-3.12.json in " + github.getParent());
        GeneratedSources sources = OpenApiCodegen.fromSpec(github)
                .basePackage("com.github.ghes")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .envelope(false)
                .generate();
        assertThat(sources.modelCount()).isGreaterThan(800);
        JavaSourceCompiler.Result result = JavaSourceCompiler.compile(sources.files(), tmp.resolve("classes"));
        assertThat(result.errors()).as("compile errors").isEmpty();
    }
}
