package io.backendkit.schema.internal.sql;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.Index;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The one place that turns names and values into SQL text for a dialect. Every statement the schema module generates
 * (analyzer fixes, diff DDL, advisor probes, migrator history and lock statements) renders identifiers and literals
 * through this class, so that no catalog name, plan relation or file name reaches SQL unquoted.
 *
 * <p>Identifiers are always quoted (PostgreSQL, H2, SQLite and others with double quotes, MySQL/MariaDB with
 * backticks), with the quote character doubled inside. A name that holds a NUL character cannot be quoted in any of
 * these dialects and is refused. Literals are single-quoted with the dialect's escaping.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqlWriter {

    private final Dialect dialect;

    private SqlWriter(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** The writer for {@code dialect}. */
    public static SqlWriter of(Dialect dialect) {
        return new SqlWriter(dialect);
    }

    /** The dialect this writer renders for. */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * The identifier {@code name} quoted for this dialect: {@code "a""b"} on PostgreSQL, {@code `a``b`} on MySQL.
     *
     * @throws IllegalArgumentException when the name is empty or holds a NUL character
     */
    public String id(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL identifier cannot hold a NUL character: " + printable(name));
        }
        char quote = dialect == Dialect.MYSQL ? '`' : '"';
        String doubled = String.valueOf(quote) + quote;
        return quote + name.replace(String.valueOf(quote), doubled) + quote;
    }

    /** {@code schema.name}, both quoted; just the quoted name when {@code schema} is null or empty. */
    public String qualified(String schema, String name) {
        return schema == null || schema.isEmpty() ? id(name) : id(schema) + "." + id(name);
    }

    /** Each name quoted, joined with {@code ", "}. */
    public String idList(List<String> names) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(id(n));
        }
        return String.join(", ", out);
    }

    /**
     * One index key part: a column quoted (with its prefix length on MySQL), or an expression in parentheses exactly
     * as the database printed it in its catalog (never re-assembled from names).
     */
    public String keyPart(Index.KeyPart part) {
        if (part.isExpression()) {
            return "(" + part.expression() + ")";
        }
        return id(part.column())
                + (part.prefixLength() == null ? "" : "(" + part.prefixLength().intValue() + ")");
    }

    /** The key parts of {@code index}, each through {@link #keyPart}, joined with {@code ", "}. */
    public String keyParts(Index index) {
        List<String> out = new ArrayList<>(index.keyParts().size());
        index.keyParts().forEach(k -> out.add(keyPart(k)));
        return String.join(", ", out);
    }

    /**
     * The string {@code value} as an SQL literal. On PostgreSQL a value with a backslash is written as an {@code E''}
     * string (correct whatever {@code standard_conforming_strings} is); on MySQL/MariaDB a value with a backslash or a
     * control character is written as a hex string with the utf8mb4 introducer, {@code _utf8mb4 X'..'} (still a literal,
     * so it may follow {@code DEFAULT}; correct whatever {@code sql_mode} is).
     *
     * @throws IllegalArgumentException when the value holds a NUL character (PostgreSQL text cannot store it)
     */
    public String literal(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0 && dialect != Dialect.MYSQL) {
            throw new IllegalArgumentException(
                    "an SQL string literal cannot hold a NUL character: " + printable(value));
        }
        String doubled = "'" + value.replace("'", "''") + "'";
        return switch (dialect) {
            case POSTGRESQL ->
                value.indexOf('\\') >= 0 ? "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'" : doubled;
            case MYSQL ->
                value.chars().anyMatch(c -> c == '\\' || c < 0x20)
                        ? "_utf8mb4 X'" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)) + "'"
                        : doubled;
            default -> doubled;
        };
    }

    /**
     * The longest identifier this dialect keeps, in the unit {@link #fits} counts: 63 bytes of UTF-8 on PostgreSQL,
     * 64 characters on MySQL/MariaDB, 256 characters on H2, and 63 bytes elsewhere (a portable bound; SQLite has none).
     */
    public int maxIdentifierLength() {
        return switch (dialect) {
            case MYSQL -> 64;
            case H2 -> 256;
            default -> 63;
        };
    }

    /** Whether {@code name} fits this dialect's identifier limit. */
    public boolean fits(String name) {
        return length(name) <= maxIdentifierLength();
    }

    /**
     * A new object name made from real names: {@code prefix_part1_part2...}, cut to the dialect's limit with an
     * 8-character hash of the full name when it is too long, and given a {@code _2}, {@code _3}... suffix when
     * {@code taken} already holds it (compared case-insensitively, since several dialects fold names). The result is
     * unquoted; render it with {@link #id}.
     *
     * @param prefix e.g. {@code idx}
     * @param parts the real names the new name is made from (a table and its columns)
     * @param taken tells whether a name is already used in the namespace the new object goes to
     */
    public String inventName(String prefix, List<String> parts, Predicate<String> taken) {
        StringBuilder full = new StringBuilder(prefix);
        for (String p : parts) {
            full.append('_').append(p);
        }
        String base = cut(full.toString(), "");
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = cut(full.toString(), "_" + n);
        }
        return candidate;
    }

    /** {@link #inventName(String, List, Predicate)} against a set of taken names (case-insensitive). */
    public String inventName(String prefix, List<String> parts, Set<String> taken) {
        Set<String> lower = new java.util.HashSet<>();
        for (String t : taken) {
            lower.add(t.toLowerCase(Locale.ROOT));
        }
        return inventName(prefix, parts, name -> lower.contains(name.toLowerCase(Locale.ROOT)));
    }

    private String cut(String full, String suffix) {
        if (fits(full + suffix)) {
            return full + suffix;
        }
        String hash = "_" + hash8(full) + suffix;
        int limit = maxIdentifierLength() - length(hash);
        StringBuilder kept = new StringBuilder();
        int i = 0;
        while (i < full.length()) {
            int cp = full.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if (length(kept + next) > limit) {
                break;
            }
            kept.append(next);
            i += Character.charCount(cp);
        }
        return kept + hash;
    }

    private int length(String name) {
        return dialect == Dialect.MYSQL || dialect == Dialect.H2
                ? name.codePointCount(0, name.length())
                : name.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash8(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
