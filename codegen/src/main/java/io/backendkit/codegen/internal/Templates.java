package io.backendkit.codegen.internal;

import io.backendkit.codegen.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Support classes that do not depend on the document, kept as real Java sources.
 *
 * <p>The templates live in {@code codegen/src/templates/java}, in one fixed package per role ({@code
 * backendkit.template.model}, {@code .server}, {@code .client}; {@code .api} names the generated interfaces'
 * package), are compiled by the codegen build and go into the jar as source text under {@code
 * templates/<role>/}. (The root sorts before every library package, so the formatter keeps their imports of
 * each other first, where the generated files have always had them.) Emitting one rewrites, by Java token and
 * never inside string, character or text-block literals:
 *
 * <ul>
 *   <li>a qualified name in code that starts with a template package ({@code package}, {@code import} and
 *       qualified references), and the same name in a comment (at name boundaries), to the generation's package
 *       of that role ({@code values}' {@code <role>Package});
 *   <li>a marker <code>/&#42;$key&#42;/</code> in code and the literal after it ({@code true}/{@code false} or a string
 *       literal) to {@code values}' {@code key}: a boolean as is, anything else as a string literal;
 *   <li>a marker <code>/&#42;$key&#42;/</code> before a block of plain statements: kept without its braces when
 *       {@code key} is {@code true}, a comment when it is {@code false};
 *   <li>a placeholder {@code ${key}} in a comment to {@code values}' {@code key}.
 * </ul>
 *
 * <p>Anything it cannot do exactly fails: a template without its package declaration or in the wrong role, an
 * unknown template package, key or marker, a marker without a literal, and a marker {@link #REQUIRED} expects
 * that the template no longer has.
 */
final class Templates {

    /** The template packages' common prefix. */
    static final String ROOT = "backendkit.template";

    private static final List<String> ROLES = List.of("model", "server", "client", "api");

    /** Roles whose templates are emitted (the {@code api} package has none). */
    private static final List<String> TEMPLATE_ROLES = List.of("model", "server", "client");

    /**
     * The markers each template must contain: one lost in an edit would otherwise silently leave the template's
     * default in every generation.
     */
    static final Map<String, Set<String>> REQUIRED = Map.of(
            "ApiClient", Set.of("envelope"),
            "ApiFeature", Set.of("forms"),
            "ApiResponseAdvice", Set.of("envelope", "apiPackage"),
            "ApiResponseFilter", Set.of("envelope", "apiPackage"));

    private static final Pattern MARKER = Pattern.compile("/\\*\\$([A-Za-z][A-Za-z0-9]*)\\*/");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final Pattern COMMENT_PACKAGE = Pattern.compile("(?<![\\p{javaJavaIdentifierPart}.])"
            + Pattern.quote(ROOT) + "\\.(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)");

    private Templates() {}

    /**
     * The template {@code name} rewritten for a generation (see the class comment), as a file in {@code
     * packageName}, which must be the generation's package of the template's role.
     */
    static GeneratedFile file(String name, String packageName, Map<String, String> values) {
        String role = null;
        String text = null;
        for (String r : TEMPLATE_ROLES) {
            String found = read("templates/" + r + "/" + name + ".java");
            if (found != null) {
                if (text != null) {
                    throw new IllegalStateException("template " + name + " is both in " + role + " and " + r);
                }
                role = r;
                text = found;
            }
        }
        if (text == null) {
            throw new IllegalStateException("template missing from the codegen jar: " + name);
        }
        Rewritten result = rewrite(name, text, values, REQUIRED.getOrDefault(name, Set.of()));
        if (!result.templatePackage().equals(ROOT + "." + role)) {
            throw new IllegalStateException(
                    "template " + name + " lies in " + role + " but declares package " + result.templatePackage());
        }
        if (!result.packageName().equals(packageName)) {
            throw new IllegalStateException("template " + name + " is emitted into " + packageName
                    + " but its package becomes " + result.packageName());
        }
        return new GeneratedFile(packageName.replace('.', '/') + "/" + name + ".java", result.text());
    }

    /**
     * A rewritten template.
     *
     * @param text the source
     * @param templatePackage the package the template declares
     * @param packageName what that became
     * @param markers the keys of the markers rewritten
     */
    record Rewritten(String text, String templatePackage, String packageName, Set<String> markers) {}

    /**
     * {@code text}, the source of template {@code name}, rewritten for {@code values}.
     *
     * @throws IllegalStateException if that cannot be done exactly, or a marker of {@code required} is missing
     */
    static Rewritten rewrite(String name, String text, Map<String, String> values, Set<String> required) {
        return new Rewriter(name, text, values).run(required);
    }

    private static String read(String resource) {
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
    }

    /** One pass over a template's characters, copying them to {@code out} and rewriting as it goes. */
    private static final class Rewriter {
        private final String name;
        private final String in;
        private final Map<String, String> values;
        private final StringBuilder out;
        private final Set<String> markers = new TreeSet<>();
        private int pos;
        /** The last character of code (not whitespace, comment or literal) copied or rewritten. */
        private char previous;
        /** Whether no identifier has been seen in code yet. */
        private boolean first = true;

        private String templatePackage;
        private String packageName;

        Rewriter(String name, String in, Map<String, String> values) {
            this.name = name;
            this.in = in;
            this.values = values;
            this.out = new StringBuilder(in.length() + 64);
        }

        Rewritten run(Set<String> required) {
            while (pos < in.length()) {
                char c = in.charAt(pos);
                if (in.startsWith("//", pos)) {
                    int end = in.indexOf('\n', pos);
                    comment(end < 0 ? in.length() : end);
                } else if (in.startsWith("/*", pos)) {
                    int end = in.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw fail("unterminated comment at offset " + pos);
                    }
                    if (in.startsWith("/*$", pos)) {
                        marker(end + 2);
                    } else {
                        comment(end + 2);
                    }
                } else if (in.startsWith("\"\"\"", pos)) {
                    copyLiteral(textBlockEnd(pos));
                } else if (c == '"' || c == '\'') {
                    copyLiteral(literalEnd(pos));
                } else if (Character.isJavaIdentifierStart(c)) {
                    identifier();
                } else {
                    out.append(c);
                    pos++;
                    if (!Character.isWhitespace(c)) {
                        previous = c;
                    }
                }
            }
            if (templatePackage == null) {
                throw fail("no package declaration");
            }
            List<String> missing = new ArrayList<>();
            for (String key : new TreeSet<>(required)) {
                if (!markers.contains(key)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                throw fail("the marker(s) /*$key*/ for " + missing + " are missing");
            }
            return new Rewritten(out.toString(), templatePackage, packageName, Set.copyOf(markers));
        }

        /** An identifier in code, and the qualified name it starts if that is a template package. */
        private void identifier() {
            int start = pos;
            int end = identifierEnd(start);
            String word = in.substring(start, end);
            boolean packageKeyword = first && word.equals("package");
            if (first && !packageKeyword) {
                throw fail("no package declaration before '" + word + "'");
            }
            first = false;
            if (packageKeyword) {
                out.append(word);
                pos = end;
                previous = 'e';
                int nameStart = skipWhitespace(pos);
                out.append(in, pos, nameStart);
                pos = nameStart;
                if (!in.startsWith("backendkit", pos) || !templatePackageAt(pos)) {
                    throw fail("the package declaration is not in " + ROOT);
                }
                int before = out.length();
                templatePackage = qualifiedTemplateName();
                packageName = out.substring(before);
                if (skipWhitespace(pos) >= in.length() || in.charAt(skipWhitespace(pos)) != ';') {
                    throw fail("the package declaration is not " + ROOT + ".<role>");
                }
                return;
            }
            if (previous != '.' && word.equals("backendkit") && templatePackageAt(start)) {
                qualifiedTemplateName();
                return;
            }
            out.append(word);
            pos = end;
            previous = word.charAt(word.length() - 1);
        }

        /** Whether a qualified name starting at {@code at} starts with {@link #ROOT}'s two identifiers. */
        private boolean templatePackageAt(int at) {
            int end = identifierEnd(at);
            if (!in.substring(at, end).equals("backendkit")) {
                return false;
            }
            int dot = skipWhitespace(end);
            if (dot >= in.length() || in.charAt(dot) != '.') {
                return false;
            }
            int next = skipWhitespace(dot + 1);
            return next < in.length()
                    && Character.isJavaIdentifierStart(in.charAt(next))
                    && in.substring(next, identifierEnd(next)).equals("template");
        }

        /**
         * Rewrites {@code backendkit.template.<role>} at {@code pos} (known to start with the first two) to the
         * role's package, leaving what follows the role for the main loop.
         *
         * @return the template package as written in the template, without whitespace
         */
        private String qualifiedTemplateName() {
            int firstDot = skipWhitespace(identifierEnd(pos));
            int template = skipWhitespace(firstDot + 1);
            int secondDot = skipWhitespace(identifierEnd(template));
            int roleStart = secondDot < in.length() && in.charAt(secondDot) == '.' ? skipWhitespace(secondDot + 1) : -1;
            if (roleStart < 0 || roleStart >= in.length() || !Character.isJavaIdentifierStart(in.charAt(roleStart))) {
                throw fail("'" + ROOT + "' is not followed by a role at offset " + pos);
            }
            int roleEnd = identifierEnd(roleStart);
            String role = in.substring(roleStart, roleEnd);
            out.append(packageOf(role));
            pos = roleEnd;
            previous = 'x';
            return ROOT + "." + role;
        }

        /** The generation's package of {@code role}. */
        private String packageOf(String role) {
            if (!ROLES.contains(role)) {
                throw fail("unknown template package " + ROOT + "." + role + " (roles: " + ROLES + ")");
            }
            String value = values.get(role + "Package");
            if (value == null) {
                throw fail("no value for " + role + "Package");
            }
            return value;
        }

        /** A comment ending at {@code end}: template packages and {@code ${key}} placeholders rewritten. */
        private void comment(int end) {
            String text = in.substring(pos, end);
            Matcher p = COMMENT_PACKAGE.matcher(text);
            StringBuilder packages = new StringBuilder();
            while (p.find()) {
                p.appendReplacement(packages, Matcher.quoteReplacement(packageOf(p.group(1))));
            }
            p.appendTail(packages);
            Matcher m = PLACEHOLDER.matcher(packages);
            StringBuilder filled = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw fail("no value for the placeholder " + m.group());
                }
                m.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            m.appendTail(filled);
            out.append(filled);
            pos = end;
        }

        /** A marker comment ending at {@code end} and the literal after it, replaced by the marker's value. */
        private void marker(int end) {
            String comment = in.substring(pos, end);
            Matcher m = MARKER.matcher(comment);
            if (!m.matches()) {
                throw fail("malformed marker " + comment + " (expected /*$key*/)");
            }
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                throw fail("no value for the marker " + comment);
            }
            int literal = skipWhitespace(end);
            if (literal < in.length() && in.charAt(literal) == '{') {
                block(comment, key, value, literal);
                return;
            }
            if (literal < in.length() && in.charAt(literal) == '"' && !in.startsWith("\"\"\"", literal)) {
                out.append(quote(value));
                pos = literalEnd(literal);
            } else if (literal < in.length() && Character.isJavaIdentifierStart(in.charAt(literal))) {
                String word = in.substring(literal, identifierEnd(literal));
                if (!word.equals("true") && !word.equals("false")) {
                    throw fail("the marker " + comment + " is followed by '" + word + "', not a literal");
                }
                if (!value.equals("true") && !value.equals("false")) {
                    throw fail("the marker " + comment + " needs a boolean, not '" + value + "'");
                }
                out.append(value);
                pos = literal + word.length();
            } else {
                throw fail("the marker " + comment + " is not followed by a boolean or string literal");
            }
            previous = 'x';
            markers.add(key);
        }

        /**
         * A marker followed by a block of plain statements: with {@code true} the statements are kept (without
         * their braces), with {@code false} the block becomes a comment. The block may not hold literals,
         * comments, nested braces or template names, so nothing in it needs rewriting.
         */
        private void block(String comment, String key, String value, int open) {
            if (!value.equals("true") && !value.equals("false")) {
                throw fail("the marker " + comment + " before a block needs a boolean, not '" + value + "'");
            }
            int close = in.indexOf('}', open + 1);
            if (close < 0) {
                throw fail("the block after the marker " + comment + " is not closed");
            }
            String body = in.substring(open + 1, close);
            if (body.indexOf('{') >= 0
                    || body.indexOf('"') >= 0
                    || body.indexOf('\'') >= 0
                    || body.contains("/*")
                    || body.contains("//")
                    || body.contains(ROOT)) {
                throw fail("the block after the marker " + comment
                        + " may hold only plain statements (no braces, literals, comments or template names)");
            }
            out.append(value.equals("true") ? body.strip() : "// no " + key);
            pos = close + 1;
            previous = ';';
            markers.add(key);
        }

        private void copyLiteral(int end) {
            out.append(in, pos, end);
            pos = end;
            previous = '"';
        }

        /** The end of the string or character literal starting at {@code start}. */
        private int literalEnd(int start) {
            char quote = in.charAt(start);
            int i = start + 1;
            while (i < in.length() && in.charAt(i) != quote && in.charAt(i) != '\n') {
                i += in.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= in.length() || in.charAt(i) != quote) {
                throw fail("unterminated literal at offset " + start);
            }
            return i + 1;
        }

        /** The end of the text block starting at {@code start}. */
        private int textBlockEnd(int start) {
            int i = start + 3;
            while (i < in.length() && !in.startsWith("\"\"\"", i)) {
                i += in.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= in.length()) {
                throw fail("unterminated text block at offset " + start);
            }
            return i + 3;
        }

        private int identifierEnd(int start) {
            int i = start + 1;
            while (i < in.length() && Character.isJavaIdentifierPart(in.charAt(i))) {
                i++;
            }
            return i;
        }

        private int skipWhitespace(int from) {
            int i = from;
            while (i < in.length() && Character.isWhitespace(in.charAt(i))) {
                i++;
            }
            return i;
        }

        private IllegalStateException fail(String problem) {
            return new IllegalStateException("template " + name + ": " + problem);
        }
    }

    /** {@code value} as a Java string literal. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
