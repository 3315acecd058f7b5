package io.backendkit.codegen.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backendkit.codegen.DbModel;
import io.backendkit.codegen.DbModel.Column;
import io.backendkit.codegen.DbModel.ColumnType;
import io.backendkit.codegen.DbModel.ForeignKey;
import io.backendkit.codegen.DbModel.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the OpenAPI 3.1 document of a {@link DbModel}: per table a row schema, create/update/patch bodies and a
 * page, CRUD paths addressed by the primary key, a cursor-paginated list with equality filters on indexed columns,
 * and a nested list per foreign key that references its parent's primary key. Names from the database are data:
 * they become JSON strings and property names as they are, and only sanitised copies appear in paths, parameter
 * names, operation ids and schema names. The same model always gives the same tree.
 */
public final class DbDocumentWriter {

    /** The settings of one document. */
    public record Settings(String title, String version, int defaultLimit, int maxLimit) {}

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> SUFFIXES = List.of("", "Create", "Update", "Patch", "Page");

    private final DbModel model;
    private final Settings settings;
    private final Map<String, String> segments = new HashMap<>();
    private final Map<String, String> schemaNames = new HashMap<>();
    private final Map<String, String> enumNames = new HashMap<>();

    private DbDocumentWriter(DbModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        Set<String> usedSegments = new HashSet<>();
        Set<String> usedTypes = new HashSet<>();
        for (Table t : model.tables()) {
            segments.put(t.name(), unique(segment(t.name()), usedSegments, "-"));
            // each table's schemas (Row, RowCreate, RowUpdate, RowPatch, RowPage) must all be free
            String base = pascal(t.name());
            String type = base;
            for (int i = 2; !allFree(type, usedTypes); i++) {
                type = base + i;
            }
            for (String suffix : SUFFIXES) {
                usedTypes.add((type + suffix).toLowerCase(Locale.ROOT));
            }
            schemaNames.put(t.name(), type);
        }
        // an enum column's values are one component, shared by the row, the bodies and the list filter
        for (Table t : model.tables()) {
            for (Column c : t.columns()) {
                if (!c.allowedValues().isEmpty() && enumerable(c.type())) {
                    String name = unique(schemaNames.get(t.name()) + pascal(c.name()), usedTypes, "");
                    enumNames.put(t.name() + "\u0000" + c.name(), name);
                }
            }
        }
    }

    /**
     * The document's tree.
     *
     * @param model the tables
     * @param settings title, version and page limits
     * @return the OpenAPI 3.1 document
     */
    public static ObjectNode write(DbModel model, Settings settings) {
        return new DbDocumentWriter(model, settings).document();
    }

