package io.backendkit.schema.internal.catalog;

import io.backendkit.schema.Catalog;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.SchemaException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Picks the reader for a connection's dialect and checks that every requested schema is readable. */
public final class CatalogReader {

    private CatalogReader() {}

    /**
     * Reads the catalog of {@code schemas} (empty: the connection's current schema).
     *
     * @throws SchemaException naming the schema that is missing or not readable by this user
     */
    public static Catalog read(Connection connection, List<String> schemas) throws SQLException {
        Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
        List<String> names = schemas.isEmpty() ? List.of(currentSchema(connection, dialect)) : schemas;
        checkVisible(connection, dialect, names);
        return switch (dialect) {
            case POSTGRESQL -> PostgresCatalogReader.read(connection, names);
            case MYSQL -> MySqlCatalogReader.read(connection, names);
            default -> MetaDataCatalogReader.read(connection, dialect, names);
        };
    }

    /**
     * Every schema of the connection's database that holds user objects and that this user may read: on PostgreSQL
     * all but {@code pg_catalog}, {@code information_schema} and the toast/temp schemas; on H2 all but {@code
     * INFORMATION_SCHEMA}; on MySQL/MariaDB, where a schema is a database, the connection's database; on SQLite
     * {@code main}.
     */
    public static List<String> userSchemas(Connection connection) throws SQLException {
        Dialect dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
        List<String> out = new ArrayList<>();
        switch (dialect) {
            case POSTGRESQL -> {
                try (PreparedStatement ps = connection.prepareStatement("SELECT nspname FROM pg_namespace"
                                + " WHERE nspname NOT IN ('pg_catalog', 'information_schema')"
                                + " AND nspname !~ '^pg_(toast|temp_|toast_temp_)'"
                                + " AND has_schema_privilege(oid, 'USAGE') ORDER BY nspname");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            case H2 -> {
                try (ResultSet rs = connection.getMetaData().getSchemas()) {
                    while (rs.next()) {
                        if (!rs.getString(1).equals("INFORMATION_SCHEMA")) {
                            out.add(rs.getString(1));
                        }
                    }
                }
            }
            default -> out.add(currentSchema(connection, dialect));
        }
        return out;
    }

    private static String currentSchema(Connection connection, Dialect dialect) throws SQLException {
        String schema = switch (dialect) {
            case MYSQL -> connection.getCatalog();
            case SQLITE -> "main";
            default -> connection.getSchema();
        };
        if (schema == null || schema.isBlank()) {
            throw new SchemaException(
                    "connection " + connection.getMetaData().getURL(),
                    "has no current schema; name the schemas to read");
        }
        return schema;
    }

    private static void checkVisible(Connection connection, Dialect dialect, List<String> schemas) throws SQLException {
        List<String> missing = new ArrayList<>(schemas);
        switch (dialect) {
            case POSTGRESQL -> {
                Array array = connection.createArrayOf("text", schemas.toArray());
                try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?) AND has_schema_privilege(nspname, 'USAGE')")) {
                    ps.setArray(1, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            missing.remove(rs.getString(1));
                        }
                    }
                }
            }
            case MYSQL -> {
                for (String s : schemas) {
                    try (PreparedStatement ps = connection.prepareStatement(
                            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
                        ps.setString(1, s);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                missing.remove(s);
                            }
                        }
                    }
                }
            }
            case SQLITE -> missing.clear();
            default -> {
                try (ResultSet rs = connection.getMetaData().getSchemas()) {
                    while (rs.next()) {
                        missing.remove(rs.getString(1));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new SchemaException(
                    "schema " + String.join(", ", missing),
                    "does not exist or the user " + connection.getMetaData().getUserName()
                            + " may not read it; nothing was read");
        }
    }
}
