package io.backendkit.schema.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps one MySQL/MariaDB statement inside a scratch database: a qualified reference whose database part is one of the
 * file's own database names ({@code sakila.film} after {@code USE sakila}) is rewritten to the scratch database, and a
 * reference to any other database that exists on the server is refused, as are statements that act beyond one
 * database or run SQL built from strings ({@code GRANT}, {@code SET GLOBAL}, {@code PREPARE}, {@code LOAD DATA},
 * {@code INTO OUTFILE}...). The statement is scanned as MySQL reads it: strings, backtick identifiers and comments
 * are told apart, and the contents of executable comments ({@code /*!40101 ... *}{@code /}) count as code.
 */
public final class MySqlConfinement {

    private static final Pattern BEYOND_ONE_DATABASE = Pattern.compile(
            "(?is)^\\s*(?:GRANT|REVOKE|(?:CREATE|DROP|ALTER|RENAME)\\s+(?:USER|ROLE|SERVER|TABLESPACE|LOGFILE)\\b"
                    + "|SET\\s+(?:GLOBAL|PERSIST|PERSIST_ONLY|PASSWORD|ROLE|DEFAULT\\s+ROLE)\\b|SET\\s+@@(?:GLOBAL|PERSIST)"
                    + "|(?:INSTALL|UNINSTALL)\\s+(?:PLUGIN|SONAME|COMPONENT)|SHUTDOWN|KILL|FLUSH|RESET|PURGE"
                    + "|CHANGE\\s+(?:MASTER|REPLICATION)|(?:START|STOP)\\s+(?:SLAVE|REPLICA|ALL)|ALTER\\s+INSTANCE"
                    + "|CACHE\\s+INDEX|LOAD\\s+INDEX|BINLOG|HANDLER)\\b"
                    + "|\\b(?:PREPARE|EXECUTE\\s+IMMEDIATE|LOAD\\s+(?:DATA|XML)|INTO\\s+(?:OUTFILE|DUMPFILE)"
                    + "|LOAD_FILE|SET\\s+(?:GLOBAL|PERSIST)|@@(?:GLOBAL|PERSIST)\\s*\\.)\\b");

    private MySqlConfinement() {}

    /** A statement that may not run in a scratch database; the message says why. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private enum Kind {
        WORD,
        QUOTED_ID,
        DOT,
        OTHER
    }

    private record Token(Kind kind, String text, int start, int end) {}

    /**
     * {@code sql} with references to {@code ownDatabases} rewritten to {@code scratch}.
     *
     * @param ownDatabases the names the file creates or uses ({@code CREATE DATABASE x}, {@code USE x}), lower case
     * @param otherDatabases the databases on the server besides the scratch one, lower case
     * @throws Refused when the statement names another database or acts beyond one database
     */
    public static String confine(String sql, Set<String> ownDatabases, Set<String> otherDatabases, String scratch) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        scan(sql, tokens, code);
        if (BEYOND_ONE_DATABASE.matcher(code).find()) {
            throw new Refused("acts beyond one database or runs SQL built from strings (users, grants, global"
                    + " settings, server files, PREPARE); a target file may only create objects in its own database");
        }
        StringBuilder out = new StringBuilder();
        int copied = 0;
        String quotedScratch = SqlWriter.of(io.backendkit.schema.Dialect.MYSQL).id(scratch);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token first = tokens.get(i);
            if (!isIdentifier(first)
                    || tokens.get(i + 1).kind() != Kind.DOT
                    || (i > 0 && tokens.get(i - 1).kind() == Kind.DOT)) {
                continue;
            }
            Token next = tokens.get(i + 2);
            if (!isIdentifier(next) && !next.text().equals("*")) {
                continue;
            }
            String name = name(first).toLowerCase(Locale.ROOT);
            if (ownDatabases.contains(name)) {
                out.append(sql, copied, first.start()).append(quotedScratch);
                copied = first.end();
            } else if (otherDatabases.contains(name)) {
                throw new Refused("names the database "
                        + SqlWriter.of(io.backendkit.schema.Dialect.MYSQL).id(name(first))
                        + " (" + sql.substring(first.start(), Math.min(sql.length(), next.end()))
                        + "), which is not the file's own; a target file runs only in its scratch database");
            }
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private static boolean isIdentifier(Token t) {
        return t.kind() == Kind.QUOTED_ID
                || (t.kind() == Kind.WORD && !t.text().chars().allMatch(Character::isDigit));
    }

    private static String name(Token t) {
        return t.kind() == Kind.QUOTED_ID
                ? t.text().substring(1, t.text().length() - 1).replace("``", "`")
                : t.text();
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    /** Cuts {@code sql} into tokens; {@code code} gets the text with strings emptied and comments removed. */
    private static void scan(String sql, List<Token> tokens, StringBuilder code) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\') {
                        j += 2;
                    } else if (d == c && j + 1 < n && sql.charAt(j + 1) == c) {
                        j += 2;
                    } else if (d == c) {
                        break;
                    } else {
                        j++;
                    }
                }
                j = Math.min(n, j + 1);
                tokens.add(new Token(Kind.OTHER, "''", i, j));
                code.append(" '' ");
                i = j;
            } else if (c == '`') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '`' && j + 1 < n && sql.charAt(j + 1) == '`') {
                        j += 2;
                    } else if (sql.charAt(j) == '`') {
                        break;
                    } else {
                        j++;
                    }
                }
                j = Math.min(n, j + 1);
                tokens.add(new Token(Kind.QUOTED_ID, sql.substring(i, j), i, j));
                code.append(' ').append(sql, i, j).append(' ');
                i = j;
            } else if (c == '#' || (c == '-' && sql.startsWith("--", i) && (i + 2 == n || sql.charAt(i + 2) <= ' '))) {
                int j = sql.indexOf('\n', i);
                i = j < 0 ? n : j + 1;
                code.append(' ');
            } else if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                // an executable comment: its version prefix is dropped, its contents are code
                int j = i + (sql.charAt(i + 2) == 'M' ? 4 : 3);
                while (j < n && Character.isDigit(sql.charAt(j))) {
                    j++;
                }
                code.append(' ');
                i = j;
            } else if (sql.startsWith("/*", i)) {
                int j = sql.indexOf("*/", i + 2);
                i = j < 0 ? n : j + 2;
                code.append(' ');
            } else if (sql.startsWith("*/", i)) {
                code.append(' ');
                i += 2;
            } else if (c == '.') {
                tokens.add(new Token(Kind.DOT, ".", i, i + 1));
                code.append('.');
                i++;
            } else if (wordChar(c)) {
                int j = i;
                while (j < n && wordChar(sql.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j), i, j));
                code.append(sql, i, j);
                i = j;
            } else {
                if (!Character.isWhitespace(c)) {
                    tokens.add(new Token(Kind.OTHER, String.valueOf(c), i, i + 1));
                }
                code.append(c);
                i++;
            }
        }
    }
}
