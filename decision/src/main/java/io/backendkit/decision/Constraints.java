package io.backendkit.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A team's answers to the forcing questions: what {@link DecisionEngine#recommend} scores profiles
 * against. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Constraints c = Constraints.builder()
 *         .teamSize(8).qpsP99(50).readWriteRatio(20)
 *         .tenancy(Tenancy.SHARED_MULTI_TENANT)
 *         .dataSensitivity(SensitivityTier.PII)
 *         .pattern(ArchitecturePattern.MODULAR_MONOLITH)
 *         .language(Language.JAVA)
 *         .build();
 * }</pre>
 *
 * <p>Required: team size, p99 QPS, read/write ratio, tenancy, data sensitivity and pattern (the
 * original engine refuses to answer without them, and so does this one). The read/write ratio is
 * not scored by any profile constraint; it is required so that nobody picks an architecture without
 * having answered forcing question 1, and it is echoed in the recommendation. Optional: language
 * (a bonus when a profile names it), platform team and admin panel (default {@code false}), and the
 * team's own SLO targets, which are compared with the chosen profile's SLO floor.
 *
 * @param teamSize backend engineers on the system, {@code >= 1}
 * @param qpsP99 forecast peak (p99) queries per second one year out, {@code >= 0}
 * @param readWriteRatio reads per write, {@code > 0}
 * @param tenancy tenancy model, not null
 * @param dataSensitivity most sensitive data in scope, not null
 * @param pattern preferred architecture pattern, not null
 * @param language preferred language, or null for no preference
 * @param platformTeam whether a dedicated platform team exists
 * @param adminPanel whether an internal admin panel is needed
 * @param p99LatencyTargetMillis the team's p99 latency target, or null when not stated; {@code >= 1}
 * @param uptimeTarget the team's availability target as a fraction, or null; {@code 0 < x < 1}
 * @param rpoTargetMinutes the team's recovery point objective, or null; {@code >= 0}
 * @param rtoTargetMinutes the team's recovery time objective, or null; {@code >= 0}
 */
