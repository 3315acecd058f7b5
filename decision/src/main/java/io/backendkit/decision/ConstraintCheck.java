package io.backendkit.decision;

/**
 * One line of a profile's score breakdown: a profile constraint, the team's value, whether it was
 * met, its weight and what it contributed.
 *
 * <p>A profile's score is {@code sum(weight of matched checks) / sum(weight of counted checks)}. The
 * language check is a bonus: when earned it counts with weight 1.0 on both sides; when not earned it
 * is listed with weight 0 and does not lower the score (as in the original engine).
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the profile constraint key, e.g. {@code team_size_max}, or {@code language}
 * @param expectation the constraint in words, e.g. {@code team_size <= 15}
 * @param actual the team's value, e.g. {@code 8}
 * @param matched whether the constraint was met
 * @param bonus whether this is the language bonus rather than a profile constraint
 * @param weight the weight counted in the profile's total (0 for an unearned bonus)
 * @param points percentage points this check contributed to the score (0 when not matched)
 */
public record ConstraintCheck(
        String key, String expectation, String actual, boolean matched, boolean bonus, double weight, double points) {

    /**
     * Whether this check lowered the score: a profile constraint the team does not meet.
     *
     * @return true when not matched and not the language bonus; an unearned bonus is never violated
     */
    public boolean violated() {
        return !matched && !bonus;
    }
}
