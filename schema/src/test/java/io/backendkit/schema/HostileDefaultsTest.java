package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Column defaults whose values hold quotes, backslashes and an injection: the diff's CREATE TABLE written from the
 * catalog recreates exactly those values, also in a session whose string syntax differs from the reading one
 * ({@code NO_BACKSLASH_ESCAPES} on MariaDB, {@code standard_conforming_strings = off} on PostgreSQL), and
 * {@code victim} keeps its row.
 */
class HostileDefaultsTest {

    static final String HOSTILE = "it's \\ x\\'; DROP TABLE victim; --";
    static final String NEWLINE = "line1\nline2\t\"q\"";

    /** A plain escaped string literal, written here by hand so that the test does not trust the writer it tests. */
    private static String escaped(String value, boolean mysql) {
        String body = value.replace("\\", "\\\\")
                .replace("'", "''")
                .replace("\n", "\\n")
                .replace("\t", "\\t");
        return (mysql ? "'" : "E'") + body + "'";
    }

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void literalDefaultsSurviveTheDiffInAnyStringMode(Target target) throws Exception {
        boolean my = target == Target.MARIADB;
        io.backendkit.schema.internal.sql.SqlWriter w =
                io.backendkit.schema.internal.sql.SqlWriter.of(my ? Dialect.MYSQL : Dialect.POSTGRESQL);
        try (TestDatabase db = TestDatabase.open(target, temp)) {
            db.execute("CREATE TABLE victim (id INT)");
            db.execute("INSERT INTO victim VALUES (1)");
            db.execute("CREATE TABLE d (id INT, a VARCHAR(200) DEFAULT " + escaped(HOSTILE, my)
                    + ", b VARCHAR(200) DEFAULT " + escaped(NEWLINE, my) + ", c INT DEFAULT 5, e VARCHAR(20) DEFAULT"
                    + " 'plain', t TIMESTAMP DEFAULT CURRENT_TIMESTAMP, s VARCHAR(20) DEFAULT 'NULL')");
            Catalog with = Schema.connect(db.dataSource).read();
            Catalog without = new Catalog(
                    with.dialect(),
                    with.tables().stream().filter(t -> !t.name().equals("d")).toList(),
                    with.views());
            List<String> create = SchemaDiff.between(without, with).upStatements();
            assertThat(create).singleElement().asString().startsWith("CREATE TABLE");

            for (String mode : my
                    ? List.of("SET SESSION sql_mode = ''", "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'")
                    : List.of("SET standard_conforming_strings = on", "SET standard_conforming_strings = off")) {
                db.execute("DROP TABLE d");
                try (Connection c = db.dataSource.getConnection();
                        Statement st = c.createStatement()) {
                    st.execute(mode);
                    for (String s : create) {
                        st.execute(s);
                    }
                    st.execute("INSERT INTO d (id) VALUES (1)");
                }
                assertThat(db.count("SELECT COUNT(*) FROM victim")).as(mode).isEqualTo(1);
                try (Connection c = db.dataSource.getConnection();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT a, b, c, e, s FROM d")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(mode).isEqualTo(HOSTILE);
                    assertThat(rs.getString(2)).as(mode).isEqualTo(NEWLINE);
                    assertThat(rs.getInt(3)).isEqualTo(5);
                    assertThat(rs.getString(4)).isEqualTo("plain");
                    assertThat(rs.getString(5)).isEqualTo("NULL");
                }
                assertThat(SchemaDiff.between(
                                        with, Schema.connect(db.dataSource).read())
                                .toText())
                        .as(mode)
                        .isEqualTo("no differences\n");
            }
        }
    }
}
