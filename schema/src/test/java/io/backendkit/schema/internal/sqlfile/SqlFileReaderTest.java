package io.backendkit.schema.internal.sqlfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Kind;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Statement;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer behind the offline {@code .sql} reader: where statements end, what tokens hold, on which line. */
class SqlFileReaderTest {

    private static List<String> values(Statement s) {
        return s.tokens().stream().map(Token::value).toList();
    }

    @Test
    void quotedStringsAndNamesHideSemicolonsAndKeepTheirValues() {
        List<Statement> st = SqlLexer.statements(
                Dialect.POSTGRESQL, "SELECT 'it''s; fine', E'a\\'b;', \"we;\"\"ird\" FROM t;\nSELECT 2;");
        assertThat(st).hasSize(2);
        List<Token> t = st.get(0).tokens();
        assertThat(t.get(1).kind()).isEqualTo(Kind.STRING);
        assertThat(t.get(1).value()).isEqualTo("it's; fine");
        assertThat(t.get(3).value()).isEqualTo("a'b;");
        assertThat(t.get(5).kind()).isEqualTo(Kind.QUOTED);
        assertThat(t.get(5).value()).isEqualTo("we;\"ird");
        assertThat(st.get(1).line()).isEqualTo(2);
    }

    @Test
    void mysqlBackslashesBackquotesAndDoubleQuotedStrings() {
        List<Statement> st =
                SqlLexer.statements(Dialect.MYSQL, "INSERT INTO `a;b` VALUES ('x\\';y', \"q;\");\nSELECT 1;");
        assertThat(st).hasSize(2);
        List<Token> t = st.get(0).tokens();
        assertThat(t.get(2).kind()).isEqualTo(Kind.QUOTED);
        assertThat(t.get(2).value()).isEqualTo("a;b");
        assertThat(t.get(5).value()).isEqualTo("x';y");
        assertThat(t.get(7).kind()).isEqualTo(Kind.STRING);
        assertThat(t.get(7).value()).isEqualTo("q;");
    }

    @Test
    void commentsAreSkippedIncludingNestedBlockCommentsOnPostgres() {
        String sql = "-- a; comment\nSELECT /* one ; /* two ; */ still ; */ 1;\n/* last; */ SELECT 3;";
        List<Statement> st = SqlLexer.statements(Dialect.POSTGRESQL, sql);
        assertThat(st)
                .extracting(SqlFileReaderTest::values)
                .containsExactly(List.of("SELECT", "1"), List.of("SELECT", "3"));
        assertThat(st).extracting(Statement::line).containsExactly(2, 3);
    }

    @Test
    void mysqlHashCommentsAndDoubleDashNeedASpace() {
        List<Statement> st = SqlLexer.statements(Dialect.MYSQL, "# note;\nSELECT 1--1;\n-- x;\nSELECT 2;");
        assertThat(st)
                .extracting(SqlFileReaderTest::values)
                .containsExactly(List.of("SELECT", "1", "-", "-", "1"), List.of("SELECT", "2"));
    }

    @Test
    void dollarQuotedBodiesKeepSemicolonsButParametersAreNotQuotes() {
        String sql = "CREATE FUNCTION f(int) RETURNS int AS $body$ SELECT $1; $$ inner $$ $body$ LANGUAGE sql;\n"
                + "CREATE FUNCTION g() RETURNS int AS $$SELECT 1;$$ LANGUAGE sql;";
        List<Statement> st = SqlLexer.statements(Dialect.POSTGRESQL, sql);
        assertThat(st).hasSize(2);
        Token body = st.get(0).tokens().stream()
                .filter(t -> t.kind() == Kind.STRING)
                .findFirst()
                .orElseThrow();
        assertThat(body.value()).isEqualTo(" SELECT $1; $$ inner $$ ");
        assertThat(values(st.get(1))).contains("SELECT 1;");
    }

