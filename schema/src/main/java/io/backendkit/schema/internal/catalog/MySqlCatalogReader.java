package io.backendkit.schema.internal.catalog;

import io.backendkit.schema.Catalog;
import io.backendkit.schema.CheckConstraint;
import io.backendkit.schema.Column;
import io.backendkit.schema.ColumnType;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.ForeignKey.ReferentialAction;
import io.backendkit.schema.Index;
import io.backendkit.schema.PrimaryKey;
import io.backendkit.schema.UniqueConstraint;
import io.backendkit.schema.View;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a MySQL or MariaDB catalog from information_schema with five bulk queries. */
final class MySqlCatalogReader {

    private static final String TABLES = """
            SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE, t.TABLE_ROWS, t.TABLE_COMMENT, v.VIEW_DEFINITION,
                   v.CHECK_OPTION, v.SECURITY_TYPE
            FROM information_schema.TABLES t
            LEFT JOIN information_schema.VIEWS v ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME
            WHERE t.TABLE_SCHEMA IN (%s)
            """;

    private static final String COLUMNS = """
            SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, DATA_TYPE,
                   CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE, COLUMN_DEFAULT,
                   EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (%s)
            """;

    private static final String KEYS = """
            SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME,
                   k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
                   r.DELETE_RULE, r.UPDATE_RULE
            FROM information_schema.TABLE_CONSTRAINTS tc
            JOIN information_schema.KEY_COLUMN_USAGE k
              ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
             AND k.TABLE_NAME = tc.TABLE_NAME
            LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS r
              ON r.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
             AND r.TABLE_NAME = tc.TABLE_NAME
            WHERE tc.TABLE_SCHEMA IN (%s) AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
            ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION
            """;

    private static final String CHECKS = """
            SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, cc.CHECK_CLAUSE
            FROM information_schema.TABLE_CONSTRAINTS tc
            JOIN information_schema.CHECK_CONSTRAINTS cc
              ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
            WHERE tc.TABLE_SCHEMA IN (%s) AND tc.CONSTRAINT_TYPE = 'CHECK'
            """;

    private static final String INDEXES = """
            SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE, SUB_PART, %s
            FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (%s)
            ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """;

    private MySqlCatalogReader() {}

