package io.backendkit.schema;

import java.util.Locale;

/**
 * A column's type normalised across dialects, so that rules and diffs can reason about {@code int4},
 * {@code INT} and {@code INTEGER} alike. The native type is kept beside it in {@link Column}.
 */
public enum ColumnType {
    /** 16-bit integer. */
    SMALLINT,
    /** 32-bit integer (also MySQL MEDIUMINT). */
    INTEGER,
    /** 64-bit integer. */
    BIGINT,
    /** Exact decimal ({@code NUMERIC}, {@code DECIMAL}). */
    DECIMAL,
    /** Single precision floating point. */
    REAL,
    /** Double precision floating point. */
    DOUBLE,
    /** Boolean (MySQL {@code TINYINT(1)}/{@code BOOLEAN}, too). */
    BOOLEAN,
    /** Fixed-length character string. */
    CHAR,
    /** Variable-length character string with a limit. */
    VARCHAR,
    /** Character string without a limit ({@code TEXT}, unbounded {@code VARCHAR}, {@code CLOB}). */
    TEXT,
    /** Calendar date. */
    DATE,
    /** Time of day. */
    TIME,
    /** Date and time without time zone. */
    TIMESTAMP,
    /** Date and time with time zone (an instant). */
    TIMESTAMP_WITH_TIME_ZONE,
    /** UUID. */
    UUID,
    /** JSON or JSONB. */
    JSON,
    /** Binary data ({@code BYTEA}, {@code BLOB}, {@code VARBINARY}). */
    BINARY,
    /** Enumerated type. */
    ENUM,
    /** Array type. */
    ARRAY,
    /** Anything else; see the native type. */
    OTHER;

    /**
     * Whether values of this type are integers.
     *
     * @return true for {@link #SMALLINT}, {@link #INTEGER} and {@link #BIGINT}
     */
    public boolean isInteger() {
        return this == SMALLINT || this == INTEGER || this == BIGINT;
    }

    /**
     * Whether values of this type are character strings.
     *
     * @return true for {@link #CHAR}, {@link #VARCHAR} and {@link #TEXT}
     */
    public boolean isText() {
        return this == CHAR || this == VARCHAR || this == TEXT;
    }

    /**
     * Normalises a native type name as a catalog reports it ({@code int4}, {@code character varying},
     * {@code tinyint(1)}, {@code TIMESTAMP WITH TIME ZONE}...).
     *
     * @param nativeType the type name, any case, with or without length
     * @param length the declared length of character types, or null
     * @return the normalised type; {@link #OTHER} for a name it does not know, including null
     */
    public static ColumnType normalise(String nativeType, Integer length) {
        String t = nativeType == null ? "" : nativeType.toLowerCase(Locale.ROOT).strip();
        if (t.endsWith("[]") || t.startsWith("_") || t.equals("array") || t.startsWith("array")) {
            return ARRAY;
        }
        if (t.startsWith("tinyint(1)") || t.equals("bool") || t.equals("boolean") || t.equals("bit(1)")) {
            return BOOLEAN;
        }
        String base = t.replaceAll("\\(.*\\)", "").replace(" unsigned", "").strip();
        return switch (base) {
            case "int2", "smallint", "tinyint", "smallserial", "serial2" -> SMALLINT;
            case "int", "int4", "integer", "mediumint", "serial", "serial4" -> INTEGER;
            case "int8", "bigint", "bigserial", "serial8" -> BIGINT;
            case "numeric", "decimal", "dec", "money", "number" -> DECIMAL;
            case "float4", "real", "float" -> base.equals("float") && t.contains("(") ? floatBits(t) : REAL;
            case "float8", "double", "double precision" -> DOUBLE;
            case "char", "character", "bpchar", "nchar", "character large object" -> CHAR;
            case "varchar", "character varying", "nvarchar", "varchar2", "varchar_ignorecase" ->
                length == null || length <= 0 || length >= 1_000_000_000 ? TEXT : VARCHAR;
            case "text", "tinytext", "mediumtext", "longtext", "clob", "citext", "string" -> TEXT;
            case "date" -> DATE;
            case "time", "time without time zone", "timetz", "time with time zone" -> TIME;
            case "timestamp", "timestamp without time zone", "datetime" -> TIMESTAMP;
            case "timestamptz", "timestamp with time zone" -> TIMESTAMP_WITH_TIME_ZONE;
            case "uuid" -> UUID;
            case "json", "jsonb" -> JSON;
            case "bytea",
                    "blob",
                    "tinyblob",
                    "mediumblob",
                    "longblob",
                    "binary",
                    "varbinary",
                    "binary varying",
                    "binary large object" -> BINARY;
            case "enum" -> ENUM;
            default -> base.startsWith("enum") ? ENUM : OTHER;
        };
    }

    private static ColumnType floatBits(String t) {
        String digits = t.replaceAll("[^0-9]", "");
        return !digits.isEmpty() && Integer.parseInt(digits) > 24 ? DOUBLE : REAL;
    }
}
