package io.backendkit.schema.internal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.ColumnType;
import org.junit.jupiter.api.Test;

/**
 * MySQL 8 prints literal defaults bare in COLUMN_DEFAULT (no MySQL 8 server runs here, so this checks the catalog text
 * as MySQL 8 documents it; MariaDB and PostgreSQL are checked live in HostileDefaultsTest).
 */
class DefaultSqlTest {

    @Test
    void mysql8BareLiteralsAreQuotedAndExpressionsParenthesised() {
        assertThat(MySqlCatalogReader.defaultSql("it's'; DROP TABLE victim; --", "", ColumnType.VARCHAR, false))
                .isEqualTo("'it''s''; DROP TABLE victim; --'");
        assertThat(MySqlCatalogReader.defaultSql("a\\b", "", ColumnType.VARCHAR, false))
                .isEqualTo("_utf8mb4 X'615c62'");
        assertThat(MySqlCatalogReader.defaultSql("5", "", ColumnType.INTEGER, false))
                .isEqualTo("5");
        assertThat(MySqlCatalogReader.defaultSql("5; DROP TABLE v", "", ColumnType.INTEGER, false))
                .isEqualTo("'5; DROP TABLE v'");
        assertThat(MySqlCatalogReader.defaultSql("CURRENT_TIMESTAMP", "default_generated", ColumnType.TIMESTAMP, false))
                .isEqualTo("CURRENT_TIMESTAMP");
        assertThat(MySqlCatalogReader.defaultSql("rand()", "default_generated", ColumnType.DOUBLE, false))
                .isEqualTo("(rand())");
    }

    @Test
    void postgresLiteralDefaultsAreWrittenAgainIndependentOfStringMode() {
        assertThat(PostgresCatalogReader.literalDefault("'a\\b'::text")).isEqualTo("E'a\\\\b'::text");
        assertThat(PostgresCatalogReader.literalDefault("E'a\\\\b'::character varying"))
                .isEqualTo("E'a\\\\b'::character varying");
        assertThat(PostgresCatalogReader.literalDefault("'it''s'::text")).isEqualTo("'it''s'::text");
        assertThat(PostgresCatalogReader.literalDefault("nextval('s'::regclass)"))
                .isEqualTo("nextval('s'::regclass)");
        assertThat(PostgresCatalogReader.literalDefault("'a'::text || 'b'::text"))
                .isEqualTo("'a'::text || 'b'::text");
    }
}
