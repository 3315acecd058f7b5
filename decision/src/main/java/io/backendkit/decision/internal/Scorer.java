package io.backendkit.decision.internal;

import io.backendkit.decision.ArchitecturePattern;
import io.backendkit.decision.ConstraintCheck;
import io.backendkit.decision.Constraints;
import io.backendkit.decision.Profile;
import io.backendkit.decision.ProfileConstraints;
import io.backendkit.decision.ProfileMatch;
import io.backendkit.decision.RuleSet;
import io.backendkit.decision.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Weighted scoring of profiles against constraints, with the original engine's weights.
 *
 * <p>Weights are kept as integer half-units (2.0 = 4 units), so scores compare and the 15-point
 * runner-up rule is decided exactly, without floating-point rounding.
 */
public final class Scorer {

    static final int TEAM_SIZE_MIN = 4;
    static final int TEAM_SIZE_MAX = 4;
    static final int TENANCY = 3;
    static final int SENSITIVITY = 2;
    static final int PATTERN = 4;
    static final int QPS_MIN = 3;
    static final int PLATFORM_TEAM = 3;
    static final int ADMIN_PANEL = 2;
    static final int LANGUAGE_BONUS = 2;

    /** Percentage points within which the second profile is reported as a close runner-up. */
    public static final int RUNNER_UP_POINTS = 15;

    private Scorer() {}

    /** One profile's score before ranking, in half-units. */
    private record Scored(Profile profile, long matchedUnits, long totalUnits, List<Check> checks) {

        /** Whether the team's language preference earned this profile its bonus. */
        boolean languageMatched() {
            return checks.stream().anyMatch(c -> c.bonus() && c.matched());
        }

        /** Denominator for comparisons: a profile without counted checks scores 0/1. */
        long denominator() {
            return totalUnits == 0 ? 1 : totalUnits;
        }
    }

    private record Check(String key, String expectation, String actual, boolean matched, boolean bonus, int units) {}

