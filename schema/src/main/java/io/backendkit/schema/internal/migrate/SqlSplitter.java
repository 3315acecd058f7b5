package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQL script into statements with a small tokenizer rather than a split on {@code ;}.
 *
 * <p>Understands single-quoted strings (with {@code ''} and, on MySQL and in PostgreSQL {@code E''}
 * strings, backslash escapes), double-quoted and backtick identifiers, {@code --} and {@code #}
 * (MySQL) line comments, nested block comments (PostgreSQL), dollar quoting ({@code $$ ... $$}, {@code
 * $tag$ ... $tag$}), the client-side {@code DELIMITER} command (MySQL procedure bodies), and {@code
 * BEGIN ... END} blocks of triggers and procedures (a {@code ;} inside them does not end the statement).
 * Statements that are only comments are dropped. Stateless and thread-safe.
 */
public final class SqlSplitter {

    private final Dialect dialect;

    /** A splitter for {@code dialect}. */
    public SqlSplitter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Thrown for a script that ends inside a string, identifier, comment or dollar-quoted body. */
    public static final class UnterminatedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        /**
         * Creates the exception.
         *
         * @param what the construct left open
         * @param line the line it starts on
         */
        public UnterminatedException(String what, int line) {
            super(what + " starting on line " + line + " is never closed");
            this.line = line;
        }

        /** The line where the unterminated construct starts. */
        public int line() {
            return line;
        }
    }

    /**
     * Splits {@code script}; {@code firstLine} is the line number of its first line in the file.
     *
     * @throws UnterminatedException when a string, comment or quoted body is never closed
     */
    public List<SqlStatement> split(String script, int firstLine) {
        List<SqlStatement> out = new ArrayList<>();
        String delimiter = ";";
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        int line = firstLine;
        int startLine = firstLine;
        int blockDepth = 0;
        String lastWord = "";
        int n = script.length();
        int i = 0;
        while (i < n) {
            char c = script.charAt(i);
            // DELIMITER command (MySQL client syntax), only at the start of a statement
            if (dialect == Dialect.MYSQL && !hasCode && startsWithWord(script, i, "DELIMITER")) {
                int eol = script.indexOf('\n', i);
                if (eol < 0) {
                    eol = n;
                }
                String newDelimiter =
                        script.substring(i + "DELIMITER".length(), eol).strip();
                if (newDelimiter.isEmpty()) {
                    throw new IllegalArgumentException("DELIMITER without a delimiter on line " + line);
                }
                delimiter = newDelimiter;
                current.setLength(0);
                i = eol;
                continue;
            }
            if (blockDepth == 0 && script.startsWith(delimiter, i)) {
                if (hasCode) {
                    out.add(new SqlStatement(current.toString().strip(), startLine));
                }
                current.setLength(0);
                hasCode = false;
                lastWord = "";
                i += delimiter.length();
                continue;
            }
            if (c == '\n') {
                line++;
                current.append(c);
                i++;
                continue;
            }
            if (Character.isWhitespace(c)) {
                current.append(c);
                i++;
                continue;
            }
            int start = i;
            int startOfToken = line;
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-' || c == '#' && dialect == Dialect.MYSQL) {
                int eol = script.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                current.append(script, start, i);
                continue;
            }
            if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < n) {
                    if (script.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                        if (dialect != Dialect.POSTGRESQL) {
                            depth = 1;
                        }
                    } else if (script.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        if (script.charAt(i) == '\n') {
                            line++;
                        }
                        i++;
                    }
                }
                if (depth != 0) {
                    throw new UnterminatedException("block comment", startOfToken);
                }
                current.append(script, start, i);
                continue;
            }
            if (!hasCode) {
                startLine = line;
            }
            hasCode = true;
            if (c == '\'' || c == '"' || c == '`') {
                boolean backslash = c == '\'' && (dialect == Dialect.MYSQL || isEscapeStringPrefix(script, i));
                i = skipQuoted(script, i, c, backslash);
                if (i < 0) {
                    throw new UnterminatedException(c == '\'' ? "string" : "quoted identifier", startOfToken);
                }
                line += count(script, start, i);
                current.append(script, start, i);
                continue;
            }
            if (c == '$' && dialect == Dialect.POSTGRESQL) {
                int tagEnd = dollarTagEnd(script, i);
                if (tagEnd > 0) {
                    String tag = script.substring(i, tagEnd);
                    int close = script.indexOf(tag, tagEnd);
                    if (close < 0) {
                        throw new UnterminatedException("dollar-quoted body " + tag, startOfToken);
                    }
                    i = close + tag.length();
                    line += count(script, start, i);
                    current.append(script, start, i);
                    continue;
                }
            }
            if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(script.charAt(i)) || script.charAt(i) == '_')) {
                    i++;
                }
                String word = script.substring(start, i).toUpperCase(Locale.ROOT);
                blockDepth = trackBlocks(word, lastWord, blockDepth);
                lastWord = word;
                current.append(script, start, i);
                continue;
            }
            current.append(c);
            i++;
        }
        if (hasCode && !current.toString().isBlank()) {
            out.add(new SqlStatement(current.toString().strip(), startLine));
        }
        return out;
    }

    /**
     * BEGIN ... END of procedural bodies (MySQL, H2, SQLite triggers): a BEGIN that is not the first
     * word of a statement opens a block, END closes one; END IF/LOOP/WHILE/REPEAT close nothing.
     */
    private int trackBlocks(String word, String lastWord, int depth) {
        if (dialect == Dialect.POSTGRESQL) {
            return 0; // PostgreSQL bodies are dollar-quoted; BEGIN there starts a transaction
        }
        switch (word) {
            case "BEGIN" -> {
                // as the first word, BEGIN starts a transaction; anywhere else it opens a body
                return depth > 0 || !lastWord.isEmpty() ? depth + 1 : depth;
            }
            case "CASE" -> {
                return depth > 0 && !"END".equals(lastWord) ? depth + 1 : depth;
            }
            case "END" -> {
                return depth > 0 ? depth - 1 : depth;
            }
            case "IF", "LOOP", "WHILE", "REPEAT" -> {
                return "END".equals(lastWord) ? depth + 1 : depth; // END IF: undo the END's decrement
            }
            default -> {
                return depth;
            }
        }
    }

    private static boolean isEscapeStringPrefix(String s, int quote) {
        return quote > 0
                && (s.charAt(quote - 1) == 'E' || s.charAt(quote - 1) == 'e')
                && (quote < 2 || !Character.isLetterOrDigit(s.charAt(quote - 2)));
    }

    private static int skipQuoted(String s, int i, char quote, boolean backslash) {
        int n = s.length();
        int j = i + 1;
        while (j < n) {
            char d = s.charAt(j);
            if (backslash && d == '\\') {
                j += 2;
                continue;
            }
            if (d == quote) {
                if (j + 1 < n && s.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    private static int dollarTagEnd(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(s.charAt(j))) {
                return -1; // $1 is a parameter, not a tag
            }
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? j + 1 : -1;
    }

    private static boolean startsWithWord(String s, int i, String word) {
        return s.regionMatches(true, i, word, 0, word.length())
                && (i + word.length() >= s.length() || Character.isWhitespace(s.charAt(i + word.length())));
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