    /**
     * A view's options other than the defaults, as {@code check cascaded security invoker}, or null when it has the
     * defaults (no check option, {@code SQL SECURITY DEFINER}).
     */
    static String viewOptions(String checkOption, String securityType) {
        List<String> parts = new java.util.ArrayList<>();
        if (checkOption != null && !checkOption.equalsIgnoreCase("NONE")) {
            parts.add("check " + checkOption.toLowerCase(java.util.Locale.ROOT));
        }
        if (securityType != null && securityType.equalsIgnoreCase("INVOKER")) {
            parts.add("security invoker");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        CatalogBuilder b = new CatalogBuilder();
        java.util.Map<String, String> viewOptions = new java.util.TreeMap<>();
        query(connection, TABLES, schemas, rs -> {
            if (rs.getString(3).contains("VIEW")) {
                b.views.add(new View(rs.getString(1), rs.getString(2), rs.getString(6)));
                String options = viewOptions(rs.getString(7), rs.getString(8));
                if (options != null) {
                    viewOptions.put("view options " + rs.getString(2), options);
                }
            } else {
                CatalogBuilder.TableParts t = b.table(rs.getString(1), rs.getString(2));
                long rows = rs.getLong(4);
                t.rowEstimate = rs.wasNull() ? -1 : rows;
                t.comment = CatalogBuilder.blankToNull(rs.getString(5));
            }
        });
        boolean mariadb = connection
                .getMetaData()
                .getDatabaseProductVersion()
                .toLowerCase(Locale.ROOT)
                .contains("mariadb");
        query(connection, COLUMNS, schemas, rs -> {
            CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
            if (t != null) {
                t.columns.add(column(rs, mariadb));
            }
        });
        Map<String, List<String[]>> keyRows = new LinkedHashMap<>();
        query(
                connection,
                KEYS,
                schemas,
                rs -> keyRows.computeIfAbsent(
                                rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3),
                                k -> new ArrayList<>())
                        .add(new String[] {
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)
                        }));
        for (List<String[]> rows : keyRows.values()) {
            String[] first = rows.get(0);
            CatalogBuilder.TableParts t = b.existing(first[0], first[1]);
            if (t == null) {
                continue;
            }
            List<String> columns = rows.stream().map(r -> r[4]).toList();
            switch (first[3]) {
                case "PRIMARY KEY" -> t.primaryKey = new PrimaryKey(first[2], columns);
                case "UNIQUE" -> t.uniques.add(new UniqueConstraint(first[2], columns));
                default ->
                    t.foreignKeys.add(new ForeignKey(
                            first[2],
                            columns,
                            first[5],
                            first[6],
                            rows.stream().map(r -> r[7]).toList(),
                            ReferentialAction.parse(first[8]),
                            ReferentialAction.parse(first[9])));
            }
        }
        query(connection, CHECKS, schemas, rs -> {
            CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
            if (t != null) {
                t.checks.add(new CheckConstraint(rs.getString(3), rs.getString(4)));
            }
        });
        Map<String, List<Object[]>> indexRows = new LinkedHashMap<>();
        // MySQL 8 reports functional key parts in EXPRESSION (COLUMN_NAME is then NULL); MariaDB has no such column
        String expression = hasStatisticsExpression(connection) ? "EXPRESSION" : "NULL";
        query(connection, INDEXES.replaceFirst("%s", expression), schemas, rs -> {
            int subPart = rs.getInt(7);
            Integer prefix = rs.wasNull() ? null : subPart;
            String column = rs.getString(5);
            Index.KeyPart part = column == null
                    ? Index.KeyPart.ofExpression(rs.getString(8))
                    : new Index.KeyPart(column, null, prefix);
            indexRows
                    .computeIfAbsent(
                            rs.getString(1) + "\u0000" + rs.getString(2) + "\u0000" + rs.getString(3),
                            k -> new ArrayList<>())
                    .add(new Object[] {
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), part, rs.getString(6)
                    });
        });
        for (List<Object[]> rows : indexRows.values()) {
            Object[] first = rows.get(0);
            CatalogBuilder.TableParts t = b.existing((String) first[0], (String) first[1]);
            if (t == null) {
                continue;
            }
            String name = (String) first[2];
            t.indexes.add(Index.of(
                    name,
                    rows.stream().map(r -> (Index.KeyPart) r[4]).toList(),
                    (Integer) first[3] == 0,
                    name.equals("PRIMARY"),
                    null,
                    ((String) first[5]).toLowerCase(Locale.ROOT),
                    List.of(),
                    true));
        }
        java.util.Map<String, String> extra = new java.util.TreeMap<>(Unmodelled.mysql(connection, schemas));
        extra.putAll(viewOptions);
        return new Catalog(Dialect.MYSQL, b.build(), b.views, extra);
    }

    private static Column column(ResultSet rs, boolean mariadb) throws SQLException {
        String columnType = rs.getString(5);
        String dataType = rs.getString(6);
        long charLength = rs.getLong(7);
        Integer length = rs.wasNull() || charLength > Integer.MAX_VALUE ? null : (int) charLength;
        int p = rs.getInt(8);
        Integer precision = rs.wasNull() ? null : p;
        int s = rs.getInt(9);
        Integer scale = rs.wasNull() ? null : s;
        String extra = rs.getString(12) == null ? "" : rs.getString(12).toLowerCase(Locale.ROOT);
        String generation = CatalogBuilder.blankToNull(rs.getString(13));
        String dflt = rs.getString(11);
        if ("NULL".equalsIgnoreCase(dflt)) {
            dflt = null; // MariaDB reports an explicit NULL default as the word NULL
        }
        ColumnType type = columnType.toLowerCase(Locale.ROOT).startsWith("tinyint(1)")
                ? ColumnType.BOOLEAN
                : ColumnType.normalise(dataType, dataType.equalsIgnoreCase("varchar") ? length : null);
        boolean decimal = type == ColumnType.DECIMAL;
        return new Column(
                rs.getString(3),
                rs.getInt(4),
                columnType,
                type,
                type.isText() || type == ColumnType.BINARY ? length : null,
                decimal ? precision : null,
                decimal ? scale : null,
                "YES".equals(rs.getString(10)),
                generation == null ? defaultSql(dflt, extra, type, mariadb) : null,
                extra.contains("auto_increment"),
                generation,
                CatalogBuilder.blankToNull(rs.getString(14)));
    }

    private static final java.util.regex.Pattern NUMBER =
            java.util.regex.Pattern.compile("-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");
    private static final java.util.regex.Pattern BITS = java.util.regex.Pattern.compile("b'[01]*'");
    private static final java.util.regex.Pattern CURRENT_TIMESTAMP =
            java.util.regex.Pattern.compile("(?i)current_timestamp(?:\\([0-6]?\\))?");

    /**
     * {@code COLUMN_DEFAULT} as SQL text that can follow {@code DEFAULT}. A literal is told apart from an expression by
     * the catalog (MariaDB quotes string literals there; MySQL 8 marks expressions {@code DEFAULT_GENERATED} in
     * {@code EXTRA} and prints literals bare) and written again through {@link SqlWriter#literal}, so that no quote,
     * backslash or {@code sql_mode} can change what it means; numbers and bit literals are kept when they are exactly
     * that; an expression stays as the server printed it (in parentheses on MySQL 8).
     */
    static String defaultSql(String dflt, String extra, ColumnType type, boolean mariadb) {
        if (dflt == null) {
            return null;
        }
        SqlWriter w = SqlWriter.of(Dialect.MYSQL);
        if (mariadb) {
            if (dflt.length() >= 2 && dflt.startsWith("'") && dflt.endsWith("'")) {
                return w.literal(unescapeMariaDb(dflt.substring(1, dflt.length() - 1)));
            }
            return dflt; // a number, a bit literal or an expression, printed by the server
        }
        if (extra.contains("default_generated")) {
            return CURRENT_TIMESTAMP.matcher(dflt).matches() ? dflt : "(" + dflt + ")";
        }
        if ((type.isInteger() || type == ColumnType.DECIMAL || type == ColumnType.DOUBLE || type == ColumnType.REAL)
                && NUMBER.matcher(dflt).matches()) {
            return dflt;
        }
        if (BITS.matcher(dflt).matches() || CURRENT_TIMESTAMP.matcher(dflt).matches()) {
            return dflt;
        }
        return w.literal(dflt);
    }

    /** The value of a MariaDB-printed string literal body: {@code ''} and backslash escapes undone. */
    private static String unescapeMariaDb(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else if (c == '\\' && i + 1 < body.length()) {
                char e = body.charAt(++i);
                out.append(
                        switch (e) {
                            case '0' -> '\0';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case 't' -> '\t';
                            case 'b' -> '\b';
                            case 'Z' -> (char) 26;
                            default -> e;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean hasStatisticsExpression(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM information_schema.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'STATISTICS'"
                        + " AND COLUMN_NAME = 'EXPRESSION'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, String sql, List<String> schemas, RowHandler handler)
            throws SQLException {
        String placeholders = String.join(", ", schemas.stream().map(s -> "?").toList());
        try (PreparedStatement ps = connection.prepareStatement(sql.formatted(placeholders))) {
            for (int i = 0; i < schemas.size(); i++) {
                ps.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.accept(rs);
                }
            }
        }
    }
}