    private ObjectNode document() {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", settings.title());
        info.put("version", settings.version());
        info.put(
                "description",
                "CRUD API over " + model.tables().size() + " table(s), written by backendkit from a database"
                        + " catalog. Lists are paged by an opaque cursor: pass a page's nextCursor to get the next.");
        ArrayNode tags = doc.putArray("tags");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode parameters = components.putObject("parameters");
        parameters.set("Limit", limitParameter());
        parameters.set("Cursor", cursorParameter());

        for (Table t : model.tables()) {
            ObjectNode tag = tags.addObject();
            tag.put("name", t.name());
            if (t.comment() != null && !t.comment().isBlank()) {
                tag.put("description", t.comment());
            }
            String type = schemaNames.get(t.name());
            schemas.set(type, rowSchema(t));
            schemas.set(type + "Create", bodySchema(t, Body.CREATE));
            if (!t.primaryKey().isEmpty()) {
                schemas.set(type + "Update", bodySchema(t, Body.UPDATE));
                if (t.columns().stream().anyMatch(c -> writable(t, c, Body.PATCH))) {
                    schemas.set(type + "Patch", bodySchema(t, Body.PATCH));
                }
            }
            schemas.set(type + "Page", pageSchema(type));
            for (Column c : t.columns()) {
                String e = enumNames.get(t.name() + "\u0000" + c.name());
                if (e != null) {
                    ObjectNode values = F.objectNode();
                    values.put("type", "string");
                    values.put("description", "The values " + t.name() + "." + c.name() + " allows.");
                    ArrayNode list = values.putArray("enum");
                    new LinkedHashSet<>(c.allowedValues()).forEach(list::add);
                    schemas.set(e, values);
                }
            }
        }
        for (Table t : model.tables()) {
            String type = schemaNames.get(t.name());
            String collection = "/" + segments.get(t.name());
            ObjectNode list = F.objectNode();
            list.set("get", listOperation(t, "list" + type, "Lists rows of " + t.name() + ".", Map.of(), true));
            list.set("post", createOperation(t, type));
            paths.set(collection, list);
            if (!t.primaryKey().isEmpty()) {
                Map<String, String> keyParams = pathParams(t.primaryKey());
                StringBuilder item = new StringBuilder(collection);
                keyParams.values().forEach(p -> item.append("/{").append(p).append('}'));
                ObjectNode one = F.objectNode();
                one.set("get", itemOperation(t, keyParams, "get" + type, "Reads one row of " + t.name() + ".", null));
                one.set(
                        "put",
                        itemOperation(
                                t, keyParams, "update" + type, "Replaces one row of " + t.name() + ".", "Update"));
                if (schemas.has(type + "Patch")) {
                    one.set(
                            "patch",
                            itemOperation(
                                    t,
                                    keyParams,
                                    "patch" + type,
                                    "Changes the given columns of one row of " + t.name()
                                            + "; absent properties keep their value (set a column to null with put).",
                                    "Patch"));
                }
                one.set("delete", deleteOperation(t, keyParams, "delete" + type));
                paths.set(item.toString(), one);
            }
        }
        nestedPaths(paths);
        return doc;
    }

    // ---------------------------------------------------------------- nested lists from foreign keys

    private void nestedPaths(ObjectNode paths) {
        for (Table child : model.tables()) {
            Map<String, Integer> toSameParent = new HashMap<>();
            for (ForeignKey fk : child.foreignKeys()) {
                toSameParent.merge(fk.referencedTable(), 1, Integer::sum);
            }
            for (ForeignKey fk : child.foreignKeys()) {
                Table parent = model.table(fk.referencedTable());
                if (parent.primaryKey().isEmpty()
                        || !new HashSet<>(parent.primaryKey()).equals(new HashSet<>(fk.referencedColumns()))
                        || parent.primaryKey().size() != fk.referencedColumns().size()) {
                    continue; // only keys that reference the parent's primary key address a parent row
                }
                // the child's key columns in the order of the parent's primary key
                List<String> childColumns = new ArrayList<>();
                for (String pk : parent.primaryKey()) {
                    childColumns.add(fk.columns().get(fk.referencedColumns().indexOf(pk)));
                }
                Map<String, String> params = pathParams(childColumns);
                StringBuilder path = new StringBuilder("/").append(segments.get(parent.name()));
                params.values().forEach(p -> path.append("/{").append(p).append('}'));
                String by = pascal(String.join("_", fk.columns()));
                path.append('/').append(segments.get(child.name()));
                if (toSameParent.get(parent.name()) > 1 || parent == child) {
                    path.append("-by-").append(segment(String.join("_", fk.columns())));
                }
                String unique = path.toString();
                for (int i = 2; paths.has(unique); i++) {
                    unique = path + "-" + i;
                }
                String op = "list" + schemaNames.get(child.name()) + "By" + by;
                ObjectNode item = F.objectNode();
                item.set(
                        "get",
                        listOperation(
                                child,
                                op,
                                "Lists the rows of " + child.name() + " whose " + String.join(", ", fk.columns())
                                        + " reference the given row of " + parent.name() + ".",
                                params,
                                false));
                paths.set(unique, item);
            }
        }
    }

    // ---------------------------------------------------------------- operations

