package io.backendkit.decision;

import static io.backendkit.decision.ArchitecturePattern.DOMAIN_BOUNDED_SERVICES;
import static io.backendkit.decision.ArchitecturePattern.MICROSERVICES;
import static io.backendkit.decision.ArchitecturePattern.MODULAR_MONOLITH;
import static io.backendkit.decision.ArchitecturePattern.MONOLITH;
import static io.backendkit.decision.ArchitecturePattern.SERVERLESS;
import static io.backendkit.decision.Language.DOTNET;
import static io.backendkit.decision.Language.GO;
import static io.backendkit.decision.Language.JAVA;
import static io.backendkit.decision.Language.KOTLIN;
import static io.backendkit.decision.Language.PYTHON;
import static io.backendkit.decision.Language.RUST;
import static io.backendkit.decision.Language.TYPESCRIPT;
import static io.backendkit.decision.SensitivityTier.INTERNAL;
import static io.backendkit.decision.SensitivityTier.PCI;
import static io.backendkit.decision.SensitivityTier.PHI;
import static io.backendkit.decision.SensitivityTier.PII;
import static io.backendkit.decision.SensitivityTier.PII_ONLY;
import static io.backendkit.decision.SensitivityTier.PUBLIC;
import static io.backendkit.decision.SensitivityTier.REGULATED;
import static io.backendkit.decision.Tenancy.ISOLATED_MULTI_TENANT;
import static io.backendkit.decision.Tenancy.SHARED_MULTI_TENANT;
import static io.backendkit.decision.Tenancy.SINGLE_TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rankings and scores for the original engine's four profiles, derived by hand from the original
 * rules (weights: team_size_min 2, team_size_max 2, tenancy 1.5, data sensitivity 1, pattern 2,
 * qps_p99_min 1.5, platform team 1.5, admin panel 1, earned language bonus 1; score = matched /
 * total; runner-up when less than 0.15 behind; ties in file order for the original rules).
 *
 * <p>Per-profile totals without a language bonus: node-express 8.5, fastapi-python 8.5,
 * django-monolith 9.5, go-or-rust-microservice 9.5. Tenancy and pattern texts match by two-way
 * substring; backendkit rules also accept {@code -or-} alternatives, which changes exactly two
 * checks on these profiles: isolated-multi-tenant on go-or-rust-microservice and
 * domain-bounded-services on fastapi-python.
 */
class ParityTest {

    private static final List<String> ORIGINAL_FOUR =
            List.of("node-express", "fastapi-python", "django-monolith", "go-or-rust-microservice");

    private static final String NODE = "node-express";
    private static final String FASTAPI = "fastapi-python";
    private static final String DJANGO = "django-monolith";
    private static final String GO_RUST = "go-or-rust-microservice";

    private static final String SMALL_TEAM = "KILL_MICROSERVICES_SMALL_TEAM";
    private static final String NO_PLATFORM = "KILL_MICROSERVICES_NO_PLATFORM_TEAM";
    private static final String REGULATED_SMALL = "KILL_REGULATED_DATA_SMALL_TEAM";
    private static final String QPS_HIGH = "KILL_QPS_TOO_HIGH_FOR_MONOLITH";
    private static final String QPS_LOW = "KILL_QPS_IMPLAUSIBLY_LOW";

    /** One expected ranking row: profile, matched weight, total weight. */
    record Row(String profile, double matched, double total) {}

    record Case(String name, Constraints input, RuleSet rules, List<Row> ranking, String runnerUp, List<String> kills) {
        @Override
        public String toString() {
            return rules + ": " + name;
        }
    }

    static Row row(String profile, double matched, double total) {
        return new Row(profile, matched, total);
    }

