package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Schema.connect(url, user, password)}, {@code SchemaAnalyzer.analyze(url, user, password)}: no pool needed. */
class DataSourceByUrlTest {

    @TempDir
    Path temp;

    @Test
    void schemaAndAnalyzerReadADatabaseByUrl() throws Exception {
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            db.execute("CREATE TABLE by_url (id INT PRIMARY KEY, name TEXT)");
            // the scratch URL carries the user; give it separately as well
            assertThat(Schema.connect(db.jdbcUrl, null, null).read().table("by_url"))
                    .isPresent();
            String withoutUser = db.jdbcUrl.replace("user=postgres&", "").replace("?user=postgres", "?");
            assertThat(withoutUser).doesNotContain("user=");
            assertThat(Schema.connect(withoutUser, "postgres", null)
                            .schemas(db.name)
                            .read()
                            .tables())
                    .extracting(Table::name)
                    .containsExactly("by_url");
            SchemaReport report =
                    SchemaAnalyzer.builder().schemas(db.name).build().analyze(withoutUser, "postgres", null);
            assertThat(report.tables()).isEqualTo(1);
        }
    }

    @Test
    void badOrUnreachableUrlsAreNamedWithoutThePassword() {
        assertThatThrownBy(() -> Schema.connect("postgres://localhost/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbcUrl must start with 'jdbc:'");
        assertThatThrownBy(() -> SchemaAnalyzer.withDefaults().analyze("localhost", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbcUrl must start with 'jdbc:'");
        assertThatThrownBy(() -> Schema.connect("jdbc:postgresql://127.0.0.1:1/none", "someone", "s3cret-pw")
                        .read())
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("cannot read the catalog")
                .hasMessageNotContaining("s3cret-pw");
    }
}
