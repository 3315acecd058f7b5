package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.analyze.LiveFacts;
import io.backendkit.schema.internal.analyze.Rules;
import io.backendkit.schema.internal.analyze.SequenceState;
import io.backendkit.schema.internal.catalog.CatalogReader;
import io.backendkit.schema.internal.migrate.UrlDataSource;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Lints a database schema: missing indexes, missing keys, duplicate and redundant indexes, naming,
 * type smells, and (PostgreSQL, with a live connection) unused indexes. Each finding carries the table
 * or column it is about, why it matters, and a ready-to-run fix in the database's dialect.
 *
 * <pre>{@code
 * SchemaReport report = SchemaAnalyzer.builder()
 *         .disable(SchemaAnalyzer.Rule.TABLE_NAME_NOT_PLURAL)
 *         .build()
 *         .analyze(dataSource);
 * log.info("{}", report.toText());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaAnalyzer {

    /** The rules, each switchable; a finding's code is the rule's name. */
    public enum Rule {
        /** A foreign key whose columns do not lead any index: joins and cascading deletes scan the table. */
        FK_WITHOUT_INDEX(Severity.WARNING),
        /** A table without a primary key: rows cannot be addressed, replication and ORMs suffer. */
        TABLE_WITHOUT_PRIMARY_KEY(Severity.ERROR),
        /** Two indexes with the same definition: double the write cost for nothing. */
        DUPLICATE_INDEX(Severity.WARNING),
        /** An index whose columns are a leading prefix of another index: the longer one serves its queries. */
        REDUNDANT_INDEX(Severity.WARNING),
        /** An index never scanned since statistics were last reset (PostgreSQL, live connection only). */
        UNUSED_INDEX(Severity.INFO),
        /** A table or column name that is not lower snake_case. */
        NAME_NOT_SNAKE_CASE(Severity.INFO),
        /** A table name that is not plural. */
        TABLE_NAME_NOT_PLURAL(Severity.INFO),
        /** An index not named {@code idx_<table>_<columns>}. */
        INDEX_NAME_CONVENTION(Severity.INFO),
        /** A single-column foreign key not named {@code <referenced table, singular>_id}. */
        FK_COLUMN_NAME_CONVENTION(Severity.INFO),
        /** A table without {@code created_at} and {@code updated_at}. */
        MISSING_TIMESTAMPS(Severity.INFO),
        /** A money-like column (price, amount, cost...) stored as floating point: rounding errors. */
        MONEY_AS_FLOAT(Severity.ERROR),
        /** A timestamp without time zone (PostgreSQL, H2): ambiguous instants. */
        TIMESTAMP_WITHOUT_TIME_ZONE(Severity.WARNING),
        /** A nullable foreign key column: orphans that are easy to forget in joins. */
        NULLABLE_FOREIGN_KEY(Severity.INFO),
        /** A column that is usually filtered on (status, email, deleted_at, *_at) without an index. */
        FILTER_COLUMN_WITHOUT_INDEX(Severity.INFO),
        /** Unbounded text used as a key (primary, unique, foreign or indexed). */
        UNBOUNDED_TEXT_KEY(Severity.WARNING),
        /** A foreign key column whose type differs from the referenced column's. */
        FK_TYPE_MISMATCH(Severity.WARNING),
        /** A table with no index at all (no primary key, no unique key, no index). */
        TABLE_WITHOUT_INDEX(Severity.WARNING),
        /** An index the database will not use (PostgreSQL: left by a failed {@code CREATE INDEX CONCURRENTLY}). */
        INVALID_INDEX(Severity.ERROR),
        /** A non-unique index whose only key is a boolean column. */
        BOOLEAN_INDEXED_ALONE(Severity.INFO),
        /** A btree index on a json/jsonb or array column (PostgreSQL): it serves only whole-value equality. */
        BTREE_ON_JSON_OR_ARRAY(Severity.INFO),
        /** Two multi-column indexes that lead with the same column, neither a prefix of the other. */
        INTERSECTING_INDEXES(Severity.INFO),
        /** A nullable column in a unique key: NULLs never collide, so duplicates slip in. */
        NULLABLE_COLUMN_IN_UNIQUE_KEY(Severity.WARNING),
        /** A {@code char(n)} column (n greater than 1): blank-padded values. */
        CHAR_COLUMN(Severity.INFO),
        /** A {@code serial} column (a sequence default) instead of an identity column (PostgreSQL). */
        SERIAL_INSTEAD_OF_IDENTITY(Severity.INFO),
        /** A generated single-column primary key of a 32-bit or smaller integer type: it can run out. */
        INT_IDENTITY_KEY(Severity.INFO),
        /**
         * A sequence (PostgreSQL) or AUTO_INCREMENT counter (MySQL/MariaDB) that has used more than 80% of the values
         * it or its column's type can hold (live connection only): inserts fail once it runs out.
         */
        SEQUENCE_NEAR_OVERFLOW(Severity.WARNING);

        private final Severity defaultSeverity;

        Rule(Severity defaultSeverity) {
            this.defaultSeverity = defaultSeverity;
        }

        /**
         * The severity findings of this rule have unless configured otherwise.
         *
         * @return the rule's built-in severity
         */
        public Severity defaultSeverity() {
            return defaultSeverity;
        }
    }

    /** Column names the filter-column rule looks at by default. */
    public static final Set<String> DEFAULT_FILTER_COLUMNS = Set.of("status", "state", "email", "deleted_at", "type");

    private final Set<Rule> disabled;
    private final Map<Rule, Severity> severities;
    private final Set<String> filterColumns;
    private final List<String> schemas;

    private SchemaAnalyzer(Builder b) {
        this.disabled = Set.copyOf(b.disabled);
        this.severities = Map.copyOf(b.severities);
        this.filterColumns = Set.copyOf(b.filterColumns);
        this.schemas = List.copyOf(b.schemas);
    }

    /**
     * An analyzer with every rule on and default severities.
     *
     * @return the analyzer; immutable and safe to share between threads
     */
    public static SchemaAnalyzer withDefaults() {
        return builder().build();
    }

    /**
     * Starts a configuration.
     *
     * @return a new builder with every rule on, default severities and {@link #DEFAULT_FILTER_COLUMNS}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Analyses a catalog that was already read. The unused-index and sequence-overflow rules, and the checks that mark
     * fixes manual when a view depends on a column or a column holds NULLs, need {@link #analyze(DataSource)}.
     *
     * @param catalog the catalog to analyse, not null
     * @return the findings, ordered by severity
     */
    public SchemaReport analyze(Catalog catalog) {
        return analyze(catalog, LiveFacts.NONE);
    }

    /**
     * {@link #analyze(DataSource)} by JDBC URL, without a pool: opens one connection through {@link
     * java.sql.DriverManager} (the driver must be on the class path) and closes it.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://db:5432/app}
     * @param user the user, or null when the URL carries it
     * @param password the password, or null
     * @return the findings, ordered by severity
     * @throws IllegalArgumentException when {@code jdbcUrl} does not start with {@code jdbc:}
     */
    public SchemaReport analyze(String jdbcUrl, String user, String password) {
        return analyze(UrlDataSource.of(jdbcUrl, user, password));
    }

    /**
     * Reads {@code dataSource}'s catalog and analyses it, with index usage, view dependencies and NULL counts on
     * PostgreSQL. Reads every user schema of the database unless {@link Builder#schemas} narrows it (on
     * MySQL/MariaDB, where a schema is a database, the connection's database).
     *
     * @param dataSource the database, not null; one connection is taken and closed
     * @return the findings, ordered by severity
     * @throws SchemaException when the catalog or the statistics cannot be read; the message names the database or
     *     schema
     */
    public SchemaReport analyze(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            List<String> names = schemas.isEmpty() ? CatalogReader.userSchemas(c) : schemas;
            Catalog catalog = names.isEmpty()
                    ? new Catalog(
                            Dialect.fromProductName(c.getMetaData().getDatabaseProductName()), List.of(), List.of())
                    : Schema.read(c, names);
            return analyze(catalog, facts(c, catalog));
        } catch (SQLException e) {
            throw new SchemaException("database", "cannot analyse: " + e.getMessage(), e);
        }
    }

    private SchemaReport analyze(Catalog catalog, LiveFacts facts) {
        List<Finding> out = new ArrayList<>();
        Rules rules = new Rules(catalog.dialect(), catalog, filterColumns, facts);
        for (Table t : catalog.tables()) {
            rules.check(t, (rule, location, message, fix) -> {
                Rule r = Rule.valueOf(rule);
                if (!disabled.contains(r)) {
                    out.add(new Finding(severities.getOrDefault(r, r.defaultSeverity()), rule, message, location, fix));
                }
            });
        }
        long analysed = catalog.tables().stream().filter(Rules::analysed).count();
        return new SchemaReport(catalog.dialect(), (int) analysed, out);
    }

    private LiveFacts facts(Connection c, Catalog catalog) throws SQLException {
        if (catalog.tables().isEmpty()) {
            return LiveFacts.NONE;
        }
        boolean sequences = !disabled.contains(Rule.SEQUENCE_NEAR_OVERFLOW);
        if (catalog.dialect() == Dialect.MYSQL) {
            return new LiveFacts(Map.of(), Map.of(), Set.of(), sequences ? autoIncrements(c, catalog) : Map.of());
        }
        if (catalog.dialect() != Dialect.POSTGRESQL) {
            return LiveFacts.NONE;
        }
        Map<String, Long> scans = disabled.contains(Rule.UNUSED_INDEX) ? Map.of() : indexScans(c, catalog);
        return new LiveFacts(
                scans,
                columnBlockers(c, catalog),
                columnsWithNulls(c, catalog),
                sequences ? sequences(c, catalog) : Map.of());
    }

    /**
     * The sequence behind each column fed by one: owned by the column (serial, identity) or named in its default. The
     * last value is read only where the user may read the sequence; otherwise its start value stands in.
     */
    private static Map<String, SequenceState> sequences(Connection c, Catalog catalog) throws SQLException {
        Map<String, SequenceState> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname, t.relname, a.attname, sn.nspname, s.relname, format_type(q.seqtypid, NULL),
                       q.seqmin, q.seqmax, q.seqincrement,
                       coalesce(CASE WHEN has_sequence_privilege(s.oid, 'SELECT,USAGE')
                                     THEN pg_sequence_last_value(s.oid) END, q.seqstart),
                       a.attidentity <> ''
                FROM pg_sequence q
                JOIN pg_class s ON s.oid = q.seqrelid AND s.relkind = 'S'
                JOIN pg_namespace sn ON sn.oid = s.relnamespace
                JOIN (SELECT d.objid AS seq, d.refobjid AS rel, d.refobjsubid AS att
                      FROM pg_depend d
                      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                        AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
                      UNION
                      SELECT d.refobjid, ad.adrelid, ad.adnum
                      FROM pg_depend d
                      JOIN pg_attrdef ad ON ad.oid = d.objid
                      WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass) u
                  ON u.seq = s.oid
                JOIN pg_class t ON t.oid = u.rel
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = u.rel AND a.attnum = u.att
                WHERE NOT q.seqcycle AND n.nspname = ANY (?)
                ORDER BY 4, 5
                """)) {
            ps.setArray(1, c.createArrayOf("text", schemasOf(catalog).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(
                            LiveFacts.key(rs.getString(1), rs.getString(2), rs.getString(3)),
                            new SequenceState(
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getString(6),
                                    rs.getLong(7),
                                    rs.getLong(8),
                                    rs.getLong(9),
                                    rs.getLong(10),
                                    rs.getBoolean(11)));
                }
            }
        }
        return out;
    }

    /** The AUTO_INCREMENT counter of each table that has one, keyed by its AUTO_INCREMENT column. */
    private static Map<String, SequenceState> autoIncrements(Connection c, Catalog catalog) throws SQLException {
        Map<String, SequenceState> out = new HashMap<>();
        Map<String, Long> next = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, AUTO_INCREMENT"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND AUTO_INCREMENT IS NOT NULL")) {
            for (String schema : schemasOf(catalog)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        next.put(rs.getString(1) + "\0" + rs.getString(2), rs.getLong(3));
                    }
                }
            }
        }
        for (Table t : catalog.tables()) {
            Long n = next.get(t.schema() + "\0" + t.name());
            if (n == null) {
                continue;
            }
            t.columns().stream()
                    .filter(Column::identity)
                    .findFirst()
                    .ifPresent(col -> out.put(
                            LiveFacts.key(t.schema(), t.name(), col.name()),
                            new SequenceState(null, null, null, 1, Long.MAX_VALUE, 1, Math.max(0, n - 1), false)));
        }
        return out;
    }

    /** Columns whose type cannot change in place: used by a view or rule, or part of a partition key. */
    private static Map<String, String> columnBlockers(Connection c, Catalog catalog) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT DISTINCT n.nspname, t.relname, a.attname, vn.nspname, v.relname
                FROM pg_depend d
                JOIN pg_rewrite r ON r.oid = d.objid
                JOIN pg_class v ON v.oid = r.ev_class
                JOIN pg_namespace vn ON vn.oid = v.relnamespace
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND v.oid <> t.oid AND n.nspname = ANY (?)
                ORDER BY 4, 5
                """)) {
            ps.setArray(1, c.createArrayOf("text", schemasOf(catalog).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(
                            LiveFacts.key(rs.getString(1), rs.getString(2), rs.getString(3)),
                            "view " + rs.getString(4) + "." + rs.getString(5)
                                    + " uses the column; drop and recreate the view around the change");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname, t.relname, a.attname
                FROM pg_partitioned_table p
                JOIN pg_class t ON t.oid = p.partrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = ANY (p.partattrs::int2[])
                WHERE n.nspname = ANY (?)
                """)) {
            ps.setArray(1, c.createArrayOf("text", schemasOf(catalog).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(
                            LiveFacts.key(rs.getString(1), rs.getString(2), rs.getString(3)),
                            "the column is part of the partition key, whose type cannot change");
                }
            }
        }
        return out;
    }

    /** Nullable single-column foreign keys and unique-key columns that hold NULLs (one EXISTS probe per column). */
    private static Set<String> columnsWithNulls(Connection c, Catalog catalog) throws SQLException {
        SqlWriter w = SqlWriter.of(Dialect.POSTGRESQL);
        Set<String> out = new HashSet<>();
        for (Table t : catalog.tables()) {
            if (!Rules.analysed(t)) {
                continue;
            }
            Set<String> probed = new HashSet<>();
            List<Column> candidates = new ArrayList<>();
            for (ForeignKey fk : t.foreignKeys()) {
                if (fk.columns().size() == 1) {
                    t.column(fk.columns().get(0)).ifPresent(candidates::add);
                }
            }
            // nullable columns of unique keys (NULLABLE_COLUMN_IN_UNIQUE_KEY)
            t.uniqueConstraints()
                    .forEach(u -> u.columns().forEach(n -> t.column(n).ifPresent(candidates::add)));
            t.indexes().stream()
                    .filter(ix -> ix.unique() && !ix.primary())
                    .forEach(ix -> ix.keyParts().stream()
                            .filter(k -> k.column() != null)
                            .forEach(k -> t.column(k.column()).ifPresent(candidates::add)));
            for (Column col : candidates) {
                if (!col.nullable() || !probed.add(col.name())) {
                    continue;
                }
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM "
                                + w.qualified(t.schema(), t.name()) + " WHERE " + w.id(col.name()) + " IS NULL)")) {
                    if (rs.next() && rs.getBoolean(1)) {
                        out.add(LiveFacts.key(t.schema(), t.name(), col.name()));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> schemasOf(Catalog catalog) {
        return catalog.tables().stream().map(Table::schema).distinct().toList();
    }

    private static Map<String, Long> indexScans(Connection c, Catalog catalog) throws SQLException {
        Set<String> schemas = new HashSet<>(schemasOf(catalog));
        Map<String, Long> scans = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT schemaname, indexrelname, idx_scan FROM pg_stat_user_indexes WHERE schemaname = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scans.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return scans;
    }

    /** Configuration of a {@link SchemaAnalyzer}; not thread-safe. */
    public static final class Builder {
        private final Set<Rule> disabled = new HashSet<>();
        private final Map<Rule, Severity> severities = new EnumMap<>(Rule.class);
        private final Set<String> filterColumns = new HashSet<>(DEFAULT_FILTER_COLUMNS);
        private final List<String> schemas = new ArrayList<>();

        private Builder() {}

        /**
         * The schemas (MySQL: databases) {@link #analyze(DataSource)} reads. Default: every user schema of the
         * database (PostgreSQL, H2), the connection's database (MySQL/MariaDB), {@code main} (SQLite).
         *
         * @param names one or more non-blank schema names
         * @return this builder
         * @throws IllegalArgumentException when no name is given or one is blank
         */
        public Builder schemas(String... names) {
            if (names == null || names.length == 0) {
                throw new IllegalArgumentException("schemas must name at least one schema");
            }
            schemas.clear();
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("schemas must not contain a blank name");
                }
                schemas.add(n);
            }
            return this;
        }

        /**
         * Switches rules off. Default: all on.
         *
         * @param rules the rules to switch off, none null; adds to earlier calls
         * @return this builder
         */
        public Builder disable(Rule... rules) {
            for (Rule r : rules) {
                disabled.add(Objects.requireNonNull(r, "rule"));
            }
            return this;
        }

        /**
         * Gives a rule's findings another severity. Default: {@link Rule#defaultSeverity()}.
         *
         * @param rule the rule, not null
         * @param severity the severity its findings get, not null
         * @return this builder
         */
        public Builder severity(Rule rule, Severity severity) {
            severities.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Column names that are probably filtered on and so deserve an index, besides any {@code *_at}
         * other than created_at/updated_at. Default {@link #DEFAULT_FILTER_COLUMNS}.
         *
         * @param names the column names, non-blank, compared ignoring case; replace the defaults
         * @return this builder
         * @throws IllegalArgumentException when a name is null or blank
         */
        public Builder filterColumns(String... names) {
            filterColumns.clear();
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("filterColumns must not contain a blank name");
                }
                filterColumns.add(n.toLowerCase(java.util.Locale.ROOT));
            }
            return this;
        }

        /**
         * The analyzer.
         *
         * @return an analyzer with this configuration; immutable and safe to share between threads
         */
        public SchemaAnalyzer build() {
            return new SchemaAnalyzer(this);
        }
    }
}
