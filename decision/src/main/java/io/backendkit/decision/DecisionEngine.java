package io.backendkit.decision;

import io.backendkit.core.Finding;
import io.backendkit.decision.internal.Findings;
import io.backendkit.decision.internal.Scorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recommends an architecture profile for a team's constraints, explains the ranking, and never
 * approves anything.
 *
 * <pre>{@code
 * Recommendation r = DecisionEngine.withBuiltInProfiles()
 *         .recommend(Constraints.builder()
 *                 .teamSize(8).qpsP99(50).readWriteRatio(20)
 *                 .tenancy(Tenancy.SHARED_MULTI_TENANT)
 *                 .dataSensitivity(SensitivityTier.PII)
 *                 .pattern(ArchitecturePattern.MODULAR_MONOLITH)
 *                 .language(Language.JAVA)
 *                 .build());
 * log.info(r.toText());   // ranking, breakdown, stack, SLO floor, who must approve
 * r.approved();                     // always false
 * }</pre>
 *
 * <p>Each profile's constraints become weighted checks (see {@link ProfileConstraints} for keys and
 * weights); a profile scores matched weight divided by total weight; profiles are ranked by score
 * with deterministic tie-breaking (see {@link RuleSet}); the second profile is reported as a close
 * runner-up when it is less than 15 percentage points behind; kill criteria tripped by the inputs are
 * blocking {@link io.backendkit.core.Severity#ERROR} findings.
 *
 * <p>Immutable and thread-safe: one engine can serve concurrent {@link #recommend} calls.
 */
public final class DecisionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionEngine.class);

    private final List<Profile> profiles;
    private final RuleSet ruleSet;

    private DecisionEngine(List<Profile> profiles, RuleSet ruleSet) {
        this.profiles = List.copyOf(profiles);
        this.ruleSet = ruleSet;
    }

    /**
     * An engine over the built-in profiles ({@link Profiles#builtIn()}) with the default rules,
     * {@link RuleSet#BACKENDKIT}.
     *
     * @return a new engine; each call reads the built-in profiles again
     */
    public static DecisionEngine withBuiltInProfiles() {
        return builder().builtInProfiles().build();
    }

    /**
     * An engine over the given profiles with the default rules, {@link RuleSet#BACKENDKIT}.
     *
     * @param profiles the profiles to score, not null; copied
     * @return a new engine
     * @throws DecisionException when the collection is null or empty, holds a null, or two profiles
     *     share a name
     */
    public static DecisionEngine withProfiles(Collection<Profile> profiles) {
        return builder().profiles(profiles).build();
    }

    /**
     * Starts an engine with a choice of profile sources and rules.
     *
     * @return a builder with no profiles and {@link RuleSet#BACKENDKIT} rules
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The profiles this engine scores.
     *
     * @return an unmodifiable list in the order the profiles were added
     */
    public List<Profile> profiles() {
        return profiles;
    }

    /**
     * The rules this engine applies.
     *
     * @return the rule set, {@link RuleSet#BACKENDKIT} unless the builder chose another
     */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /**
     * Scores every profile against the constraints and explains the result.
     *
     * @param constraints the team's answers, not null (build them with {@link Constraints#builder()},
     *     which reports every missing input at once)
     * @return the ranked, explained, unapproved recommendation
     * @throws DecisionException if {@code constraints} is null
     */
    public Recommendation recommend(Constraints constraints) {
        if (constraints == null) {
            throw new DecisionException("constraints", "must not be null; build them with Constraints.builder()");
        }
        List<ProfileMatch> ranking = Scorer.rank(profiles, constraints, ruleSet);
        ProfileMatch runnerUp =
                ranking.size() > 1 && Scorer.withinRunnerUpMargin(ranking.get(0), ranking.get(1), ruleSet)
                        ? ranking.get(1)
                        : null;
        List<Finding> kills = Findings.killCriteria(constraints, ruleSet);
        List<Finding> advice = Findings.advice(constraints, ranking, runnerUp, ruleSet);
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "recommended {} ({}) over {} profiles, runner-up {}, {} kill criteria",
                    ranking.get(0).name(),
                    Findings.percent(ranking.get(0).score()),
                    ranking.size(),
                    runnerUp == null ? "none" : runnerUp.name(),
                    kills.size());
        }
        return new Recommendation(constraints, ruleSet, ranking, runnerUp, kills, advice);
    }

    /** Collects profiles and rules. Not thread-safe; the engine it builds is. */
    public static final class Builder {
        private final List<Profile> profiles = new ArrayList<>();
        private RuleSet ruleSet = RuleSet.BACKENDKIT;

        private Builder() {}

        /**
         * Adds the built-in profiles ({@link Profiles#builtIn()}).
         *
         * @return this builder
         */
        public Builder builtInProfiles() {
            profiles.addAll(Profiles.builtIn());
            return this;
        }

        /**
         * Adds every {@code *.json} profile directly in a directory, read now ({@link
         * Profiles#fromDirectory(Path)}).
         *
         * @param directory the directory, not null
         * @return this builder
         * @throws DecisionException when the directory is null, missing, holds no profile, or a file
         *     is invalid
         */
        public Builder profilesFromDirectory(Path directory) {
            profiles.addAll(Profiles.fromDirectory(directory));
            return this;
        }

        /**
         * Adds every {@code *.json} profile directly under a classpath directory, read now ({@link
         * Profiles#fromClasspath(String)}).
         *
         * @param directory a resource directory such as {@code architecture-profiles}, not null
         * @return this builder
         * @throws DecisionException when the directory is null, not on the classpath, holds no
         *     profile, or a profile is invalid
         */
        public Builder profilesFromClasspath(String directory) {
            profiles.addAll(Profiles.fromClasspath(directory));
            return this;
        }

        /**
         * Adds one profile.
         *
         * @param profile the profile, not null
         * @return this builder
         * @throws DecisionException if {@code profile} is null
         */
        public Builder profile(Profile profile) {
            if (profile == null) {
                throw new DecisionException("profile", "must not be null");
            }
            profiles.add(profile);
            return this;
        }

        /**
         * Adds profiles, in the collection's iteration order.
         *
         * @param more the profiles, not null and holding no null
         * @return this builder
         * @throws DecisionException if {@code more} is null or holds a null
         */
        public Builder profiles(Collection<Profile> more) {
            if (more == null) {
                throw new DecisionException("profiles", "must not be null");
            }
            more.forEach(this::profile);
            return this;
        }

        /**
         * The scoring rules. Default {@link RuleSet#BACKENDKIT}.
         *
         * @param rules the rule set, not null
         * @return this builder
         * @throws DecisionException if {@code rules} is null
         */
        public Builder ruleSet(RuleSet rules) {
            if (rules == null) {
                throw new DecisionException("ruleSet", "must not be null");
            }
            this.ruleSet = rules;
            return this;
        }

        /**
         * Builds the engine; later changes to this builder do not affect it.
         *
         * @return the immutable, thread-safe engine
         * @throws DecisionException when no profile was added, or two profiles share a name (naming both sources)
         */
        public DecisionEngine build() {
            if (profiles.isEmpty()) {
                throw new DecisionException(
                        "DecisionEngine", "no profiles; add built-in profiles, a directory, or a classpath directory");
            }
            Map<String, Profile> byName = new HashMap<>();
            for (Profile p : profiles) {
                Profile earlier = byName.putIfAbsent(p.name(), p);
                if (earlier != null) {
                    throw new DecisionException(
                            p.source(),
                            "profile name '" + p.name() + "' is already used by " + earlier.source()
                                    + "; profile names must be unique");
                }
            }
            return new DecisionEngine(profiles, ruleSet);
        }
    }
}
