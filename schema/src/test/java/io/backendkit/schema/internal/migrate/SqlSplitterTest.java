package io.backendkit.schema.internal.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> sql(Dialect d, String script) {
        return new SqlSplitter(d)
                .split(script, 1).stream().map(SqlStatement::sql).toList();
    }

    @Test
    void semicolonsInsideStringsIdentifiersAndCommentsDoNotSplit() {
        String script = """
                -- a comment; with a semicolon
                INSERT INTO t VALUES ('a;b', 'it''s; fine');
                /* block; comment */ SELECT "odd;name" FROM t;
                SELECT 1""";

        assertThat(sql(Dialect.H2, script))
                .containsExactly(
                        "-- a comment; with a semicolon\nINSERT INTO t VALUES ('a;b', 'it''s; fine')",
                        "/* block; comment */ SELECT \"odd;name\" FROM t",
                        "SELECT 1");
    }

    @Test
    void statementsCarryTheLineTheyStartOn() {
        List<SqlStatement> statements = new SqlSplitter(Dialect.POSTGRESQL)
                .split("\n\nCREATE TABLE a (id INT);\n\n-- note\nCREATE TABLE b (\n id INT\n);", 10);

        assertThat(statements).extracting(SqlStatement::line).containsExactly(12, 15);
    }

    @Test
    void postgresDollarQuotedBodiesAndNestedCommentsStayWhole() {
        String script = """
                CREATE FUNCTION f() RETURNS trigger AS $body$
                BEGIN
                  NEW.updated_at := now(); RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;
                /* outer /* inner; */ still comment; */ SELECT $$a;b$$, $1;
                SELECT E'it\\'s;' AS x;
                """;

        List<String> out = sql(Dialect.POSTGRESQL, script);

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("CREATE FUNCTION").endsWith("LANGUAGE plpgsql");
        assertThat(out.get(1)).endsWith("SELECT $$a;b$$, $1");
        assertThat(out.get(2)).isEqualTo("SELECT E'it\\'s;' AS x");
    }

    @Test
    void mysqlDelimiterCommandAndBackslashEscapes() {
        String script = """
                DELIMITER //
                CREATE PROCEDURE p()
                BEGIN
                  INSERT INTO t VALUES ('x\\';y');
                  SELECT 1;
                END //
                DELIMITER ;
                # hash comment;
                SELECT `a;b` FROM t;
                """;

        List<String> out = sql(Dialect.MYSQL, script);

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).startsWith("CREATE PROCEDURE p()").endsWith("END");
        assertThat(out.get(1)).endsWith("SELECT `a;b` FROM t");
    }

    @Test
    void triggerBodiesWithBeginEndStayWholeWithoutDelimiter() {
        String script = """
                CREATE TRIGGER trg AFTER INSERT ON t FOR EACH ROW
                BEGIN
                  UPDATE c SET n = CASE WHEN n IS NULL THEN 1 ELSE n + 1 END;
                  INSERT INTO log VALUES (1);
                END;
                BEGIN;
                COMMIT;
                """;

        List<String> out = sql(Dialect.SQLITE, script);

        assertThat(out).hasSize(3);
        assertThat(out.get(0)).startsWith("CREATE TRIGGER").endsWith("END");
        assertThat(out.subList(1, 3)).containsExactly("BEGIN", "COMMIT");
    }

    @Test
    void commentOnlyScriptsYieldNothing() {
        assertThat(sql(Dialect.POSTGRESQL, "-- nothing\n/* here */\n;\n")).isEmpty();
    }

    @Test
    void unterminatedConstructsNameTheirStartLine() {
        assertThatThrownBy(() -> new SqlSplitter(Dialect.POSTGRESQL).split("SELECT 1;\nSELECT 'abc;\n", 5))
                .isInstanceOf(SqlSplitter.UnterminatedException.class)
                .hasMessage("string starting on line 6 is never closed");
        assertThatThrownBy(() -> new SqlSplitter(Dialect.POSTGRESQL).split("\n\nDO $x$ BEGIN END", 1))
                .hasMessage("dollar-quoted body $x$ starting on line 3 is never closed");
        assertThatThrownBy(() -> new SqlSplitter(Dialect.H2).split("/* open", 1))
                .hasMessage("block comment starting on line 1 is never closed");
    }
}
