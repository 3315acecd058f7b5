package io.backendkit.decision.internal;

import java.util.Locale;

/**
 * Matching of a team's tenancy or pattern against a profile's free-text constraint.
 *
 * <p>The original engine's rule: the value matches when either text contains the other ({@code
 * monolith} matches {@code modular-monolith}). backendkit adds: when the profile text lists
 * alternatives joined by {@code -or-}, matching any one alternative by the same rule is enough, so
 * {@code isolated-multi-tenant} matches {@code shared-multi-tenant-or-isolated}.
 */
public final class TextMatch {

    private TextMatch() {}

    /**
     * Whether {@code value} (the team's answer) matches {@code target} (the profile's text).
     *
     * @param alternatives whether {@code -or-} alternatives in the target are honoured
     */
    public static boolean matches(String target, String value, boolean alternatives) {
        String t = target.toLowerCase(Locale.ROOT).strip();
        String v = value.toLowerCase(Locale.ROOT).strip();
        if (containsEither(t, v)) {
            return true;
        }
        if (!alternatives) {
            return false;
        }
        for (String alternative : t.split("-or-", -1)) {
            String a = alternative.strip();
            if (!a.isEmpty() && containsEither(a, v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsEither(String a, String b) {
        return a.contains(b) || b.contains(a);
    }
}
