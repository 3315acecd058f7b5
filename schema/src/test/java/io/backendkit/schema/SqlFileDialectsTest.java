package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.schema.TestDatabase.Target;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small hand-written DDL per dialect, read offline by {@link SqlFileSchema} and compared with the catalog the live
 * reader reads after the same statements ran on a real PostgreSQL, MariaDB and SQLite database.
 */
class SqlFileDialectsTest {

    @TempDir
    Path temp;

    private static Catalog live(TestDatabase db, Dialect dialect, String sql) throws Exception {
        try (Connection c = db.dataSource.getConnection();
                Statement st = c.createStatement()) {
            for (SqlStatement s : new SqlSplitter(dialect).split(sql, 1)) {
                st.execute(s.sql());
            }
        }
        try (Connection c = db.dataSource.getConnection()) {
            return Schema.read(c, List.of());
        }
    }

    private static void assertSame(Catalog live, SqlFileSchema file) {
        SchemaDiff diff = SchemaDiff.between(live, file.catalog());
        // view text printed by the server differs from the file's: such views are replaced, nothing else differs
        assertThat(DiffTestSupport.apartFromReplacedViews(diff))
                .as(diff.toText())
                .isEmpty();
        assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
        assertThat(file.catalog().views().stream().map(View::name).toList())
                .isEqualTo(live.views().stream().map(View::name).toList());
        assertThat(file.catalog().tables()).hasSameSizeAs(live.tables());
    }

    static final String POSTGRES = """
            -- hand-written PostgreSQL DDL
            CREATE TYPE status AS ENUM ('new', 'paid');
            CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
            CREATE SEQUENCE invoice_seq START 100 INCREMENT BY 5;
            CREATE TABLE customers (
              id serial PRIMARY KEY,
              email varchar(320) NOT NULL UNIQUE,
              name text,
              "Display Name" character varying(40),
              status status NOT NULL DEFAULT 'new',
              score numeric(10,2) DEFAULT 0,
              created_at timestamptz NOT NULL DEFAULT now(),
              visits int DEFAULT -1,
              flags int[],
              CONSTRAINT visits_check CHECK (visits >= -1)
            );
            CREATE TABLE orders (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              customer_id int NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
              invoice int DEFAULT nextval('invoice_seq'),
              qty integer NOT NULL CHECK (qty > 0),
              note varchar(200) DEFAULT 'none',
              amount positive_int,
              doubled integer GENERATED ALWAYS AS (qty * 2) STORED
            );
            CREATE INDEX orders_customer_idx ON orders (customer_id);
            CREATE UNIQUE INDEX customers_lower_name ON customers (lower(name));
            CREATE INDEX orders_big ON orders USING btree (customer_id DESC) INCLUDE (qty) WHERE qty > 10;
            CREATE INDEX customers_flags ON customers USING gin (flags);
            ALTER TABLE ONLY orders ADD CONSTRAINT orders_note_key UNIQUE (note);
            ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'n/a';
            CREATE TABLE events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE VIEW big_orders AS SELECT id, qty FROM orders WHERE qty > 100;
            CREATE TABLE logs (id int NOT NULL, at date NOT NULL, msg text) PARTITION BY RANGE (at);
            CREATE TABLE logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            ALTER TABLE logs ADD PRIMARY KEY (id, at);
            CREATE INDEX logs_at ON logs (at);
            CREATE TABLE vip_customers (level int NOT NULL DEFAULT 1) INHERITS (customers);
            ALTER TABLE orders RENAME COLUMN note TO remark;
            ALTER TABLE events RENAME TO happenings;
            COMMENT ON TABLE orders IS 'customer orders';
            COMMENT ON COLUMN orders.qty IS 'items';
            GRANT SELECT ON orders TO PUBLIC;
            """;