    /**
     * Scores and ranks the profiles: score descending, then (backendkit rules) the team's language
     * first and matched weight descending, then name ascending.
     */
    public static List<ProfileMatch> rank(List<Profile> profiles, Constraints constraints, RuleSet rules) {
        List<Scored> scored = new ArrayList<>();
        for (Profile profile : profiles) {
            scored.add(score(profile, constraints, rules));
        }
        Comparator<Scored> order =
                (a, b) -> Long.compare(b.matchedUnits() * a.denominator(), a.matchedUnits() * b.denominator());
        if (rules == RuleSet.BACKENDKIT) {
            // the language bonus counts in both matched and total weight, so it cannot lift a profile
            // that already scores 100%; among equal scores the team's own language goes first
            order = order.thenComparing(Scored::languageMatched, Comparator.reverseOrder())
                    .thenComparing(
                            Comparator.comparingLong(Scored::matchedUnits).reversed());
        }
        order = order.thenComparing(s -> s.profile().name());
        scored.sort(order);
        List<ProfileMatch> ranked = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            ranked.add(toMatch(scored.get(i), i + 1));
        }
        return List.copyOf(ranked);
    }

    /**
     * Whether {@code second} is less than 15 percentage points behind {@code first}: decided exactly
     * under backendkit rules, with the original's double subtraction under the original rules.
     */
    public static boolean withinRunnerUpMargin(ProfileMatch first, ProfileMatch second, RuleSet rules) {
        if (rules == RuleSet.ORIGINAL) {
            return Math.abs(first.score() - second.score()) < RUNNER_UP_POINTS / 100.0;
        }
        long m1 = Math.round(first.matchedWeight() * 2);
        long t1 = Math.max(1, Math.round(first.totalWeight() * 2));
        long m2 = Math.round(second.matchedWeight() * 2);
        long t2 = Math.max(1, Math.round(second.totalWeight() * 2));
        long gapTimes100 = 100 * Math.abs(m1 * t2 - m2 * t1);
        return gapTimes100 < (long) RUNNER_UP_POINTS * t1 * t2;
    }

    /** Whether two matches have exactly the same score. */
    public static boolean sameScore(ProfileMatch a, ProfileMatch b) {
        long ma = Math.round(a.matchedWeight() * 2);
        long ta = Math.max(1, Math.round(a.totalWeight() * 2));
        long mb = Math.round(b.matchedWeight() * 2);
        long tb = Math.max(1, Math.round(b.totalWeight() * 2));
        return ma * tb == mb * ta;
    }

    private static ProfileMatch toMatch(Scored s, int rank) {
        List<ConstraintCheck> checks = new ArrayList<>();
        for (Check c : s.checks()) {
            double points = c.matched() && s.totalUnits() > 0 ? 100.0 * c.units() / s.totalUnits() : 0.0;
            checks.add(new ConstraintCheck(
                    c.key(), c.expectation(), c.actual(), c.matched(), c.bonus(), c.units() / 2.0, points));
        }
        double score = s.totalUnits() == 0 ? 0.0 : (double) s.matchedUnits() / s.totalUnits();
        return new ProfileMatch(s.profile(), rank, score, s.matchedUnits() / 2.0, s.totalUnits() / 2.0, checks);
    }

    private static Scored score(Profile profile, Constraints in, RuleSet rules) {
        ProfileConstraints c = profile.constraints();
        boolean alternatives = rules == RuleSet.BACKENDKIT;
        List<Check> checks = new ArrayList<>();
        if (c.teamSizeMin() != null) {
            checks.add(new Check(
                    "team_size_min",
                    "team_size >= " + c.teamSizeMin(),
                    String.valueOf(in.teamSize()),
                    in.teamSize() >= c.teamSizeMin(),
                    false,
                    TEAM_SIZE_MIN));
        }
        if (c.teamSizeMax() != null) {
            checks.add(new Check(
                    "team_size_max",
                    "team_size <= " + c.teamSizeMax(),
                    String.valueOf(in.teamSize()),
                    in.teamSize() <= c.teamSizeMax(),
                    false,
                    TEAM_SIZE_MAX));
        }
        if (c.tenancy() != null) {
            checks.add(new Check(
                    "tenancy",
                    "tenancy ~ " + c.tenancy(),
                    in.tenancy().wireName(),
                    TextMatch.matches(c.tenancy(), in.tenancy().wireName(), alternatives),
                    false,
                    TENANCY));
        }
        if (c.dataSensitivityMax() != null) {
            checks.add(new Check(
                    "data_sensitivity_tier_max",
                    "data_sensitivity <= " + c.dataSensitivityMax().wireName(),
                    in.dataSensitivity().wireName(),
                    in.dataSensitivity().rank() <= c.dataSensitivityMax().rank(),
                    false,
                    SENSITIVITY));
        }
        if (c.pattern() != null) {
            checks.add(new Check(
                    "pattern",
                    "pattern ~ " + c.pattern(),
                    in.pattern().wireName(),
                    TextMatch.matches(c.pattern(), in.pattern().wireName(), alternatives),
                    false,
                    PATTERN));
        }
        if (c.qpsP99Min() != null) {
            checks.add(new Check(
                    "qps_p99_min",
                    "qps_p99 >= " + c.qpsP99Min(),
                    String.valueOf(in.qpsP99()),
                    in.qpsP99() >= c.qpsP99Min(),
                    false,
                    QPS_MIN));
        }
        if (c.platformTeamExists() != null) {
            checks.add(new Check(
                    "platform_team_exists",
                    "platform_team_exists = " + c.platformTeamExists(),
                    String.valueOf(in.platformTeam()),
                    in.platformTeam() == c.platformTeamExists(),
                    false,
                    PLATFORM_TEAM));
        }
        if (c.adminPanelNeeded() != null) {
            checks.add(new Check(
                    "admin_panel_needed",
                    "admin_panel_needed = " + c.adminPanelNeeded(),
                    String.valueOf(in.adminPanel()),
                    in.adminPanel() == c.adminPanelNeeded(),
                    false,
                    ADMIN_PANEL));
        }
        if (in.language() != null) {
            String lang = in.language().wireName();
            boolean earned = languageTokens(profile, rules).contains(lang);
            checks.add(new Check(
                    "language",
                    "profile name or stack language/runtime names '" + lang + "' (bonus)",
                    lang,
                    earned,
                    true,
                    earned ? LANGUAGE_BONUS : 0));
        }
        long matched = 0;
        long total = 0;
        for (Check check : checks) {
            total += check.units();
            if (check.matched()) {
                matched += check.units();
            }
        }
        return new Scored(profile, matched, total, checks);
    }

    /** Tokens of the profile name and of the stacks' language and runtime, split on '-' and '_'. */
    static Set<String> languageTokens(Profile profile, RuleSet rules) {
        List<String> fields = new ArrayList<>();
        fields.add(profile.name());
        for (Stack stack : profile.stacks()) {
            if (rules == RuleSet.ORIGINAL && !stack.key().equals("stack")) {
                continue;
            }
            for (Stack.Pick pick : stack.picks()) {
                if (!pick.optionList()
                        && (pick.component().equals("language")
                                || pick.component().equals("runtime"))) {
                    fields.add(pick.choices().get(0));
                }
            }
        }
        Set<String> tokens = new HashSet<>();
        for (String field : fields) {
            for (String token : field.toLowerCase(Locale.ROOT).replace('_', '-').split("-", -1)) {
                tokens.add(token);
            }
        }
        return tokens;
    }

    /** Whether the pattern is one the QPS ceiling kill criterion applies to under the given rules. */
    static boolean isMonolithic(ArchitecturePattern pattern, RuleSet rules) {
        return pattern == ArchitecturePattern.MODULAR_MONOLITH
                || (rules == RuleSet.BACKENDKIT && pattern == ArchitecturePattern.MONOLITH);
    }
}