    /** A list: the path parameters of a nested list first, then limit and cursor, then the filters. */
    private ObjectNode listOperation(
            Table t, String id, String summary, Map<String, String> pathParams, boolean filters) {
        ObjectNode op = F.objectNode();
        op.putArray("tags").add(t.name());
        op.put("operationId", id);
        op.put("summary", summary);
        ArrayNode ps = op.putArray("parameters");
        addPathParameters(ps, t, pathParams);
        ps.addObject().put("$ref", "#/components/parameters/Limit");
        ps.addObject().put("$ref", "#/components/parameters/Cursor");
        if (filters) {
            for (String column : filterColumns(t)) {
                String name = column.equals("limit") || column.equals("cursor") ? "where_" + column : column;
                ObjectNode p = parameter(safeParam(name), "query", t, t.column(column), false);
                p.put("description", "Only rows whose " + column + " equals this value.");
                ps.add(p);
            }
        }
        op.set("responses", responses("200", "A page of rows.", ref(schemaNames.get(t.name()) + "Page")));
        return op;
    }

    private ObjectNode createOperation(Table t, String type) {
        ObjectNode op = F.objectNode();
        op.putArray("tags").add(t.name());
        op.put("operationId", "create" + type);
        op.put("summary", "Inserts a row into " + t.name() + ".");
        op.set("requestBody", body(type + "Create"));
        op.set("responses", responses("201", "The row as stored.", ref(type)));
        return op;
    }

    private ObjectNode itemOperation(Table t, Map<String, String> keyParams, String id, String summary, String body) {
        ObjectNode op = F.objectNode();
        op.putArray("tags").add(t.name());
        op.put("operationId", id);
        op.put("summary", summary);
        addPathParameters(op.putArray("parameters"), t, keyParams);
        if (body != null) {
            op.set("requestBody", body(schemaNames.get(t.name()) + body));
        }
        ObjectNode responses = responses("200", "The row.", ref(schemaNames.get(t.name())));
        responses.putObject("404").put("description", "No row has this key.");
        op.set("responses", responses);
        return op;
    }

    private ObjectNode deleteOperation(Table t, Map<String, String> keyParams, String id) {
        ObjectNode op = F.objectNode();
        op.putArray("tags").add(t.name());
        op.put("operationId", id);
        op.put("summary", "Deletes one row of " + t.name() + ".");
        addPathParameters(op.putArray("parameters"), t, keyParams);
        ObjectNode responses = F.objectNode();
        responses.putObject("204").put("description", "Deleted.");
        responses.putObject("404").put("description", "No row has this key.");
        op.set("responses", responses);
        return op;
    }

    private static ObjectNode responses(String status, String description, ObjectNode schema) {
        ObjectNode responses = F.objectNode();
        ObjectNode ok = responses.putObject(status);
        ok.put("description", description);
        ok.putObject("content").putObject("application/json").set("schema", schema);
        return responses;
    }

    private static ObjectNode body(String schema) {
        ObjectNode body = F.objectNode();
        body.put("required", true);
        body.putObject("content").putObject("application/json").set("schema", ref(schema));
        return body;
    }

    private static ObjectNode ref(String schema) {
        ObjectNode r = F.objectNode();
        r.put("$ref", "#/components/schemas/" + schema);
        return r;
    }

    private ObjectNode limitParameter() {
        ObjectNode p = F.objectNode();
        p.put("name", "limit");
        p.put("in", "query");
        p.put("description", "Rows per page.");
        ObjectNode s = p.putObject("schema");
        s.put("type", "integer");
        s.put("format", "int32");
        s.put("minimum", 1);
        s.put("maximum", settings.maxLimit());
        s.put("default", settings.defaultLimit());
        return p;
    }

    private static ObjectNode cursorParameter() {
        ObjectNode p = F.objectNode();
        p.put("name", "cursor");
        p.put("in", "query");
        p.put("description", "The nextCursor of the previous page; absent for the first page.");
        ObjectNode s = p.putObject("schema");
        s.put("type", "string");
        s.put("maxLength", 1024);
        return p;
    }

