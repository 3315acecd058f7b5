package io.backendkit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Plans a query with {@code EXPLAIN} (PostgreSQL {@code FORMAT JSON}, MySQL/MariaDB {@code
 * FORMAT=JSON}), flags sequential scans over large tables and sorts without a supporting index,
 * proposes an index for each, and on PostgreSQL verifies the proposal: it creates the index inside a
 * transaction, plans again, records both costs, and rolls back, so nothing is left behind.
 *
 * <pre>{@code
 * QueryAdvice advice = QueryAdvisor.on(dataSource).advise("SELECT * FROM orders WHERE customer_id = ?", 42);
 * advice.proposals().forEach(p -> log.info("{} (cost {} -> {})", p.ddl(), p.costBefore(), p.costAfter()));
 * }</pre>
 *
 * <p>The query is planned, never executed. Immutable and thread-safe.
 */
public final class QueryAdvisor {

    /** Default table size, in estimated rows, above which a sequential scan is worth a finding. */
    public static final long DEFAULT_LARGE_TABLE_ROWS = 10_000;

    private static final Pattern COMPARISON = Pattern.compile(
            "(?:\\b([a-z_][a-z0-9_]*)\\.)?\\b([a-z_][a-z0-9_]*)\\)?\\s*(=|<>|<=|>=|<|>|~~|\\bIN\\b|\\bLIKE\\b|= ANY)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> NOT_COLUMNS = Set.of(
            "and",
            "or",
            "not",
            "null",
            "true",
            "false",
            "any",
            "text",
            "numeric",
            "integer",
            "bigint",
            "character",
            "varying",
            "timestamp",
            "date");

    private final DataSource dataSource;
    private final long largeTableRows;

    private QueryAdvisor(DataSource dataSource, long largeTableRows) {
        this.dataSource = dataSource;
        this.largeTableRows = largeTableRows;
    }

    /** An advisor over {@code dataSource} with the default large-table threshold. */
    public static QueryAdvisor on(DataSource dataSource) {
        return new QueryAdvisor(Objects.requireNonNull(dataSource, "dataSource"), DEFAULT_LARGE_TABLE_ROWS);
    }