public record Constraints(
        int teamSize,
        long qpsP99,
        double readWriteRatio,
        Tenancy tenancy,
        SensitivityTier dataSensitivity,
        ArchitecturePattern pattern,
        Language language,
        boolean platformTeam,
        boolean adminPanel,
        Integer p99LatencyTargetMillis,
        Double uptimeTarget,
        Integer rpoTargetMinutes,
        Integer rtoTargetMinutes) {

    /**
     * Validates every component at once.
     *
     * @throws ConstraintsException listing every missing and every out-of-range input
     */
    public Constraints {
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (tenancy == null) {
            missing.add("tenancy");
        }
        if (dataSensitivity == null) {
            missing.add("dataSensitivity");
        }
        if (pattern == null) {
            missing.add("pattern");
        }
        validateRanges(
                teamSize,
                qpsP99,
                readWriteRatio,
                p99LatencyTargetMillis,
                uptimeTarget,
                rpoTargetMinutes,
                rtoTargetMinutes,
                invalid);
        if (!missing.isEmpty() || !invalid.isEmpty()) {
            throw new ConstraintsException(missing, invalid);
        }
    }

    /**
     * Starts a set of constraints.
     *
     * @return a builder with no inputs set; platform team and admin panel default to {@code false},
     *     language and the SLO targets to not stated
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a changed copy of these constraints; this instance is unchanged.
     *
     * @return a new builder holding every value of this instance
     */
    public Builder toBuilder() {
        Builder b = new Builder()
                .teamSize(teamSize)
                .qpsP99(qpsP99)
                .readWriteRatio(readWriteRatio)
                .tenancy(tenancy)
                .dataSensitivity(dataSensitivity)
                .pattern(pattern)
                .language(language)
                .platformTeam(platformTeam)
                .adminPanel(adminPanel);
        b.p99LatencyTargetMillis = p99LatencyTargetMillis;
        b.uptimeTarget = uptimeTarget;
        b.rpoTargetMinutes = rpoTargetMinutes;
        b.rtoTargetMinutes = rtoTargetMinutes;
        return b;
    }

    /**
     * The preferred language as an {@code Optional}, for callers that prefer it to a null check.
     *
     * @return the language, or empty when the team stated no preference
     */
    public Optional<Language> languageIfPresent() {
        return Optional.ofNullable(language);
    }

    private static void validateRanges(
            long teamSize,
            long qpsP99,
            double readWriteRatio,
            Integer p99,
            Double uptime,
            Integer rpo,
            Integer rto,
            List<String> invalid) {
        if (teamSize < 1) {
            invalid.add("teamSize must be >= 1 (was " + teamSize + ")");
        }
        if (qpsP99 < 0) {
            invalid.add("qpsP99 must be >= 0 (was " + qpsP99 + ")");
        }
        if (!(readWriteRatio > 0) || Double.isInfinite(readWriteRatio)) {
            invalid.add("readWriteRatio must be > 0 and finite (was " + readWriteRatio + ")");
        }
        if (p99 != null && p99 < 1) {
            invalid.add("p99LatencyTargetMillis must be >= 1 (was " + p99 + ")");
        }
        if (uptime != null && !(uptime > 0 && uptime < 1)) {
            invalid.add("uptimeTarget must be > 0 and < 1, e.g. 0.999 (was " + uptime + ")");
        }
        if (rpo != null && rpo < 0) {
            invalid.add("rpoTargetMinutes must be >= 0 (was " + rpo + ")");
        }
        if (rto != null && rto < 0) {
            invalid.add("rtoTargetMinutes must be >= 0 (was " + rto + ")");
        }
    }

    /**
     * Collects the inputs; {@link #build()} checks them all at once. Not thread-safe.
     *
     * <p>Setters accept any value; nothing is thrown before {@link #build()}, so one exception can
     * name every problem.
     */
    public static final class Builder {
        private Integer teamSize;
        private Long qpsP99;
        private Double readWriteRatio;
        private Tenancy tenancy;
        private SensitivityTier dataSensitivity;
        private ArchitecturePattern pattern;
        private Language language;
        private boolean platformTeam;
        private boolean adminPanel;
        private Integer p99LatencyTargetMillis;
        private Double uptimeTarget;
        private Integer rpoTargetMinutes;
        private Integer rtoTargetMinutes;

        private Builder() {}

        /**
         * Backend engineers on the system (forcing question 5). Required.
         *
         * @param engineers the team size; {@link #build()} rejects values below 1
         * @return this builder
         */
        public Builder teamSize(int engineers) {
            this.teamSize = engineers;
            return this;
        }

        /**
         * Forecast peak (p99) queries per second one year out (forcing question 1). Required.
         *
         * @param queriesPerSecond the forecast; {@link #build()} rejects negative values
         * @return this builder
         */
        public Builder qpsP99(long queriesPerSecond) {
            this.qpsP99 = queriesPerSecond;
            return this;
        }

        /**
         * Reads per write (forcing question 1), e.g. 20 for a read-heavy system. Required.
         *
         * @param readsPerWrite the ratio; {@link #build()} rejects values that are not {@code > 0}
         *     and finite
         * @return this builder
         */
        public Builder readWriteRatio(double readsPerWrite) {
            this.readWriteRatio = readsPerWrite;
            return this;
        }

        /**
         * Tenancy model (forcing question 2). Required.
         *
         * @param value the tenancy; null counts as missing
         * @return this builder
         */
        public Builder tenancy(Tenancy value) {
            this.tenancy = value;
            return this;
        }

        /**
         * Most sensitive data in scope (forcing question 4). Required.
         *
         * @param value the tier; null counts as missing
         * @return this builder
         */
        public Builder dataSensitivity(SensitivityTier value) {
            this.dataSensitivity = value;
            return this;
        }

        /**
         * Preferred architecture pattern (forcing question 5). Required.
         *
         * @param value the pattern; null counts as missing
         * @return this builder
         */
        public Builder pattern(ArchitecturePattern value) {
            this.pattern = value;
            return this;
        }

        /**
         * Preferred language. Optional; default: no preference.
         *
         * @param value the language; null clears it
         * @return this builder
         */
        public Builder language(Language value) {
            this.language = value;
            return this;
        }

        /**
         * Whether a dedicated platform team exists. Default {@code false}.
         *
         * @param exists true when there is a platform team
         * @return this builder
         */
        public Builder platformTeam(boolean exists) {
            this.platformTeam = exists;
            return this;
        }

        /**
         * Whether an internal admin panel is needed. Default {@code false}.
         *
         * @param needed true when the system needs an admin panel
         * @return this builder
         */
        public Builder adminPanel(boolean needed) {
            this.adminPanel = needed;
            return this;
        }

        /**
         * The team's p99 latency target (forcing question 7), compared with the chosen profile's SLO
         * floor. Optional; default: not stated.
         *
         * @param millis the target in milliseconds; {@link #build()} rejects values below 1
         * @return this builder
         */
        public Builder p99LatencyTargetMillis(int millis) {
            this.p99LatencyTargetMillis = millis;
            return this;
        }

        /**
         * The team's availability target (forcing question 7), compared with the chosen profile's
         * SLO floor. Optional; default: not stated.
         *
         * @param fraction for example 0.999; {@link #build()} rejects values outside {@code 0 < x < 1}
         * @return this builder
         */
        public Builder uptimeTarget(double fraction) {
            this.uptimeTarget = fraction;
            return this;
        }

        /**
         * The team's recovery point objective (forcing question 6): how much data loss it tolerates.
         * Optional; default: not stated.
         *
         * @param minutes the objective in minutes; {@link #build()} rejects negative values
         * @return this builder
         */
        public Builder rpoTargetMinutes(int minutes) {
            this.rpoTargetMinutes = minutes;
            return this;
        }

        /**
         * The team's recovery time objective (forcing question 6): how long restoring service may
         * take. Optional; default: not stated.
         *
         * @param minutes the objective in minutes; {@link #build()} rejects negative values
         * @return this builder
         */
        public Builder rtoTargetMinutes(int minutes) {
            this.rtoTargetMinutes = minutes;
            return this;
        }

        /**
         * Checks every input at once and builds the constraints; the builder can be changed and used
         * again afterwards.
         *
         * @return the validated, immutable constraints
         * @throws ConstraintsException naming every missing required input and every invalid value
         */
        public Constraints build() {
            List<String> missing = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            if (teamSize == null) {
                missing.add("teamSize");
            }
            if (qpsP99 == null) {
                missing.add("qpsP99");
            }
            if (readWriteRatio == null) {
                missing.add("readWriteRatio");
            }
            if (tenancy == null) {
                missing.add("tenancy");
            }
            if (dataSensitivity == null) {
                missing.add("dataSensitivity");
            }
            if (pattern == null) {
                missing.add("pattern");
            }
            validateRanges(
                    teamSize == null ? 1 : teamSize,
                    qpsP99 == null ? 0 : qpsP99,
                    readWriteRatio == null ? 1 : readWriteRatio,
                    p99LatencyTargetMillis,
                    uptimeTarget,
                    rpoTargetMinutes,
                    rtoTargetMinutes,
                    invalid);
            if (!missing.isEmpty() || !invalid.isEmpty()) {
                throw new ConstraintsException(missing, invalid);
            }
            return new Constraints(
                    teamSize,
                    qpsP99,
                    readWriteRatio,
                    tenancy,
                    dataSensitivity,
                    pattern,
                    language,
                    platformTeam,
                    adminPanel,
                    p99LatencyTargetMillis,
                    uptimeTarget,
                    rpoTargetMinutes,
                    rtoTargetMinutes);
        }
    }
}
