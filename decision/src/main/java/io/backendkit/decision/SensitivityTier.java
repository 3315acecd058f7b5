package io.backendkit.decision;

import io.backendkit.decision.internal.WireNames;

/**
 * The most sensitive class of data in scope (forcing question 4). Drives the compliance floor.
 *
 * <p>Tiers are ordered by {@link #rank()}: a profile that accepts data up to {@code pii} accepts
 * {@code public}, {@code internal}, {@code pii-only} and {@code pii}. {@code pii-only} and {@code
 * pii} share a rank, as do {@code phi} and {@code pci}, exactly as in the original engine.
 */
public enum SensitivityTier {
    /** Public data only. Rank 0. */
    PUBLIC("public", 0),
    /** Internal, non-personal data. Rank 1. */
    INTERNAL("internal", 1),
    /** Personal data, nothing more sensitive. Rank 2. */
    PII_ONLY("pii-only", 2),
    /** Personally identifiable information. Rank 2. */
    PII("pii", 2),
    /** Protected health information (HIPAA and similar). Rank 3. */
    PHI("phi", 3),
    /** Payment card data (PCI DSS). Rank 3. */
    PCI("pci", 3),
    /** Other regulated data (several regimes at once, government, finance). Rank 4. */
    REGULATED("regulated", 4);

    private final String wireName;
    private final int rank;

    SensitivityTier(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    /**
     * The name used in profile files and JSON output.
     *
     * @return the kebab-case name, e.g. {@code pii-only}
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The tier's place in the sensitivity order; tiers of equal rank are interchangeable when a
     * profile's {@code data_sensitivity_tier_max} is checked.
     *
     * @return 0 (public) to 4 (regulated)
     */
    public int rank() {
        return rank;
    }

    /**
     * The constant with the given wire name (or constant name), ignoring case and surrounding
     * whitespace.
     *
     * @param text for example {@code phi}
     * @return the constant
     * @throws DecisionException located at {@code dataSensitivity}, naming the accepted values, when
     *     {@code text} is null or none of them
     */
    public static SensitivityTier fromWireName(String text) {
        return WireNames.parse(SensitivityTier.class, text, "dataSensitivity", SensitivityTier::wireName);
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
