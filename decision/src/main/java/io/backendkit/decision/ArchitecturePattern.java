package io.backendkit.decision;

import io.backendkit.decision.internal.WireNames;

/** The preferred architecture pattern (forcing question 5). */
public enum ArchitecturePattern {
    /** One deployable with no enforced internal boundaries. */
    MONOLITH("monolith"),
    /** One deployable split into modules with enforced boundaries. */
    MODULAR_MONOLITH("modular-monolith"),
    /** A few services, each owning one bounded context. */
    DOMAIN_BOUNDED_SERVICES("domain-bounded-services"),
    /** Many independently deployed services. */
    MICROSERVICES("microservices"),
    /** Functions on a managed runtime. */
    SERVERLESS("serverless");

    private final String wireName;

    ArchitecturePattern(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in profile files and JSON output.
     *
     * @return the kebab-case name, e.g. {@code modular-monolith}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant with the given wire name (or constant name), ignoring case and surrounding
     * whitespace.
     *
     * @param text for example {@code microservices}
     * @return the constant
     * @throws DecisionException located at {@code pattern}, naming the accepted values, when {@code
     *     text} is null or none of them
     */
    public static ArchitecturePattern fromWireName(String text) {
        return WireNames.parse(ArchitecturePattern.class, text, "pattern", ArchitecturePattern::wireName);
    }

    /**
     * The same as {@link #wireName()}, so the constant prints as profile files write it.
     *
     * @return the kebab-case name
     */
    @Override
    public String toString() {
        return wireName;
    }
}
