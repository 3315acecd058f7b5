package io.backendkit.decision.internal;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.ConstraintCheck;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.ProfileMatch;
import io.backendkit.decision.RuleSet;
import io.backendkit.decision.SensitivityTier;
import io.backendkit.decision.SloFloor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Kill criteria (blocking) and advisory findings of a recommendation. */
public final class Findings {

    /** Smallest team for which microservices are not a kill criterion. */
    static final int MICROSERVICES_MIN_TEAM = 30;
    /** Smallest team that may handle regulated data. */
    static final int REGULATED_MIN_TEAM = 4;
    /** p99 QPS above which a (modular) monolith is a kill criterion. */
    static final long MONOLITH_QPS_CEILING = 5000;
    /** Team size above which a p99 QPS below 1 is implausible. */
    static final int LOW_QPS_TEAM = 5;

    private Findings() {}

    /**
     * The kill criteria the constraints trip, each an {@link Severity#ERROR} finding, in the
     * original engine's order.
     */
    public static List<Finding> killCriteria(Constraints in, RuleSet rules) {
        List<Finding> kills = new ArrayList<>();
        if (in.pattern() == ArchitecturePattern.MICROSERVICES && in.teamSize() < MICROSERVICES_MIN_TEAM) {
            kills.add(new Finding(
                    Severity.ERROR,
                    "KILL_MICROSERVICES_SMALL_TEAM",
                    "microservices with " + in.teamSize() + " engineers: below " + MICROSERVICES_MIN_TEAM
                            + " engineers the coordination and operations cost of many services outweighs their"
                            + " independence (monolith first: extract a service only with 30+ engineers, a proven"
                            + " independent bounded context and a platform team)",
                    "pattern, teamSize",
                    "start as a modular monolith and extract services later"));
        }
        if (in.pattern() == ArchitecturePattern.MICROSERVICES && !in.platformTeam()) {
            kills.add(new Finding(
                    Severity.ERROR,
                    "KILL_MICROSERVICES_NO_PLATFORM_TEAM",
                    "microservices without a platform team: deployment, observability and on-call tooling for"
                            + " every service lands on product engineers and slows them down",
                    "pattern, platformTeam",
                    "fund a platform team first, or stay with a modular monolith"));
        }
        boolean regulated = in.dataSensitivity() == SensitivityTier.PHI
                || in.dataSensitivity() == SensitivityTier.PCI
                || (rules == RuleSet.BACKENDKIT && in.dataSensitivity() == SensitivityTier.REGULATED);
        if (regulated && in.teamSize() < REGULATED_MIN_TEAM) {
            kills.add(new Finding(
                    Severity.ERROR,
                    "KILL_REGULATED_DATA_SMALL_TEAM",
                    in.dataSensitivity().wireName() + " data with " + in.teamSize() + " engineers: regulated"
                            + " workloads need a named compliance owner, a DBA and a security review, which a team"
                            + " under " + REGULATED_MIN_TEAM + " cannot staff",
                    "dataSensitivity, teamSize",
                    "escalate to compliance and security owners before choosing an architecture"));
        }
        if (in.qpsP99() > MONOLITH_QPS_CEILING && Scorer.isMonolithic(in.pattern(), rules)) {
            kills.add(new Finding(
                    Severity.ERROR,
                    "KILL_QPS_TOO_HIGH_FOR_MONOLITH",
                    "p99 QPS " + in.qpsP99() + " with a " + in.pattern().wireName() + ": above " + MONOLITH_QPS_CEILING
                            + " QPS the hot paths usually need their own extracted services",
                    "qpsP99, pattern",
                    "identify the hot path and re-examine the pattern for it"));
        }
        if (in.qpsP99() < 1 && in.teamSize() > LOW_QPS_TEAM) {
            kills.add(new Finding(
                    Severity.ERROR,
                    "KILL_QPS_IMPLAUSIBLY_LOW",
                    "p99 QPS " + in.qpsP99() + " with " + in.teamSize() + " engineers: the traffic forecast"
                            + " is implausibly low for a team this size",
                    "qpsP99, teamSize",
                    "pull current traffic metrics; if they are really this low, the problem is not architecture"));
        }
        return List.copyOf(kills);
    }

