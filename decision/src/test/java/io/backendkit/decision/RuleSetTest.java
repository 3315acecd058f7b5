package io.backendkit.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import org.junit.jupiter.api.Test;

/** The corrections {@link RuleSet#BACKENDKIT} makes to the original rules, each shown against {@link RuleSet#ORIGINAL}. */
class RuleSetTest {

    /**
     * A profile with 20 half-units of weight: team_size_min 1 (4), team_size_max 10 (4), tenancy 3,
     * pattern 4, qps_p99_min 3, admin_panel_needed 2.
     */
    private static Profile twentyUnits(String name, String tenancy, long qpsMin, boolean admin) {
        return Profiles.parse("""
                {"profile_name": "%s",
                 "constraints": {"team_size_min": 1, "team_size_max": 10, "tenancy": "%s",
                                 "pattern": "modular-monolith", "qps_p99_min": %d, "admin_panel_needed": %s},
                 "success_thresholds": {"p50_api_latency_ms": 10, "p95_api_latency_ms": 20, "p99_api_latency_ms": 30,
                                        "uptime_target": 0.99, "rpo_minutes_max": 60, "rto_minutes_max": 60},
                 "named_approver_chain": {"anything": "tech-lead"}}
                """.formatted(name, tenancy, qpsMin, admin), name + ".json");
    }

    private static Constraints.Builder base() {
        return Constraints.builder()
                .teamSize(5)
                .qpsP99(200)
                .readWriteRatio(3)
                .tenancy(Tenancy.SHARED_MULTI_TENANT)
                .dataSensitivity(SensitivityTier.PUBLIC)
                .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                .adminPanel(true);
    }

    private static Recommendation recommend(RuleSet rules, Constraints c, Profile... profiles) {
        return DecisionEngine.builder()
                .profiles(java.util.List.of(profiles))
                .ruleSet(rules)
                .build()
                .recommend(c);
    }

    @Test
    void aProfileExactlyFifteenPointsBehindIsNotARunnerUpUnderEitherRuleSet() {
        // a: 20/20 = 100%; b misses qps (3 units): 17/20 = 85%; c misses admin (2 units): 18/20 = 90%.
        Profile a = twentyUnits("a", "shared-multi-tenant", 100, true);
        Profile b = twentyUnits("b", "shared-multi-tenant", 1000, true);
        Profile c = twentyUnits("c", "shared-multi-tenant", 100, false);
        for (RuleSet rules : RuleSet.values()) {
            Recommendation ab = recommend(rules, base().build(), a, b);
            assertThat(ab.ranking()).extracting(ProfileMatch::score).containsExactly(1.0, 0.85);
            assertThat(ab.runnerUpIfPresent()).as(rules.toString()).isEmpty();
            Recommendation ac = recommend(rules, base().build(), a, c);
            assertThat(ac.runnerUpIfPresent().map(ProfileMatch::name))
                    .as(rules.toString())
                    .contains("c");
        }
    }

    @Test
    void theOriginalsFloatingPointSubtractionReportsA15PointGapAsARunnerUp() {
        // Team of 50 (max 10 violated), serverless (pattern violated), 10 QPS (qps violated), no admin panel:
        // x matches team_size_min 4 + tenancy 3 = 7/20 = 0.35; y matches team_size_min only: 4/20 = 0.20.
        Profile x = twentyUnits("x", "shared-multi-tenant", 100, true);
        Profile y = twentyUnits("y", "single-tenant", 100, true);
        Constraints c = base().teamSize(50)
                .qpsP99(10)
                .pattern(ArchitecturePattern.SERVERLESS)
                .adminPanel(false)
                .build();
        Recommendation exact = recommend(RuleSet.BACKENDKIT, c, x, y);
        assertThat(exact.ranking()).extracting(ProfileMatch::score).containsExactly(0.35, 0.2);
        assertThat(exact.runnerUpIfPresent()).isEmpty();
        // 0.35 - 0.2 == 0.14999999999999997 in binary floating point, as in the original engine.
        assertThat(recommend(RuleSet.ORIGINAL, c, x, y).runnerUpIfPresent().map(ProfileMatch::name))
                .contains("y");
    }