    @Test
    void handWrittenPostgresEqualsTheLiveCatalog() throws Exception {
        SqlFileSchema file = SqlFileSchema.read("pg.sql", POSTGRES, Dialect.POSTGRESQL, true);
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            Catalog live = live(db, Dialect.POSTGRESQL, POSTGRES);
            assertSame(live, file);
            assertThat(file.catalog().table("orders").orElseThrow().comment()).isEqualTo("customer orders");
            assertThat(file.ignored()).extracting(SqlFileSchema.Skipped::kind).containsExactly("GRANT");
        }
    }

    static final String MYSQL = """
            /*!40101 SET NAMES utf8 */;
            CREATE TABLE customers (
              id INT UNSIGNED NOT NULL AUTO_INCREMENT,
              email VARCHAR(320) NOT NULL,
              `name` VARCHAR(100) CHARACTER SET latin1 DEFAULT NULL COMMENT 'display name',
              active BOOLEAN NOT NULL DEFAULT TRUE,
              score DECIMAL(10,2) NOT NULL DEFAULT '0',
              kind ENUM('a','b') NOT NULL DEFAULT 'a',
              visits SMALLINT NOT NULL DEFAULT -1,
              updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
              PRIMARY KEY (id),
              UNIQUE KEY uq_email (email),
              KEY idx_name (`name`(10))
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='people';
            CREATE TABLE orders (
              id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
              customer_id INT UNSIGNED NOT NULL,
              total DECIMAL(12,2) NOT NULL,
              note TEXT,
              CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE INDEX idx_orders_total ON orders (total);
            ALTER TABLE orders ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'new' AFTER total;
            CREATE TABLE IF NOT EXISTS customers (id INT);
            DROP TABLE IF EXISTS legacy;
            ALTER TABLE orders MODIFY note VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'remark';
            ALTER TABLE orders CHANGE COLUMN total amount DECIMAL(12,2) NOT NULL;
            LOCK TABLES customers WRITE;
            INSERT INTO customers (email) VALUES ('a@example.com');
            UNLOCK TABLES;
            CREATE VIEW order_totals AS SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id;
            """;

    @Test
    void handWrittenMySqlEqualsTheLiveMariaDbCatalog() throws Exception {
        SqlFileSchema file = SqlFileSchema.read("my.sql", MYSQL, Dialect.MYSQL, true);
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            Catalog live = live(db, Dialect.MYSQL, MYSQL);
            assertSame(live, file);
            assertThat(file.catalog().table("customers").orElseThrow().comment())
                    .isEqualTo("people");
            assertThat(file.ignored())
                    .extracting(SqlFileSchema.Skipped::kind)
                    .containsExactly("SET", "CREATE TABLE", "DROP TABLE", "LOCK", "INSERT", "UNLOCK");
        }
    }

    static final String SQLITE = """
            PRAGMA foreign_keys = ON;
            CREATE TABLE customers (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              email VARCHAR(320) NOT NULL UNIQUE,
              name TEXT,
              score DECIMAL(10,2) DEFAULT 0,
              created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            CREATE TABLE [orders] (
              id INTEGER NOT NULL,
              customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
              "total" REAL NOT NULL,
              note TEXT DEFAULT 'none',
              PRIMARY KEY (id),
              CONSTRAINT orders_positive CHECK (total >= 0)
            );
            CREATE INDEX orders_customer ON orders (customer_id);
            CREATE UNIQUE INDEX customers_name ON customers (name) WHERE name IS NOT NULL;
            CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN
              UPDATE customers SET name = name WHERE id = NEW.customer_id;
            END;
            CREATE VIEW order_totals AS SELECT customer_id, SUM(total) AS total FROM orders GROUP BY customer_id;
            """;

    @Test
    void handWrittenSqliteEqualsTheLiveCatalog() throws Exception {
        SqlFileSchema file = SqlFileSchema.read("lite.sql", SQLITE, Dialect.SQLITE, false);
        try (TestDatabase db = TestDatabase.open(Target.SQLITE, temp)) {
            Catalog live = live(db, Dialect.SQLITE, SQLITE);
            assertSame(live, file);
            assertThat(file.skipped()).extracting(SqlFileSchema.Skipped::kind).containsExactly("CREATE TRIGGER");
        }
    }

    /** Host, port and user of a JDBC URL such as {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. */
    private static String[] hostPortUser(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/[^?]*\\?(?:.*&)?user=([^&]+)")
                .matcher(url);
        org.junit.jupiter.api.Assumptions.assumeTrue(m.find(), "cannot take host, port and user from " + url);
        return new String[] {m.group(1), m.group(2), m.group(3)};
    }

    /** Runs a dump tool; skips the test when it is not installed. */
    private static String dump(List<String> command) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isExecutable(Path.of(command.get(0))), command.get(0) + " is not installed");
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        return out;
    }

    @Test
    void pgDumpOfTheHandWrittenSchemaReadsLikeTheLiveCatalog() throws Exception {
        String url = System.getenv("BACKENDKIT_PG_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "BACKENDKIT_PG_URL is not set");
        try (TestDatabase db = TestDatabase.open(Target.POSTGRESQL, temp)) {
            live(db, Dialect.POSTGRESQL, POSTGRES);
            String[] hpu = hostPortUser(url);
            String database = url.replaceFirst("^[^/]*//[^/]+/([^?]*).*$", "$1");
            String sql = dump(List.of(
                    "/usr/bin/pg_dump",
                    "-h",
                    hpu[0],
                    "-p",
                    hpu[1],
                    "-U",
                    hpu[2],
                    "-n",
                    db.name,
                    "--schema-only",
                    database));
            SqlFileSchema file = SqlFileSchema.read("pg_dump.sql", sql, Dialect.POSTGRESQL, false);
            Catalog live;
            // a connection with the default search path, as a user's: names in the scratch schema are qualified
            try (Connection c = java.sql.DriverManager.getConnection(url)) {
                live = Schema.read(c, List.of(db.name));
            }
            assertSame(live, file);
            assertThat(file.skipped()).as(file.skipped().toString()).isEmpty();
        }
    }

    @Test
    void mariadbDumpOfSakilaReadsLikeTheLiveCatalog() throws Exception {
        String url = System.getenv("BACKENDKIT_MYSQL_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "BACKENDKIT_MYSQL_URL is not set");
        String dir = System.getenv("BACKENDKIT_DB_SAMPLES_DIR");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "BACKENDKIT_DB_SAMPLES_DIR is not set");
        Path sakila = Path.of(dir, "sakila-mysql-schema.sql");
        try (TestDatabase db = TestDatabase.open(Target.MARIADB, temp)) {
            try (Connection c = db.dataSource.getConnection();
                    Statement st = c.createStatement()) {
                for (SqlStatement s : new SqlSplitter(Dialect.MYSQL).split(java.nio.file.Files.readString(sakila), 1)) {
                    if (!s.sql().matches("(?is)^(USE|CREATE SCHEMA|DROP SCHEMA)\\b.*")) {
                        st.execute(io.backendkit.schema.internal.sql.MySqlConfinement.confine(
                                s.sql(), java.util.Set.of("sakila"), java.util.Set.of(), db.name));
                    }
                }
            }
            String[] hpu = hostPortUser(url);
            String sql = dump(List.of(
                    "/usr/bin/mariadb-dump",
                    "-h",
                    hpu[0],
                    "-P",
                    hpu[1],
                    "-u",
                    hpu[2],
                    "--skip-ssl",
                    "--routines",
                    "--triggers",
                    db.name));
            SqlFileSchema file = SqlFileSchema.read("mariadb-dump.sql", sql, Dialect.MYSQL, false);
            Catalog live;
            try (Connection c = db.dataSource.getConnection()) {
                live = Schema.read(c, List.of(db.name));
            }
            SchemaDiff diff = SchemaDiff.between(live, file.catalog());
            assertThat(diff.changes()).as(diff.toText()).isEmpty();
            assertThat(diff.notCompared()).as(diff.toText()).isEmpty();
            assertThat(file.catalog().tables()).hasSize(16);
            assertThat(file.catalog().views()).hasSize(7);
            assertThat(file.skipped()).as(file.skipped().toString()).isEmpty();
        }
    }
}
