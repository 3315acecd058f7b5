package io.backendkit.codegen.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns names from an OpenAPI document into valid, readable Java identifiers. */
public final class Names {

    /** Java keywords, literals and contextual words that cannot name a type or variable. */
    public static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_",
            "var",
            "yield",
            "record",
            "sealed",
            "permits",
            "non-sealed",
            "when",
            "module",
            "open",
            "exports",
            "requires",
            "opens",
            "uses",
            "provides",
            "to",
            "with",
            "transitive");

    /**
     * Simple names of {@code java.lang} types (JDK 21 to 25) and of types the generated code uses by
     * simple name: a model with such a name would shadow them, so models get a suffix instead.
     */
    public static final Set<String> RESERVED_TYPE_NAMES = Set.of(
            "AbstractMethodError",
            "Appendable",
            "ArithmeticException",
            "ArrayIndexOutOfBoundsException",
            "ArrayStoreException",
            "AssertionError",
            "AutoCloseable",
            "Boolean",
            "BootstrapMethodError",
            "Byte",
            "Character",
            "CharSequence",
            "Class",
            "ClassCastException",
            "ClassCircularityError",
            "ClassFormatError",
            "ClassLoader",
            "ClassNotFoundException",
            "ClassValue",
            "Cloneable",
            "CloneNotSupportedException",
            "Comparable",
            "Deprecated",
            "Double",
            "Enum",
            "EnumConstantNotPresentException",
            "Error",
            "Exception",
            "ExceptionInInitializerError",
            "Float",
            "FunctionalInterface",
            "IllegalAccessError",
            "IllegalAccessException",
            "IllegalArgumentException",
            "IllegalCallerException",
            "IllegalMonitorStateException",
            "IllegalStateException",
            "IllegalThreadStateException",
            "IncompatibleClassChangeError",
            "IndexOutOfBoundsException",
            "InheritableThreadLocal",
            "InstantiationError",
            "InstantiationException",
            "Integer",
            "InternalError",
            "InterruptedException",
            "IO",
            "Iterable",
            "LayerInstantiationException",
            "LinkageError",
            "Long",
            "MatchException",
            "Math",
            "Module",
            "ModuleLayer",
            "NegativeArraySizeException",
            "NoClassDefFoundError",
            "NoSuchFieldError",
            "NoSuchFieldException",
            "NoSuchMethodError",
            "NoSuchMethodException",
            "NullPointerException",
            "Number",
            "NumberFormatException",
            "Object",
            "OutOfMemoryError",
            "Override",
            "Package",
            "Process",
            "ProcessBuilder",
            "ProcessHandle",
            "Readable",
            "Record",
            "ReflectiveOperationException",
            "Runnable",
            "Runtime",
            "RuntimeException",
            "RuntimePermission",
            "SafeVarargs",
            "ScopedValue",
            "SecurityException",
            "SecurityManager",
            "Short",
            "StackOverflowError",
            "StackTraceElement",
            "StackWalker",
            "StrictMath",
            "String",
            "StringBuffer",
            "StringBuilder",
            "StringIndexOutOfBoundsException",
            "StringTemplate",
            "SuppressWarnings",
            "System",
            "Thread",
            "ThreadDeath",
            "ThreadGroup",
            "ThreadLocal",
            "Throwable",
            "TypeNotPresentException",
            "UnknownError",
            "UnsatisfiedLinkError",
            "UnsupportedClassVersionError",
            "UnsupportedOperationException",
            "VerifyError",
            "VirtualMachineError",
            "Void",
            "WrongThreadException",
            "Generated",
            "List",
            "Map",
            "Set",
            "Objects",
            "ArrayList",
            "HashSet",
            "LinkedHashMap",
            "Pattern",
            "Optional");

    private Names() {}

    /** JSON pointer escaping of one reference token ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
    public static String pointerEscape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The words of a name: splits on anything that is not a letter or digit and on camelCase humps. */
    public static List<String> words(String raw) {
        String folded = fold(raw == null ? "" : raw);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (!isAsciiLetterOrDigit(c)) {
                flush(words, word);
                continue;
            }
            if (!word.isEmpty()) {
                char prev = word.charAt(word.length() - 1);
                boolean hump = Character.isUpperCase(c)
                        && (Character.isLowerCase(prev)
                                || Character.isDigit(prev)
                                || (Character.isUpperCase(prev)
                                        && i + 1 < folded.length()
                                        && Character.isLowerCase(folded.charAt(i + 1))));
                if (hump) {
                    flush(words, word);
                }
            }
            word.append(c);
        }
        flush(words, word);
        return words;
    }

    /** A type name in PascalCase; {@code fallback} when nothing usable remains; never a keyword. */
    public static String typeName(String raw, String fallback) {
        StringBuilder sb = new StringBuilder();
        for (String w : words(raw)) {
            sb.append(capitalize(w));
        }
        String name = sb.isEmpty() ? fallback : sb.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = fallback + name;
        }
        return name;
    }

    /** A field, parameter or method name in camelCase; never a keyword; {@code fallback} when empty. */
    public static String memberName(String raw, String fallback) {
        List<String> words = words(raw);
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.isEmpty() ? w.toLowerCase(Locale.ROOT) : capitalize(w));
        }
        String name = sb.isEmpty() ? fallback : sb.toString();
        if (Character.isDigit(name.charAt(0))) {
            name = fallback + name;
        }
        if (KEYWORDS.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    /** A constant name in UPPER_SNAKE_CASE; {@code fallback} when empty or starting with a digit. */
    public static String constantName(String raw, String fallback) {
        String text = raw == null ? "" : raw;
        if (text.startsWith("+")) {
            text = "plus_" + text.substring(1);
        } else if (text.startsWith("-")) {
            text = "minus_" + text.substring(1);
        }
        String name = String.join("_", words(text)).toUpperCase(Locale.ROOT);
        if (name.isEmpty()) {
            return fallback;
        }
        if (Character.isDigit(name.charAt(0))) {
            name = fallback + "_" + name;
        }
        return name;
    }

    private static String capitalize(String w) {
        boolean acronym = w.length() > 1 && w.chars().noneMatch(Character::isLowerCase);
        String rest = acronym ? w.substring(1).toLowerCase(Locale.ROOT) : w.substring(1);
        return Character.toUpperCase(w.charAt(0)) + rest;
    }

    private static void flush(List<String> words, StringBuilder word) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * Folds to ASCII: accents are dropped ({@code é} → {@code e}); characters without an ASCII
     * form become {@code U<hex>} words, so {@code 名前} stays distinguishable from {@code 価格}.
     */
    private static String fold(String raw) {
        String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            if (cp < 128) {
                sb.append((char) cp);
            } else if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.ENCLOSING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK) {
                // accent of the previous letter: drop
            } else if (Character.isLetterOrDigit(cp)) {
                sb.append(" U")
                        .append(Integer.toHexString(cp).toUpperCase(Locale.ROOT))
                        .append(' ');
            } else {
                sb.append(' ');
            }
        });
        return sb.toString();
    }

    /**
     * Hands out unique names within one scope: a second request for a taken name gets {@code 2},
     * {@code 3}... appended. Comparison ignores case when asked to (file names of types on
     * case-insensitive file systems).
     */
    public static final class Scope {
        private final Set<String> taken = new HashSet<>();
        private final boolean ignoreCase;

        /** A scope; {@code ignoreCase} for type names. */
        public Scope(boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
        }

        /** Marks {@code name} as taken without handing it out. */
        public void reserve(String name) {
            taken.add(key(name));
        }

        /** Whether {@code name} is taken. */
        public boolean isTaken(String name) {
            return taken.contains(key(name));
        }

        /** {@code desired} if free, otherwise {@code desired2}, {@code desired3}... now taken. */
        public String allocate(String desired) {
            String name = desired;
            for (int n = 2; taken.contains(key(name)); n++) {
                name = desired + n;
            }
            taken.add(key(name));
            return name;
        }

        private String key(String name) {
            return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
        }
    }
}
