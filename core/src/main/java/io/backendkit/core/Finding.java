package io.backendkit.core;

import java.util.Comparator;
import java.util.Optional;

/**
 * One observation a backendkit tool makes about its input: a lint result, a migration warning, a
 * violated constraint, a code-generation warning.
 *
 * <p>Immutable and thread-safe. {@code code} is a stable, machine-readable identifier (for example
 * {@code FK_WITHOUT_INDEX}) that users may filter on; {@code message} is for people. {@code location}
 * says where the finding applies (a table, {@code file.sql:12}, a JSON pointer) and {@code
 * suggestedFix} is a ready-to-apply remedy (often SQL); both may be absent.
 *
 * <pre>{@code
 * Finding f = Finding.warning("FK_WITHOUT_INDEX", "foreign key orders.customer_id has no index")
 *         .withLocation("public.orders")
 *         .withSuggestedFix("CREATE INDEX idx_orders_customer_id ON orders (customer_id);");
 * }</pre>
 *
 * @param severity how much it matters, never null
 * @param code stable identifier, never blank
 * @param message human-readable explanation, never blank
 * @param location where it applies, or null when it applies to the input as a whole
 * @param suggestedFix a ready remedy, or null when there is none
 */
public record Finding(Severity severity, String code, String message, String location, String suggestedFix) {

    /** Most severe first, then by location, code and message: the order reports list findings in. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator.comparing(Finding::severity)
            .reversed()
            .thenComparing(f -> f.location() == null ? "" : f.location())
            .thenComparing(Finding::code)
            .thenComparing(Finding::message);

    /** Validates the components; blank optional components are normalised to null. */
    public Finding {
        if (severity == null) {
            throw new IllegalArgumentException("finding severity must not be null");
        }
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("finding code must not be blank");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("finding message must not be blank (code " + code + ")");
        }
        location = blankToNull(location);
        suggestedFix = blankToNull(suggestedFix);
    }

    /**
     * An {@link Severity#ERROR} finding without location or fix.
     *
     * @param code stable identifier, not blank
     * @param message human-readable explanation, not blank
     * @return the new finding
     * @throws IllegalArgumentException if {@code code} or {@code message} is null or blank
     */
    public static Finding error(String code, String message) {
        return new Finding(Severity.ERROR, code, message, null, null);
    }

    /**
     * A {@link Severity#WARNING} finding without location or fix.
     *
     * @param code stable identifier, not blank
     * @param message human-readable explanation, not blank
     * @return the new finding
     * @throws IllegalArgumentException if {@code code} or {@code message} is null or blank
     */
    public static Finding warning(String code, String message) {
        return new Finding(Severity.WARNING, code, message, null, null);
    }

    /**
     * An {@link Severity#INFO} finding without location or fix.
     *
     * @param code stable identifier, not blank
     * @param message human-readable explanation, not blank
     * @return the new finding
     * @throws IllegalArgumentException if {@code code} or {@code message} is null or blank
     */
    public static Finding info(String code, String message) {
        return new Finding(Severity.INFO, code, message, null, null);
    }

    /**
     * A copy of this finding with the given location; this finding is unchanged.
     *
     * @param newLocation where the finding applies; null or blank removes the location
     * @return a new finding that differs from this one only in its location
     */
    public Finding withLocation(String newLocation) {
        return new Finding(severity, code, message, newLocation, suggestedFix);
    }

    /**
     * A copy of this finding with the given suggested fix; this finding is unchanged.
     *
     * @param fix a ready-to-apply remedy; null or blank removes the fix
     * @return a new finding that differs from this one only in its suggested fix
     */
    public Finding withSuggestedFix(String fix) {
        return new Finding(severity, code, message, location, fix);
    }

    /**
     * The location as an {@code Optional}, for callers that prefer it to a null check.
     *
     * @return the location, or empty when the finding applies to the input as a whole
     */
    public Optional<String> locationIfPresent() {
        return Optional.ofNullable(location);
    }

    /**
     * The suggested fix as an {@code Optional}, for callers that prefer it to a null check.
     *
     * @return the suggested fix, or empty when there is none
     */
    public Optional<String> suggestedFixIfPresent() {
        return Optional.ofNullable(suggestedFix);
    }

    /** One line: {@code WARNING FK_WITHOUT_INDEX public.orders: message}. The fix is not included. */
    @Override
    public String toString() {
        return severity + " " + code + (location == null ? "" : " " + location) + ": " + message;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
