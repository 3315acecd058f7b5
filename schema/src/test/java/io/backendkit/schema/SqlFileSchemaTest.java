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
    void aPostgresFileIsReadWithoutAServerAndSkippedStatementsAreListed() throws Exception {
        Path file = temp.resolve("schema.sql");
        Files.writeString(file, """
                CREATE EXTENSION IF NOT EXISTS pgcrypto;
                CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, created_at TIMESTAMPTZ NOT NULL);
                CREATE TABLE orders (id BIGSERIAL PRIMARY KEY, user_id BIGINT REFERENCES users (id), total REAL);

                CREATE TABLE broken (id INT,, name TEXT);
                """);

        SqlFileSchema s = SqlFileSchema.read(file, Dialect.POSTGRESQL, false);

        assertThat(s.catalog().tables()).extracting(Table::name).containsExactly("orders", "users");
        assertThat(s.skipped())
                .extracting(SqlFileSchema.Skipped::location)
                .containsExactly("schema.sql:1", "schema.sql:5");
        assertThat(s.skipped())
                .extracting(SqlFileSchema.Skipped::kind)
                .containsExactly("CREATE EXTENSION", "CREATE TABLE");
        assertThat(s.rejected()).extracting(Finding::location).containsExactly("schema.sql:1", "schema.sql:5");
        assertThat(s.catalog()
                        .table("users")
                        .orElseThrow()
                        .column("created_at")
                        .orElseThrow()
                        .type())
                .isEqualTo(ColumnType.TIMESTAMP_WITH_TIME_ZONE);
        // no engine artefacts: no index on the foreign key that the file does not create
        assertThat(s.catalog().table("orders").orElseThrow().indexes())
                .extracting(Index::name)
                .containsExactly("orders_pkey");
        SchemaReport report = SchemaAnalyzer.withDefaults().analyze(s.catalog());
        assertThat(report.withCode("FK_WITHOUT_INDEX")).hasSize(1);
        assertThat(report.withCode("MONEY_AS_FLOAT")).hasSize(1);
    }

    @Test
    void strictModeStopsAtTheFirstSkippedStatementWithFileAndLine() throws Exception {
        Path file = temp.resolve("v2.sql");
        Files.writeString(file, "CREATE TABLE a (id INT PRIMARY KEY);\n\nCREATE TABLE b (id INTEGR);\n");

        assertThatThrownBy(() -> SqlFileSchema.read(file, Dialect.MYSQL, true))
                .isInstanceOf(SchemaException.class)
                .hasMessage("v2.sql:3: CREATE TABLE cannot be modelled: unknown MySQL type integr");
    }

    @Test
    void aMysqlFileThatSelectsItsDatabaseIsReadIntoThatDatabase() {
        SqlFileSchema s = SqlFileSchema.read(
                "shop.sql",
                "CREATE DATABASE shop;\nUSE shop;\nCREATE TABLE items (id INT PRIMARY KEY, sku VARCHAR(20) UNIQUE);\n",
                Dialect.MYSQL,
                true);
        assertThat(s.catalog().tables()).extracting(Table::qualifiedName).containsExactly("shop.items");
        assertThat(s.ignored()).extracting(SqlFileSchema.Skipped::location).containsExactly("shop.sql:1", "shop.sql:2");
    }

    @Test
    void sqliteIsReadAndOtherDialectsAreRefusedByName() {
        SqlFileSchema s = SqlFileSchema.read("a.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);", Dialect.SQLITE, true);
        assertThat(s.catalog().tables()).extracting(Table::qualifiedName).containsExactly("main.t");
        assertThatThrownBy(() -> SqlFileSchema.read("a.sql", "CREATE TABLE t (id INT);", Dialect.H2, false))
                .isInstanceOf(SchemaException.class)
                .hasMessageStartingWith(
                        "a.sql: reading a SQL file offline supports PostgreSQL, MySQL/MariaDB and SQLite");
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
