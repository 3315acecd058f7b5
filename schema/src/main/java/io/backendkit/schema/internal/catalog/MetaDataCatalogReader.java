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
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a catalog through JDBC {@link DatabaseMetaData}: H2, SQLite and any other driver. Columns come
 * in one call; keys and indexes take a call per table, which is cheap for the embedded databases this
 * serves. On H2 unique and check constraints come from its information schema.
 */
final class MetaDataCatalogReader {

    private MetaDataCatalogReader() {}

    static Catalog read(Connection connection, Dialect dialect, List<String> schemas) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        CatalogBuilder b = new CatalogBuilder();
        for (String schema : schemas) {
            String schemaArg = dialect == Dialect.SQLITE ? null : schema;
            try (ResultSet rs = md.getTables(null, schemaArg, "%", new String[] {"TABLE", "BASE TABLE", "VIEW"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (dialect == Dialect.SQLITE && name.startsWith("sqlite_")) {
                        continue;
                    }
                    if ("VIEW".equalsIgnoreCase(rs.getString("TABLE_TYPE"))) {
                        b.views.add(new View(schema, name, null));
                    } else {
                        b.table(schema, name).comment = CatalogBuilder.blankToNull(rs.getString("REMARKS"));
                    }
                }
            }
            try (ResultSet rs = md.getColumns(null, schemaArg, "%", "%")) {
                while (rs.next()) {
                    CatalogBuilder.TableParts t = b.existing(schema, rs.getString("TABLE_NAME"));
                    if (t != null) {
                        t.columns.add(column(rs, dialect));
                    }
                }
            }
        }
        for (var table : b.build()) {
            CatalogBuilder.TableParts t = b.existing(table.schema(), table.name());
            String schemaArg = dialect == Dialect.SQLITE ? null : table.schema();
            readKeys(md, schemaArg, t);
            readIndexes(md, schemaArg, t);
            if (dialect == Dialect.SQLITE) {
                rowidAliasIsNotNull(t);
            }
        }
        if (dialect == Dialect.H2) {
            readH2Constraints(connection, b, schemas);
        }
        if (dialect == Dialect.SQLITE) {
            declaredSqliteTypes(connection, b, schemas.get(0));
        }
        return new Catalog(dialect, b.build(), b.views);
    }

    private static Column column(ResultSet rs, Dialect dialect) throws SQLException {
        String typeName = rs.getString("TYPE_NAME");
        int size = rs.getInt("COLUMN_SIZE");
        Integer length = rs.wasNull() ? null : size;
        int digits = rs.getInt("DECIMAL_DIGITS");
        Integer scale = rs.wasNull() ? null : digits;
        ColumnType type = ColumnType.normalise(typeName, length);
        String generated = safeString(rs, "IS_GENERATEDCOLUMN");
        String dflt = rs.getString("COLUMN_DEF");
        boolean isGenerated = "YES".equalsIgnoreCase(generated);
        String nativeType = dialect == Dialect.H2 ? h2DeclaredType(typeName, length, scale) : typeName;
        return new Column(
                rs.getString("COLUMN_NAME"),
                rs.getInt("ORDINAL_POSITION"),
                nativeType,
                type,
                type.isText() || type == ColumnType.BINARY ? length : null,
                type == ColumnType.DECIMAL ? length : null,
                type == ColumnType.DECIMAL ? scale : null,
                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                isGenerated ? null : dflt,
                "YES".equalsIgnoreCase(safeString(rs, "IS_AUTOINCREMENT")),
                isGenerated ? (dflt == null ? "" : dflt) : null,
                CatalogBuilder.blankToNull(rs.getString("REMARKS")));
    }

