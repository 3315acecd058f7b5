package io.backendkit.schema.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads column references out of the expressions a query plan prints (PostgreSQL {@code Filter} and {@code Sort Key},
 * MySQL {@code attached_condition}): identifiers bare or quoted ({@code "BigOrders"."Id"}, {@code `db`.`t`.`c`}),
 * string literals skipped. Pure: text in, names out; the names are matched against the catalog by the caller and never
 * copied into SQL unquoted.
 */
public final class PlanExpressions {

    private PlanExpressions() {}

    /** Columns compared for equality and by range in a filter, each at most once, in order of appearance. */
    public record Comparisons(List<String> equality, List<String> range) {
        /** Copies the lists. */
        public Comparisons {
            equality = List.copyOf(equality);
            range = List.copyOf(range);
        }

        /** Whether none were found. */
        public boolean isEmpty() {
            return equality.isEmpty() && range.isEmpty();
        }
    }

    private enum Kind {
        IDENT,
        QUOTED,
        STRING,
        OP,
        DOT,
        OPEN,
        CLOSE,
        OTHER
    }

    private record Token(Kind kind, String text) {
        boolean word(String w) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(w);
        }

        boolean name() {
            return kind == Kind.IDENT || kind == Kind.QUOTED;
        }
    }

    /**
     * The columns of one relation compared in {@code filter}.
     *
     * @param qualifiers names that refer to the relation (its alias, its name); an unqualified column counts too
     */
    public static Comparisons comparisons(String filter, Set<String> qualifiers) {
        List<Token> tokens = tokenize(filter);
        Set<String> equality = new LinkedHashSet<>();
        Set<String> range = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            boolean afterDotOrCast = i > 0
                    && (tokens.get(i - 1).kind == Kind.DOT
                            || tokens.get(i - 1).kind == Kind.OP
                                    && tokens.get(i - 1).text.equals("::"));
            if (!tokens.get(i).name() || afterDotOrCast) {
                continue;
            }
            int end = i;
            while (end + 2 < tokens.size()
                    && tokens.get(end + 1).kind == Kind.DOT
                    && tokens.get(end + 2).name()) {
                end += 2;
            }
            String column = tokens.get(end).text;
            String qualifier = end > i ? tokens.get(end - 2).text : null;
            int j = end + 1;
            if (j < tokens.size() && tokens.get(j).kind == Kind.OPEN) {
                i = end;
                continue; // a function call, not a column
            }
            j = skipCastsAndParens(tokens, j);
            i = end;
            if (j >= tokens.size() || (qualifier != null && !matches(qualifier, qualifiers))) {
                continue;
            }
            Token op = tokens.get(j);
            String o = op.text.toUpperCase(Locale.ROOT);
            boolean any = j + 1 < tokens.size() && tokens.get(j + 1).word("ANY");
            if (op.kind == Kind.OP && o.equals("=") || op.word("IN") || any) {
                equality.add(column);
            } else if (op.kind == Kind.OP
                            && (o.equals("<") || o.equals(">") || o.equals("<=") || o.equals(">=") || o.equals("~~"))
                    || op.word("BETWEEN")
                    || op.word("LIKE")) {
                range.add(column);
            }
        }
        range.removeAll(equality);
        return new Comparisons(List.copyOf(equality), List.copyOf(range));
    }

    /**
     * The column a sort key names ({@code o.created_at DESC}, {@code "BigOrders"."At"}), or null when the key is an
     * expression or names another relation.
     */
    public static String sortColumn(String key, Set<String> qualifiers) {
        List<Token> tokens = tokenize(key);
        int n = tokens.size();
        while (n > 0 && tokens.get(n - 1).kind == Kind.IDENT) {
            String w = tokens.get(n - 1).text.toUpperCase(Locale.ROOT);
            if (w.equals("ASC") || w.equals("DESC") || w.equals("NULLS") || w.equals("FIRST") || w.equals("LAST")) {
                n--;
            } else {
                break;
            }
        }
        if (n == 1 && tokens.get(0).name()) {
            return tokens.get(0).text;
        }
        if (n == 3
                && tokens.get(0).name()
                && tokens.get(1).kind == Kind.DOT
                && tokens.get(2).name()) {
            return matches(tokens.get(0).text, qualifiers) ? tokens.get(2).text : null;
        }
        if (n == 5
                && tokens.get(2).name()
                && tokens.get(3).kind == Kind.DOT
                && tokens.get(4).name()) {
            return matches(tokens.get(2).text, qualifiers) ? tokens.get(4).text : null;
        }
        return null;
    }

    private static boolean matches(String qualifier, Set<String> qualifiers) {
        return qualifiers.stream().anyMatch(q -> q != null && q.equals(qualifier));
    }

    private static int skipCastsAndParens(List<Token> tokens, int j) {
        while (j < tokens.size()) {
            Token t = tokens.get(j);
            if (t.kind == Kind.CLOSE) {
                j++;
            } else if (t.kind == Kind.OP && t.text.equals("::")) {
                j++;
                while (j < tokens.size() && tokens.get(j).name()) {
                    j++; // type words: character varying, timestamp with time zone
                    if (j < tokens.size() && tokens.get(j).kind == Kind.OPEN) {
                        while (j < tokens.size() && tokens.get(j).kind != Kind.CLOSE) {
                            j++;
                        }
                        j++;
                    }
                }
            } else {
                break;
            }
        }
        return j;
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < s.length()) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j += 2;
                    } else if (s.charAt(j) == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                        j += 2;
                    } else if (s.charAt(j) == '\'') {
                        break;
                    } else {
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, ""));
                i = j + 1;
            } else if (c == '"' || c == '`') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < s.length()) {
                    if (s.charAt(j) == c && j + 1 < s.length() && s.charAt(j + 1) == c) {
                        name.append(c);
                        j += 2;
                    } else if (s.charAt(j) == c) {
                        break;
                    } else {
                        name.append(s.charAt(j++));
                    }
                }
                out.add(new Token(Kind.QUOTED, name.toString()));
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length()
                        && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) {
                    j++;
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            } else if (c == '.') {
                out.add(new Token(Kind.DOT, "."));
                i++;
            } else if (c == '(') {
                out.add(new Token(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Token(Kind.CLOSE, ")"));
                i++;
            } else if ("=<>!~:".indexOf(c) >= 0) {
                int j = i;
                while (j < s.length() && "=<>!~:*".indexOf(s.charAt(j)) >= 0) {
                    j++;
                }
                out.add(new Token(Kind.OP, s.substring(i, j)));
                i = j;
            } else {
                out.add(new Token(Kind.OTHER, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }
}