    @Test
    void theLanguageBonusLooksAtStackVariantsUnderBackendkitRulesOnly() {
        Profile kotlin = Profiles.fromClasspathResource("architecture-profiles/acme-ktor-service.json");
        Constraints c = Constraints.builder()
                .teamSize(5)
                .qpsP99(100)
                .readWriteRatio(1)
                .tenancy(Tenancy.SINGLE_TENANT)
                .dataSensitivity(SensitivityTier.INTERNAL)
                .pattern(ArchitecturePattern.DOMAIN_BOUNDED_SERVICES)
                .language(Language.KOTLIN)
                .build();
        // 4 + 4 + 3 + 2 + 4 + 2 = 19 half-units of constraints, all matched; kotlin-2 only in stack_kotlin.
        ProfileMatch withVariants = recommend(RuleSet.BACKENDKIT, c, kotlin).best();
        assertThat(withVariants.matchedWeight()).isEqualTo(10.5);
        assertThat(withVariants.totalWeight()).isEqualTo(10.5);
        ProfileMatch original = recommend(RuleSet.ORIGINAL, c, kotlin).best();
        assertThat(original.matchedWeight()).isEqualTo(9.5);
        assertThat(original.totalWeight()).isEqualTo(9.5);
    }

    @Test
    void aPlainMonolithAbove5000QpsTripsTheThroughputKillCriterionUnderBackendkitRulesOnly() {
        Constraints c =
                base().pattern(ArchitecturePattern.MONOLITH).qpsP99(5001).build();
        Profile a = twentyUnits("a", "shared-multi-tenant", 100, true);
        assertThat(recommend(RuleSet.BACKENDKIT, c, a).killCriteria())
                .extracting(Finding::code)
                .containsExactly("KILL_QPS_TOO_HIGH_FOR_MONOLITH");
        assertThat(recommend(RuleSet.ORIGINAL, c, a).killCriteria()).isEmpty();
        assertThat(recommend(RuleSet.ORIGINAL, base().qpsP99(5000).build(), a).killCriteria())
                .isEmpty();
    }

    @Test
    void tiesDoNotDependOnTheOrderProfilesWereAdded() {
        Profile node = Profiles.builtIn("node-express");
        Profile fastapi = Profiles.builtIn("fastapi-python");
        Constraints c = Constraints.builder()
                .teamSize(8)
                .qpsP99(50)
                .readWriteRatio(20)
                .tenancy(Tenancy.SHARED_MULTI_TENANT)
                .dataSensitivity(SensitivityTier.PII)
                .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                .build();
        for (RuleSet rules : RuleSet.values()) {
            assertThat(recommend(rules, c, node, fastapi).ranking())
                    .extracting(ProfileMatch::name)
                    .containsExactly("fastapi-python", "node-express");
            assertThat(recommend(rules, c, fastapi, node).ranking())
                    .extracting(ProfileMatch::name)
                    .containsExactly("fastapi-python", "node-express");
        }
        Recommendation r = recommend(RuleSet.BACKENDKIT, c, node, fastapi);
        assertThat(r.findings())
                .filteredOn(f -> f.code().equals("TIED_SCORE"))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("fastapi-python and node-express tie at 100.0%; fastapi-python ranks first because its"
                        + " name sorts first");
    }

    @Test
    void amongEqualScoresTheTeamsOwnLanguageGoesFirst() {
        // An 8-person Java team that needs an admin panel: django-monolith and jvm-modular-monolith both match
        // everything (the language bonus adds to matched and total weight alike, so it cannot lift a 100% score).
        Constraints javaTeam = Constraints.builder()
                .teamSize(8)
                .qpsP99(50)
                .readWriteRatio(20)
                .tenancy(Tenancy.SHARED_MULTI_TENANT)
                .dataSensitivity(SensitivityTier.PII)
                .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                .language(Language.JAVA)
                .adminPanel(true)
                .build();

        Recommendation ours = DecisionEngine.withBuiltInProfiles().recommend(javaTeam);
        Recommendation original = DecisionEngine.builder()
                .builtInProfiles()
                .ruleSet(RuleSet.ORIGINAL)
                .build()
                .recommend(javaTeam);

        assertThat(ours.best().name()).isEqualTo("jvm-modular-monolith");
        assertThat(ours.best().score()).isEqualTo(1.0);
        assertThat(ours.runnerUpIfPresent().map(ProfileMatch::name)).contains("django-monolith");
        assertThat(original.best().name()).as("the original keeps its order").isNotEqualTo("jvm-modular-monolith");
        assertThat(ours.findings())
                .filteredOn(f -> f.code().equals("TIED_SCORE"))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("jvm-modular-monolith and django-monolith tie at 100.0%; jvm-modular-monolith ranks first"
                        + " because it is built on the team's language");
    }
}
