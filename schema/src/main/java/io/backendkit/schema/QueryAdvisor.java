package io.backendkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.SqlSplitter;
import io.backendkit.schema.internal.query.PlanExpressions;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Plans a query with {@code EXPLAIN} (PostgreSQL {@code FORMAT JSON, VERBOSE}, MySQL/MariaDB {@code FORMAT=JSON}),
 * flags sequential scans over large tables and sorts without a supporting index, proposes an index for each, and on
 * PostgreSQL verifies the proposal: it creates the index inside a transaction, plans again, records both costs, and
 * rolls back, so nothing is left behind.
 *
 * <pre>{@code
 * QueryAdvice advice = QueryAdvisor.on(dataSource).advise("SELECT * FROM orders WHERE customer_id = ?", 42);
 * advice.proposals().forEach(p -> log.info("{} (cost {} -> {})", p.ddl(), p.costBefore(), p.costAfter()));
 * }</pre>
 *
 * <p>Plan relations are resolved to catalog tables (schema and name; a partition to its partitioned parent), and only
 * columns of those tables are proposed, written through the one SQL writer (quoted, schema-qualified). The query must
 * be a single statement; it is planned, never executed. The verification runs each probe statement on its own in a
 * transaction that is always rolled back, with {@code SET LOCAL} lock and statement timeouts. No index is proposed when
 * an existing index already leads with its columns. Immutable and thread-safe.
 */
public final class QueryAdvisor {

    /** Default table size, in estimated rows, above which a sequential scan is worth a finding. */
    public static final long DEFAULT_LARGE_TABLE_ROWS = 10_000;

    private final DataSource dataSource;
    private final long largeTableRows;

    private QueryAdvisor(DataSource dataSource, long largeTableRows) {
        this.dataSource = dataSource;
        this.largeTableRows = largeTableRows;
    }

    /**
     * An advisor over {@code dataSource} with the default large-table threshold.
     *
     * @param dataSource a PostgreSQL or MySQL/MariaDB data source, not null; a connection is taken per call and closed
     * @return the advisor
     * @throws NullPointerException when {@code dataSource} is null
     */
    public static QueryAdvisor on(DataSource dataSource) {
        return new QueryAdvisor(Objects.requireNonNull(dataSource, "dataSource"), DEFAULT_LARGE_TABLE_ROWS);
    }