    static Constraints in(
            int team,
            long qps,
            Tenancy tenancy,
            SensitivityTier sensitivity,
            ArchitecturePattern pattern,
            Language language,
            boolean platformTeam,
            boolean adminPanel) {
        return Constraints.builder()
                .teamSize(team)
                .qpsP99(qps)
                .readWriteRatio(10)
                .tenancy(tenancy)
                .dataSensitivity(sensitivity)
                .pattern(pattern)
                .language(language)
                .platformTeam(platformTeam)
                .adminPanel(adminPanel)
                .build();
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // 1. The original's --sample. node-express earns the TypeScript bonus (9.5/9.5), fastapi-python
        // scores 8.5/8.5 without it: a tie at 100%. Original: file order puts fastapi first;
        // backendkit: more matched weight first.
        Constraints sample = in(8, 50, SHARED_MULTI_TENANT, PII, MODULAR_MONOLITH, TYPESCRIPT, false, false);
        cases.add(new Case(
                "sample inputs, TypeScript team of 8",
                sample,
                RuleSet.BACKENDKIT,
                List.of(row(NODE, 9.5, 9.5), row(FASTAPI, 8.5, 8.5), row(DJANGO, 8.5, 9.5), row(GO_RUST, 2.5, 9.5)),
                FASTAPI,
                List.of()));
        cases.add(new Case(
                "sample inputs, TypeScript team of 8",
                sample,
                RuleSet.ORIGINAL,
                List.of(row(FASTAPI, 8.5, 8.5), row(NODE, 9.5, 9.5), row(DJANGO, 8.5, 9.5), row(GO_RUST, 2.5, 9.5)),
                NODE,
                List.of()));
        // 2. Python team with an admin panel: django matches everything plus the bonus.
        cases.add(both(
                "Python team of 12 needing an admin panel",
                in(12, 300, SHARED_MULTI_TENANT, PII, MODULAR_MONOLITH, PYTHON, false, true),
                List.of(row(DJANGO, 10.5, 10.5), row(FASTAPI, 9.5, 9.5), row(NODE, 8.5, 8.5), row(GO_RUST, 2.5, 9.5)),
                FASTAPI,
                List.of()));
        // 3. Large Go organisation with a platform team: the extracted service fits fully.
        cases.add(both(
                "Go organisation of 40, PCI, microservices, platform team",
                in(40, 5000, SHARED_MULTI_TENANT, PCI, MICROSERVICES, GO, true, false),
                List.of(row(GO_RUST, 10.5, 10.5), row(FASTAPI, 3.5, 8.5), row(NODE, 3.5, 8.5), row(DJANGO, 3.5, 9.5)),
                null,
                List.of()));
        // 4. Small team wanting microservices: two kill criteria; node keeps the lead on its bonus.
        cases.add(both(
                "TypeScript team of 5 wanting microservices",
                in(5, 200, SHARED_MULTI_TENANT, PII, MICROSERVICES, TYPESCRIPT, false, false),
                List.of(row(NODE, 7.5, 9.5), row(FASTAPI, 6.5, 8.5), row(DJANGO, 6.5, 9.5), row(GO_RUST, 4.5, 9.5)),
                FASTAPI,
                List.of(SMALL_TEAM, NO_PLATFORM)));
        // 5. PHI with three engineers, single tenant: nothing fits tenancy or sensitivity except go's phi.
        cases.add(both(
                "Python team of 3, single tenant, PHI",
                in(3, 20, SINGLE_TENANT, PHI, MODULAR_MONOLITH, PYTHON, false, false),
                List.of(row(FASTAPI, 7, 9.5), row(NODE, 6, 8.5), row(DJANGO, 7, 10.5), row(GO_RUST, 1, 9.5)),
                NODE,
                List.of(REGULATED_SMALL)));
        // 6. Isolated tenancy on the extracted service: original substring rule fails
        // "shared-multi-tenant-or-isolated" (18/21); backendkit accepts the alternative (21/21).
        Constraints isolatedRust = in(50, 20000, ISOLATED_MULTI_TENANT, PHI, MICROSERVICES, RUST, true, false);
        cases.add(new Case(
                "Rust organisation of 50, isolated tenants, PHI",
                isolatedRust,
                RuleSet.BACKENDKIT,
                List.of(row(GO_RUST, 10.5, 10.5), row(FASTAPI, 2, 8.5), row(NODE, 2, 8.5), row(DJANGO, 2, 9.5)),
                null,
                List.of()));
        cases.add(new Case(
                "Rust organisation of 50, isolated tenants, PHI",
                isolatedRust,
                RuleSet.ORIGINAL,
                List.of(row(GO_RUST, 9, 10.5), row(FASTAPI, 2, 8.5), row(NODE, 2, 8.5), row(DJANGO, 2, 9.5)),
                null,
                List.of()));
        // 7. Domain-bounded services: fastapi's "modular-monolith-or-domain-bounded" fails the original
        // substring test; backendkit accepts it, which also removes the close runner-up.
        Constraints boundedPython =
                in(10, 800, ISOLATED_MULTI_TENANT, INTERNAL, DOMAIN_BOUNDED_SERVICES, PYTHON, false, false);
        cases.add(new Case(
                "Python team of 10, isolated tenants, domain-bounded services",
                boundedPython,
                RuleSet.BACKENDKIT,
                List.of(row(FASTAPI, 8, 9.5), row(NODE, 5, 8.5), row(DJANGO, 6, 10.5), row(GO_RUST, 2.5, 9.5)),
                null,
                List.of()));
        cases.add(new Case(
                "Python team of 10, isolated tenants, domain-bounded services",
                boundedPython,
                RuleSet.ORIGINAL,
                List.of(row(FASTAPI, 6, 9.5), row(NODE, 5, 8.5), row(DJANGO, 6, 10.5), row(GO_RUST, 1, 9.5)),
                NODE,
                List.of()));
        // 8. A single engineer, plain monolith, public data: django needs two engineers and an admin panel.
        Constraints solo = in(1, 5, SHARED_MULTI_TENANT, PUBLIC, MONOLITH, TYPESCRIPT, false, false);
        cases.add(new Case(
                "solo TypeScript engineer, monolith, public data",
                solo,
                RuleSet.BACKENDKIT,
                List.of(row(NODE, 9.5, 9.5), row(FASTAPI, 8.5, 8.5), row(DJANGO, 6.5, 9.5), row(GO_RUST, 2.5, 9.5)),
                FASTAPI,
                List.of()));
        cases.add(new Case(
                "solo TypeScript engineer, monolith, public data",
                solo,
                RuleSet.ORIGINAL,
                List.of(row(FASTAPI, 8.5, 8.5), row(NODE, 9.5, 9.5), row(DJANGO, 6.5, 9.5), row(GO_RUST, 2.5, 9.5)),
                NODE,
                List.of()));
        // 9. Zero QPS for twenty engineers trips the realism check; Java earns no bonus on these four.
        cases.add(both(
                "Java team of 20, zero QPS, pii-only, admin panel",
                in(20, 0, SHARED_MULTI_TENANT, PII_ONLY, MODULAR_MONOLITH, JAVA, false, true),
                List.of(row(DJANGO, 9.5, 9.5), row(FASTAPI, 8.5, 8.5), row(NODE, 6.5, 8.5), row(GO_RUST, 2.5, 9.5)),
                FASTAPI,
                List.of(QPS_LOW)));
        // 10. 6,000 QPS on a modular monolith; PCI with exactly 4 engineers does not trip the team check.
        cases.add(both(
                "Kotlin team of 4, PCI, 6,000 QPS modular monolith",
                in(4, 6000, SHARED_MULTI_TENANT, PCI, MODULAR_MONOLITH, KOTLIN, false, false),
                List.of(row(FASTAPI, 7.5, 8.5), row(NODE, 7.5, 8.5), row(DJANGO, 7.5, 9.5), row(GO_RUST, 4, 9.5)),
                NODE,
                List.of(QPS_HIGH)));
        // 11. Regulated data with two engineers: same ranking, but only backendkit trips the kill criterion.
        Constraints regulatedPair = in(2, 100, SHARED_MULTI_TENANT, REGULATED, MODULAR_MONOLITH, PYTHON, false, true);
        List<Row> regulatedRanking =
                List.of(row(DJANGO, 9.5, 10.5), row(FASTAPI, 8.5, 9.5), row(NODE, 7.5, 8.5), row(GO_RUST, 1.5, 9.5));
        cases.add(new Case(
                "Python pair, regulated data, admin panel",
                regulatedPair,
                RuleSet.BACKENDKIT,
                regulatedRanking,
                FASTAPI,
                List.of(REGULATED_SMALL)));
        cases.add(new Case(
                "Python pair, regulated data, admin panel",
                regulatedPair,
                RuleSet.ORIGINAL,
                regulatedRanking,
                FASTAPI,
                List.of()));
        // 12. Exactly 30 engineers but no platform team.
        cases.add(both(
                "Go organisation of 30 without a platform team",
                in(30, 1000, SHARED_MULTI_TENANT, PHI, MICROSERVICES, GO, false, false),
                List.of(row(GO_RUST, 9, 10.5), row(FASTAPI, 3.5, 8.5), row(NODE, 3.5, 8.5), row(DJANGO, 3.5, 9.5)),
                null,
                List.of(NO_PLATFORM)));
        // 13. One engineer and one QPS short of the extracted service: 66.7% vs 52.9% is a close runner-up.
        cases.add(both(
                "Go team of 29 at 999 QPS with a platform team",
                in(29, 999, SHARED_MULTI_TENANT, INTERNAL, MICROSERVICES, GO, true, false),
                List.of(row(GO_RUST, 7, 10.5), row(FASTAPI, 4.5, 8.5), row(NODE, 4.5, 8.5), row(DJANGO, 4.5, 9.5)),
                FASTAPI,
                List.of(SMALL_TEAM)));
        // 14. Serverless matches no profile's pattern.
        cases.add(both(
                "TypeScript team of 15, single tenant, serverless",
                in(15, 400, SINGLE_TENANT, PII, SERVERLESS, TYPESCRIPT, false, false),
                List.of(row(NODE, 6, 9.5), row(FASTAPI, 5, 8.5), row(DJANGO, 5, 9.5), row(GO_RUST, 1, 9.5)),
                FASTAPI,
                List.of()));
        // 15. Sixteen engineers is one above node-express's maximum.
        cases.add(both(
                "TypeScript team of 16, sample otherwise",
                in(16, 50, SHARED_MULTI_TENANT, PII, MODULAR_MONOLITH, TYPESCRIPT, false, false),
                List.of(row(FASTAPI, 8.5, 8.5), row(DJANGO, 8.5, 9.5), row(NODE, 7.5, 9.5), row(GO_RUST, 2.5, 9.5)),
                DJANGO,
                List.of()));
        // 16. .NET earns no bonus; django's 25-engineer maximum and admin panel decide.
        cases.add(both(
                ".NET team of 25, monolith, admin panel, platform team",
                in(25, 2000, SHARED_MULTI_TENANT, INTERNAL, MONOLITH, DOTNET, true, true),
                List.of(row(DJANGO, 9.5, 9.5), row(FASTAPI, 6.5, 8.5), row(NODE, 6.5, 8.5), row(GO_RUST, 5.5, 9.5)),
                null,
                List.of()));
        // 17. Both differences at once: isolated tenancy (go) and domain-bounded services (fastapi).
        Constraints both = in(26, 2000, ISOLATED_MULTI_TENANT, PUBLIC, DOMAIN_BOUNDED_SERVICES, RUST, true, false);
        cases.add(new Case(
                "Rust team of 26, isolated tenants, domain-bounded services",
                both,
                RuleSet.BACKENDKIT,
                List.of(row(GO_RUST, 6.5, 10.5), row(FASTAPI, 5, 8.5), row(NODE, 3, 8.5), row(DJANGO, 3, 9.5)),
                FASTAPI,
                List.of()));
        cases.add(new Case(
                "Rust team of 26, isolated tenants, domain-bounded services",
                both,
                RuleSet.ORIGINAL,
                List.of(row(GO_RUST, 5, 10.5), row(FASTAPI, 3, 8.5), row(NODE, 3, 8.5), row(DJANGO, 3, 9.5)),
                FASTAPI,
                List.of()));
        // 18. No language preference: no bonus anywhere (the original CLI would have defaulted to typescript).
        cases.add(both(
                "team of 6, zero QPS, no language preference, serverless",
                in(6, 0, SINGLE_TENANT, INTERNAL, SERVERLESS, null, false, false),
                List.of(row(FASTAPI, 5, 8.5), row(NODE, 5, 8.5), row(DJANGO, 5, 9.5), row(GO_RUST, 1, 9.5)),
                NODE,
                List.of(QPS_LOW)));
        // 19. 100,000 QPS on a modular monolith; 78.9% vs 64.7% is still within 15 points.
        cases.add(both(
                "Java organisation of 100 at 100,000 QPS on a modular monolith",
                in(100, 100_000, SHARED_MULTI_TENANT, PCI, MODULAR_MONOLITH, JAVA, true, false),
                List.of(row(GO_RUST, 7.5, 9.5), row(FASTAPI, 5.5, 8.5), row(NODE, 5.5, 8.5), row(DJANGO, 5.5, 9.5)),
                FASTAPI,
                List.of(QPS_HIGH)));
        // 20. Boundaries of the realism check: QPS 1 is not < 1 and 5 engineers is not > 5.
        cases.add(both(
                "Python team of 5 at 1 QPS",
                in(5, 1, SHARED_MULTI_TENANT, PII, MODULAR_MONOLITH, PYTHON, false, false),
                List.of(row(FASTAPI, 9.5, 9.5), row(NODE, 8.5, 8.5), row(DJANGO, 9.5, 10.5), row(GO_RUST, 2.5, 9.5)),
                NODE,
                List.of()));
        // 21. PCI with three engineers, isolated tenants, Go preference: go gains tenancy under backendkit only.
        Constraints pciTrio = in(3, 10, ISOLATED_MULTI_TENANT, PCI, MONOLITH, GO, false, true);
        cases.add(new Case(
                "Go trio, PCI, isolated tenants, monolith with admin panel",
                pciTrio,
                RuleSet.BACKENDKIT,
                List.of(row(DJANGO, 7, 9.5), row(FASTAPI, 6, 8.5), row(NODE, 6, 8.5), row(GO_RUST, 3.5, 10.5)),
                FASTAPI,
                List.of(REGULATED_SMALL)));
        cases.add(new Case(
                "Go trio, PCI, isolated tenants, monolith with admin panel",
                pciTrio,
                RuleSet.ORIGINAL,
                List.of(row(DJANGO, 7, 9.5), row(FASTAPI, 6, 8.5), row(NODE, 6, 8.5), row(GO_RUST, 2, 10.5)),
                FASTAPI,
                List.of(REGULATED_SMALL)));
        // 22. Regulated data is above go's phi maximum; single tenancy matches nobody.
        cases.add(both(
                "Kotlin organisation of 35, single tenant, regulated, microservices",
                in(35, 3000, SINGLE_TENANT, REGULATED, MICROSERVICES, KOTLIN, true, false),
                List.of(row(GO_RUST, 7, 9.5), row(FASTAPI, 2, 8.5), row(NODE, 2, 8.5), row(DJANGO, 2, 9.5)),
                null,
                List.of()));
        return cases.stream().flatMap(c -> c.rules() == null ? expand(c) : Stream.of(c));
    }

