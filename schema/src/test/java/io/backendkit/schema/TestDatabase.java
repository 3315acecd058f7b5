package io.backendkit.schema;

import io.backendkit.testsupport.DatabaseServer;
import io.backendkit.testsupport.ScratchDatabase;
import io.backendkit.testsupport.ScratchDatabases;
import io.backendkit.testsupport.UrlDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** A fresh, empty database of one of the four dialects, for one test. */
final class TestDatabase implements AutoCloseable {

    enum Target {
        POSTGRESQL,
        MARIADB,
        H2,
        SQLITE
    }

    final Target target;
    final DataSource dataSource;
    /** The JDBC URL of a PostgreSQL or MariaDB scratch database (null for H2 and SQLite). */
    final String jdbcUrl;
    /** The scratch schema (PostgreSQL) or database (MariaDB) name, null for H2 and SQLite. */
    final String name;

    private final ScratchDatabases scratch;

    private TestDatabase(Target target, DataSource dataSource, ScratchDatabases scratch, ScratchDatabase db) {
        this.target = target;
        this.dataSource = dataSource;
        this.scratch = scratch;
        this.jdbcUrl = db == null ? null : db.jdbcUrl();
        this.name = db == null ? null : db.name();
    }

    static TestDatabase open(Target target, Path tempDir) {
        return switch (target) {
            case POSTGRESQL, MARIADB -> {
                ScratchDatabases scratch = new ScratchDatabases();
                ScratchDatabase db =
                        scratch.get(target == Target.POSTGRESQL ? DatabaseServer.POSTGRESQL : DatabaseServer.MARIADB);
                yield new TestDatabase(target, db.dataSource(), scratch, db);
            }
            case H2 ->
                new TestDatabase(
                        target,
                        new UrlDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                        null,
                        null);
            case SQLITE ->
                new TestDatabase(target, new UrlDataSource("jdbc:sqlite:" + tempDir.resolve("test.db")), null, null);
        };
    }

    boolean tableExists(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.executeQuery("SELECT COUNT(*) FROM " + table).close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row, as text. */
    java.util.List<String> column(String sql) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        if (scratch != null) {
            scratch.afterAll(null);
        } else if (target == Target.H2) {
            execute("SHUTDOWN");
        }
    }
}
