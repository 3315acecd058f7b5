package io.backendkit.schema.internal.sqlfile;

import io.backendkit.schema.ColumnType;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.internal.sqlfile.Cursor.QName;
import io.backendkit.schema.internal.sqlfile.Cursor.Unsupported;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Column types as each dialect's catalog names them: the spelling a file uses turned into the server's. */
final class Types {

    /**
     * A type as a catalog reports it.
     *
     * @param nativeType the catalog's spelling ({@code format_type} on PostgreSQL, {@code COLUMN_TYPE} on MariaDB)
     * @param type the normalised type
     * @param length declared character length, or null
     * @param precision decimal precision, or null
     * @param scale decimal scale, or null
     * @param castName the name a literal default is cast to (PostgreSQL), e.g. {@code character varying}
     * @param serial the sequence type of a {@code serial} pseudo-type, or null
     */
    record Resolved(
            String nativeType,
            ColumnType type,
            Integer length,
            Integer precision,
            Integer scale,
            String castName,
            String serial) {}

    private Types() {}

    private static final Map<String, String> PG_ALIASES = Map.ofEntries(
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("integer", "integer"),
            Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"),
            Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"),
            Map.entry("float8", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("real", "real"),
            Map.entry("bool", "boolean"),
            Map.entry("boolean", "boolean"),
            Map.entry("varchar", "character varying"),
            Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"),
            Map.entry("timetz", "time with time zone"),
            Map.entry("varbit", "bit varying"));

    /** PostgreSQL's internal type names, as {@link ColumnType#normalise} expects them. */
    private static final Map<String, String> PG_TYPNAME = Map.ofEntries(
            Map.entry("integer", "int4"),
            Map.entry("smallint", "int2"),
            Map.entry("bigint", "int8"),
            Map.entry("double precision", "float8"),
            Map.entry("real", "float4"),
            Map.entry("boolean", "bool"),
            Map.entry("character varying", "varchar"),
            Map.entry("character", "bpchar"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"),
            Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"));

    /**
     * Reads a PostgreSQL type at the cursor.
     *
     * @param c the cursor
     * @param enums the enum types the file created, as {@code schema.name}
     * @return the type as {@code format_type} prints it under the default search path
     */
    static Resolved postgres(Cursor c, Set<String> enums) {
        QName q;
        String base;
        if (c.peek().kind() == Kind.QUOTED || c.isAt(1, ".")) {
            q = c.qname();
            base = null;
        } else {
            String w = c.next().value().toLowerCase(Locale.ROOT);
            q = new QName(null, w);
            base = w;
        }
        String serial = null;
        List<String> mods = new ArrayList<>();
        String canonical;
        if (base != null) {
            switch (base) {
                case "serial", "serial4" -> {
                    serial = "integer";
                    base = "integer";
                }
                case "bigserial", "serial8" -> {
                    serial = "bigint";
                    base = "bigint";
                }
                case "smallserial", "serial2" -> {
                    serial = "smallint";
                    base = "smallint";
                }
                default -> {}
            }
            if (base.equals("double") && c.accept("precision")) {
                base = "double precision";
            } else if ((base.equals("character") || base.equals("char")) && c.accept("varying")) {
                base = "character varying";
            } else if (base.equals("char")) {
                base = "character";
            } else if (base.equals("bit") && c.accept("varying")) {
                base = "bit varying";
            } else if (base.equals("national")) {
                c.accept("character");
                c.accept("char");
                base = c.accept("varying") ? "character varying" : "character";
            }
            base = PG_ALIASES.getOrDefault(base, base);
            if (c.is("(")) {
                for (String m : c.groupInner().split(",")) {
                    mods.add(m.strip());
                }
            }
            if (base.equals("timestamp") || base.equals("time")) {
                String zone = " without time zone";
                if (c.accept("with", "time", "zone")) {
                    zone = " with time zone";
                } else {
                    c.accept("without", "time", "zone");
                }
                canonical = base + (mods.isEmpty() ? "" : "(" + mods.get(0) + ")") + zone;
                base = base + zone;
                mods.clear();
            } else if (base.equals("timestamp with time zone") || base.equals("time with time zone")) {
                String[] parts = base.split(" ", 2);
                canonical = parts[0] + (mods.isEmpty() ? "" : "(" + mods.get(0) + ")") + " " + parts[1];
                mods.clear();
            } else if (base.equals("interval")) {
                StringBuilder fields = new StringBuilder();
                while (!c.atEnd()
                        && c.peek().kind() == Kind.WORD
                        && isIntervalField(c.peek().value())) {
                    fields.append(' ').append(c.next().value().toLowerCase(Locale.ROOT));
                }
                canonical = "interval" + fields + (mods.isEmpty() ? "" : "(" + mods.get(0) + ")");
                mods.clear();
            } else if (base.equals("float")) {
                int bits = mods.isEmpty() ? 53 : Integer.parseInt(mods.get(0));
                base = bits <= 24 ? "real" : "double precision";
                canonical = base;
                mods.clear();
            } else if (base.equals("character") && mods.isEmpty()) {
                mods.add("1");
                canonical = "character(1)";
            } else if (base.equals("numeric") && mods.size() == 1) {
                mods.add("0");
                canonical = "numeric(" + mods.get(0) + ",0)";
            } else {
                canonical = base + (mods.isEmpty() ? "" : "(" + String.join(",", mods) + ")");
            }
        } else {
            String schema = q.schema();
            base = q.name();
            if (c.is("(")) {
                c.skipGroup();
            }
            canonical =
                    (schema == null || schema.equals("public") || schema.equals("pg_catalog") ? "" : pgId(schema) + ".")
                            + pgId(base);
            if (schema != null && schema.equals("pg_catalog")) {
                String alias = PG_ALIASES.get(base);
                if (alias != null) {
                    canonical = alias;
                    base = alias;
                }
            }
        }
        boolean array = false;
        while (c.is("[") || c.is("ARRAY")) {
            array = true;
            if (c.accept("ARRAY")) {
                if (c.is("[")) {
                    skipBrackets(c);
                }
            } else {
                skipBrackets(c);
            }
        }
        if (array) {
            return new Resolved(canonical + "[]", ColumnType.ARRAY, null, null, null, canonical + "[]", null);
        }
        Integer length = null;
        Integer precision = null;
        Integer scale = null;
        if ((base.equals("character varying") || base.equals("character")) && !mods.isEmpty()) {
            length = Integer.parseInt(mods.get(0));
        }
        if (base.equals("numeric") && !mods.isEmpty()) {
            precision = Integer.parseInt(mods.get(0));
            scale = mods.size() > 1 ? Integer.parseInt(mods.get(1)) : 0;
        }
        String typname = PG_TYPNAME.getOrDefault(base, base);
        ColumnType type;
        String schema = q.schema() == null ? "public" : q.schema();
        if (enums.contains(schema + "." + q.name())) {
            type = ColumnType.ENUM;
        } else if (typname.equals("varchar") && length == null) {
            type = ColumnType.TEXT;
        } else {
            type = ColumnType.normalise(typname, length);
        }
        String cast = base.equals("character") ? "bpchar" : canonical.replaceAll("\\(.*?\\)", "");
        return new Resolved(canonical, type, length, precision, scale, cast, serial);
    }

    private static boolean isIntervalField(String w) {
        return Set.of("year", "month", "day", "hour", "minute", "second", "to").contains(w.toLowerCase(Locale.ROOT));
    }

    private static void skipBrackets(Cursor c) {
        c.expect("[");
        while (!c.is("]")) {
            c.next();
        }
        c.expect("]");
    }

    /** A PostgreSQL identifier as {@code quote_identifier} writes it. */
    static String pgId(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !PG_RESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static final Set<String> PG_RESERVED = Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "column",
            "constraint",
            "create",
            "current_date",
            "current_role",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "from",
            "grant",
            "group",
            "having",
            "in",
            "initially",
            "intersect",
            "into",
            "lateral",
            "leading",
            "limit",
            "localtime",
            "localtimestamp",
            "not",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "placing",
            "primary",
            "references",
            "returning",
            "select",
            "session_user",
            "some",
            "symmetric",
            "table",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "when",
            "where",
            "window",
            "with");

    /** MariaDB's display widths when a file leaves them out (signed, unsigned). */
    private static final Map<String, int[]> MY_WIDTHS = Map.of(
            "tinyint", new int[] {4, 3},
            "smallint", new int[] {6, 5},
            "mediumint", new int[] {9, 8},
            "int", new int[] {11, 10},
            "bigint", new int[] {20, 20});

    /**
     * Reads a MySQL/MariaDB type at the cursor.
     *
     * @param c the cursor
     * @return the type as MariaDB's {@code COLUMN_TYPE} prints it, with {@code DATA_TYPE}'s normalisation
     */
    static Resolved mysql(Cursor c) {
        String base = c.next().value().toLowerCase(Locale.ROOT);
        switch (base) {
            case "integer" -> base = "int";
            case "bool", "boolean" -> base = "tinyint";
            case "dec", "numeric", "fixed" -> base = "decimal";
            case "real", "double" -> {
                c.accept("precision");
                base = "double";
            }
            case "character" -> base = c.accept("varying") ? "varchar" : "char";
            case "national", "nchar", "nvarchar" -> {
                if (base.equals("national")) {
                    base = c.accept("varchar") || c.accept("character", "varying") || c.accept("char", "varying")
                            ? "varchar"
                            : "char";
                    c.accept("character");
                    c.accept("char");
                } else {
                    base = base.equals("nchar") ? "char" : "varchar";
                }
            }
            case "long" ->
                base = c.accept("varbinary") ? "mediumblob" : c.accept("varchar") ? "mediumtext" : "mediumtext";
            default -> {}
        }
        boolean wasBool = c.tokens.get(c.i - 1).value().toLowerCase(Locale.ROOT).startsWith("bool");
        String args = null;
        if (c.is("(")) {
            args = c.groupInner();
        }
        boolean unsigned = false;
        boolean zerofill = false;
        while (true) {
            if (c.accept("unsigned")) {
                unsigned = true;
            } else if (c.accept("signed")) {
                // the default
            } else if (c.accept("zerofill")) {
                zerofill = true;
                unsigned = true;
            } else {
                break;
            }
        }
        String native_;
        Integer length = null;
        Integer precision = null;
        Integer scale = null;
        switch (base) {
            case "tinyint", "smallint", "mediumint", "int", "bigint" -> {
                String width = args != null
                        ? args.strip()
                        : wasBool ? "1" : String.valueOf(MY_WIDTHS.get(base)[unsigned ? 1 : 0]);
                native_ = base + "(" + width + ")" + (unsigned ? " unsigned" : "") + (zerofill ? " zerofill" : "");
            }
            case "decimal" -> {
                String[] ps = args == null ? new String[] {"10", "0"} : args.split(",");
                precision = Integer.parseInt(ps[0].strip());
                scale = ps.length > 1 ? Integer.parseInt(ps[1].strip()) : 0;
                native_ = "decimal(" + precision + "," + scale + ")" + (unsigned ? " unsigned" : "");
            }
            case "float", "double" ->
                native_ =
                        base + (args == null ? "" : "(" + args.replace(" ", "") + ")") + (unsigned ? " unsigned" : "");
            case "char", "binary" -> {
                length = args == null ? 1 : Integer.parseInt(args.strip());
                native_ = base + "(" + length + ")";
            }
            case "varchar", "varbinary" -> {
                length = Integer.parseInt(args.strip());
                native_ = base + "(" + length + ")";
            }
            case "bit" -> native_ = "bit(" + (args == null ? "1" : args.strip()) + ")";
            case "year" -> native_ = "year(" + (args == null ? "4" : args.strip()) + ")";
            case "enum", "set" -> native_ = base + "(" + enumLabels(args) + ")";
            case "tinytext", "tinyblob" -> {
                length = 255;
                native_ = base;
            }
            case "text", "blob" -> {
                length = 65535;
                native_ = base;
                if (args != null) {
                    int n = Integer.parseInt(args.strip());
                    String prefix = base.equals("text") ? "" : "blob";
                    native_ = n <= 255
                            ? "tiny" + base
                            : n <= 65535 ? base : n <= 16777215 ? "medium" + base : "long" + base;
                    length = n <= 255 ? 255 : n <= 65535 ? 65535 : n <= 16777215 ? 16777215 : null;
                    if (prefix.isEmpty()) {
                        base = native_;
                    }
                }
            }
            case "mediumtext", "mediumblob" -> {
                length = 16777215;
                native_ = base;
            }
            case "longtext", "longblob", "json" -> native_ = base.equals("json") ? "longtext" : base;
            case "date", "time", "datetime", "timestamp" ->
                native_ = base + (args == null ? "" : "(" + args.strip() + ")");
            default -> {
                if (!Set.of(
                                "geometry",
                                "point",
                                "linestring",
                                "polygon",
                                "multipoint",
                                "multilinestring",
                                "multipolygon",
                                "geometrycollection",
                                "uuid",
                                "inet4",
                                "inet6",
                                "serial")
                        .contains(base)) {
                    throw new Unsupported("unknown MySQL type " + base);
                }
                native_ = base;
            }
        }
        if (base.equals("serial")) {
            native_ = "bigint(20) unsigned";
            base = "bigint";
        }
        String dataType = base.equals("json") ? "longtext" : base;
        ColumnType type = native_.startsWith("tinyint(1)")
                ? ColumnType.BOOLEAN
                : ColumnType.normalise(dataType, dataType.equals("varchar") ? length : null);
        if (!(type.isText() || type == ColumnType.BINARY)) {
            length = null;
        }
        if (type != ColumnType.DECIMAL) {
            precision = null;
            scale = null;
        }
        return new Resolved(native_, type, length, precision, scale, dataType, base.equals("serial") ? "bigint" : null);
    }

    /** ENUM/SET labels as MariaDB prints them: {@code 'a','b'}. */
    private static String enumLabels(String args) {
        List<SqlLexer.Token> toks = SqlLexer.statements(Dialect.MYSQL, args).stream()
                .flatMap(s -> s.tokens().stream())
                .filter(t -> t.kind() == Kind.STRING)
                .toList();
        List<String> out = new ArrayList<>();
        for (SqlLexer.Token t : toks) {
            out.add("'" + t.value().replace("'", "''") + "'");
        }
        return String.join(",", out);
    }
}
