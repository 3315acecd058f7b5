package io.backendkit.schema.internal.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects the catalog model does not describe, read so that a comparison can tell when they differ: PostgreSQL
 * sequences (not those of identity columns), triggers, functions and procedures (enum types and domains are modelled:
 * {@link PostgresTypes}); MySQL/MariaDB triggers, routines and the column attributes outside {@link io.backendkit.schema.Column} ({@code ON UPDATE},
 * character set, collation). Keys are {@code kind name} without the schema (a scratch schema compares with the live
 * one), values a definition with the schema's own name taken out.
 */
final class Unmodelled {

    private Unmodelled() {}

    private static final String PG_SEQUENCES = """
            SELECT 'sequence', n.nspname::text, c.relname::text, format_type(s.seqtypid, NULL) || ' start ' || s.seqstart || ' increment '
                   || s.seqincrement || ' min ' || s.seqmin || ' max ' || s.seqmax || ' cycle ' || s.seqcycle
            FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('i', 'e'))
            """;
    private static final String PG_TRIGGERS = """
            SELECT 'trigger', n.nspname, c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND NOT t.tgisinternal AND t.tgparentid = 0
            """;
    private static final String PG_FUNCTIONS = """
            SELECT 'function', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                   pg_get_functiondef(p.oid)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p')
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                  AND d.deptype = 'e')
            """;
    private static final String MY_TRIGGERS = """
            SELECT 'trigger', TRIGGER_SCHEMA, CONCAT(EVENT_OBJECT_TABLE, '.', TRIGGER_NAME),
                   CONCAT(ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', ACTION_STATEMENT)
            FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (%s)
            """;
    private static final String MY_ROUTINES = """
            SELECT 'routine', ROUTINE_SCHEMA, CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME), ROUTINE_DEFINITION
            FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN (%s)
            """;
    private static final String MY_COLUMN_ATTRIBUTES = """
            SELECT 'column attributes', TABLE_SCHEMA, CONCAT(TABLE_NAME, '.', COLUMN_NAME),
                   CONCAT_WS(' ', NULLIF(TRIM(REPLACE(LOWER(EXTRA), 'auto_increment', '')), ''),
                             CONCAT('charset ', CHARACTER_SET_NAME), CONCAT('collate ', COLLATION_NAME))
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA IN (%s) AND (EXTRA LIKE '%%on update%%' OR CHARACTER_SET_NAME IS NOT NULL)
              AND (TABLE_SCHEMA, TABLE_NAME) IN (SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES
                   WHERE TABLE_TYPE = 'BASE TABLE')
            """;

    static Map<String, String> postgres(Connection c, List<String> schemas) throws SQLException {
        List<String> parts = List.of(PG_SEQUENCES, PG_TRIGGERS, PG_FUNCTIONS);
        return read(c, parts, schemas, false);
    }

    static Map<String, String> mysql(Connection c, List<String> schemas) throws SQLException {
        Map<String, String> out = read(c, List.of(MY_TRIGGERS, MY_ROUTINES, MY_COLUMN_ATTRIBUTES), schemas, true);
        out.putAll(mysqlRoutineStatements(c, schemas));
        return out;
    }

    /** Each routine with its parameters, one row per parameter (or one row for a routine without any). */
    private static final String MY_ROUTINE_PARTS = """
            SELECT r.ROUTINE_SCHEMA, r.ROUTINE_TYPE, r.ROUTINE_NAME, r.DTD_IDENTIFIER, r.ROUTINE_DEFINITION,
                   r.IS_DETERMINISTIC, r.SQL_DATA_ACCESS, r.SECURITY_TYPE, r.ROUTINE_COMMENT,
                   p.PARAMETER_MODE, p.PARAMETER_NAME, p.DTD_IDENTIFIER
            FROM information_schema.ROUTINES r
            LEFT JOIN information_schema.PARAMETERS p ON p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA
                 AND p.SPECIFIC_NAME = r.ROUTINE_NAME AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0
            WHERE r.ROUTINE_SCHEMA IN (%s)
            ORDER BY r.ROUTINE_SCHEMA, r.ROUTINE_TYPE, r.ROUTINE_NAME, p.ORDINAL_POSITION
            """;

