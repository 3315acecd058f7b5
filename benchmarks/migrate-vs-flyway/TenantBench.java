import io.backendkit.schema.MigrateTenantsResult;
import io.backendkit.schema.Migrator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Migrates N fresh tenant schemas (PREFIX_01 ... PREFIX_N) on PostgreSQL with one tool and prints how many migrations
 * ran and the milliseconds the whole tenant run took: backendkit in one migrateTenants call (PARALLELISM at once),
 * Flyway called once per tenant, as its users loop. Usage: TenantBench backendkit|flyway DIR JDBC_URL PREFIX N
 * PARALLELISM
 */
public final class TenantBench {
    public static void main(String[] args) throws SQLException {
        String tool = args[0];
        String dir = args[1];
        String url = args[2];
        String prefix = args[3];
        int n = Integer.parseInt(args[4]);
        int parallelism = Integer.parseInt(args[5]);
        List<String> tenants = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            for (int i = 1; i <= n; i++) {
                String t = String.format("%s_%02d", prefix, i);
                st.execute("DROP SCHEMA IF EXISTS " + t + " CASCADE");
                st.execute("CREATE SCHEMA " + t);
                tenants.add(t);
            }
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        long start = System.nanoTime();
        int applied = 0;
        switch (tool) {
            case "backendkit" -> {
                MigrateTenantsResult r = Migrator.configure()
                        .dataSource(ds)
                        .locations("filesystem:" + dir)
                        .tenantParallelism(parallelism)
                        .load()
                        .migrateTenants(tenants);
                if (!r.succeeded()) {
                    throw new IllegalStateException(r.toText());
                }
                applied = r.migrationsExecuted();
            }
            case "flyway" -> {
                for (String t : tenants) {
                    applied += Flyway.configure()
                            .dataSource(ds)
                            .schemas(t)
                            .locations("filesystem:" + dir)
                            .load()
                            .migrate()
                            .migrationsExecuted;
                }
            }
            default -> throw new IllegalArgumentException("tool must be backendkit or flyway (was " + tool + ")");
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        try (Connection c = DriverManager.getConnection(url);
                Statement st = c.createStatement()) {
            for (String t : tenants) {
                st.execute("DROP SCHEMA " + t + " CASCADE");
            }
        }
        System.out.println(tool + " " + applied + " " + millis);
    }
}