    /** Tables with more estimated rows than this get a finding when scanned sequentially. Default 10,000. */
    public QueryAdvisor largeTableRows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("largeTableRows must be >= 0 (was " + rows + ")");
        }
        return new QueryAdvisor(dataSource, rows);
    }

    /**
     * Plans {@code sql} with the given parameters and advises.
     *
     * @throws SchemaException naming the query when it cannot be planned
     */
    public QueryAdvice advise(String sql, Object... parameters) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql must not be blank");
        }
        Object[] params = parameters == null ? new Object[0] : parameters.clone();
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
            return switch (dialect) {
                case POSTGRESQL -> postgres(c, sql, params);
                case MYSQL -> mysql(c, sql, params);
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

    private record Candidate(
            String table,
            List<String> equality,
            List<String> range,
            List<String> sort,
            String why,
            String code,
            long rows) {}

    // ---------------------------------------------------------------- PostgreSQL

    private QueryAdvice postgres(Connection c, String sql, Object[] params) throws SQLException {
        JsonNode plan = explainPostgres(c, sql, params).get(0).get("Plan");
        double cost = plan.path("Total Cost").asDouble(-1);
        List<Candidate> candidates = new ArrayList<>();
        walkPostgres(c, plan, null, candidates);
        List<Finding> findings = new ArrayList<>();
        List<QueryAdvice.Proposal> proposals = new ArrayList<>();
        for (Candidate cand : merge(candidates)) {
            List<String> columns = columns(cand);
            String name = indexName(cand.table(), columns);
            String ddl = "CREATE INDEX CONCURRENTLY " + name + " ON " + cand.table() + " (" + String.join(", ", columns)
                    + ")";
            QueryAdvice.Proposal p = verifyPostgres(c, sql, params, cand.table(), columns, cost, ddl);
            proposals.add(p);
            findings.add(new Finding(Severity.WARNING, cand.code(), cand.why(), cand.table(), ddl + ";"));
        }
        return new QueryAdvice(sql, Dialect.POSTGRESQL, cost, findings, proposals, Json.writePretty(plan));
    }

    private JsonNode explainPostgres(Connection c, String sql, Object[] params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Json.read(rs.getString(1), JsonNode.class, "EXPLAIN output");
            }
        }
    }

    private void walkPostgres(Connection c, JsonNode node, JsonNode parent, List<Candidate> out) throws SQLException {
        String type = node.path("Node Type").asText();
        if (type.equals("Seq Scan")) {
            String table = node.path("Relation Name").asText();
            String alias = node.path("Alias").asText(table);
            long rows = tableRowsPostgres(c, node.path("Schema").asText(null), table);
            if (rows > largeTableRows) {
                String filter = node.path("Filter").asText("");
                Split split = comparisons(filter, alias, table);
                List<String> sort = List.of();
                if (parent != null && parent.path("Node Type").asText().equals("Sort")) {
                    sort = sortColumns(parent.path("Sort Key"), alias, table);
                }
                if (!split.isEmpty() || !sort.isEmpty()) {
                    out.add(new Candidate(
                            table,
                            split.equality(),
                            split.range(),
                            sort,
                            "sequential scan over " + table + " (about " + rows + " rows)"
                                    + (filter.isEmpty() ? "" : " filtering " + filter)
                                    + (sort.isEmpty() ? "" : ", then a sort on " + String.join(", ", sort)),
                            sort.isEmpty() || !split.isEmpty() ? "SEQ_SCAN_LARGE_TABLE" : "SORT_WITHOUT_INDEX",
                            rows));
                }
            }
        }
        for (JsonNode child : node.path("Plans")) {
            walkPostgres(c, child, node, out);
        }
    }

    private long tableRowsPostgres(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GREATEST(c.reltuples, 0)::bigint FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = ?"
                + (schema == null ? " AND pg_table_is_visible(c.oid)" : " AND n.nspname = ?"))) {
            ps.setString(1, table);
            if (schema != null) {
                ps.setString(2, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private QueryAdvice.Proposal verifyPostgres(
            Connection c, String sql, Object[] params, String table, List<String> columns, double before, String ddl)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        String probe = "bk_probe_" + Long.toHexString(System.nanoTime() & 0xffffffL);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE INDEX " + probe + " ON " + table + " (" + String.join(", ", columns) + ")");
            JsonNode plan = explainPostgres(c, sql, params).get(0).get("Plan");
            double after = plan.path("Total Cost").asDouble(-1);
            boolean used = plan.toString().contains("\"Index Name\":\"" + probe + "\"");
            return new QueryAdvice.Proposal(table, columns, ddl + ";", true, before, after, used);
        } finally {
            c.rollback();
            c.setAutoCommit(autoCommit);
        }
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
        List<Candidate> candidates = new ArrayList<>();
        walkMysql(block, List.of(), candidates);
        List<Finding> findings = new ArrayList<>();
        List<QueryAdvice.Proposal> proposals = new ArrayList<>();
        for (Candidate cand : merge(candidates)) {
            List<String> columns = columns(cand);
            String ddl = "CREATE INDEX " + indexName(cand.table(), columns) + " ON " + cand.table() + " ("
                    + String.join(", ", columns) + ");";
            proposals.add(new QueryAdvice.Proposal(cand.table(), columns, ddl, false, cost, -1, false));
            findings.add(new Finding(Severity.WARNING, cand.code(), cand.why(), cand.table(), ddl));
        }
        return new QueryAdvice(sql, Dialect.MYSQL, cost, findings, proposals, Json.writePretty(plan));
    }

    private void walkMysql(JsonNode node, List<String> pendingSort, List<Candidate> out) {
        if (node.isArray()) {
            node.forEach(n -> walkMysql(n, pendingSort, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        List<String> sort = pendingSort;
        JsonNode filesort = node.get("filesort");
        if (filesort != null) {
            String key = filesort.path("sort_key").asText("");
            sort = new ArrayList<>();
            for (String part : key.split(",")) {
                String col = part.strip().replaceAll("(?i)\\s+(asc|desc)$", "").replace("`", "");
                col = col.contains(".") ? col.substring(col.lastIndexOf('.') + 1) : col;
                if (!col.isEmpty()) {
                    sort.add(col);
                }
            }
        }
        if (node.has("table_name") && "ALL".equals(node.path("access_type").asText())) {
            String table = node.path("table_name").asText();
            long rows =
                    node.path("rows").asLong(node.path("rows_examined_per_scan").asLong(0));
            if (rows > largeTableRows) {
                String condition = node.path("attached_condition").asText("").replace("`", "");
                Split split = comparisons(condition, table, table);
                if (!split.isEmpty() || !sort.isEmpty()) {
                    out.add(new Candidate(
                            table,
                            split.equality(),
                            split.range(),
                            sort,
                            "full table scan over " + table + " (about " + rows + " rows)"
                                    + (condition.isEmpty() ? "" : " filtering " + condition)
                                    + (sort.isEmpty() ? "" : ", then a filesort on " + String.join(", ", sort)),
                            split.isEmpty() ? "SORT_WITHOUT_INDEX" : "SEQ_SCAN_LARGE_TABLE",
                            rows));
                }
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isContainerNode()) {
                walkMysql(e.getValue(), sort, out);
            }
        }
    }

    // ---------------------------------------------------------------- shared

    private record Split(List<String> equality, List<String> range) {
        boolean isEmpty() {
            return equality.isEmpty() && range.isEmpty();
        }
    }

    /** Equality columns and range columns found in a filter expression, for one table. */
    private static Split comparisons(String filter, String alias, String table) {
        Set<String> equality = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        Matcher m = COMPARISON.matcher(filter.replaceAll("'[^']*'", "''"));
        while (m.find()) {
            String qualifier = m.group(1);
            String column = m.group(2).toLowerCase(Locale.ROOT);
            if (NOT_COLUMNS.contains(column)) {
                continue;
            }
            if (qualifier != null && !qualifier.equalsIgnoreCase(alias) && !qualifier.equalsIgnoreCase(table)) {
                continue;
            }
            String op = m.group(3).toUpperCase(Locale.ROOT);
            if (op.equals("=") || op.equals("IN") || op.equals("= ANY")) {
                equality.add(column);
            } else if (!op.equals("<>")) {
                range.add(column);
            }
        }
        range.removeAll(equality);
        return new Split(List.copyOf(equality), List.copyOf(range));
    }

    private static List<String> sortColumns(JsonNode keys, String alias, String table) {
        List<String> out = new ArrayList<>();
        for (JsonNode k : keys) {
            String key = k.asText()
                    .replaceAll("(?i)\\s+(asc|desc)(\\s+nulls\\s+(first|last))?$", "")
                    .strip();
            int dot = key.lastIndexOf('.');
            String qualifier = dot > 0 ? key.substring(0, dot) : null;
            String column = dot > 0 ? key.substring(dot + 1) : key;
            if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                return List.of(); // an expression: no plain index serves it
            }
            if (qualifier == null || qualifier.equalsIgnoreCase(alias) || qualifier.equalsIgnoreCase(table)) {
                out.add(column.toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static List<Candidate> merge(List<Candidate> candidates) {
        Map<String, Candidate> byTable = new LinkedHashMap<>();
        candidates.forEach(c -> byTable.putIfAbsent(c.table(), c));
        return List.copyOf(byTable.values());
    }

    private static List<String> columns(Candidate c) {
        Set<String> cols = new LinkedHashSet<>(c.equality());
        cols.addAll(c.range().isEmpty() ? c.sort() : c.range().subList(0, 1));
        return List.copyOf(cols);
    }

    private static String indexName(String table, List<String> columns) {
        String name = "idx_" + table + "_" + String.join("_", columns);
        return name.length() > 63 ? name.substring(0, 63) : name;
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
