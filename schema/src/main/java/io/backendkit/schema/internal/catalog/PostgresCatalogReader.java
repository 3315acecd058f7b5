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
import io.backendkit.schema.Table;
import io.backendkit.schema.UniqueConstraint;
import io.backendkit.schema.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a PostgreSQL catalog with four bulk queries, however many tables there are. */
final class PostgresCatalogReader {

    private static final String TABLES = """
            SELECT n.nspname, c.relname, c.relkind, c.reltuples::bigint,
                   obj_description(c.oid, 'pg_class'),
                   CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
                   c.relispartition,
                   ARRAY(SELECT pn.nspname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                         JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid ORDER BY i.inhseqno),
                   ARRAY(SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                         WHERE i.inhrelid = c.oid ORDER BY i.inhseqno),
                   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END,
                   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                   CASE WHEN c.relkind IN ('v', 'm') THEN array_to_string(c.reloptions, ', ') END
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm')
            """;

    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod),
                   t.typname, t.typtype, t.typcategory, a.atttypmod, a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated,
                   col_description(c.oid, a.attnum), NOT a.attislocal
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """;

    private static final String CONSTRAINTS = """
            SELECT n.nspname, c.relname, con.conname, con.contype,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord),
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord),
                   con.confdeltype, con.confupdtype, pg_get_constraintdef(con.oid, true)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class fc ON fc.oid = con.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE n.nspname = ANY (?) AND con.contype IN ('p', 'f', 'u', 'c')
            """;

    private static final String INDEXES = """
            SELECT n.nspname, c.relname, i.relname, ix.indisunique, ix.indisprimary, am.amname,
                   pg_get_expr(ix.indpred, ix.indrelid), ix.indnkeyatts,
                   ARRAY(SELECT pg_get_indexdef(ix.indexrelid, k, true) FROM generate_series(1, ix.indnatts) k ORDER BY k),
                   ARRAY(SELECT a.attname FROM generate_series(1, ix.indnatts) k
                         LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]
                         ORDER BY k),
                   ix.indisvalid
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class c ON c.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_am am ON am.oid = i.relam
            WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p')
            """;

    /** What each view's rewrite rule reads: relations and their columns (column null for the whole relation). */
    private static final String VIEW_DEPENDENCIES = """
            SELECT DISTINCT n.nspname, v.relname, rc.relname, a.attname
            FROM pg_rewrite r
            JOIN pg_class v ON v.oid = r.ev_class
            JOIN pg_namespace n ON n.oid = v.relnamespace
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
                 AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class
            JOIN pg_class rc ON rc.oid = d.refobjid
            LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
            WHERE n.nspname = ANY (?) AND v.relkind IN ('v', 'm') AND rc.relkind IN ('r', 'p', 'v', 'm', 'f')
            """;

    private PostgresCatalogReader() {}

    static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        CatalogBuilder b = new CatalogBuilder();
        Array names = connection.createArrayOf("text", schemas.toArray());
        java.util.Map<List<String>, List<View.Dependency>> dependencies = new java.util.HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(VIEW_DEPENDENCIES)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dependencies
                            .computeIfAbsent(List.of(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new View.Dependency(rs.getString(3), rs.getString(4)));
                }
            }
        }
        java.util.Map<String, String> relationExtras = new java.util.TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(TABLES)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(3);
                    if (kind.equals("v") || kind.equals("m")) {
                        if (rs.getString(12) != null && !rs.getString(12).isEmpty()) {
                            relationExtras.put("view options " + rs.getString(2), rs.getString(12));
                        }
                        b.views.add(new View(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(6),
                                kind.equals("m"),
                                dependencies.getOrDefault(List.of(rs.getString(1), rs.getString(2)), List.of())));
                    } else {
                        CatalogBuilder.TableParts t = b.table(rs.getString(1), rs.getString(2));
                        t.rowEstimate = rs.getLong(4);
                        t.comment = rs.getString(5);
                        t.partitioned = kind.equals("p");
                        if (rs.getString(10) != null) {
                            relationExtras.put("partition bound " + rs.getString(2), rs.getString(10));
                        }
                        if (rs.getString(11) != null) {
                            relationExtras.put("partition key " + rs.getString(2), rs.getString(11));
                        }
                        List<String> parentSchemas = strings(rs.getArray(8));
                        List<String> parentNames = strings(rs.getArray(9));
                        for (int i = 0; i < parentNames.size(); i++) {
                            Table.Name parent = new Table.Name(parentSchemas.get(i), parentNames.get(i));
                            if (rs.getBoolean(7)) {
                                t.partitionOf = parent;
                            } else {
                                t.inheritsFrom.add(parent);
                            }
                        }
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(COLUMNS)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
                    if (t != null) {
                        t.columns.add(column(rs));
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(CONSTRAINTS)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
                    if (t == null) {
                        continue;
                    }
                    String name = rs.getString(3);
                    List<String> columns = strings(rs.getArray(5));
                    switch (rs.getString(4)) {
                        case "p" -> t.primaryKey = new PrimaryKey(name, columns);
                        case "u" -> t.uniques.add(new UniqueConstraint(name, columns));
                        case "f" ->
                            t.foreignKeys.add(new ForeignKey(
                                    name,
                                    columns,
                                    rs.getString(6),
                                    rs.getString(7),
                                    strings(rs.getArray(8)),
                                    ReferentialAction.parse(rs.getString(9)),
                                    ReferentialAction.parse(rs.getString(10))));
                        default -> t.checks.add(new CheckConstraint(name, checkExpression(rs.getString(11))));
                    }
                }
            }
        }
        try (PreparedStatement ps = connection.prepareStatement(INDEXES)) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
                    if (t == null) {
                        continue;
                    }
                    // a key part is a column when indkey names one (its real name, to be quoted when written),
                    // otherwise an expression exactly as the server prints it
                    List<String> printed = strings(rs.getArray(9));
                    List<String> keyNames = strings(rs.getArray(10));
                    int keys = rs.getInt(8);
                    List<Index.KeyPart> parts = new ArrayList<>();
                    for (int k = 0; k < keys; k++) {
                        parts.add(
                                keyNames.get(k) != null
                                        ? Index.KeyPart.ofColumn(keyNames.get(k))
                                        : Index.KeyPart.ofExpression(printed.get(k)));
                    }
                    t.indexes.add(Index.of(
                            rs.getString(3),
                            parts,
                            rs.getBoolean(4),
                            rs.getBoolean(5),
                            rs.getString(7),
                            rs.getString(6),
                            keyNames.subList(keys, keyNames.size()),
                            rs.getBoolean(11)));
                }
            }
        }
        java.util.Map<String, String> extra = new java.util.TreeMap<>(Unmodelled.postgres(connection, schemas));
        extra.putAll(relationExtras);
        return new Catalog(
                Dialect.POSTGRESQL,
                b.build(),
                b.views,
                extra,
                PostgresTypes.enums(connection, schemas),
                PostgresTypes.domains(connection, schemas));
    }

    private static Column column(ResultSet rs) throws SQLException {
        String formatted = rs.getString(5);
        String typname = rs.getString(6);
        String typtype = rs.getString(7);
        String category = rs.getString(8);
        int typmod = rs.getInt(9);
        Integer length = null;
        Integer precision = null;
        Integer scale = null;
        if ((typname.equals("varchar") || typname.equals("bpchar")) && typmod >= 4) {
            length = typmod - 4;
        } else if (typname.equals("numeric") && typmod >= 4) {
            precision = ((typmod - 4) >> 16) & 0xffff;
            scale = (typmod - 4) & 0xffff;
        }
        ColumnType type = "e".equals(typtype)
                ? ColumnType.ENUM
                : "A".equals(category) ? ColumnType.ARRAY : ColumnType.normalise(typname, length);
        if (typname.equals("varchar") && length == null) {
            type = ColumnType.TEXT;
        }
        String expression = rs.getString(11);
        String identity = rs.getString(12);
        String generated = rs.getString(13);
        boolean isGenerated = generated != null && !generated.isEmpty();
        boolean isIdentity =
                (identity != null && !identity.isEmpty()) || (expression != null && expression.startsWith("nextval("));
        return new Column(
                rs.getString(3),
                rs.getInt(4),
                formatted,
                type,
                length,
                precision,
                scale,
                !rs.getBoolean(10),
                isGenerated ? null : literalDefault(expression),
                isIdentity,
                isGenerated ? expression : null,
                rs.getString(14),
                rs.getBoolean(15));
    }

    /**
     * A default that is one string literal with casts ({@code 'a''b'::text}, {@code E'a\\\\b'::character varying})
     * re-rendered through {@link SqlWriter#literal}, so that its text means the same value whatever
     * {@code standard_conforming_strings} the statement later runs under; any other default (an expression) stays as
     * the server printed it.
     */
    static String literalDefault(String expression) {
        if (expression == null) {
            return null;
        }
        boolean escape = expression.startsWith("E'");
        int i = escape ? 2 : expression.startsWith("'") ? 1 : -1;
        if (i < 0) {
            return expression;
        }
        StringBuilder value = new StringBuilder();
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (c == '\\' && escape && i + 1 < n) {
                value.append(expression.charAt(i + 1)); // pg_get_expr escapes only quotes and backslashes
                i += 2;
            } else if (c == '\'' && i + 1 < n && expression.charAt(i + 1) == '\'') {
                value.append('\'');
                i += 2;
            } else if (c == '\'') {
                break;
            } else {
                value.append(c);
                i++;
            }
        }
        if (i >= n) {
            return expression;
        }
        String tail = expression.substring(i + 1);
        if (!tail.isEmpty() && !tail.matches("(?s)(?:::[^'\\\\;]+)+")) {
            return expression; // a literal followed by more than casts: an expression
        }
        return io.backendkit.schema.internal.sql.SqlWriter.of(Dialect.POSTGRESQL)
                        .literal(value.toString())
                + tail;
    }

    private static String checkExpression(String definition) {
        String d = definition == null ? "" : definition.strip();
        return d.regionMatches(true, 0, "CHECK ", 0, 6) ? d.substring(6).strip() : d;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(v == null ? null : v.toString());
        }
        return out;
    }
}