    /** A case whose expectations are the same under both rule sets (rules null until expanded). */
    static Case both(String name, Constraints input, List<Row> ranking, String runnerUp, List<String> kills) {
        return new Case(name, input, null, ranking, runnerUp, kills);
    }

    static Stream<Case> expand(Case c) {
        return Stream.of(
                new Case(c.name(), c.input(), RuleSet.BACKENDKIT, c.ranking(), c.runnerUp(), c.kills()),
                new Case(c.name(), c.input(), RuleSet.ORIGINAL, c.ranking(), c.runnerUp(), c.kills()));
    }

    static DecisionEngine engine(RuleSet rules) {
        return DecisionEngine.builder()
                .profiles(ORIGINAL_FOUR.stream().map(Profiles::builtIn).toList())
                .ruleSet(rules)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rankingScoresRunnerUpAndKillCriteriaMatchTheHandDerivedValues(Case c) {
        Recommendation r = engine(c.rules()).recommend(c.input());

        assertThat(r.ranking())
                .extracting(ProfileMatch::name)
                .containsExactlyElementsOf(
                        c.ranking().stream().map(Row::profile).toList());
        for (int i = 0; i < c.ranking().size(); i++) {
            Row expected = c.ranking().get(i);
            ProfileMatch actual = r.ranking().get(i);
            assertThat(actual.rank()).isEqualTo(i + 1);
            assertThat(actual.matchedWeight())
                    .as(expected.profile() + " matched weight")
                    .isEqualTo(expected.matched());
            assertThat(actual.totalWeight())
                    .as(expected.profile() + " total weight")
                    .isEqualTo(expected.total());
            assertThat(actual.score())
                    .as(expected.profile() + " score")
                    .isEqualTo(expected.matched() / expected.total());
        }
        assertThat(r.runnerUpIfPresent().map(ProfileMatch::name).orElse(null)).isEqualTo(c.runnerUp());
        assertThat(r.killCriteria()).extracting(Finding::code).containsExactlyElementsOf(c.kills());
        assertThat(r.blocked()).isEqualTo(!c.kills().isEmpty());
        assertThat(r.approved()).isFalse();
    }

    @Test
    void theCasesCoverEveryTenancySensitivityPatternAndLanguage() {
        List<Constraints> inputs = cases().map(Case::input).toList();
        Set<Tenancy> tenancies = EnumSet.noneOf(Tenancy.class);
        Set<SensitivityTier> tiers = EnumSet.noneOf(SensitivityTier.class);
        Set<ArchitecturePattern> patterns = EnumSet.noneOf(ArchitecturePattern.class);
        Set<Language> languages = EnumSet.noneOf(Language.class);
        for (Constraints c : inputs) {
            tenancies.add(c.tenancy());
            tiers.add(c.dataSensitivity());
            patterns.add(c.pattern());
            c.languageIfPresent().ifPresent(languages::add);
        }
        assertThat(tenancies).containsExactlyInAnyOrder(Tenancy.values());
        assertThat(tiers).containsExactlyInAnyOrder(SensitivityTier.values());
        assertThat(patterns).containsExactlyInAnyOrder(ArchitecturePattern.values());
        assertThat(languages).containsExactlyInAnyOrder(Language.values());
        assertThat(inputs.stream().distinct().count()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void jsonScoresAreRoundedToFourDecimalsLikeTheOriginal() {
        Recommendation r = engine(RuleSet.ORIGINAL)
                .recommend(in(29, 999, SHARED_MULTI_TENANT, INTERNAL, MICROSERVICES, GO, true, false));
        String json = r.toJson();
        // 7/10.5, 4.5/8.5, 4.5/8.5, 4.5/9.5
        assertThat(json)
                .contains("\"score\" : 0.6667")
                .contains("\"score\" : 0.5294")
                .contains("\"score\" : 0.4737");
    }

    @Test
    void breakdownPointsAddUpToTheScore() {
        Recommendation r = engine(RuleSet.BACKENDKIT)
                .recommend(in(5, 200, SHARED_MULTI_TENANT, PII, MICROSERVICES, TYPESCRIPT, false, false));
        ProfileMatch node = r.best();
        // node-express: team min 2 + team max 2 + tenancy 1.5 + sensitivity 1 + bonus 1 matched; pattern 2 violated.
        assertThat(node.checks())
                .extracting(ConstraintCheck::key, ConstraintCheck::matched, ConstraintCheck::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("team_size_min", true, 2.0),
                        org.assertj.core.groups.Tuple.tuple("team_size_max", true, 2.0),
                        org.assertj.core.groups.Tuple.tuple("tenancy", true, 1.5),
                        org.assertj.core.groups.Tuple.tuple("data_sensitivity_tier_max", true, 1.0),
                        org.assertj.core.groups.Tuple.tuple("pattern", false, 2.0),
                        org.assertj.core.groups.Tuple.tuple("language", true, 1.0));
        double points =
                node.checks().stream().mapToDouble(ConstraintCheck::points).sum();
        assertThat(points).isCloseTo(node.scorePercent(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(node.violated()).extracting(ConstraintCheck::key).containsExactly("pattern");
    }

    @Test
    void anUnearnedLanguageBonusIsListedButDoesNotLowerTheScore() {
        Recommendation r = engine(RuleSet.BACKENDKIT)
                .recommend(in(8, 50, SHARED_MULTI_TENANT, PII, MODULAR_MONOLITH, JAVA, false, false));
        ProfileMatch node = r.ranking().stream()
                .filter(m -> m.name().equals(NODE))
                .findFirst()
                .orElseThrow();
        ConstraintCheck language = node.checks().get(node.checks().size() - 1);
        assertThat(language.key()).isEqualTo("language");
        assertThat(language.matched()).isFalse();
        assertThat(language.bonus()).isTrue();
        assertThat(language.weight()).isZero();
        assertThat(node.violated()).isEmpty();
        assertThat(node.score()).isEqualTo(1.0);
    }
}
