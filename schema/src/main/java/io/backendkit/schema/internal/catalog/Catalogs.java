package io.backendkit.schema.internal.catalog;

/** The readers' own normalisations, for other internal packages that must produce the same text offline. */
public final class Catalogs {

    private Catalogs() {}

    /**
     * A PostgreSQL default as the live reader renders it (a string literal with casts written again).
     *
     * @param expression the default as {@code pg_get_expr} prints it, or null
     * @return the rendered default, or null
     */
    public static String postgresDefault(String expression) {
        return PostgresCatalogReader.literalDefault(expression);
    }

    /**
     * A definition with its own schema's qualifier taken out, as the readers key unmodelled objects.
     *
     * @param definition the text, or null
     * @param schema the schema name
     * @return the text without {@code schema.} qualifiers, stripped
     */
    public static String withoutSchema(String definition, String schema) {
        return Unmodelled.withoutSchema(definition, schema);
    }

    /**
     * A MySQL view's options as the live reader lists them.
     *
     * @param checkOption {@code CASCADED}, {@code LOCAL}, {@code NONE} or null
     * @param securityType {@code DEFINER}, {@code INVOKER} or null
     * @return e.g. {@code check local security invoker}, or null for the defaults
     */
    public static String mysqlViewOptions(String checkOption, String securityType) {
        return MySqlCatalogReader.viewOptions(checkOption, securityType);
    }

    /**
     * A MySQL/MariaDB {@code COLUMN_DEFAULT} as the live reader renders it.
     *
     * @param dflt the default as the catalog reports it, or null
     * @param extra the column's {@code EXTRA}, lower case
     * @param type the normalised type
     * @param mariadb whether the catalog is MariaDB's
     * @return the rendered default, or null
     */
    public static String mysqlDefault(
            String dflt, String extra, io.backendkit.schema.ColumnType type, boolean mariadb) {
        return MySqlCatalogReader.defaultSql(dflt, extra, type, mariadb);
    }
}