    @Test
    void delimiterLinesChangeWhereMysqlStatementsEnd() {
        String sql = "DELIMITER ;;\nCREATE TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN\n SET NEW.x = 1;\nEND;;\n"
                + "DELIMITER ;\nSELECT 1;\nDELIMITER $$\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END$$\n"
                + "DELIMITER ;\n";
        List<Statement> st = SqlLexer.statements(Dialect.MYSQL, sql);
        assertThat(st).hasSize(3);
        assertThat(st.get(0).line()).isEqualTo(2);
        assertThat(values(st.get(0))).endsWith("1", ";", "END");
        assertThat(values(st.get(1))).containsExactly("SELECT", "1");
        assertThat(st.get(2).line()).isEqualTo(8);
        assertThat(values(st.get(2))).endsWith("SELECT", "2", ";", "END");
    }

    @Test
    void mysqlConditionalCommentsAreCode() {
        String sql = "/*!40101 SET @OLD = @@SQL_MODE */;\n/*!50003 CREATE TABLE t (id INT) */;\n/* plain; */ SELECT 1;";
        List<Statement> st = SqlLexer.statements(Dialect.MYSQL, sql);
        assertThat(st).extracting(s -> s.tokens().get(0).value()).containsExactly("SET", "CREATE", "SELECT");
        assertThat(values(st.get(1))).containsExactly("CREATE", "TABLE", "t", "(", "id", "INT", ")");
    }

    @Test
    void copyDataBlocksAreSkippedUpToTheirEndMarker() {
        String sql = "COPY public.t (a, b) FROM stdin;\n1\tx; DROP TABLE t;\n2\t'\n\\.\n\nCREATE TABLE u (id int);";
        List<Statement> st = SqlLexer.statements(Dialect.POSTGRESQL, sql);
        assertThat(st).hasSize(2);
        assertThat(st.get(0).copyData()).isTrue();
        assertThat(values(st.get(1))).startsWith("CREATE", "TABLE", "u");
        assertThat(st.get(1).line()).isEqualTo(6);
    }

    @Test
    void sqliteTriggerBodiesAndBracketNames() {
        String sql = "CREATE TRIGGER tr AFTER UPDATE ON [my t] BEGIN\n UPDATE a SET x = CASE WHEN 1 THEN 2 END;\n"
                + " DELETE FROM b;\nEND;\nSELECT 1;";
        List<Statement> st = SqlLexer.statements(Dialect.SQLITE, sql);
        assertThat(st).hasSize(2);
        assertThat(st.get(0).tokens().get(6).value()).isEqualTo("my t");
        assertThat(st.get(1).line()).isEqualTo(5);
    }

    @Test
    void multiLineStatementsStartOnTheirFirstTokensLine() {
        List<Statement> st =
                SqlLexer.statements(Dialect.POSTGRESQL, "\n\n  CREATE TABLE a (\n id int\n);\n\nSELECT\n1;");
        assertThat(st).extracting(Statement::line).containsExactly(3, 7);
        assertThat(st.get(0).tokens().get(4).line()).isEqualTo(4);
    }

    @Test
    void unterminatedConstructsNameTheLineTheyStartOn() {
        assertThatThrownBy(() -> SqlLexer.statements(Dialect.POSTGRESQL, "SELECT 1;\nSELECT 'oops;\n"))
                .hasMessage("string starting on line 2 is never closed");
        assertThatThrownBy(() -> SqlLexer.statements(Dialect.POSTGRESQL, "\n\nSELECT $x$ body"))
                .hasMessage("dollar-quoted string starting on line 3 is never closed");
        assertThatThrownBy(() -> SqlLexer.statements(Dialect.MYSQL, "/* never"))
                .hasMessage("comment starting on line 1 is never closed");
        assertThatThrownBy(() -> SqlLexer.statements(Dialect.POSTGRESQL, "COPY t FROM stdin;\n1\n"))
                .hasMessage("COPY data starting on line 1 is never closed");
    }
}