    private ObjectNode parameter(String name, String in, Table t, Column column, boolean required) {
        ObjectNode p = F.objectNode();
        p.put("name", name);
        p.put("in", in);
        if (required) {
            p.put("required", true);
        }
        p.set("schema", valueSchema(t, column, false));
        return p;
    }

    /** Leading index columns and foreign-key columns of types that compare for equality, in table order. */
    private static List<String> filterColumns(Table t) {
        Set<String> wanted = new HashSet<>();
        t.indexes().stream().filter(ix -> !ix.isEmpty()).forEach(ix -> wanted.add(ix.get(0)));
        t.foreignKeys().forEach(fk -> wanted.add(fk.columns().get(0)));
        if (t.primaryKey().size() > 1) {
            wanted.add(t.primaryKey().get(0));
        }
        List<String> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (wanted.contains(c.name()) && filterable(c.type())) {
                out.add(c.name());
            }
        }
        return out;
    }

    private static boolean filterable(ColumnType type) {
        return switch (type) {
            case STRING, SMALLINT, INTEGER, BIGINT, BOOLEAN, DATE, UUID -> true;
            default -> false;
        };
    }

    private void addPathParameters(ArrayNode ps, Table t, Map<String, String> params) {
        params.forEach((column, name) -> ps.add(parameter(name, "path", t, t.column(column), true)));
    }

    /** Column → parameter name, sanitised and unique within the operation. */
    private static Map<String, String> pathParams(List<String> columns) {
        Map<String, String> out = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        used.add("limit");
        used.add("cursor");
        for (String c : columns) {
            out.put(c, unique(safeParam(c), used, "_"));
        }
        return out;
    }

    // ---------------------------------------------------------------- schemas

    private enum Body {
        CREATE,
        UPDATE,
        PATCH
    }

    private ObjectNode rowSchema(Table t) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.put(
                "description",
                t.comment() != null && !t.comment().isBlank() ? t.comment() : "A row of " + t.name() + ".");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Column c : t.columns()) {
            ObjectNode v = valueSchema(t, c, c.nullable());
            if (c.generated()) {
                v.put("readOnly", true);
            }
            props.set(c.name(), v);
            if (!c.nullable()) {
                required.add(c.name());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        return s;
    }

    private static boolean writable(Table t, Column c, Body kind) {
        return !c.generated() && (kind == Body.CREATE || !t.primaryKey().contains(c.name()));
    }

    private ObjectNode bodySchema(Table t, Body kind) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.put(
                "description",
                switch (kind) {
                    case CREATE -> "A new row of " + t.name() + "; columns with a database default may be left out.";
                    case UPDATE -> "The new values of a row of " + t.name() + " (its key is in the path).";
                    case PATCH -> "The columns of a row of " + t.name() + " to change; absent ones keep their value.";
                });
        ObjectNode props = s.putObject("properties");
        ArrayNode required = F.arrayNode();
        for (Column c : t.columns()) {
            if (!writable(t, c, kind)) {
                continue;
            }
            props.set(c.name(), valueSchema(t, c, c.nullable() && kind != Body.PATCH));
            boolean needed = switch (kind) {
                case CREATE -> !c.nullable() && !c.hasDefault();
                case UPDATE -> !c.nullable();
                case PATCH -> false;
            };
            if (needed) {
                required.add(c.name());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        if (kind == Body.PATCH) {
            s.put("minProperties", 1);
        }
        return s;
    }

    private static ObjectNode pageSchema(String type) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.put("description", "One page of rows, in primary-key order.");
        ObjectNode props = s.putObject("properties");
        ObjectNode items = props.putObject("items");
        items.put("type", "array");
        items.set("items", ref(type));
        ObjectNode next = props.putObject("nextCursor");
        next.putArray("type").add("string").add("null");
        next.put("description", "Pass as cursor to get the next page; null on the last page.");
        s.putArray("required").add("items");
        return s;
    }

    /** The schema of a column's value: its enum component when it has one, else its type and constraints. */
    private ObjectNode valueSchema(Table t, Column c, boolean nullable) {
        String e = enumNames.get(t.name() + "\u0000" + c.name());
        if (e == null) {
            return valueSchema(c, nullable);
        }
        if (!nullable) {
            return ref(e);
        }
        ObjectNode s = F.objectNode();
        ArrayNode any = s.putArray("anyOf");
        any.add(ref(e));
        any.addObject().put("type", "null");
        return s;
    }

    private static boolean enumerable(ColumnType type) {
        return type == ColumnType.STRING || type == ColumnType.OTHER;
    }

    /** The JSON Schema of a column's value; nullable adds {@code "null"} to its type. */
    private static ObjectNode valueSchema(Column c, boolean nullable) {
        ObjectNode s = F.objectNode();
        String type;
        switch (c.type()) {
            case SMALLINT -> {
                type = "integer";
                s.put("format", "int32");
                s.put("minimum", Short.MIN_VALUE);
                s.put("maximum", Short.MAX_VALUE);
            }
            case INTEGER -> {
                type = "integer";
                s.put("format", "int32");
            }
            case BIGINT -> {
                type = "integer";
                s.put("format", "int64");
            }
            case DECIMAL -> {
                type = "number";
                if (c.precision() != null && c.precision() > 0) {
                    int whole = c.precision() - (c.scale() == null ? 0 : c.scale());
                    BigDecimal bound = BigDecimal.TEN.pow(Math.max(0, whole));
                    s.put("exclusiveMinimum", bound.negate());
                    s.put("exclusiveMaximum", bound);
                }
            }
            case REAL -> {
                type = "number";
                s.put("format", "float");
            }
            case DOUBLE -> {
                type = "number";
                s.put("format", "double");
            }
            case BOOLEAN -> type = "boolean";
            case DATE -> {
                type = "string";
                s.put("format", "date");
            }
            case TIME -> {
                type = "string";
                s.put("format", "time");
            }
            case TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE -> {
                type = "string";
                s.put("format", "date-time");
            }
            case UUID -> {
                type = "string";
                s.put("format", "uuid");
            }
            case BINARY -> {
                type = "string";
                s.put("format", "byte");
            }
            case JSON -> type = null;
            default -> type = "string";
        }
        if (type != null && type.equals("string") && c.maxLength() != null && c.maxLength() > 0) {
            s.put("maxLength", c.maxLength());
        }
        if (type != null && nullable) {
            s.putArray("type").add(type).add("null");
        } else if (type != null) {
            s.put("type", type);
        }
        String description = c.comment() != null && !c.comment().isBlank() ? c.comment() : null;
        if (c.type() == ColumnType.TIMESTAMP) {
            description = (description == null ? "" : description + " ") + "(stored without a time zone)";
        }
        if (description != null) {
            s.put("description", description);
        }
        return s;
    }

    // ---------------------------------------------------------------- names

    /** A path segment: lower-case letters, digits and dashes. */
    static String segment(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "t" : s;
    }

    /** A type name: letters and digits, each word capitalised, never starting with a digit. */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                // an upper-case word (H2's and Oracle's folded names) reads as a word: BOOK_TAG is BookTag
                String rest = word.substring(1);
                out.append(Character.toUpperCase(word.charAt(0)))
                        .append(word.equals(word.toUpperCase(Locale.ROOT)) ? rest.toLowerCase(Locale.ROOT) : rest);
            }
        }
        if (out.isEmpty() || !Character.isLetter(out.charAt(0))) {
            out.insert(0, 'T');
        }
        return out.toString();
    }

    /** A parameter name: ASCII letters, digits and underscores, never starting with a digit. */
    static String safeParam(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]+", "_");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
            s = "p" + s;
        }
        return s;
    }

    private static boolean allFree(String type, Set<String> used) {
        return SUFFIXES.stream().noneMatch(suffix -> used.contains((type + suffix).toLowerCase(Locale.ROOT)));
    }

    private static String unique(String base, Set<String> used, String separator) {
        String candidate = base;
        for (int i = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + separator + i;
        }
        return candidate;
    }
}