    /** Advisory findings about the ranking and the team's SLO targets, in report order. */
    public static List<Finding> advice(
            Constraints in, List<ProfileMatch> ranking, ProfileMatch runnerUp, RuleSet rules) {
        List<Finding> out = new ArrayList<>();
        ProfileMatch best = ranking.get(0);
        List<ConstraintCheck> violated = best.violated();
        if (!violated.isEmpty()) {
            out.add(new Finding(
                    Severity.WARNING,
                    "BEST_FIT_VIOLATES_CONSTRAINTS",
                    best.name() + " is the best fit but violates " + violated.size() + " of its constraints ("
                            + violated.stream()
                                    .map(ConstraintCheck::expectation)
                                    .collect(Collectors.joining(", "))
                            + "); review them before locking the decision",
                    best.name(),
                    null));
        }
        if (ranking.size() > 1 && Scorer.sameScore(best, ranking.get(1))) {
            ProfileMatch second = ranking.get(1);
            String why;
            if (rules == RuleSet.BACKENDKIT && languageMatched(best) && !languageMatched(second)) {
                why = "it is built on the team's language";
            } else if (best.matchedWeight() != second.matchedWeight()) {
                why = "it matched more weight (" + weight(best.matchedWeight()) + " vs "
                        + weight(second.matchedWeight()) + ")";
            } else {
                why = "its name sorts first";
            }
            out.add(new Finding(
                    Severity.INFO,
                    "TIED_SCORE",
                    best.name() + " and " + second.name() + " tie at " + percent(best.score()) + "; " + best.name()
                            + " ranks first because " + why,
                    best.name(),
                    null));
        }
        if (runnerUp != null) {
            out.add(new Finding(
                    Severity.INFO,
                    "CLOSE_RUNNER_UP",
                    runnerUp.name() + " scores " + percent(runnerUp.score()) + ", within "
                            + Scorer.RUNNER_UP_POINTS + " points of " + best.name() + " ("
                            + percent(best.score()) + "): weigh the trade-off explicitly",
                    runnerUp.name(),
                    null));
        }
        SloFloor floor = best.profile().sloFloor();
        String profile = best.name();
        if (in.p99LatencyTargetMillis() == null
                && in.uptimeTarget() == null
                && in.rpoTargetMinutes() == null
                && in.rtoTargetMinutes() == null) {
            out.add(new Finding(
                    Severity.INFO,
                    "SLO_TARGETS_NOT_STATED",
                    "no SLO, RPO or RTO targets given; the recommendation uses " + profile + "'s SLO floor"
                            + " as the success criteria",
                    "p99LatencyTargetMillis, uptimeTarget, rpoTargetMinutes, rtoTargetMinutes",
                    "state your own targets so they can be checked against the floor"));
        }
        if (in.p99LatencyTargetMillis() != null && in.p99LatencyTargetMillis() < floor.p99LatencyMillis()) {
            out.add(tighter(
                    "p99LatencyTargetMillis",
                    "p99 latency target of " + in.p99LatencyTargetMillis() + " ms",
                    profile,
                    "p99 floor of " + floor.p99LatencyMillis() + " ms"));
        }
        if (in.uptimeTarget() != null && in.uptimeTarget() > floor.uptimeTarget()) {
            out.add(tighter(
                    "uptimeTarget",
                    "uptime target of " + fraction(in.uptimeTarget()),
                    profile,
                    "uptime floor of " + fraction(floor.uptimeTarget())));
        }
        if (in.rpoTargetMinutes() != null && in.rpoTargetMinutes() < floor.rpoMinutes()) {
            out.add(tighter(
                    "rpoTargetMinutes",
                    "RPO target of " + in.rpoTargetMinutes() + " min",
                    profile,
                    "RPO floor of " + floor.rpoMinutes() + " min"));
        }
        if (in.rtoTargetMinutes() != null && in.rtoTargetMinutes() < floor.rtoMinutes()) {
            out.add(tighter(
                    "rtoTargetMinutes",
                    "RTO target of " + in.rtoTargetMinutes() + " min",
                    profile,
                    "RTO floor of " + floor.rtoMinutes() + " min"));
        }
        return out.stream().sorted(Finding.REPORT_ORDER).toList();
    }

    private static boolean languageMatched(ProfileMatch match) {
        return match.checks().stream().anyMatch(c -> c.bonus() && c.matched());
    }

    private static Finding tighter(String input, String target, String profile, String floor) {
        return new Finding(
                Severity.WARNING,
                "SLO_TARGET_TIGHTER_THAN_FLOOR",
                "your " + target + " is tighter than " + profile + "'s " + floor
                        + "; the profile does not promise it by default",
                input,
                "design, test and budget for the tighter target explicitly");
    }

    /** A score as a percentage with one decimal, e.g. {@code 89.5%}. */
    public static String percent(double score) {
        return String.format(Locale.ROOT, "%.1f%%", score * 100);
    }

    /** A weight with one decimal, e.g. {@code 9.5}. */
    public static String weight(double weight) {
        return String.format(Locale.ROOT, "%.1f", weight);
    }

    /** A fraction as a percentage without trailing zeros, e.g. {@code 99.95%}. */
    public static String fraction(double value) {
        return java.math.BigDecimal.valueOf(value * 100)
                        .setScale(4, java.math.RoundingMode.HALF_EVEN)
                        .stripTrailingZeros()
                        .toPlainString()
                + "%";
    }
}
