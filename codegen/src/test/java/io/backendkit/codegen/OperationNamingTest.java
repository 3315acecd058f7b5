package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GIVEN operations without ids or with clashing ids WHEN generating THEN names are derived, unique and reported. */
class OperationNamingTest {

    static final Path CLASH = Path.of("src/test/resources/specs/clash.yaml");

    @TempDir
    Path classes;

    @Test
    void missingOperationIdsAreDerivedAndClashesGetSuffixesAndWarnings() {
        GeneratedSources sources = OpenApiCodegen.fromSpec(CLASH)
                .basePackage("clash")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        String api = sources.file("clash/api/ItemsApi.java").orElseThrow().content();
        assertThat(api)
                .contains("void fetch();")
                .contains("void fetch2(String id);")
                .contains("void getItemsByIdParts(String id);");
        assertThat(sources.file("clash/client/ItemsClient.java").orElseThrow().content())
                .contains("public void fetch2(String id)")
                .contains("public CompletableFuture<Void> fetch2Async(String id)");
        assertThat(sources.findings())
                .filteredOn(f -> f.code().equals("OPERATION_NAME_CLASH"))
                .singleElement()
                .extracting(Finding::location, Finding::message)
                .containsExactly(
                        CLASH + "#/paths/~1items~1{id}/get",
                        "method name 'fetch' is already used in ItemsApi (by GET /items); this operation is named"
                                + " 'fetch2'");
        assertThat(OpenApiCodegen.fromSpec(CLASH)
                        .basePackage("clash")
                        .target(Target.JDK_HTTP_SERVER)
                        .client(true)
                        .generate())
                .isEqualTo(sources);
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).isEmpty();
    }
}
