package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.core.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFileSchemaTest {

    @TempDir
    Path temp;

    @Test
    void aPostgresFileIsReadWithoutAServerAndRejectedStatementsAreListed() throws Exception {
        Path file = temp.resolve("schema.sql");
        Files.writeString(file, """
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, created_at TIMESTAMPTZ NOT NULL);
                CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, user_id BIGINT REFERENCES users (id), total REAL);

                CREATE TABLE broken (id INT,, name TEXT);
                """);

        SqlFileSchema s = SqlFileSchema.read(file, Dialect.POSTGRESQL, false);

        assertThat(s.catalog().tables()).extracting(Table::name).containsExactly("orders", "users");
        assertThat(s.rejected()).extracting(Finding::location).containsExactly("schema.sql:1", "schema.sql:5");
        assertThat(s.catalog()
                        .table("users")
                        .orElseThrow()
                        .column("created_at")
                        .orElseThrow()
                        .type())
                .isEqualTo(ColumnType.TIMESTAMP_WITH_TIME_ZONE);
        assertThat(s.rejected().get(1).message()).startsWith("the embedded engine (H2) could not take this statement");
        SchemaReport report = SchemaAnalyzer.withDefaults().analyze(s.catalog());
        assertThat(report.withCode("FK_WITHOUT_INDEX")).hasSize(1);
        assertThat(report.withCode("MONEY_AS_FLOAT")).hasSize(1);
    }

    @Test
    void strictModeStopsAtTheFirstRejectedStatementWithFileAndLine() throws Exception {
        Path file = temp.resolve("v2.sql");
        Files.writeString(file, "CREATE TABLE a (id INT PRIMARY KEY);\n\nCREATE TABLE b (id INTEGR);\n");

        assertThatThrownBy(() -> SqlFileSchema.read(file, Dialect.MYSQL, true))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith("v2.sql:3: the embedded engine (H2) could not take this statement");
    }

    @Test
    void unterminatedStringsAndMissingFilesNameTheFile() throws Exception {
        Path file = temp.resolve("bad.sql");
        Files.writeString(file, "CREATE TABLE a (id INT);\nINSERT INTO a VALUES ('oops);\n");

        assertThatThrownBy(() -> SqlFileSchema.read(file, Dialect.POSTGRESQL, false))
                .hasMessage("bad.sql:2: string starting on line 2 is never closed");
        assertThatThrownBy(() -> SqlFileSchema.read(temp.resolve("none.sql"), Dialect.POSTGRESQL, false))
                .hasMessageContaining("none.sql: cannot be read");
    }
}
