package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledSpecTest {

    static final Path BUNDLED = Path.of("src/test/resources/specs/bundled.yaml");

    @Test
    void inlineCopiesOfComponentsUseTheComponentTypes(@TempDir Path classes) {
        GeneratedSources sources = OpenApiCodegen.fromSpec(BUNDLED)
                .basePackage("com.acme.bundled")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();

        // the copies of User, Simple User and Plan inside paths and inside User itself are not new types
        assertThat(sources.files())
                .extracting(GeneratedFile::path)
                .filteredOn(p -> p.startsWith("com/acme/bundled/model/"))
                .filteredOn(p -> !p.matches(".*/(Violation|Validatable|Validation|ApiJson|Page)\\.java"))
                .containsExactlyInAnyOrder(
                        "com/acme/bundled/model/User.java",
                        "com/acme/bundled/model/SimpleUser.java",
                        "com/acme/bundled/model/Plan.java",
                        "com/acme/bundled/model/CreateUserRequest.java");
        assertThat(content(sources, "com/acme/bundled/api/UsersApi.java"))
                .contains("User getUser(long id);")
                .contains("List<User> listUsers();");
        assertThat(content(sources, "com/acme/bundled/model/User.java"))
                .contains("Plan plan")
                .contains("SimpleUser manager");
        // a schema that differs from every component keeps its own type, with the shared enum
        assertThat(content(sources, "com/acme/bundled/model/CreateUserRequest.java"))
                .contains("Plan plan");
        assertThat(sources.findings())
                .filteredOn(f -> f.code().equals("INLINE_COPIES_OF_COMPONENTS"))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .startsWith("5 inline schema(s) are copies of component schemas");

        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).isEmpty();
        assertThat(compiled.warnings()).isEmpty();
    }

    private static String content(GeneratedSources sources, String path) {
        return sources.file(path).orElseThrow().content();
    }
}