    /**
     * H2's metadata names the type without its size ({@code CHARACTER VARYING} for {@code VARCHAR(40)}); the DDL
     * written from the catalog and the comparison of two catalogs need it, so it is put back.
     */
    static String h2DeclaredType(String typeName, Integer length, Integer scale) {
        if (length == null || typeName == null) {
            return typeName;
        }
        return switch (typeName.toUpperCase(Locale.ROOT)) {
            case "CHARACTER VARYING", "VARCHAR", "CHARACTER", "CHAR", "BINARY VARYING", "VARBINARY", "BINARY" ->
                typeName + "(" + length + ")";
            case "DECIMAL", "NUMERIC" -> typeName + "(" + length + ", " + (scale == null ? 0 : scale) + ")";
            default -> typeName;
        };
    }

    private static void readKeys(DatabaseMetaData md, String schema, CatalogBuilder.TableParts t) throws SQLException {
        Map<Integer, String> pk = new TreeMap<>();
        String pkName = null;
        try (ResultSet rs = md.getPrimaryKeys(null, schema, t.name)) {
            while (rs.next()) {
                pk.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                pkName = rs.getString("PK_NAME");
            }
        }
        if (!pk.isEmpty()) {
            t.primaryKey = new PrimaryKey(pkName == null ? "PRIMARY" : pkName, List.copyOf(pk.values()));
        }
        Map<String, List<String[]>> fks = new LinkedHashMap<>();
        try (ResultSet rs = md.getImportedKeys(null, schema, t.name)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                if (name == null || name.isEmpty()) {
                    name = t.name + "_" + rs.getString("PKTABLE_NAME") + "_fk" + rs.getString("KEY_SEQ");
                }
                fks.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {
                    rs.getString("FKCOLUMN_NAME"),
                    rs.getString("PKTABLE_SCHEM"),
                    rs.getString("PKTABLE_NAME"),
                    rs.getString("PKCOLUMN_NAME"),
                    action(rs.getShort("DELETE_RULE")),
                    action(rs.getShort("UPDATE_RULE")),
                    rs.getString("KEY_SEQ")
                });
            }
        }
        for (Map.Entry<String, List<String[]>> e : fks.entrySet()) {
            List<String[]> rows = e.getValue();
            rows.sort((a, c) -> Integer.compare(Integer.parseInt(a[6]), Integer.parseInt(c[6])));
            String[] first = rows.get(0);
            t.foreignKeys.add(new ForeignKey(
                    e.getKey(),
                    rows.stream().map(r -> r[0]).toList(),
                    first[1] == null ? t.schema : first[1],
                    first[2],
                    rows.stream().map(r -> r[3]).toList(),
                    ReferentialAction.parse(first[4]),
                    ReferentialAction.parse(first[5])));
        }
    }

    private static void readIndexes(DatabaseMetaData md, String schema, CatalogBuilder.TableParts t)
            throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Map<String, String> filter = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(null, schema, t.name, false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name == null || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                columns.computeIfAbsent(name, k -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), rs.getString("COLUMN_NAME"));
                unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                filter.put(name, CatalogBuilder.blankToNull(rs.getString("FILTER_CONDITION")));
            }
        }
        for (Map.Entry<String, TreeMap<Integer, String>> e : columns.entrySet()) {
            List<String> cols = List.copyOf(e.getValue().values());
            String name = e.getKey();
            boolean primary = t.primaryKey != null
                    && cols.equals(t.primaryKey.columns())
                    && (name.toUpperCase(Locale.ROOT).contains("PRIMARY")
                            || name.equals(t.primaryKey.name())
                            || name.startsWith("sqlite_autoindex"));
            if (!primary && unique.get(name) && name.startsWith("sqlite_autoindex_")) {
                // SQLite made this index for a UNIQUE constraint and reserves its name: it is the constraint
                t.uniques.add(new UniqueConstraint(name, cols));
                continue;
            }
            t.indexes.add(new Index(name, cols, unique.get(name), primary, filter.get(name), "btree", List.of()));
        }
    }

    /**
     * sqlite-jdbc's metadata loses declared sizes ({@code DECIMAL(12,2)} comes back as size 14), so take
     * length, precision and scale from the declared types in one query.
     */
    private static void declaredSqliteTypes(Connection connection, CatalogBuilder b, String schema)
            throws SQLException {
        String sql = "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p"
                + " WHERE m.type = 'table'";
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                CatalogBuilder.TableParts t = b.existing(schema, rs.getString(1));
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([^(]*)\\((\\d+)(?:\\s*,\\s*(\\d+))?\\)")
                        .matcher(rs.getString(3).strip());
                if (t == null || !m.find()) {
                    continue;
                }
                for (int i = 0; i < t.columns.size(); i++) {
                    Column c = t.columns.get(i);
                    if (!c.name().equals(rs.getString(2))) {
                        continue;
                    }
                    int first = Integer.parseInt(m.group(2));
                    Integer second = m.group(3) == null ? null : Integer.parseInt(m.group(3));
                    ColumnType type = ColumnType.normalise(m.group(1), first);
                    boolean decimal = type == ColumnType.DECIMAL;
                    t.columns.set(
                            i,
                            new Column(
                                    c.name(),
                                    c.position(),
                                    rs.getString(3),
                                    type,
                                    decimal ? null : first,
                                    decimal ? first : null,
                                    decimal ? (second == null ? 0 : second) : null,
                                    c.nullable(),
                                    c.defaultValue(),
                                    c.identity(),
                                    c.generatedExpression(),
                                    c.comment()));
                }
            }
        }
    }

    /** In SQLite a single INTEGER PRIMARY KEY column is the rowid and can never be NULL. */
    private static void rowidAliasIsNotNull(CatalogBuilder.TableParts t) {
        if (t.primaryKey == null || t.primaryKey.columns().size() != 1) {
            return;
        }
        for (int i = 0; i < t.columns.size(); i++) {
            Column c = t.columns.get(i);
            if (c.name().equals(t.primaryKey.columns().get(0)) && c.nativeType().equalsIgnoreCase("INTEGER")) {
                t.columns.set(
                        i,
                        new Column(
                                c.name(),
                                c.position(),
                                c.nativeType(),
                                c.type(),
                                c.length(),
                                c.precision(),
                                c.scale(),
                                false,
                                c.defaultValue(),
                                true,
                                c.generatedExpression(),
                                c.comment()));
            }
        }
    }

    /**
     * H2's unique and check constraints. A unique constraint's columns come from the index behind it: H2's
     * KEY_COLUMN_USAGE keeps a column's old name after {@code RENAME COLUMN}.
     */
    private static void readH2Constraints(Connection connection, CatalogBuilder b, List<String> schemas)
            throws SQLException {
        String sql = """
                SELECT tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, cc.CHECK_CLAUSE
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
                LEFT JOIN INFORMATION_SCHEMA.INDEX_COLUMNS k
                  ON k.INDEX_SCHEMA = tc.INDEX_SCHEMA AND k.INDEX_NAME = tc.INDEX_NAME AND tc.CONSTRAINT_TYPE = 'UNIQUE'
                LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc
                  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                WHERE tc.CONSTRAINT_TYPE IN ('UNIQUE', 'CHECK')
                ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION
                """;
        Map<String, List<String>> uniqueColumns = new LinkedHashMap<>();
        Map<String, CatalogBuilder.TableParts> owner = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!schemas.contains(rs.getString(1))) {
                    continue;
                }
                CatalogBuilder.TableParts t = b.existing(rs.getString(1), rs.getString(2));
                if (t == null) {
                    continue;
                }
                String name = rs.getString(3);
                if ("CHECK".equals(rs.getString(4))) {
                    t.checks.add(new CheckConstraint(name, rs.getString(6)));
                } else {
                    uniqueColumns.computeIfAbsent(name, k -> new ArrayList<>()).add(rs.getString(5));
                    owner.put(name, t);
                }
            }
        }
        uniqueColumns.forEach((name, cols) -> owner.get(name).uniques.add(new UniqueConstraint(name, cols)));
    }

    private static String action(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    private static String safeString(ResultSet rs, String column) {
        try {
            return rs.getString(column);
        } catch (SQLException notReported) {
            return null;
        }
    }
}
