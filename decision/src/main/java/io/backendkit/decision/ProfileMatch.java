package io.backendkit.decision;

import java.util.List;

/**
 * How well one profile fits the constraints: its rank, score and full breakdown. Immutable and
 * thread-safe.
 *
 * @param profile the profile scored
 * @param rank 1 for the best fit
 * @param score matched weight / total weight, from 0 to 1 (0 when the profile states no constraints)
 * @param matchedWeight the sum of the weights of matched checks
 * @param totalWeight the sum of the weights of counted checks
 * @param checks every check in the order the original engine evaluates them
 */
public record ProfileMatch(
        Profile profile,
        int rank,
        double score,
        double matchedWeight,
        double totalWeight,
        List<ConstraintCheck> checks) {

    /**
     * Copies the check list, so later changes to the caller's list do not show here.
     *
     * @throws NullPointerException if {@code checks} is null or holds a null
     */
    public ProfileMatch {
        checks = List.copyOf(checks);
    }

    /**
     * The scored profile's name, a shortcut for {@code profile().name()}.
     *
     * @return the profile name, e.g. {@code node-express}
     */
    public String name() {
        return profile.name();
    }

    /**
     * The score in percent, for display.
     *
     * @return {@code score() * 100}, from 0 to 100, not rounded
     */
    public double scorePercent() {
        return score * 100;
    }

    /**
     * The checks that were met, including an earned language bonus.
     *
     * @return a new unmodifiable list in {@link #checks()} order
     */
    public List<ConstraintCheck> matched() {
        return checks.stream().filter(ConstraintCheck::matched).toList();
    }

    /**
     * The profile constraints that were not met; an unearned language bonus is not one of them.
     *
     * @return a new unmodifiable list in {@link #checks()} order, empty when the profile fits fully
     */
    public List<ConstraintCheck> violated() {
        return checks.stream().filter(ConstraintCheck::violated).toList();
    }
}
