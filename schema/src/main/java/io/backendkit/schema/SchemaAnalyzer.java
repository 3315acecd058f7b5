package io.backendkit.schema;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.analyze.Rules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        FK_TYPE_MISMATCH(Severity.WARNING);

        private final Severity defaultSeverity;

        Rule(Severity defaultSeverity) {
            this.defaultSeverity = defaultSeverity;
        }

        /** The severity findings of this rule have unless configured otherwise. */
        public Severity defaultSeverity() {
            return defaultSeverity;
        }
    }

    /** Column names the filter-column rule looks at by default. */
    public static final Set<String> DEFAULT_FILTER_COLUMNS = Set.of("status", "state", "email", "deleted_at", "type");

    private final Set<Rule> disabled;
    private final Map<Rule, Severity> severities;
    private final Set<String> filterColumns;

    private SchemaAnalyzer(Builder b) {
        this.disabled = Set.copyOf(b.disabled);
        this.severities = Map.copyOf(b.severities);
        this.filterColumns = Set.copyOf(b.filterColumns);
    }

    /** An analyzer with every rule on and default severities. */
    public static SchemaAnalyzer withDefaults() {
        return builder().build();
    }

    /** Starts a configuration. */
    public static Builder builder() {
        return new Builder();
    }

    /** Analyses a catalog that was already read; the unused-index rule needs {@link #analyze(DataSource)}. */
    public SchemaReport analyze(Catalog catalog) {
        return analyze(catalog, Map.of());
    }

    /** Reads the current schema of {@code dataSource} and analyses it, including index usage on PostgreSQL. */
    public SchemaReport analyze(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection c = dataSource.getConnection()) {
            Catalog catalog = Schema.read(c, List.of());
            Map<String, Long> scans = catalog.dialect() == Dialect.POSTGRESQL && !disabled.contains(Rule.UNUSED_INDEX)
                    ? indexScans(c, catalog)
                    : Map.of();
            return analyze(catalog, scans);
        } catch (SQLException e) {
            throw new SchemaException("database", "cannot analyse: " + e.getMessage(), e);
        }
    }

    private SchemaReport analyze(Catalog catalog, Map<String, Long> indexScans) {
        List<Finding> out = new ArrayList<>();
        Rules rules = new Rules(catalog.dialect(), catalog, filterColumns, indexScans);
        for (Table t : catalog.tables()) {
            rules.check(t, (rule, location, message, fix) -> {
                Rule r = Rule.valueOf(rule);
                if (!disabled.contains(r)) {
                    out.add(new Finding(severities.getOrDefault(r, r.defaultSeverity()), rule, message, location, fix));
                }
            });
        }
        long analysed = catalog.tables().stream()
                .filter(t -> !t.name().toLowerCase(java.util.Locale.ROOT).startsWith("backendkit_"))
                .count();
        return new SchemaReport(catalog.dialect(), (int) analysed, out);
    }

    private static Map<String, Long> indexScans(Connection c, Catalog catalog) throws SQLException {
        Set<String> schemas = new HashSet<>();
        catalog.tables().forEach(t -> schemas.add(t.schema()));
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

        private Builder() {}

        /** Switches rules off. Default: all on. */
        public Builder disable(Rule... rules) {
            for (Rule r : rules) {
                disabled.add(Objects.requireNonNull(r, "rule"));
            }
            return this;
        }

        /** Gives a rule's findings another severity. Default: {@link Rule#defaultSeverity()}. */
        public Builder severity(Rule rule, Severity severity) {
            severities.put(Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(severity, "severity"));
            return this;
        }

        /**
         * Column names that are probably filtered on and so deserve an index, besides any {@code *_at}
         * other than created_at/updated_at. Default {@link #DEFAULT_FILTER_COLUMNS}.
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

        /** The analyzer. */
        public SchemaAnalyzer build() {
            return new SchemaAnalyzer(this);
        }
    }
}
