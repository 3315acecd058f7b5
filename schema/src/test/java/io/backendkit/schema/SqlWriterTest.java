package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.internal.sql.SqlWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SqlWriterTest {

    /** Names that break SQL built by concatenation, each beside a {@code victim} table that must survive. */
    static final List<String> HOSTILE = List.of(
            "h(id);drop table victim;commit;create index k on h",
            "a\"b",
            "a`b",
            "semi;colon",
            "dash--dash",
            "slash/*star",
            "with space",
            "order",
            "BigOrders",
            "café",
            "日本",
            "back\\slash",
            "quote'in");

    @TempDir
    Path tempDir;

    @ParameterizedTest
    @EnumSource(TestDatabase.Target.class)
    void hostile_identifiers_and_literals_round_trip_and_leave_victim_intact(TestDatabase.Target target)
            throws Exception {
        try (TestDatabase db = TestDatabase.open(target, tempDir)) {
            Dialect dialect = switch (target) {
                case POSTGRESQL -> Dialect.POSTGRESQL;
                case MARIADB -> Dialect.MYSQL;
                case H2 -> Dialect.H2;
                case SQLITE -> Dialect.SQLITE;
            };
            SqlWriter sql = SqlWriter.of(dialect);
            try (Connection c = db.dataSource.getConnection();
                    Statement st = c.createStatement()) {
                st.execute("CREATE TABLE victim (id INT)");
                st.execute("INSERT INTO victim VALUES (1)");
                for (String name : HOSTILE) {
                    st.execute("CREATE TABLE " + sql.id(name) + " (" + sql.id(name) + " VARCHAR(100))");
                    st.execute("INSERT INTO " + sql.id(name) + " VALUES (" + sql.literal(name) + ")");
                    try (ResultSet rs = st.executeQuery("SELECT " + sql.id(name) + " FROM " + sql.id(name) + " WHERE "
                            + sql.id(name) + " = " + sql.literal(name))) {
                        assertThat(rs.next()).as(name).isTrue();
                        assertThat(rs.getString(1)).isEqualTo(name);
                    }
                    String index = sql.inventName("idx", List.of(name, name), Set.of());
                    st.execute("CREATE INDEX " + sql.id(index) + " ON " + sql.id(name) + " (" + sql.id(name) + ")");
                }
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM victim")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void identifiers_are_always_quoted_and_their_quote_doubled() {
        assertThat(SqlWriter.of(Dialect.POSTGRESQL).id("users")).isEqualTo("\"users\"");
        assertThat(SqlWriter.of(Dialect.POSTGRESQL).id("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(SqlWriter.of(Dialect.MYSQL).id("a`b")).isEqualTo("`a``b`");
        assertThat(SqlWriter.of(Dialect.MYSQL).qualified("shop", "order")).isEqualTo("`shop`.`order`");
        assertThat(SqlWriter.of(Dialect.H2).qualified(null, "T")).isEqualTo("\"T\"");
        assertThatThrownBy(() -> SqlWriter.of(Dialect.POSTGRESQL).id("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlWriter.of(Dialect.POSTGRESQL).id("")).hasMessageContaining("empty");
    }

    @Test
    void literals_escape_quotes_and_backslashes() {
        assertThat(SqlWriter.of(Dialect.POSTGRESQL).literal("it's")).isEqualTo("'it''s'");
        assertThat(SqlWriter.of(Dialect.POSTGRESQL).literal("a\\'b")).isEqualTo("E'a\\\\''b'");
        assertThat(SqlWriter.of(Dialect.MYSQL).literal("a\\b")).isEqualTo("_utf8mb4 X'615c62'");
        assertThat(SqlWriter.of(Dialect.SQLITE).literal("a\\'b")).isEqualTo("'a\\''b'");
    }

    @Test
    void invented_names_keep_the_real_names_and_are_cut_with_a_hash_to_the_limit() {
        SqlWriter pg = SqlWriter.of(Dialect.POSTGRESQL);
        assertThat(pg.inventName("idx", List.of("orders", "customer_id"), Set.of()))
                .isEqualTo("idx_orders_customer_id");
        assertThat(pg.inventName("idx", List.of("café"), Set.of())).isEqualTo("idx_café");

        String longTable = "t".repeat(40);
        String a = pg.inventName("idx", List.of(longTable, "é".repeat(30)), Set.of());
        String b = pg.inventName("idx", List.of(longTable, "é".repeat(31)), Set.of());
        assertThat(a.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(b.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(a).startsWith("idx_" + longTable).isNotEqualTo(b);
        assertThat(a).isEqualTo(pg.inventName("idx", List.of(longTable, "é".repeat(30)), Set.of()));

        SqlWriter my = SqlWriter.of(Dialect.MYSQL);
        String m = my.inventName("idx", List.of("é".repeat(100)), Set.of());
        assertThat(m.codePointCount(0, m.length())).isEqualTo(64);
    }

    @Test
    void invented_names_avoid_names_already_taken() {
        SqlWriter pg = SqlWriter.of(Dialect.POSTGRESQL);
        assertThat(pg.inventName("idx", List.of("orders", "id"), Set.of("IDX_ORDERS_ID", "idx_orders_id_2")))
                .isEqualTo("idx_orders_id_3");
        List<String> taken = new ArrayList<>();
        String longName = "x".repeat(80);
        for (int i = 0; i < 3; i++) {
            String n = pg.inventName("idx", List.of(longName), Set.copyOf(taken));
            assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
            assertThat(taken).doesNotContain(n);
            taken.add(n);
        }
    }
}
