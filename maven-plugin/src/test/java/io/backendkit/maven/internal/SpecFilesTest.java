package io.backendkit.maven.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void followsLocalRefsTransitivelyAndThroughCycles() throws IOException {
        Path spec = write("api.yaml", """
                openapi: 3.0.3
                paths:
                  /a:
                    $ref: "paths/a.yaml"
                components:
                  schemas:
                    Local:
                      $ref: "#/components/schemas/Other"
                """);
        Path a = write("paths/a.yaml", "get:\n  responses:\n    '200':\n      $ref: '../models/m.json#/R'\n");
        Path m = write("models/m.json", "{\"R\": {\"$ref\": \"../paths/a.yaml\"}, \"S\": {\"$ref\": \"#/R\"}}");
        write("unrelated.yaml", "x: 1\n");

        SpecFiles files = SpecFiles.of(spec);

        assertThat(files.files())
                .containsExactly(
                        spec.toAbsolutePath().normalize(),
                        a.toAbsolutePath().normalize(),
                        m.toAbsolutePath().normalize());
        assertThat(files.remoteRefs()).isEmpty();
    }

    @Test
    void remoteRefsAreListedApartAndMissingOrBrokenFilesAreKeptNotFollowed() throws IOException {
        Path spec = write("api.yaml", """
                a: {$ref: "https://schemas.example.com/pet.yaml#/Pet"}
                b: {$ref: "missing.yaml"}
                c: {$ref: "broken.yaml"}
                """);
        write("broken.yaml", "a: [unclosed\n  b: {$ref: other.yaml}\n");
        write("other.yaml", "x: 1\n");

        SpecFiles files = SpecFiles.of(spec);

        assertThat(files.remoteRefs()).containsExactly("https://schemas.example.com/pet.yaml");
        assertThat(files.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("api.yaml", "missing.yaml", "broken.yaml");
    }
}
