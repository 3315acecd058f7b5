package io.backendkit.core;

/**
 * How much a {@link Finding} matters, from least to most severe.
 *
 * <p>The declaration order is the severity order, so {@link #compareTo} ranks {@link #ERROR} above
 * {@link #WARNING} above {@link #INFO}.
 */
public enum Severity {
    /** Worth knowing; nothing needs to change. */
    INFO,
    /** Likely a problem; a reviewer should decide. */
    WARNING,
    /** A defect or a blocking condition; it should be fixed before going on. */
    ERROR;

    /**
     * Whether this severity is at least as severe as {@code other}.
     *
     * @param other the threshold, not null
     * @return true when {@code this >= other}
     */
    public boolean isAtLeast(Severity other) {
        if (other == null) {
            throw new IllegalArgumentException("other severity must not be null");
        }
        return compareTo(other) >= 0;
    }
}
