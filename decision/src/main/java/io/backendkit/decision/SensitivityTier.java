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

    /** The kebab-case name used in profile files and JSON output, e.g. {@code pii-only}. */
    public String wireName() {
        return wireName;
    }

    /** The tier's order: 0 (public) to 4 (regulated). */
    public int rank() {
        return rank;
    }

    /**
     * The constant with the given wire name (or constant name), ignoring case.
     *
     * @param text for example {@code phi}
     * @return the constant
     * @throws DecisionException naming the accepted values when {@code text} is none of them
     */
    public static SensitivityTier fromWireName(String text) {
        return WireNames.parse(SensitivityTier.class, text, "dataSensitivity", SensitivityTier::wireName);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