    /**
     * {@code routine statement procedure name} / {@code routine statement function name} to the {@code CREATE}
     * statement that makes the routine again (names quoted, the body as the server keeps it, the schema's own name
     * taken out): what a migration runs to carry a routine. One bulk query, whatever the number of routines.
     */
    private static Map<String, String> mysqlRoutineStatements(Connection c, List<String> schemas) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        if (schemas.isEmpty()) {
            return out;
        }
        io.backendkit.schema.internal.sql.SqlWriter w =
                io.backendkit.schema.internal.sql.SqlWriter.of(io.backendkit.schema.Dialect.MYSQL);
        String placeholders = String.join(", ", java.util.Collections.nCopies(schemas.size(), "?"));
        // routine (schema, type, name) -> [head parts..., parameters]
        Map<List<String>, String[]> heads = new java.util.LinkedHashMap<>();
        Map<List<String>, List<String>> parameters = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(MY_ROUTINE_PARTS.formatted(placeholders))) {
            for (int i = 0; i < schemas.size(); i++) {
                ps.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> id = List.of(rs.getString(1), rs.getString(2), rs.getString(3));
                    if (!heads.containsKey(id)) {
                        heads.put(id, new String[] {
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)
                        });
                        parameters.put(id, new java.util.ArrayList<>());
                    }
                    if (rs.getString(11) != null) {
                        String mode = rs.getString(10);
                        parameters
                                .get(id)
                                .add((mode == null || id.get(1).equals("FUNCTION") ? "" : mode + " ")
                                        + w.id(rs.getString(11)) + " " + rs.getString(12));
                    }
                }
            }
        }
        heads.forEach((id, h) -> {
            String schema = id.get(0);
            String type = id.get(1);
            String name = id.get(2);
            if (h[1] == null) {
                return; // the body is hidden from this user: the routine cannot be written
            }
            StringBuilder sql = new StringBuilder("CREATE ")
                    .append(type)
                    .append(' ')
                    .append(w.id(name))
                    .append('(')
                    .append(String.join(", ", parameters.get(id)))
                    .append(')');
            if (type.equals("FUNCTION")) {
                sql.append(" RETURNS ").append(h[0]);
            }
            if ("YES".equals(h[2])) {
                sql.append(" DETERMINISTIC");
            }
            if (h[3] != null && !h[3].equals("CONTAINS SQL")) {
                sql.append(' ').append(h[3]);
            }
            if ("INVOKER".equals(h[4])) {
                sql.append(" SQL SECURITY INVOKER");
            }
            if (h[5] != null && !h[5].isEmpty()) {
                sql.append(" COMMENT ").append(w.literal(h[5]));
            }
            sql.append('\n').append(withoutSchema(h[1], schema));
            out.put("routine statement " + type.toLowerCase(java.util.Locale.ROOT) + " " + name, sql.toString());
        });
        return out;
    }

    /** One statement: the parts joined with UNION ALL, each row (kind, schema, name, definition). */
    private static Map<String, String> read(Connection c, List<String> parts, List<String> schemas, boolean mysql)
            throws SQLException {
        Map<String, String> out = new TreeMap<>();
        String placeholders = String.join(", ", java.util.Collections.nCopies(schemas.size(), "?"));
        List<String> selects = new java.util.ArrayList<>();
        for (String part : parts) {
            selects.add("(" + (mysql ? part.formatted(placeholders) : part).strip() + ")");
        }
        try (PreparedStatement ps = c.prepareStatement(String.join("\nUNION ALL\n", selects))) {
            int index = 1;
            for (int p = 0; p < parts.size(); p++) {
                if (mysql) {
                    for (String schema : schemas) {
                        ps.setString(index++, schema);
                    }
                } else {
                    ps.setArray(index++, c.createArrayOf("text", schemas.toArray(String[]::new)));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1) + " " + rs.getString(3), withoutSchema(rs.getString(4), rs.getString(2)));
                }
            }
        }
        return out;
    }

    /** {@code definition} with its own schema's qualifier ({@code "s".}, {@code `s`.}, {@code s.}) removed. */
    static String withoutSchema(String definition, String schema) {
        if (definition == null) {
            return "";
        }
        String d = definition
                .replace("`" + schema.replace("`", "``") + "`.", "")
                .replace("\"" + schema.replace("\"", "\"\"") + "\".", "");
        return d.replaceAll("(?<![\\w$])" + java.util.regex.Pattern.quote(schema) + "\\.", "")
                .strip();
    }
}
