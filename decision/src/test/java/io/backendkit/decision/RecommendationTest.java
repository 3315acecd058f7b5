package io.backendkit.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backendkit.core.Finding;
import io.backendkit.core.Json;
import io.backendkit.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    private static final DecisionEngine ENGINE = DecisionEngine.withBuiltInProfiles();

    private static Constraints.Builder javaTeamOf8() {
        return Constraints.builder()
                .teamSize(8)
                .qpsP99(50)
                .readWriteRatio(20)
                .tenancy(Tenancy.SHARED_MULTI_TENANT)
                .dataSensitivity(SensitivityTier.PII)
                .pattern(ArchitecturePattern.MODULAR_MONOLITH)
                .language(Language.JAVA);
    }

    @Test
    void aJavaProductTeamGetsTheJvmModularMonolithAndNothingIsApproved() {
        Recommendation r = ENGINE.recommend(javaTeamOf8().build());

        // jvm-modular-monolith: 2 + 2 + 1.5 + 1 + 2 + java bonus 1 = 9.5 of 9.5; fastapi and node 8.5 of 8.5.
        assertThat(r.ranking())
                .extracting(ProfileMatch::name, ProfileMatch::matchedWeight, ProfileMatch::totalWeight)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("jvm-modular-monolith", 9.5, 9.5),
                        org.assertj.core.groups.Tuple.tuple("fastapi-python", 8.5, 8.5),
                        org.assertj.core.groups.Tuple.tuple("node-express", 8.5, 8.5));
        assertThat(r.approved()).isFalse();
        assertThat(r.blocked()).isFalse();
        assertThat(r.profile().name()).isEqualTo("jvm-modular-monolith");
        assertThat(r.runnerUpIfPresent().map(ProfileMatch::name)).contains("fastapi-python");
        assertThat(r.sloFloor()).isEqualTo(new SloFloor(50, 200, 500, 0.995, 0.75, "medium", 15, 60, null));
        assertThat(r.requiredApprovers())
                .containsExactly("tech-lead", "on-call", "owning-module-leads", "cfo", "security-owner");
        assertThat(r.stacks()).singleElement().extracting(Stack::key).isEqualTo("stack");
        assertThat(r.antiPatterns()).extracting(AntiPattern::name).contains("microservices", "module-cycles");
        assertThat(r.canonReferences()).contains("JEP 444: Virtual Threads (Java 21)");
    }

    @Test
    void aLargeJvmOrganisationWithAPlatformTeamGetsTheExtractedService() {
        Recommendation r = ENGINE.recommend(javaTeamOf8()
                .teamSize(60)
                .qpsP99(3000)
                .dataSensitivity(SensitivityTier.PCI)
                .pattern(ArchitecturePattern.MICROSERVICES)
                .platformTeam(true)
                .build());
        // jvm-extracted-service: 2 + 1.5 + 1 + 2 + 1.5 + 1.5 + java bonus 1 = 10.5 of 10.5;
        // go-or-rust-microservice: 9.5 of 9.5 (pci has phi's rank), no java bonus: a tie broken by weight.
        assertThat(r.ranking())
                .extracting(ProfileMatch::name, ProfileMatch::matchedWeight, ProfileMatch::totalWeight)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("jvm-extracted-service", 10.5, 10.5),
                        org.assertj.core.groups.Tuple.tuple("go-or-rust-microservice", 9.5, 9.5));
        assertThat(r.killCriteria()).isEmpty();
        assertThat(r.sloFloor().throughputRpsMinIfPresent()).contains(500);
        assertThat(r.approverChain())
                .extracting(ApproverRule::change)
                .contains("service_extraction_decision", "breaking-api-change");
    }

    @Test
    void killCriteriaBlockTheRecommendationAndAreRenderedFirst() {
        Recommendation r = ENGINE.recommend(javaTeamOf8()
                .teamSize(5)
                .pattern(ArchitecturePattern.MICROSERVICES)
                .build());
        assertThat(r.blocked()).isTrue();
        assertThat(r.approved()).isFalse();
        assertThat(r.killCriteria())
                .allSatisfy(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.suggestedFix()).isNotBlank();
                })
                .extracting(Finding::code, Finding::location)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("KILL_MICROSERVICES_SMALL_TEAM", "pattern, teamSize"),
                        org.assertj.core.groups.Tuple.tuple(
                                "KILL_MICROSERVICES_NO_PLATFORM_TEAM", "pattern, platformTeam"));
        String text = r.toText();
        assertThat(text.indexOf("## Kill criteria tripped")).isBetween(0, text.indexOf("## Inputs"));
        assertThat(text).contains("- KILL_MICROSERVICES_SMALL_TEAM: microservices with 5 engineers");
        JsonNode json = Json.read(r.toJson(), JsonNode.class, "recommendation");
        assertThat(json.get("blocked").booleanValue()).isTrue();
        assertThat(json.get("killCriteria")).hasSize(2);
        assertThat(json.get("killCriteria").get(0).get("severity").asText()).isEqualTo("ERROR");
    }

    @Test
    void theBestFitsViolatedConstraintsAreAWarning() {
        // 60 engineers on a modular monolith: jvm-modular-monolith's team_size_max 40 is violated.
        Recommendation r = ENGINE.recommend(javaTeamOf8().teamSize(60).build());
        assertThat(r.profile().name()).isEqualTo("jvm-modular-monolith");
        assertThat(r.findings())
                .filteredOn(f -> f.code().equals("BEST_FIT_VIOLATES_CONSTRAINTS"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.message()).contains("violates 1 of its constraints (team_size <= 40)");
                });
    }

    @Test
    void sloTargetsTighterThanTheFloorAreWarningsAndLooserOnesAreNot() {
        Recommendation tight = ENGINE.recommend(javaTeamOf8()
                .p99LatencyTargetMillis(100)
                .uptimeTarget(0.9999)
                .rpoTargetMinutes(1)
                .rtoTargetMinutes(5)
                .build());
        assertThat(tight.findings())
                .filteredOn(f -> f.code().equals("SLO_TARGET_TIGHTER_THAN_FLOOR"))
                .extracting(Finding::location)
                .containsExactly("p99LatencyTargetMillis", "rpoTargetMinutes", "rtoTargetMinutes", "uptimeTarget");
        assertThat(tight.findings()).extracting(Finding::code).doesNotContain("SLO_TARGETS_NOT_STATED");
        assertThat(tight.findings())
                .filteredOn(f -> "uptimeTarget".equals(f.location()))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("your uptime target of 99.99% is tighter than jvm-modular-monolith's uptime floor of"
                        + " 99.5%; the profile does not promise it by default");

        Recommendation loose = ENGINE.recommend(javaTeamOf8()
                .p99LatencyTargetMillis(900)
                .uptimeTarget(0.99)
                .rpoTargetMinutes(60)
                .rtoTargetMinutes(240)
                .build());
        assertThat(loose.findings())
                .extracting(Finding::code)
                .doesNotContain("SLO_TARGET_TIGHTER_THAN_FLOOR", "SLO_TARGETS_NOT_STATED");

        Recommendation none = ENGINE.recommend(javaTeamOf8().build());
        assertThat(none.findings()).extracting(Finding::code).contains("SLO_TARGETS_NOT_STATED");
    }

    @Test
    void theTextSaysWhoMustApproveAndStatesTheSloFloor() {
        String text = ENGINE.recommend(javaTeamOf8().build()).toText();
        assertThat(text)
                .startsWith("# Architecture recommendation: jvm-modular-monolith (100.0%)\n\nNOT APPROVED.")
                .contains("Sign-off is needed from: tech-lead, on-call, owning-module-leads, cfo, security-owner")
                .contains("- API latency p50 / p95 / p99: 50 / 200 / 500 ms\n")
                .contains("- uptime: 99.5%\n")
                .contains("- RPO: 15 min, RTO: 60 min\n")
                .contains("## Close runner-up: fastapi-python (100.0%)")
                .contains("- schema_change_production: tech-lead + on-call\n")
                .contains("   1  jvm-modular-monolith     100.0%      9.5    9.5\n");
        List<String> sections = text.lines().filter(l -> l.startsWith("## ")).toList();
        assertThat(sections)
                .containsExactly(
                        "## Inputs",
                        "## Ranking (rules: backendkit)",
                        "## Recommended: jvm-modular-monolith",
                        "## Close runner-up: fastapi-python (100.0%)",
                        "## Stack",
                        "## Anti-patterns: do not introduce on this profile",
                        "## SLO floor (verifiable success criteria)",
                        "## Approver chain (who must sign off)",
                        "## Findings",
                        "## Canon");
    }

    @Test
    void theJsonCarriesTheWholeRecommendation() {
        Recommendation r = ENGINE.recommend(javaTeamOf8().build());
        JsonNode json = Json.read(r.toJson(), JsonNode.class, "recommendation");
        assertThat(json.get("approved").booleanValue()).isFalse();
        assertThat(json.get("recommended").asText()).isEqualTo("jvm-modular-monolith");
        assertThat(json.get("runnerUp").asText()).isEqualTo("fastapi-python");
        assertThat(json.get("ruleSet").asText()).isEqualTo("backendkit");
        assertThat(json.get("inputs").get("language").asText()).isEqualTo("java");
        assertThat(json.get("ranking")).hasSize(6);
        JsonNode first = json.get("ranking").get(0);
        assertThat(first.get("score").doubleValue()).isEqualTo(1.0);
        assertThat(first.get("checks")).hasSize(6);
        assertThat(first.get("checks").get(5).get("key").asText()).isEqualTo("language");
        assertThat(first.get("checks").get(5).get("points").doubleValue()).isEqualTo(10.53);
        assertThat(json.get("sloFloor").get("p99LatencyMillis").intValue()).isEqualTo(500);
        assertThat(json.get("sloFloor").get("rpoMinutes").intValue()).isEqualTo(15);
        assertThat(json.get("stacks").get("stack").get("framework_options_ranked"))
                .hasSize(2);
        assertThat(json.get("approverChain").get(0).get("approvers").get(1).asText())
                .isEqualTo("on-call");
        assertThat(json.get("requiredApprovers")).hasSize(5);
        assertThat(json.get("antiPatterns").get(0).get("level").asText()).isEqualTo("kill");
    }

    @Test
    void outputIsDeterministicAndTheEngineIsSafeToShare() throws Exception {
        Constraints c = javaTeamOf8().build();
        String text = ENGINE.recommend(c).toText();
        String json = ENGINE.recommend(c).toJson();
        List<Profile> reversed = new ArrayList<>(Profiles.builtIn());
        java.util.Collections.reverse(reversed);
        assertThat(DecisionEngine.withProfiles(reversed).recommend(c).toText()).isEqualTo(text);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> ENGINE.recommend(c).toJson()));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(json);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
