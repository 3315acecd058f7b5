package io.backendkit.decision;

import io.backendkit.core.Finding;
import io.backendkit.decision.internal.RecommendationRenderer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's answer: every profile ranked with its score breakdown, the best fit's stack,
 * anti-patterns, SLO floor, approver chain and references, the kill criteria the inputs trip, and
 * advisory findings. Immutable and thread-safe.
 *
 * <p>A recommendation is never an approval: {@link #approved()} is always {@code false}, and both
 * renderings say who must sign off. When {@link #blocked()} is true, kill criteria tripped and the
 * decision must not go ahead until they are resolved.
 *
 * @param constraints the inputs the profiles were scored against
 * @param ruleSet the rules that produced the ranking
 * @param ranking every profile, best first, never empty
 * @param runnerUp the second profile when it is less than 15 percentage points behind the first, or null
 * @param killCriteria the kill criteria tripped ({@link io.backendkit.core.Severity#ERROR} findings), empty
 *     when none
 * @param findings advisory findings (violated constraints of the best fit, ties, runner-up, SLO
 *     targets), most severe first
 */
public record Recommendation(
        Constraints constraints,
        RuleSet ruleSet,
        List<ProfileMatch> ranking,
        ProfileMatch runnerUp,
        List<Finding> killCriteria,
        List<Finding> findings) {

    /**
     * Copies the lists and checks that there is something to recommend.
     *
     * @throws IllegalArgumentException if {@code constraints} or {@code ruleSet} is null, or {@code
     *     ranking} is null or empty
     * @throws NullPointerException if {@code killCriteria} or {@code findings} is null, or a list
     *     holds a null
     */
    public Recommendation {
        if (constraints == null || ruleSet == null) {
            throw new IllegalArgumentException("constraints and ruleSet must not be null");
        }
        if (ranking == null || ranking.isEmpty()) {
            throw new IllegalArgumentException("a recommendation needs at least one ranked profile");
        }
        ranking = List.copyOf(ranking);
        killCriteria = List.copyOf(killCriteria);
        findings = List.copyOf(findings);
    }

    /**
     * Whether the recommendation is approved: never. backendkit does not approve an architecture;
     * the people in {@link #approverChain()} do.
     *
     * @return always {@code false}
     */
    public boolean approved() {
        return false;
    }

    /**
     * Whether kill criteria tripped: stop and resolve them before adopting any profile.
     *
     * @return true when {@link #killCriteria()} is not empty
     */
    public boolean blocked() {
        return !killCriteria.isEmpty();
    }

    /**
     * The best fit's match, with its score and breakdown.
     *
     * @return the first entry of {@link #ranking()} (rank 1)
     */
    public ProfileMatch best() {
        return ranking.get(0);
    }

    /**
     * The best-fitting profile.
     *
     * @return the profile of {@link #best()}
     */
    public Profile profile() {
        return best().profile();
    }

    /**
     * The close runner-up as an {@code Optional}, for callers that prefer it to a null check.
     *
     * @return the second profile's match when it is less than 15 percentage points behind the
     *     first, otherwise empty
     */
    public Optional<ProfileMatch> runnerUpIfPresent() {
        return Optional.ofNullable(runnerUp);
    }

    /**
     * The best fit's technology picks.
     *
     * @return the stacks of {@link #profile()}, in file order
     */
    public List<Stack> stacks() {
        return profile().stacks();
    }

    /**
     * What not to introduce on the best fit.
     *
     * @return the anti-patterns of {@link #profile()}, in file order
     */
    public List<AntiPattern> antiPatterns() {
        return profile().antiPatterns();
    }

    /**
     * The best fit's verifiable success criteria: latency p50/p95/p99, uptime, RPO, RTO.
     *
     * @return the SLO floor of {@link #profile()}
     */
    public SloFloor sloFloor() {
        return profile().sloFloor();
    }

    /**
     * Who must sign off which change on the best fit.
     *
     * @return the approver chain of {@link #profile()}, in file order, never empty
     */
    public List<ApproverRule> approverChain() {
        return profile().approverChain();
    }

    /**
     * Every role named in the approver chain, once each.
     *
     * @return an unmodifiable list in first-mention order, e.g. {@code [tech-lead, on-call]}
     */
    public List<String> requiredApprovers() {
        Set<String> roles = new LinkedHashSet<>();
        for (ApproverRule rule : approverChain()) {
            roles.addAll(rule.approvers());
        }
        return List.copyOf(roles);
    }

    /**
     * The books, papers and documentation behind the best fit.
     *
     * @return the canon references of {@link #profile()}, possibly empty
     */
    public List<String> canonReferences() {
        return profile().canonReferences();
    }

    /**
     * The recommendation as Markdown-like text for a terminal, a log or a pull request: ranking,
     * score breakdown, stack, SLO floor, kill criteria, findings and who must approve.
     *
     * @return the rendered text
     */
    public String toText() {
        return RecommendationRenderer.text(this);
    }

    /**
     * The recommendation as JSON, for tools and files.
     *
     * @return indented JSON with camelCase keys in a stable order, ending with a newline
     */
    public String toJson() {
        return RecommendationRenderer.json(this);
    }
}
