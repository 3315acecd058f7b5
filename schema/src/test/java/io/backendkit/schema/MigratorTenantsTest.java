package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.TestDatabase.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Migrator#migrateTenants}: many schemas or databases in one call, one failing tenant harming no other. */
class MigratorTenantsTest {

    @TempDir
    Path temp;

    private TestDatabase db;
    private final List<String> created = new ArrayList<>();

    @AfterEach
    void dropTenants() throws Exception {
        if (db != null) {
            for (String name : created) {
                db.execute(
                        db.target == Target.POSTGRESQL
                                ? "DROP SCHEMA IF EXISTS " + name + " CASCADE"
                                : "DROP DATABASE IF EXISTS " + name);
            }
            db.close();
        }
    }

    private Path migrations() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("migrations"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(
                    dir.resolve("V" + i + "__table_" + i + ".sql"),
                    "-- migrate:up\nCREATE TABLE t" + i + " (id INT PRIMARY KEY, note VARCHAR(20));\n"
                            + "INSERT INTO t" + i + " (id, note) VALUES (" + i + ", 'v" + i + "');\n"
                            + "-- migrate:down\nDROP TABLE t" + i + ";\n");
        }
        return dir;
    }

    private List<String> createTenants(int n) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String name = db.name + "_t" + (i < 10 ? "0" : "") + i;
            db.execute((db.target == Target.POSTGRESQL ? "CREATE SCHEMA " : "CREATE DATABASE ") + name);
            created.add(name);
            names.add(name);
        }
        return names;
    }

    private Migrator.Builder migrator(DataSource ds) throws IOException {
        return Migrator.configure()
                .dataSource(ds)
                .locations("filesystem:" + migrations())
                .installedBy("tenants-test");
    }

    private List<String> tablesOf(String schema) throws SQLException {
        return db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema
                + "' ORDER BY table_name");
    }

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void manyTenantsMigrateInOneCallAndABrokenOneHarmsNoOther(Target target) throws Exception {
        db = TestDatabase.open(target, temp);
        int n = target == Target.POSTGRESQL ? 20 : 10;
        List<String> tenants = createTenants(n);
        String broken = tenants.get(6);
        // this tenant already has a t2 of its own: its V2 fails there, and only there
        db.execute("CREATE TABLE " + broken + ".t2 (other INT)");
        CountingDataSource counting = new CountingDataSource(db.dataSource);
        Migrator migrator = migrator(counting).tenantParallelism(4).load();

        MigrateTenantsResult result = migrator.migrateTenants(tenants);

        assertThat(result.tenants())
                .extracting(MigrateTenantsResult.Outcome::tenant)
                .containsExactlyElementsOf(tenants);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.in(MigrateTenantsResult.Status.MIGRATED)).hasSize(n - 1);
        MigrateTenantsResult.Outcome failed =
                result.in(MigrateTenantsResult.Status.FAILED).get(0);
        assertThat(failed.tenant()).isEqualTo(broken);
        assertThat(failed.error().location()).isEqualTo("V2__table_2.sql:2");
        assertThat(failed.error())
                .hasMessageContaining("this run already applied and committed, before this failure: V1__table_1.sql");
        assertThat(result.migrationsExecuted()).isEqualTo((n - 1) * 5);
        assertThat(result.toText())
                .contains(n + " tenant(s): " + (n - 1) + " migrated, 1 failed, 0 skipped")
                .contains(broken + ": FAILED at V2__table_2.sql:2");
        for (String t : tenants) {
            if (t.equals(broken)) {
                continue;
            }
            assertThat(tablesOf(t)).containsExactly("backendkit_schema_history", "t1", "t2", "t3", "t4", "t5");
            assertThat(db.column("SELECT note FROM " + t + ".t3")).containsExactly("v3");
            assertThat(db.count("SELECT COUNT(*) FROM " + t + ".backendkit_schema_history WHERE success"
                            + (target == Target.MARIADB ? " = 1" : "")))
                    .isEqualTo(5);
        }
        // the broken tenant: V1 applied, its own t2 untouched, nothing of V3..V5
        assertThat(tablesOf(broken)).containsExactly("backendkit_schema_history", "t1", "t2");
        assertThat(db.column("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + broken
                        + "' AND table_name = 't2'"))
                .containsExactly("other");
        // nothing landed in the data source's own schema
        assertThat(tablesOf(db.name)).isEmpty();
        // bounded: never more than 4 connections at once, and more than one did run at once
        assertThat(counting.maxOpen.get()).isBetween(2, 4);
        // every connection went back where it started (a pool would hand it out again)
        assertThat(counting.leftElsewhere).isEmpty();

        // fix the broken tenant by hand, record it, and run again: only it has work
        db.execute("DROP TABLE " + broken + ".t2");
        if (target == Target.MARIADB) {
            // no transactional DDL: the failure left a FAILED row, which wants a verdict in that tenant alone
            assertThat(migrator.forTenant(broken).status().migrations())
                    .filteredOn(i -> i.fileName().equals("V2__table_2.sql"))
                    .extracting(MigrationInfo::state)
                    .containsExactly(MigrationState.FAILED);
            migrator.forTenant(broken).repair(MigrationVerdict.markRolledBack("2"));
        }
        MigrateTenantsResult again = migrator.migrateTenants(tenants);
        assertThat(again.succeeded()).isTrue();
        assertThat(again.tenants())
                .filteredOn(t -> !t.tenant().equals(broken))
                .allSatisfy(t -> assertThat(t.result().executed()).isEmpty());
        assertThat(again.tenants())
                .filteredOn(t -> t.tenant().equals(broken))
                .singleElement()
                .satisfies(t -> assertThat(t.result().executed()).hasSize(4));
        assertThat(tablesOf(broken)).containsExactly("backendkit_schema_history", "t1", "t2", "t3", "t4", "t5");
    }

    @Test
    void stopOnFirstFailureSkipsTheTenantsNotYetStartedAndLeavesThemUntouched() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        List<String> tenants = createTenants(3);
        db.execute("CREATE TABLE " + tenants.get(0) + ".t1 (other INT)");
        Migrator migrator = migrator(db.dataSource)
                .tenantParallelism(1)
                .stopOnFirstTenantFailure(true)
                .load();
        MigrateTenantsResult result = migrator.migrateTenants(tenants);
        assertThat(result.tenants())
                .extracting(MigrateTenantsResult.Outcome::status)
                .containsExactly(
                        MigrateTenantsResult.Status.FAILED,
                        MigrateTenantsResult.Status.SKIPPED,
                        MigrateTenantsResult.Status.SKIPPED);
        assertThat(tablesOf(tenants.get(1))).isEmpty();
        assertThat(tablesOf(tenants.get(2))).isEmpty();
        assertThat(result.toText()).contains(tenants.get(2) + ": skipped (an earlier tenant failed)");
    }

    @Test
    void missingSchemaAndBadNamesAreNamed() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        List<String> tenants = createTenants(1);
        String missing = db.name + "_nope";
        Migrator migrator = migrator(db.dataSource).load();
        MigrateTenantsResult result = migrator.migrateTenants(List.of(missing, tenants.get(0)));
        assertThat(result.tenants().get(0).status()).isEqualTo(MigrateTenantsResult.Status.FAILED);
        assertThat(result.tenants().get(0).error())
                .hasMessageContaining(missing)
                .hasMessageContaining("no such schema; create it before migrating the tenant");
        assertThat(result.tenants().get(1).result().count()).isEqualTo(5);
        assertThatThrownBy(() -> migrator.migrateTenants(List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> migrator.migrateTenants(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migrator.configure().tenantParallelism(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenantParallelism must be 1 to 256");
    }

    @Test
    void h2SchemasAreTenantsTooAndSqliteIsToldToUseDataSources() throws Exception {
        db = TestDatabase.open(Target.H2, temp);
        db.execute("CREATE SCHEMA TENANT_A");
        db.execute("CREATE SCHEMA TENANT_B");
        MigrateTenantsResult result = migrator(db.dataSource).load().migrateTenants(List.of("TENANT_A", "TENANT_B"));
        assertThat(result.succeeded()).as(result.toText()).isTrue();
        assertThat(db.column("SELECT NOTE FROM TENANT_B.T5")).containsExactly("v5");
        assertThat(db.tableExists("PUBLIC.T1")).isFalse();
        db.close();

        db = TestDatabase.open(Target.SQLITE, temp);
        MigrateTenantsResult sqlite = migrator(db.dataSource).load().migrateTenants(List.of("main"));
        assertThat(sqlite.tenants().get(0).error())
                .hasMessageContaining(
                        "has no schemas to hold tenants; give each tenant's database its own data source");
    }

    @Test
    void databasePerTenantThroughTheirOwnDataSources() throws Exception {
        db = TestDatabase.open(Target.POSTGRESQL, temp);
        try (TestDatabase second = TestDatabase.open(Target.POSTGRESQL, temp)) {
            Map<String, DataSource> tenants = new LinkedHashMap<>();
            tenants.put("first", db.dataSource);
            tenants.put("second", second.dataSource);
            MigrateTenantsResult result = migrator(db.dataSource).load().migrateTenants(tenants);
            assertThat(result.succeeded()).isTrue();
            assertThat(result.migrationsExecuted()).isEqualTo(10);
            assertThat(tablesOf(second.name)).contains("t5");
            assertThat(tablesOf(db.name)).contains("t5");
        }
    }

    /** Counts connections open at once, and checks each goes back to where it started before it is closed. */
    static final class CountingDataSource implements DataSource {
        private final DataSource base;
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger maxOpen = new AtomicInteger();
        final ConcurrentLinkedQueue<String> leftElsewhere = new ConcurrentLinkedQueue<>();

        CountingDataSource(DataSource base) {
            this.base = base;
        }

        private static String where(Connection c) throws SQLException {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            c.getMetaData().getDatabaseProductName().contains("PostgreSQL")
                                    ? "SELECT current_setting('search_path')"
                                    : "SELECT DATABASE()")) {
                rs.next();
                return rs.getString(1);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection real = base.getConnection();
            String start = where(real);
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            String now = where(real);
                            if (!now.equals(start)) {
                                leftElsewhere.add(now + " instead of " + start);
                            }
                            open.decrementAndGet();
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
