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

    /** A builder with no inputs set; platform team and admin panel default to {@code false}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's values. */
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

    /** The preferred language, if one was given. */
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

        /** Backend engineers on the system (forcing question 5). Required, {@code >= 1}. */
        public Builder teamSize(int engineers) {
            this.teamSize = engineers;
            return this;
        }

        /** Forecast p99 QPS one year out (forcing question 1). Required, {@code >= 0}. */
        public Builder qpsP99(long queriesPerSecond) {
            this.qpsP99 = queriesPerSecond;
            return this;
        }

        /** Reads per write (forcing question 1), e.g. 20 for read-heavy. Required, {@code > 0}. */
        public Builder readWriteRatio(double readsPerWrite) {
            this.readWriteRatio = readsPerWrite;
            return this;
        }

        /** Tenancy model (forcing question 2). Required; null counts as missing. */
        public Builder tenancy(Tenancy value) {
            this.tenancy = value;
            return this;
        }

        /** Most sensitive data in scope (forcing question 4). Required; null counts as missing. */
        public Builder dataSensitivity(SensitivityTier value) {
            this.dataSensitivity = value;
            return this;
        }

        /** Preferred architecture pattern (forcing question 5). Required; null counts as missing. */
        public Builder pattern(ArchitecturePattern value) {
            this.pattern = value;
            return this;
        }

        /** Preferred language. Optional (default: no preference); null clears it. */
        public Builder language(Language value) {
            this.language = value;
            return this;
        }

        /** Whether a dedicated platform team exists. Default {@code false}. */
        public Builder platformTeam(boolean exists) {
            this.platformTeam = exists;
            return this;
        }

        /** Whether an internal admin panel is needed. Default {@code false}. */
        public Builder adminPanel(boolean needed) {
            this.adminPanel = needed;
            return this;
        }

        /** The team's p99 latency target in milliseconds (forcing question 7). Optional, {@code >= 1}. */
        public Builder p99LatencyTargetMillis(int millis) {
            this.p99LatencyTargetMillis = millis;
            return this;
        }

        /** The team's availability target, e.g. 0.999 (forcing question 7). Optional, {@code 0 < x < 1}. */
        public Builder uptimeTarget(double fraction) {
            this.uptimeTarget = fraction;
            return this;
        }

        /** The team's recovery point objective in minutes (forcing question 6). Optional, {@code >= 0}. */
        public Builder rpoTargetMinutes(int minutes) {
            this.rpoTargetMinutes = minutes;
            return this;
        }

        /** The team's recovery time objective in minutes (forcing question 6). Optional, {@code >= 0}. */
        public Builder rtoTargetMinutes(int minutes) {
            this.rtoTargetMinutes = minutes;
            return this;
        }

        /**
         * The validated constraints.
         *
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
