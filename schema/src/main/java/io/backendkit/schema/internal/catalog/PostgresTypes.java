package io.backendkit.schema.internal.catalog;

import io.backendkit.schema.CheckConstraint;
import io.backendkit.schema.Domain;
import io.backendkit.schema.EnumType;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL enum types (labels in {@code enumsortorder}) and domains (base type by {@code format_type}, default,
 * {@code NOT NULL}, check constraints by {@code pg_get_constraintdef}), each with its own schema's qualifier taken out
 * of the printed text, so that a scratch schema compares with the live one.
 */
final class PostgresTypes {

    private PostgresTypes() {}

    private static final String ENUMS = """
            SELECT n.nspname, t.typname, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid
                   ORDER BY e.enumsortorder)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY (?) AND t.typtype = 'e'
            ORDER BY n.nspname, t.typname
            """;

    private static final String DOMAINS = """
            SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typdefault, t.typnotnull,
                   ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'
                         ORDER BY c.conname),
                   ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid
                         AND c.contype = 'c' ORDER BY c.conname)
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname = ANY (?) AND t.typtype = 'd'
            ORDER BY n.nspname, t.typname
            """;

    static List<EnumType> enums(Connection c, List<String> schemas) throws SQLException {
        List<EnumType> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ENUMS)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EnumType(rs.getString(1), rs.getString(2), strings(rs.getArray(3))));
                }
            }
        }
        return out;
    }

    static List<Domain> domains(Connection c, List<String> schemas) throws SQLException {
        List<Domain> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(DOMAINS)) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String schema = rs.getString(1);
                    List<String> names = strings(rs.getArray(6));
                    List<String> definitions = strings(rs.getArray(7));
                    List<CheckConstraint> checks = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        String d = Unmodelled.withoutSchema(definitions.get(i), schema);
                        checks.add(new CheckConstraint(
                                names.get(i),
                                d.regionMatches(true, 0, "CHECK ", 0, 6)
                                        ? d.substring(6).strip()
                                        : d));
                    }
                    String dflt = rs.getString(4);
                    out.add(new Domain(
                            schema,
                            rs.getString(2),
                            Unmodelled.withoutSchema(rs.getString(3), schema),
                            dflt == null ? null : Unmodelled.withoutSchema(dflt, schema),
                            rs.getBoolean(5),
                            checks));
                }
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return List.of((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
