import io.backendkit.schema.Migrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Applies the migrations in a directory to a fresh PostgreSQL schema with one tool and prints the
 * milliseconds the migrate call took. Usage: MigrateBench backendkit|flyway DIR JDBC_URL SCHEMA
 */
public final class MigrateBench {
    public static void main(String[] args) throws SQLException {
        String tool = args[0];
        String dir = args[1];
        String url = args[2];
        String schema = args[3];
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url + "&currentSchema=" + schema);
        long start = System.nanoTime();
        int applied = switch (tool) {
            case "backendkit" -> backendkit(ds, dir);
            case "flyway" -> flyway(ds, dir, schema);
            default -> throw new IllegalArgumentException("tool must be backendkit or flyway (was " + tool + ")");
        };
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(tool + " " + applied + " " + millis);
    }

    private static int backendkit(DataSource ds, String dir) {
        return Migrator.configure().dataSource(ds).locations("filesystem:" + dir).load().migrate().count();
    }

    private static int flyway(DataSource ds, String dir, String schema) {
        return Flyway.configure()
                .dataSource(ds)
                .schemas(schema)
                .locations("filesystem:" + dir)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
