package io.backendkit.codegen.internal;

/** Makes document text safe inside Javadoc comments. */
public final class Docs {

    private Docs() {}

    /**
     * Escapes {@code text} for a Javadoc comment: HTML special characters become entities, and so do
     * the characters that could end the comment (star slash), start a tag (at sign), start an inline
     * tag (braces) or form a unicode escape (backslash). Line breaks are kept; trailing spaces dropped.
     *
     * @return the escaped text, or an empty string for null/blank input
     */
    public static String escape(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case 0x0B, 0x0C, 0x85 -> sb.append("&#").append((int) c).append(';');
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '*' -> sb.append(i + 1 < normalized.length() && normalized.charAt(i + 1) == '/' ? "&#42;" : "*");
                case '/' -> sb.append(i + 1 < normalized.length() && normalized.charAt(i + 1) == '*' ? "&#47;" : "/");
                case '@' -> sb.append("&#64;");
                case '\\' -> sb.append("&#92;");
                case '{', '}' -> sb.append(c == '{' ? "&#123;" : "&#125;");
                case '\t' -> sb.append("    ");
                default -> sb.append(c < 0x20 && c != '\n' ? ' ' : c);
            }
        }
        StringBuilder out = new StringBuilder(sb.length());
        for (String line : sb.toString().split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.stripTrailing());
        }
        return out.toString();
    }
}
