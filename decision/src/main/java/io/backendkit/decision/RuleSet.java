package io.backendkit.decision;

/**
 * Which version of the scoring and kill-criteria rules the engine applies.
 *
 * <p>Both rule sets use the original engine's weights (team size min/max 2.0 each, tenancy 1.5, data
 * sensitivity 1.0, pattern 2.0, p99 QPS minimum 1.5, platform team 1.5, admin panel 1.0, language
 * 1.0 as a bonus that only counts when earned), score a profile as matched weight divided by total
 * weight, report a runner-up when it is less than 15 percentage points behind, and trip the same kill
 * criteria. {@link #BACKENDKIT} differs from {@link #ORIGINAL} only where the original gives an
 * answer its own profile data contradicts:
 *
 * <ol>
 *   <li><b>Alternatives in profile text.</b> A tenancy or pattern constraint written as {@code
 *       a-or-b} also matches a team value that matches {@code b} alone. The original's two-way
 *       substring test makes {@code isolated-multi-tenant} fail {@code shared-multi-tenant-or-isolated}
 *       and {@code domain-bounded-services} fail {@code modular-monolith-or-domain-bounded}, although
 *       those profiles name them as accepted.
 *   <li><b>Ties.</b> Equal scores are ordered first by the team's language (a profile that earned the
 *       language bonus goes first: the bonus adds to matched and total weight alike, so it cannot lift a
 *       profile that already scores 100%, and a Java team would otherwise get {@code django-monolith}
 *       ahead of {@code jvm-modular-monolith} by name), then by matched weight (more evidence first), then by name.
 *       The original keeps file order (alphabetical), so a TypeScript team with the sample inputs gets
 *       {@code fastapi-python} ahead of {@code node-express}, whose language bonus it ignores.
 *   <li><b>Regulated data.</b> The small-team kill criterion (team under 4) covers {@code regulated}
 *       as well as {@code phi} and {@code pci}; the original skips the most sensitive tier.
 *   <li><b>Monolith throughput.</b> The QPS-above-5,000 kill criterion covers {@code monolith} as
 *       well as {@code modular-monolith}; a plain monolith has the same throughput ceiling.
 *   <li><b>Language tokens.</b> The language bonus looks at the {@code language} and {@code runtime}
 *       of every stack variant ({@code stack_go}, {@code stack_rust}...), not only of {@code stack}.
 *   <li><b>Exact runner-up margin.</b> The 15-point rule is decided on exact fractions. The original
 *       subtracts floating-point scores, so 0.35 - 0.20 comes out as 0.1499... and a profile exactly
 *       15 points behind is reported as a runner-up or not depending on rounding.
 * </ol>
 */
public enum RuleSet {
    /** The original rules with the six corrections listed above. The default. */
    BACKENDKIT("backendkit"),
    /** The original engine's rules exactly, for reproducing its rankings and scores. */
    ORIGINAL("original");

    private final String wireName;

    RuleSet(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The name used in text and JSON reports.
     *
     * @return the lower-case name, e.g. {@code backendkit}
     */
    public String wireName() {
        return wireName;
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
