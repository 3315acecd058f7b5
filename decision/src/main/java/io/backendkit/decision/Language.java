package io.backendkit.decision;

import io.backendkit.decision.internal.WireNames;

/**
 * The team's preferred backend language. Optional in {@link Constraints}: a profile whose name or
 * stack names the language earns a bonus constraint; no profile loses points for not naming it.
 */
public enum Language {
    /** TypeScript on Node.js. */
    TYPESCRIPT("typescript"),
    /** Python. */
    PYTHON("python"),
    /** Go. */
    GO("go"),
    /** Rust. */
    RUST("rust"),
    /** Java. */
    JAVA("java"),
    /** Kotlin. */
    KOTLIN("kotlin"),
    /** C# or F# on .NET. */
    DOTNET("dotnet");

    private final String wireName;

    Language(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The token profiles are searched for when the language bonus is scored, and the name used in
     * JSON output.
     *
     * @return the lower-case name, e.g. {@code typescript}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant with the given wire name (or constant name), ignoring case and surrounding
     * whitespace.
     *
     * @param text for example {@code kotlin}
     * @return the constant
     * @throws DecisionException located at {@code language}, naming the accepted values, when {@code
     *     text} is null or none of them
     */
    public static Language fromWireName(String text) {
        return WireNames.parse(Language.class, text, "language", Language::wireName);
    }

    /**
     * The same as {@link #wireName()}.
     *
     * @return the lower-case name
     */
    @Override
    public String toString() {
        return wireName;
    }
}
