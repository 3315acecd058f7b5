package io.backendkit.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

class ScratchDatabasesTest {

    @RegisterExtension
    static final ScratchDatabases DATABASES = new ScratchDatabases();

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void tableCreatedInScratchSchemaIsReadBack(DatabaseServer server) throws SQLException {
        ScratchDatabase db = DATABASES.get(server);

        try (Connection c = db.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE widgets (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)");
            st.execute("INSERT INTO widgets (id, name) VALUES (1, 'sprocket'), (2, 'Zahnrad ⚙')");
            try (ResultSet rs = st.executeQuery("SELECT id, name FROM widgets ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("sprocket");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("Zahnrad ⚙");
                assertThat(rs.next()).isFalse();
            }
        }
        assertThat(tableSchemasOf(db, "widgets")).containsExactly(db.name());
        assertThat(DATABASES.get(server)).isSameAs(db);
    }

    @ParameterizedTest
    @EnumSource(DatabaseServer.class)
    void eachInstanceGetsItsOwnSchemaAndDropsItAfterwards(DatabaseServer server) throws SQLException {
        ScratchDatabases other = new ScratchDatabases();
        ScratchDatabase mine = DATABASES.get(server);
        ScratchDatabase theirs = other.get(server);
        try (Connection c = theirs.openConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE only_theirs (id INT)");
        }
        assertThat(theirs.name()).isNotEqualTo(mine.name());
        assertThat(schemaExists(server, theirs.name())).isTrue();

        other.afterAll(null);

        assertThat(schemaExists(server, theirs.name())).isFalse();
        assertThat(schemaExists(server, mine.name())).isTrue();
    }

    @Test
    void unsetUrlSkipsWithTheVariableName() {
        ScratchDatabases dbs = new ScratchDatabases(Map.<String, String>of()::get);

        assertThat(dbs.isConfigured(DatabaseServer.POSTGRESQL)).isFalse();
        assertThatThrownBy(() -> dbs.get(DatabaseServer.POSTGRESQL))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("BACKENDKIT_PG_URL is not set")
                .hasMessageContaining("PostgreSQL");
    }

    @Test
    void unsetUrlFailsWhenDatabasesAreRequired() {
        ScratchDatabases dbs = new ScratchDatabases(Map.of("BACKENDKIT_REQUIRE_DBS", "1")::get);

        assertThat(dbs.isRequired()).isTrue();
        assertThatThrownBy(() -> dbs.get(DatabaseServer.MARIADB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("BACKENDKIT_REQUIRE_DBS=1 but BACKENDKIT_MYSQL_URL is not set, "
                        + "so this MariaDB test cannot run");
    }

    @Test
    void unreachableServerFailsEvenWhenNotRequiredAndHidesThePassword() {
        ScratchDatabases dbs =
                new ScratchDatabases(Map.of(
                        "BACKENDKIT_PG_URL",
                        "jdbc:postgresql://127.0.0.1:1/test?user=u&password=secret&connectTimeout=2")::get);

        assertThatThrownBy(() -> dbs.get(DatabaseServer.POSTGRESQL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot create scratch schema bk_test_")
                .hasMessageContaining("password=***")
                .hasMessageContaining("BACKENDKIT_PG_URL")
                .hasMessageNotContaining("secret");
    }

    @Test
    void scratchNamesAreSafeIdentifiersWithinLengthLimits() {
        String name =
                ScratchDatabases.scratchName("Very-Long Test Class Name With Ünïcode And Punctuation!!".repeat(3));

        assertThat(name).matches("bk_[a-z0-9_]+_[0-9a-f]{1,8}").hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void urlsAreRewrittenToTheScratchSchema() {
        assertThat(JdbcUrls.withSchema(DatabaseServer.POSTGRESQL, "jdbc:postgresql://h:5432/test", "s"))
                .isEqualTo("jdbc:postgresql://h:5432/test?currentSchema=s");
        assertThat(JdbcUrls.withSchema(DatabaseServer.POSTGRESQL, "jdbc:postgresql://h/test?user=p", "s"))
                .isEqualTo("jdbc:postgresql://h/test?user=p&currentSchema=s");
        assertThat(JdbcUrls.withSchema(DatabaseServer.MARIADB, "jdbc:mariadb://h:3306/test?user=root", "s"))
                .isEqualTo("jdbc:mariadb://h:3306/s?user=root");
        assertThat(JdbcUrls.withSchema(DatabaseServer.MARIADB, "jdbc:mariadb://h:3306", "s"))
                .isEqualTo("jdbc:mariadb://h:3306/s");
        assertThatThrownBy(() -> JdbcUrls.withSchema(DatabaseServer.MARIADB, "jdbc:mariadb:h?password=x", "s"))
                .hasMessage("not a host-based JDBC URL: jdbc:mariadb:h?password=***");
    }

    private static java.util.List<String> tableSchemasOf(ScratchDatabase db, String table) throws SQLException {
        String column = db.server() == DatabaseServer.POSTGRESQL ? "table_schema" : "TABLE_SCHEMA";
        try (Connection c = db.openConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + column + " FROM information_schema.tables WHERE table_name = ?")) {
            ps.setString(1, table);
            java.util.List<String> schemas = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
            return schemas;
        }
    }

    private static boolean schemaExists(DatabaseServer server, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(System.getenv(server.urlEnv()));
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }
}
