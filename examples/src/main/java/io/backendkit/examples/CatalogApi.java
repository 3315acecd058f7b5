package io.backendkit.examples;

import io.backendkit.codegen.DbModel;
import io.backendkit.codegen.OpenApiFromDb;
import io.backendkit.schema.Catalog;
import io.backendkit.schema.CheckConstraint;
import io.backendkit.schema.Column;
import io.backendkit.schema.ColumnType;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.Index;
import io.backendkit.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bridge from backendkit schema's {@link Catalog} (read live over JDBC, or offline from a {@code .sql} file) to
 * codegen's {@link DbModel}, the input of {@link OpenApiFromDb}. Codegen does not depend on schema; this is the code
 * a team writes once to join them:
 *
 * <pre>{@code
 * Catalog catalog = Schema.connect(dataSource).read();
 * String yaml = OpenApiFromDb.of(CatalogApi.model(catalog, Map.of())).title("Library").toYaml();
 * }</pre>
 *
 * <p>Allowed values come from MySQL {@code ENUM(...)} types, from check constraints of the forms {@code col IN
 * ('a', 'b')} and PostgreSQL's {@code col = ANY (ARRAY['a'::text, ...])}, and from the labels of PostgreSQL enum
 * types the caller passes by type name (the catalog does not hold them). History tables of migrators are left out.
 */
public final class CatalogApi {

    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private CatalogApi() {}

    /**
     * The model of a catalog's tables.
     *
     * @param catalog the catalog
     * @param enumLabels labels of PostgreSQL enum types by type name (e.g. from {@code pg_enum}); may be empty
     * @return the model, tables in catalog order
     */
    public static DbModel model(Catalog catalog, Map<String, List<String>> enumLabels) {
        List<DbModel.Table> tables = new ArrayList<>();
        List<String> names = catalog.tables().stream()
                .filter(t -> t.partitionOf() == null && !history(t.name()))
                .map(Table::name)
                .toList();
        for (Table t : catalog.tables()) {
            if (!names.contains(t.name())) {
                continue;
            }
            List<DbModel.Column> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                columns.add(column(t, c, enumLabels));
            }
            List<DbModel.ForeignKey> keys = new ArrayList<>();
            for (ForeignKey fk : t.foreignKeys()) {
                if (names.contains(fk.referencedTable())) {
                    keys.add(new DbModel.ForeignKey(
                            fk.name(), fk.columns(), fk.referencedTable(), fk.referencedColumns()));
                }
            }
            List<List<String>> indexes = new ArrayList<>();
            for (Index ix : t.indexes()) {
                if (!ix.primary()
                        && !ix.columns().isEmpty()
                        && t.column(ix.columns().get(0)).isPresent()) {
                    indexes.add(ix.columns().stream()
                            .filter(c -> t.column(c).isPresent())
                            .toList());
                }
            }
            tables.add(new DbModel.Table(
                    t.name(),
                    columns,
                    t.primaryKey() == null ? List.of() : t.primaryKey().columns(),
                    keys,
                    indexes,
                    t.comment()));
        }
        return new DbModel(tables);
    }

    private static boolean history(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.equals("backendkit_schema_history")
                || t.equals("backendkit_schema_history_lock")
                || t.equals("flyway_schema_history");
    }

    private static DbModel.Column column(Table t, Column c, Map<String, List<String>> enumLabels) {
        DbModel.ColumnType type = switch (c.type()) {
            case SMALLINT -> DbModel.ColumnType.SMALLINT;
            case INTEGER -> DbModel.ColumnType.INTEGER;
            case BIGINT -> DbModel.ColumnType.BIGINT;
            case DECIMAL -> DbModel.ColumnType.DECIMAL;
            case REAL -> DbModel.ColumnType.REAL;
            case DOUBLE -> DbModel.ColumnType.DOUBLE;
            case BOOLEAN -> DbModel.ColumnType.BOOLEAN;
            case CHAR, VARCHAR, TEXT, ENUM -> DbModel.ColumnType.STRING;
            case DATE -> DbModel.ColumnType.DATE;
            case TIME -> DbModel.ColumnType.TIME;
            case TIMESTAMP -> DbModel.ColumnType.TIMESTAMP;
            case TIMESTAMP_WITH_TIME_ZONE -> DbModel.ColumnType.TIMESTAMP_WITH_TIME_ZONE;
            case UUID -> DbModel.ColumnType.UUID;
            case JSON -> DbModel.ColumnType.JSON;
            case BINARY -> DbModel.ColumnType.BINARY;
            case ARRAY, OTHER -> DbModel.ColumnType.OTHER;
        };
        List<String> allowed = allowedValues(t, c, enumLabels);
        return new DbModel.Column(
                c.name(),
                type,
                c.nullable(),
                c.identity() || c.generatedExpression() != null,
                c.defaultValue() != null,
                c.type().isText() && c.type() != ColumnType.TEXT ? c.length() : null,
                c.type() == ColumnType.DECIMAL ? c.precision() : null,
                c.type() == ColumnType.DECIMAL ? c.scale() : null,
                allowed,
                c.comment());
    }

    private static List<String> allowedValues(Table t, Column c, Map<String, List<String>> enumLabels) {
        if (c.type() == ColumnType.ENUM) {
            List<String> labels = enumLabels.get(c.nativeType());
            if (labels != null) {
                return labels;
            }
            String nativeType = c.nativeType() == null ? "" : c.nativeType();
            if (nativeType.toLowerCase(Locale.ROOT).startsWith("enum(")) {
                return quoted(nativeType);
            }
        }
        for (CheckConstraint check : t.checkConstraints()) {
            List<String> values = inList(check.expression(), c.name());
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    /** The values of {@code col IN ('a', ...)} or {@code col = ANY (ARRAY['a'::text, ...])}, nothing else. */
    static List<String> inList(String expression, String column) {
        if (expression == null) {
            return List.of();
        }
        String name = "[\"`]?" + Pattern.quote(column) + "[\"`]?";
        String literal = "'(?:[^']|'')*'(?:::[a-z ]+)?";
        String list = "\\(?\\s*" + literal + "(?:\\s*,\\s*" + literal + ")*\\s*\\)?";
        Pattern in = Pattern.compile(
                "\\(*\\s*" + name + "(?:::[a-z ]+)?\\s+in\\s*\\(" + "\\s*" + literal + "(?:\\s*,\\s*" + literal
                        + ")*\\s*\\)\\s*\\)*",
                Pattern.CASE_INSENSITIVE);
        Pattern any = Pattern.compile(
                "\\(*\\s*" + name + "(?:::[a-z ]+)?\\s*=\\s*any\\s*\\(\\s*\\(?\\s*array\\s*\\[" + list
                        + "\\]\\s*\\)?(?:::[a-z \\[\\]]+)?\\s*\\)\\s*\\)*",
                Pattern.CASE_INSENSITIVE);
        String e = expression.strip();
        if (in.matcher(e).matches() || any.matcher(e).matches()) {
            return quoted(e);
        }
        return List.of();
    }

    private static List<String> quoted(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(text);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }
}