    /**
     * Tables with more estimated rows than this get a finding when scanned sequentially. Default 10,000.
     *
     * @param rows the threshold in estimated rows, at least 0
     * @return a copy of this advisor with that threshold; this one is unchanged
     * @throws IllegalArgumentException when {@code rows} is negative
     */
    public QueryAdvisor largeTableRows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("largeTableRows must be >= 0 (was " + rows + ")");
        }
        return new QueryAdvisor(dataSource, rows);
    }

    /**
     * Plans {@code sql} with the given parameters and advises.
     *
     * @param sql one statement, with {@code ?} placeholders for the parameters; planned, never executed
     * @param parameters values bound to the placeholders in order, as for {@code PreparedStatement.setObject}
     * @return the plan's findings and the proposed indexes, verified where the database allows it
     * @throws IllegalArgumentException when {@code sql} is blank or holds more than one statement
     * @throws SchemaException naming the query when it cannot be planned, or for a database other than PostgreSQL
     *     and MySQL/MariaDB
     */
    public QueryAdvice advise(String sql, Object... parameters) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
        Object[] params = parameters == null ? new Object[0] : parameters.clone();
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
            String query = singleStatement(dialect, sql);
            return switch (dialect) {
                case POSTGRESQL -> postgres(c, query, params);
                case MYSQL -> mysql(c, query, params);
                default ->
                    throw new SchemaException(
                            "query advisor", "needs PostgreSQL or MySQL/MariaDB (this is " + dialect + ")");
            };
        } catch (SQLException e) {
            throw new SchemaException(
                    "query " + abbreviate(sql),
                    "cannot be planned: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]",
                    e);
        }
    }

    private static String singleStatement(Dialect dialect, String sql) {
        List<SqlStatement> statements;
        try {
            statements = new SqlSplitter(dialect).split(sql, 1);
        } catch (SqlSplitter.UnterminatedException e) {
            throw new IllegalArgumentException("sql has " + e.getMessage() + " (line " + e.line() + ")", e);
        }
        if (statements.size() != 1) {
            throw new IllegalArgumentException("sql must be one statement (found " + statements.size() + ")");
        }
        return statements.get(0).sql();
    }

    private record Candidate(
            Table table, List<String> equality, List<String> range, List<String> sort, String why, String code) {}

    // ---------------------------------------------------------------- PostgreSQL

    private QueryAdvice postgres(Connection c, String sql, Object[] params) throws SQLException {
        JsonNode plan = explainPostgres(c, sql, params).get(0).get("Plan");
        double cost = plan.path("Total Cost").asDouble(-1);
        Tables tables = new Tables(c);
        List<Candidate> candidates = new ArrayList<>();
        walkPostgres(tables, plan, null, candidates);
        SqlWriter w = SqlWriter.of(Dialect.POSTGRESQL);
        List<Finding> findings = new ArrayList<>();
        List<QueryAdvice.Proposal> proposals = new ArrayList<>();
        for (Candidate cand : merge(candidates)) {
            Table t = cand.table();
            List<String> columns = columns(cand);
            Optional<Index> existing = leadingIndex(t, columns);
            if (existing.isPresent()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        cand.code(),
                        cand.why() + "; index " + existing.get().name() + " already leads with "
                                + String.join(", ", columns) + ", so none is proposed (the planner prefers the scan)",
                        t.qualifiedName(),
                        null));
                continue;
            }
            String name = w.inventName("idx", names(t, columns), tables.taken(t));
            String ddl = "CREATE INDEX " + (t.partitioned() ? "" : "CONCURRENTLY ") + w.id(name) + " ON "
                    + w.qualified(t.schema(), t.name()) + " (" + w.idList(columns) + ")";
            QueryAdvice.Proposal p = verifyPostgres(c, w, sql, params, t, columns, cost, ddl + ";", tables);
            proposals.add(p);
            findings.add(new Finding(Severity.WARNING, cand.code(), cand.why(), t.qualifiedName(), ddl + ";"));
        }
        return new QueryAdvice(sql, Dialect.POSTGRESQL, cost, findings, proposals, Json.writePretty(plan));
    }

    private JsonNode explainPostgres(Connection c, String sql, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON, VERBOSE) " + sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Json.read(rs.getString(1), JsonNode.class, "EXPLAIN output");
            }
        }
    }

    private void walkPostgres(Tables tables, JsonNode node, JsonNode parent, List<Candidate> out) throws SQLException {
        String type = node.path("Node Type").asText();
        if (type.equals("Seq Scan") && node.has("Relation Name")) {
            String relation = node.path("Relation Name").asText();
            String schema = node.path("Schema").asText(null);
            String alias = node.path("Alias").asText(relation);
            Optional<Table> scanned = tables.find(schema, relation);
            if (scanned.isPresent()) {
                Table table = tables.advisedTable(scanned.get());
                long rows = Math.max(scanned.get().rowEstimate(), (long)
                        node.path("Plan Rows").asDouble(0));
                if (rows > largeTableRows) {
                    Set<String> qualifiers = new HashSet<>(List.of(alias, relation));
                    String filter = node.path("Filter").asText("");
                    PlanExpressions.Comparisons split =
                            realColumns(PlanExpressions.comparisons(filter, qualifiers), scanned.get());
                    List<String> sort = List.of();
                    if (parent != null && parent.path("Node Type").asText().equals("Sort")) {
                        sort = sortColumns(parent.path("Sort Key"), qualifiers, scanned.get());
                    }
                    if (!split.isEmpty() || !sort.isEmpty()) {
                        out.add(new Candidate(
                                table,
                                split.equality(),
                                split.range(),
                                sort,
                                "sequential scan over " + scanned.get().qualifiedName() + " (about " + rows + " rows)"
                                        + (table != scanned.get() ? ", a partition of " + table.qualifiedName() : "")
                                        + (filter.isEmpty() ? "" : " filtering " + filter)
                                        + (sort.isEmpty() ? "" : ", then a sort on " + String.join(", ", sort)),
                                sort.isEmpty() || !split.isEmpty() ? "SEQ_SCAN_LARGE_TABLE" : "SORT_WITHOUT_INDEX"));
                    }
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walkPostgres(tables, child, node, out);
        }
    }

    private QueryAdvice.Proposal verifyPostgres(
            Connection c,
            SqlWriter w,
            String sql,
            Object[] params,
            Table t,
            List<String> columns,
            double before,
            String ddl,
            Tables tables)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        String probe = w.inventName("bk_probe", names(t, columns), tables.taken(t));
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            // one fixed or fully quoted statement per execute: nothing here can end the transaction
            st.execute("SET LOCAL lock_timeout = '5s'");
            st.execute("SET LOCAL statement_timeout = '60s'");
            st.execute("CREATE INDEX " + w.id(probe) + " ON " + w.qualified(t.schema(), t.name()) + " ("
                    + w.idList(columns) + ")");
            Set<String> probes = probeIndexes(c, w.qualified(t.schema(), probe), probe);
            JsonNode plan = explainPostgres(c, sql, params).get(0).get("Plan");
            double after = plan.path("Total Cost").asDouble(-1);
            boolean used = usesIndex(plan, probes);
            return new QueryAdvice.Proposal(t.qualifiedName(), columns, ddl, true, before, after, used);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
    }

    /** Whether a node of the plan scans one of {@code indexes}. */
    private static boolean usesIndex(JsonNode node, Set<String> indexes) {
        if (indexes.contains(node.path("Index Name").asText(""))) {
            return true;
        }
        for (JsonNode child : node.path("Plans")) {
            if (usesIndex(child, indexes)) {
                return true;
            }
        }
        return false;
    }

    /** The probe and, on a partitioned table, the partition indexes the server created with it. */
    private static Set<String> probeIndexes(Connection c, String qualifiedProbe, String probe) throws SQLException {
        Set<String> out = new HashSet<>();
        out.add(probe);
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE tree(oid) AS (SELECT to_regclass(?)::oid"
                + " UNION ALL SELECT i.inhrelid FROM pg_inherits i JOIN tree ON i.inhparent = tree.oid)"
                + " SELECT c.relname FROM tree JOIN pg_class c ON c.oid = tree.oid")) {
            ps.setString(1, qualifiedProbe);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- MySQL / MariaDB

    private QueryAdvice mysql(Connection c, String sql, Object[] params) throws SQLException {
        JsonNode plan;
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN FORMAT=JSON " + sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                plan = Json.read(rs.getString(1), JsonNode.class, "EXPLAIN output");
            }
        }
        JsonNode block = plan.path("query_block");
        double cost = block.path("cost_info")
                .path("query_cost")
                .asDouble(block.path("cost").asDouble(-1));
        Tables tables = new Tables(c);
        List<Candidate> candidates = new ArrayList<>();
        walkMysql(tables, c.getCatalog(), block, List.of(), candidates);
        SqlWriter w = SqlWriter.of(Dialect.MYSQL);
        List<Finding> findings = new ArrayList<>();
        List<QueryAdvice.Proposal> proposals = new ArrayList<>();
        for (Candidate cand : merge(candidates)) {
            Table t = cand.table();
            List<String> columns = columns(cand);
            Optional<Index> existing = leadingIndex(t, columns);
            if (existing.isPresent()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        cand.code(),
                        cand.why() + "; index " + existing.get().name() + " already leads with "
                                + String.join(", ", columns) + ", so none is proposed",
                        t.qualifiedName(),
                        null));
                continue;
            }
            Set<String> taken = new HashSet<>();
            t.indexes().forEach(ix -> taken.add(ix.name()));
            String ddl = "CREATE INDEX " + w.id(w.inventName("idx", names(t, columns), taken)) + " ON "
                    + w.qualified(t.schema(), t.name()) + " (" + w.idList(columns) + ");";
            proposals.add(new QueryAdvice.Proposal(t.qualifiedName(), columns, ddl, false, cost, -1, false));
            findings.add(new Finding(Severity.WARNING, cand.code(), cand.why(), t.qualifiedName(), ddl));
        }
        return new QueryAdvice(sql, Dialect.MYSQL, cost, findings, proposals, Json.writePretty(plan));
    }

    private void walkMysql(Tables tables, String database, JsonNode node, List<String> pendingSort, List<Candidate> out)
            throws SQLException {
        if (node.isArray()) {
            for (JsonNode n : node) {
                walkMysql(tables, database, n, pendingSort, out);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        List<String> sort = pendingSort;
        JsonNode filesort = node.get("filesort");
        if (filesort != null) {
            sort = new ArrayList<>();
            for (String part : filesort.path("sort_key").asText("").split(",")) {
                sort.add(part.strip());
            }
        }
        if (node.has("table_name") && "ALL".equals(node.path("access_type").asText())) {
            String name = node.path("table_name").asText();
            Optional<Table> found = tables.find(database, name);
            long rows =
                    node.path("rows").asLong(node.path("rows_examined_per_scan").asLong(0));
            if (found.isPresent() && rows > largeTableRows) {
                Table table = found.get();
                Set<String> qualifiers = new HashSet<>(List.of(name, table.name()));
                String condition = node.path("attached_condition").asText("");
                PlanExpressions.Comparisons split =
                        realColumns(PlanExpressions.comparisons(condition, qualifiers), table);
                List<String> sortColumns = new ArrayList<>();
                for (String key : sort) {
                    String col = PlanExpressions.sortColumn(key, qualifiers);
                    if (col == null || table.column(col).isEmpty()) {
                        sortColumns.clear();
                        break;
                    }
                    sortColumns.add(table.column(col).get().name());
                }
                if (!split.isEmpty() || !sortColumns.isEmpty()) {
                    out.add(new Candidate(
                            table,
                            split.equality(),
                            split.range(),
                            sortColumns,
                            "full table scan over " + table.qualifiedName() + " (about " + rows + " rows)"
                                    + (condition.isEmpty() ? "" : " filtering " + condition)
                                    + (sortColumns.isEmpty()
                                            ? ""
                                            : ", then a filesort on " + String.join(", ", sortColumns)),
                            split.isEmpty() ? "SORT_WITHOUT_INDEX" : "SEQ_SCAN_LARGE_TABLE"));
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isContainerNode()) {
                walkMysql(tables, database, e.getValue(), sort, out);
            }
        }
    }

    // ---------------------------------------------------------------- shared

    /** Catalog tables read per schema on first use, so each plan relation resolves to a real table. */
    private static final class Tables {
        private final Connection connection;
        private final Map<String, Catalog> bySchema = new HashMap<>();

        Tables(Connection connection) {
            this.connection = connection;
        }

        Catalog catalog(String schema) {
            return bySchema.computeIfAbsent(schema, s -> Schema.read(connection, List.of(s)));
        }

        Optional<Table> find(String schema, String name) throws SQLException {
            String s = schema != null ? schema : visibleSchema(name);
            if (s == null) {
                return Optional.empty();
            }
            return catalog(s).tables().stream()
                    .filter(t -> t.name().equals(name))
                    .findFirst();
        }

        /** A partition is advised on its partitioned parent. */
        Table advisedTable(Table t) throws SQLException {
            Table current = t;
            while (current.partitionOf() != null) {
                Optional<Table> parent = find(
                        current.partitionOf().schema(), current.partitionOf().name());
                if (parent.isEmpty()) {
                    break;
                }
                current = parent.get();
            }
            return current;
        }

        /** Names already used where a new index of {@code t} goes. */
        Set<String> taken(Table t) {
            Set<String> names = new HashSet<>();
            Catalog cat = catalog(t.schema());
            cat.tables().forEach(o -> {
                names.add(o.name());
                o.indexes().forEach(ix -> names.add(ix.name()));
            });
            cat.views().forEach(v -> names.add(v.name()));
            return names;
        }

        private String visibleSchema(String name) throws SQLException {
            Dialect d = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
            if (d != Dialect.POSTGRESQL) {
                return connection.getCatalog();
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT n.nspname FROM pg_class c"
                            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ? AND pg_table_is_visible(c.oid)")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        }
    }

    private static PlanExpressions.Comparisons realColumns(PlanExpressions.Comparisons found, Table t) {
        List<String> eq = new ArrayList<>();
        List<String> range = new ArrayList<>();
        found.equality().forEach(c -> exact(t, c).ifPresent(eq::add));
        found.range().forEach(c -> exact(t, c).ifPresent(range::add));
        return new PlanExpressions.Comparisons(eq, range);
    }

    private static Optional<String> exact(Table t, String name) {
        return t.columns().stream()
                .map(Column::name)
                .filter(n -> n.equals(name))
                .findFirst()
                .or(() -> t.columns().stream()
                        .map(Column::name)
                        .filter(n -> n.equalsIgnoreCase(name))
                        .findFirst());
    }

    private static List<String> sortColumns(JsonNode keys, Set<String> qualifiers, Table t) {
        List<String> out = new ArrayList<>();
        for (JsonNode k : keys) {
            String column = PlanExpressions.sortColumn(k.asText(), qualifiers);
            Optional<String> real = column == null ? Optional.empty() : exact(t, column);
            if (real.isEmpty()) {
                return List.of(); // an expression or another relation's column: no index on this table serves it
            }
            out.add(real.get());
        }
        return out;
    }

    private static Optional<Index> leadingIndex(Table t, List<String> columns) {
        return t.indexes().stream()
                .filter(ix -> ix.valid() && ix.predicate() == null)
                .filter(ix -> ix.keyParts().size() >= columns.size()
                        && ix.keyParts().subList(0, columns.size()).stream()
                                .map(k -> k.column() == null ? null : k.column().toLowerCase(Locale.ROOT))
                                .toList()
                                .equals(columns.stream()
                                        .map(c -> c.toLowerCase(Locale.ROOT))
                                        .toList()))
                .findFirst();
    }

    private static List<String> names(Table t, List<String> columns) {
        List<String> parts = new ArrayList<>();
        parts.add(t.name());
        parts.addAll(columns);
        return parts;
    }

    private static List<Candidate> merge(List<Candidate> candidates) {
        Map<String, Candidate> byTable = new LinkedHashMap<>();
        candidates.forEach(
                c -> byTable.putIfAbsent(c.table().schema() + "\0" + c.table().name(), c));
        return List.copyOf(byTable.values());
    }

    private static List<String> columns(Candidate c) {
        Set<String> cols = new LinkedHashSet<>(c.equality());
        cols.addAll(c.range().isEmpty() ? c.sort() : c.range().subList(0, 1));
        return List.copyOf(cols);
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static String abbreviate(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
