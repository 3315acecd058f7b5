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

    /** Copies the lists and checks that there is something to recommend. */
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

    /** Always {@code false}: backendkit never approves an architecture; named people do. */
    public boolean approved() {
        return false;
    }

    /** Whether kill criteria tripped: stop and resolve them before adopting any profile. */
    public boolean blocked() {
        return !killCriteria.isEmpty();
    }

    /** The best-fitting profile's match (rank 1). */
    public ProfileMatch best() {
        return ranking.get(0);
    }

    /** The best-fitting profile. */
    public Profile profile() {
        return best().profile();
    }

    /** The close runner-up, if the second profile is less than 15 points behind. */
    public Optional<ProfileMatch> runnerUpIfPresent() {
        return Optional.ofNullable(runnerUp);
    }

    /** The best fit's technology picks. */
    public List<Stack> stacks() {
        return profile().stacks();
    }

    /** What not to introduce on the best fit. */
    public List<AntiPattern> antiPatterns() {
        return profile().antiPatterns();
    }

    /** The best fit's verifiable success criteria: latency p50/p95/p99, uptime, RPO, RTO. */
    public SloFloor sloFloor() {
        return profile().sloFloor();
    }

    /** Who must sign off which change on the best fit. */
    public List<ApproverRule> approverChain() {
        return profile().approverChain();
    }

    /** Every role named in the approver chain, once each, in first-mention order. */
    public List<String> requiredApprovers() {
        Set<String> roles = new LinkedHashSet<>();
        for (ApproverRule rule : approverChain()) {
            roles.addAll(rule.approvers());
        }
        return List.copyOf(roles);
    }

    /** The books, papers and documentation behind the best fit. */
    public List<String> canonReferences() {
        return profile().canonReferences();
    }

    /** The recommendation as Markdown-like text for a terminal, a log or a pull request. */
    public String toText() {
        return RecommendationRenderer.text(this);
    }

    /** The recommendation as indented JSON (camelCase keys, stable order, trailing newline). */
    public String toJson() {
        return RecommendationRenderer.json(this);
    }
}
