package io.backendkit.schema.internal.sqlfile;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.internal.migrate.SqlSplitter.UnterminatedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a SQL script into statements of tokens, aware of each dialect's lexical rules: quoting ({@code '...'} with
 * doubled quotes, PostgreSQL {@code E'...'} and dollar quotes {@code $tag$...$tag$}, MySQL backslash escapes and
 * double-quoted strings, {@code "..."}, {@code `...`} and SQLite {@code [...]} identifiers), comments ({@code --},
 * MySQL {@code #}, nested PostgreSQL block comments), MySQL conditional comments {@code /*!40101 ... *}{@code /} whose
 * contents are code, MySQL {@code DELIMITER} lines, PostgreSQL {@code COPY ... FROM stdin;} data up to {@code \.}
 * (skipped, the statement is kept), and bodies with inner semicolons ({@code BEGIN ... END} of SQLite triggers and
 * PostgreSQL {@code BEGIN ATOMIC} functions). Every token keeps its line and its offsets in the script.
 */
public final class SqlLexer {

    /** What a token is. */
    public enum Kind {
        /** An unquoted word: keyword or identifier. */
        WORD,
        /** A quoted identifier; {@link Token#value()} is the name without quotes. */
        QUOTED,
        /** A string literal; {@link Token#value()} is its value. */
        STRING,
        /** A number. */
        NUMBER,
        /** Punctuation or an operator. */
        SYMBOL
    }

    /**
     * One token.
     *
     * @param kind what it is
     * @param value the identifier (case kept), the string's value, or the symbol's text
     * @param line 1-based line it starts on
     * @param start offset in the script
     * @param end offset after it in the script
     */
    public record Token(Kind kind, String value, int line, int start, int end) {
        /**
         * Whether this is the unquoted word {@code word}, ignoring case.
         *
         * @param word the keyword
         * @return true when it matches
         */
        public boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.SYMBOL) && value.equalsIgnoreCase(word);
        }

        /**
         * Whether this names something: a word or a quoted identifier.
         *
         * @return true for {@link Kind#WORD} and {@link Kind#QUOTED}
         */
        public boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }
    }

    /**
     * A statement.
     *
     * @param line the line its first token is on
     * @param tokens its tokens, without the delimiter
     * @param copyData whether a {@code COPY ... FROM stdin} data block followed it (and was skipped)
     */
    public record Statement(int line, List<Token> tokens, boolean copyData) {
        /** Copies the list. */
        public Statement {
            tokens = List.copyOf(tokens);
        }
    }

    private final Dialect dialect;
    private final String s;
    private int pos;
    private int line = 1;
    private String delimiter = ";";

    private SqlLexer(Dialect dialect, String script) {
        this.dialect = dialect;
        this.s = script;
    }

    /**
     * Cuts {@code script} into statements.
     *
     * @param dialect the script's dialect
     * @param script the text
     * @return the statements in order; empty ones left out
     * @throws UnterminatedException when a string, quoted name, comment or body is never closed
     */
    public static List<Statement> statements(Dialect dialect, String script) {
        return new SqlLexer(dialect, script).run();
    }

    /**
     * The script's text from a token's start to another's end.
     *
     * @param script the script the tokens came from
     * @param from the first token
     * @param to the last token (inclusive)
     * @return the source between them, as written
     */
    public static String text(String script, Token from, Token to) {
        return script.substring(from.start(), to.end());
    }

    private boolean mysql() {
        return dialect == Dialect.MYSQL;
    }

    private List<Statement> run() {
        List<Statement> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0; // BEGIN ... END bodies whose semicolons do not end the statement
        boolean atLineStart = true;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (mysql()
                    && current.isEmpty()
                    && atLineStart
                    && s.regionMatches(true, pos, "DELIMITER", 0, 9)
                    && pos + 9 < s.length()
                    && Character.isWhitespace(s.charAt(pos + 9))) {
                int eol = s.indexOf('\n', pos);
                String rest = s.substring(pos + 9, eol < 0 ? s.length() : eol).strip();
                if (!rest.isEmpty()) {
                    delimiter = rest;
                }
                pos = eol < 0 ? s.length() : eol;
                continue;
            }
            if (c == '\n') {
                line++;
                pos++;
                atLineStart = true;
                continue;
            }
            if (Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            if (dialect == Dialect.POSTGRESQL && c == '\\' && atLineStart && current.isEmpty()) {
                // a psql meta-command (\\connect, pg_dump's \\restrict): one statement up to the end of the line
                int eol = s.indexOf('\n', pos);
                int end = eol < 0 ? s.length() : eol;
                List<Token> meta = new ArrayList<>();
                meta.add(new Token(Kind.SYMBOL, "\\", line, pos, pos + 1));
                int wordEnd = pos + 1;
                while (wordEnd < end && !Character.isWhitespace(s.charAt(wordEnd))) {
                    wordEnd++;
                }
                meta.add(new Token(Kind.WORD, s.substring(pos + 1, wordEnd), line, pos + 1, wordEnd));
                out.add(new Statement(line, meta, false));
                pos = end;
                continue;
            }
            atLineStart = false;
            if (depth == 0 && s.startsWith(delimiter, pos)) {
                pos += delimiter.length();
                boolean copy = isCopyFromStdin(current);
                if (copy) {
                    skipCopyData();
                }
                if (!current.isEmpty()) {
                    out.add(new Statement(current.get(0).line(), current, copy));
                }
                current = new ArrayList<>();
                continue;
            }
            if (c == '-'
                    && s.startsWith("--", pos)
                    && (!mysql() || pos + 2 >= s.length() || Character.isWhitespace(s.charAt(pos + 2)))) {
                skipLine();
                continue;
            }
            if (c == '#' && mysql()) {
                skipLine();
                continue;
            }
            if (c == '/' && s.startsWith("/*", pos)) {
                if (mysql() && s.startsWith("/*!", pos)) {
                    pos += 3;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                    continue; // the contents are code; the closing */ is skipped below
                }
                skipBlockComment();
                continue;
            }
            if (mysql() && c == '*' && s.startsWith("*/", pos)) {
                pos += 2; // end of a conditional comment
                continue;
            }
            Token t = token();
            current.add(t);
            depth = track(current, t, depth);
        }
        if (depth > 0 && !current.isEmpty()) {
            throw new UnterminatedException("body", current.get(0).line());
        }
        if (!current.isEmpty()) {
            out.add(new Statement(current.get(0).line(), current, false));
        }
        return out;
    }

    /** BEGIN/CASE ... END nesting inside SQLite triggers and PostgreSQL BEGIN ATOMIC bodies. */
    private int track(List<Token> st, Token t, int depth) {
        if (t.kind() != Kind.WORD || mysql()) {
            return depth;
        }
        boolean body = dialect == Dialect.SQLITE ? isTrigger(st) : isAtomicRoutine(st);
        if (!body) {
            return depth;
        }
        if (t.is("BEGIN") || (depth > 0 && t.is("CASE"))) {
            return depth + 1;
        }
        if (t.is("END") && depth > 0) {
            return depth - 1;
        }
        return depth;
    }

    private static boolean isTrigger(List<Token> st) {
        int i = 0;
        if (st.size() < 2 || !st.get(0).is("CREATE")) {
            return false;
        }
        i = 1;
        if (st.get(i).is("TEMP") || st.get(i).is("TEMPORARY")) {
            i++;
        }
        return i < st.size() && st.get(i).is("TRIGGER");
    }

    private static boolean isAtomicRoutine(List<Token> st) {
        if (st.size() < 3 || !st.get(0).is("CREATE")) {
            return false;
        }
        boolean routine = false;
        for (int i = 1; i < Math.min(st.size(), 4); i++) {
            if (st.get(i).is("FUNCTION") || st.get(i).is("PROCEDURE")) {
                routine = true;
            }
        }
        if (!routine) {
            return false;
        }
        Token last = st.get(st.size() - 1);
        if (last.is("BEGIN")) {
            return false; // decided when ATOMIC follows
        }
        for (int i = 1; i < st.size(); i++) {
            if (st.get(i).is("ATOMIC") && st.get(i - 1).is("BEGIN")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCopyFromStdin(List<Token> st) {
        if (st.isEmpty() || !st.get(0).is("COPY")) {
            return false;
        }
        for (int i = 1; i + 1 < st.size(); i++) {
            if (st.get(i).is("FROM") && st.get(i + 1).is("STDIN")) {
                return true;
            }
        }
        return false;
    }

    private void skipCopyData() {
        int start = line;
        // data starts on the next line and ends with a line holding \.
        int eol = s.indexOf('\n', pos);
        if (eol < 0) {
            pos = s.length();
            return;
        }
        pos = eol + 1;
        line++;
        while (pos < s.length()) {
            int next = s.indexOf('\n', pos);
            String l = s.substring(pos, next < 0 ? s.length() : next);
            pos = next < 0 ? s.length() : next + 1;
            line++;
            if (l.strip().equals("\\.")) {
                return;
            }
        }
        throw new UnterminatedException("COPY data", start);
    }

    private void skipLine() {
        while (pos < s.length() && s.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() {
        int start = line;
        int nesting = 0;
        while (pos < s.length()) {
            if (s.startsWith("/*", pos)) {
                nesting++;
                pos += 2;
                if (mysql() || dialect == Dialect.SQLITE) {
                    // no nesting outside PostgreSQL
                    int close = s.indexOf("*/", pos);
                    if (close < 0) {
                        break;
                    }
                    countLines(pos, close);
                    pos = close + 2;
                    return;
                }
            } else if (s.startsWith("*/", pos)) {
                pos += 2;
                if (--nesting == 0) {
                    return;
                }
            } else {
                if (s.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
        }
        throw new UnterminatedException("comment", start);
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private Token token() {
        char c = s.charAt(pos);
        int start = pos;
        int startLine = line;
        if (c == '\'' || (c == '"' && mysql())) {
            return new Token(Kind.STRING, quoted(c, mysql(), "string"), startLine, start, pos);
        }
        if ((c == 'E' || c == 'e')
                && dialect == Dialect.POSTGRESQL
                && pos + 1 < s.length()
                && s.charAt(pos + 1) == '\'') {
            pos++;
            return new Token(Kind.STRING, quoted('\'', true, "string"), startLine, start, pos);
        }
        if ((c == 'N' || c == 'n' || c == 'X' || c == 'x' || c == 'B' || c == 'b')
                && pos + 1 < s.length()
                && s.charAt(pos + 1) == '\''
                && !identifierPart(pos - 1)) {
            pos++;
            return new Token(Kind.STRING, quoted('\'', mysql(), "string"), startLine, start, pos);
        }
        if (c == '"' || c == '`') {
            return new Token(Kind.QUOTED, quoted(c, false, "quoted name"), startLine, start, pos);
        }
        if (c == '[' && dialect == Dialect.SQLITE) {
            int close = s.indexOf(']', pos);
            if (close < 0) {
                throw new UnterminatedException("quoted name", startLine);
            }
            String v = s.substring(pos + 1, close);
            countLines(pos, close);
            pos = close + 1;
            return new Token(Kind.QUOTED, v, startLine, start, pos);
        }
        if (c == '$' && dialect == Dialect.POSTGRESQL) {
            int tagEnd = pos + 1;
            while (tagEnd < s.length() && (Character.isLetterOrDigit(s.charAt(tagEnd)) || s.charAt(tagEnd) == '_')) {
                tagEnd++;
            }
            if (tagEnd < s.length()
                    && s.charAt(tagEnd) == '$'
                    && !(tagEnd > pos + 1 && Character.isDigit(s.charAt(pos + 1)))
                    && !identifierPart(pos - 1)) {
                String tag = s.substring(pos, tagEnd + 1);
                int close = s.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw new UnterminatedException("dollar-quoted string", startLine);
                }
                String v = s.substring(tagEnd + 1, close);
                countLines(pos, close);
                pos = close + tag.length();
                return new Token(Kind.STRING, v, startLine, start, pos);
            }
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                char d = s.charAt(pos);
                if ((d == 'e' || d == 'E')
                        && pos + 1 < s.length()
                        && (s.charAt(pos + 1) == '-' || s.charAt(pos + 1) == '+')) {
                    pos++;
                }
                pos++;
            }
            return new Token(Kind.NUMBER, s.substring(start, pos), startLine, start, pos);
        }
        if (Character.isLetter(c) || c == '_' || (c == '$' && mysql()) || c > 127) {
            while (pos < s.length() && identifierPart(pos) && !(mysql() && s.startsWith(delimiter, pos))) {
                pos++; // a custom delimiter such as $$ ends a word: END$$
            }
            return new Token(Kind.WORD, s.substring(start, pos), startLine, start, pos);
        }
        if (c == '$') {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.SYMBOL, s.substring(start, pos), startLine, start, pos);
        }
        // operators: a few multi-character ones that matter to the interpreter
        for (String op : new String[] {"::", "<=", ">=", "<>", "!=", "||", ":="}) {
            if (s.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Kind.SYMBOL, op, startLine, start, pos);
            }
        }
        pos++;
        return new Token(Kind.SYMBOL, String.valueOf(c), startLine, start, pos);
    }

    private boolean identifierPart(int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }

    /** Reads a quoted string or name starting at {@code pos}, doubled quotes (and backslashes) undone. */
    private String quoted(char q, boolean backslash, String what) {
        int startLine = line;
        StringBuilder v = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslash && c == '\\' && pos + 1 < s.length()) {
                char e = s.charAt(pos + 1);
                v.append(
                        switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            case 'b' -> '\b';
                            case 'Z' -> (char) 26;
                            default -> e;
                        });
                if (e == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            if (c == q) {
                if (pos + 1 < s.length() && s.charAt(pos + 1) == q) {
                    v.append(q);
                    pos += 2;
                    continue;
                }
                pos++;
                return v.toString();
            }
            v.append(c);
            pos++;
        }
        throw new UnterminatedException(what, startLine);
    }

    /**
     * The upper-cased word, for keyword tests.
     *
     * @param t a token
     * @return its value upper-cased
     */
    static String upper(Token t) {
        return t.value().toUpperCase(Locale.ROOT);
    }
}
