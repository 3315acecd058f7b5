package io.backendkit.schema.internal.sqlfile;

import io.backendkit.schema.Dialect;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Kind;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A position in one statement's tokens, with the look-ahead helpers the interpreter needs. */
final class Cursor {

    /** A statement the interpreter cannot take, with the reason. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A schema-qualified name; schema null when not written. */
    record QName(String schema, String name) {}

    final List<Token> tokens;
    final String script;
    final Dialect dialect;
    int i;

    Cursor(List<Token> tokens, String script, Dialect dialect) {
        this.tokens = tokens;
        this.script = script;
        this.dialect = dialect;
    }

    boolean atEnd() {
        return i >= tokens.size();
    }

    Token peek() {
        return i < tokens.size() ? tokens.get(i) : null;
    }

    Token peek(int k) {
        return i + k < tokens.size() ? tokens.get(i + k) : null;
    }

    Token next() {
        if (atEnd()) {
            throw new Unsupported("the statement ends early");
        }
        return tokens.get(i++);
    }

    boolean is(String word) {
        Token t = peek();
        return t != null && t.is(word);
    }

    boolean isAt(int k, String word) {
        Token t = peek(k);
        return t != null && t.is(word);
    }

    /** Consumes the words in sequence when all are next; otherwise consumes nothing. */
    boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!isAt(k, words[k])) {
                return false;
            }
        }
        i += words.length;
        return true;
    }

    void expect(String word) {
        if (!accept(word)) {
            Token t = peek();
            throw new Unsupported("expected " + word + (t == null ? " at the end" : " before " + t.value()));
        }
    }

    /** One identifier, folded as the dialect folds unquoted names. */
    String name() {
        Token t = next();
        if (t.kind() == Kind.QUOTED || (t.kind() == Kind.STRING && dialect == Dialect.MYSQL)) {
            return t.value();
        }
        if (t.kind() != Kind.WORD) {
            throw new Unsupported("expected a name, found " + t.value());
        }
        return fold(t.value());
    }

    String fold(String word) {
        return dialect == Dialect.POSTGRESQL ? word.toLowerCase(Locale.ROOT) : word;
    }

    /** {@code [schema.]name} (a third part, {@code db.schema.name}, keeps the last two). */
    QName qname() {
        String first = name();
        if (is(".")) {
            i++;
            String second = name();
            if (is(".")) {
                i++;
                return new QName(second, name());
            }
            return new QName(first, second);
        }
        return new QName(null, first);
    }

    /** Consumes a parenthesised group starting here; returns the index of its closing parenthesis. */
    int skipGroup() {
        if (!is("(")) {
            throw new Unsupported("expected (");
        }
        int depth = 0;
        while (!atEnd()) {
            Token t = next();
            if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                if (--depth == 0) {
                    return i - 1;
                }
            }
        }
        throw new Unsupported("unbalanced parentheses");
    }

    /** The source text inside the parenthesised group starting here (consumed), as written. */
    String groupInner() {
        int open = i;
        int close = skipGroup();
        return script.substring(tokens.get(open).end(), tokens.get(close).start());
    }

    /**
     * Consumes tokens up to (not including) a top-level comma or closing parenthesis, the end, or a word in
     * {@code stops}; returns the index range [start, end) consumed.
     */
    int[] until(String... stops) {
        int start = i;
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && (t.is(",") || t.is(")"))) {
                break;
            }
            if (depth == 0 && t.kind() == Kind.WORD) {
                boolean stop = false;
                for (String s : stops) {
                    if (t.is(s)) {
                        stop = true;
                        break;
                    }
                }
                if (stop) {
                    break;
                }
            }
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
            }
            i++;
        }
        return new int[] {start, i};
    }

    String text(int[] range) {
        if (range[1] <= range[0]) {
            return "";
        }
        return script.substring(
                tokens.get(range[0]).start(), tokens.get(range[1] - 1).end());
    }

    String textFrom(int start) {
        return text(new int[] {start, tokens.size()});
    }

    /** A parenthesised list of names (columns), each possibly followed by a length, ASC/DESC or options. */
    List<String> nameList() {
        expect("(");
        List<String> out = new ArrayList<>();
        while (!is(")")) {
            out.add(name());
            until();
            accept(",");
        }
        expect(")");
        return out;
    }

    /** Skips tokens until the end of the statement. */
    void rest() {
        i = tokens.size();
    }
}
