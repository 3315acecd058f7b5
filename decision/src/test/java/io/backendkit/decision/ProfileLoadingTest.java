package io.backendkit.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoadingTest {

    /** A valid profile; tests replace one fragment to break it. */
    private static final String VALID = """
            {
              "profile_name": "acme",
              "description": "test profile",
              "constraints": {
                "team_size_min": 2,
                "team_size_max": 10,
                "tenancy": "shared-multi-tenant",
                "data_sensitivity_tier_max": "pii",
                "pattern": "modular-monolith",
                "qps_p99_min": 10,
                "platform_team_exists": false
              },
              "stack": { "language": "java-21", "database": "postgresql", "queue_options": ["outbox", "jobrunr"] },
              "anti_recommendations": { "microservices": "kill — too early" },
              "success_thresholds": {
                "p50_api_latency_ms": 50,
                "p95_api_latency_ms": 200,
                "p99_api_latency_ms": 500,
                "uptime_target": 0.995,
                "test_coverage_min": 0.7,
                "security_scan_severity_max": "medium",
                "rpo_minutes_max": 15,
                "rto_minutes_max": 60
              },
              "named_approver_chain": { "schema_change_production": "tech-lead + on-call" },
              "canon_references": ["a book"]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private static String broken(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Test
    void theValidFixtureLoads() throws IOException {
        Profile p = Profiles.fromFile(write("acme.json", VALID));
        assertThat(p.name()).isEqualTo("acme");
        assertThat(p.constraints())
                .isEqualTo(new ProfileConstraints(
                        2, 10, "shared-multi-tenant", SensitivityTier.PII, "modular-monolith", 10L, false, null));
        assertThat(p.stacks()).singleElement().satisfies(s -> {
            assertThat(s.key()).isEqualTo("stack");
            assertThat(s.picks())
                    .containsExactly(
                            new Stack.Pick("language", List.of("java-21"), false),
                            new Stack.Pick("database", List.of("postgresql"), false),
                            new Stack.Pick("queue_options", List.of("outbox", "jobrunr"), true));
        });
        assertThat(p.antiPatterns())
                .containsExactly(new AntiPattern("microservices", AntiPattern.Level.KILL, "kill — too early"));
        assertThat(p.sloFloor()).isEqualTo(new SloFloor(50, 200, 500, 0.995, 0.7, "medium", 15, 60, null));
        assertThat(p.approverChain())
                .containsExactly(new ApproverRule("schema_change_production", List.of("tech-lead", "on-call")));
        assertThat(p.source()).isEqualTo(dir.resolve("acme.json").toString());
    }

    @Test
    void aTypoedKeyNamesTheFileThePointerAndTheLikelyKey() throws IOException {
        Path file = write("acme.json", broken("\"team_size_min\"", "\"team_size_mn\""));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .isInstanceOf(DecisionException.class)
                .hasMessage(file + ": /constraints/team_size_mn: unknown key (did you mean 'team_size_min'?)");
    }

    @Test
    void aTypoedTopLevelKeyAlsoReportsTheMissingObject() throws IOException {
        Path file = write("acme.json", broken("\"success_thresholds\"", "\"sucess_thresholds\""));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 2 problems: /sucess_thresholds: unknown key (did you mean"
                        + " 'success_thresholds'?); /success_thresholds: missing required object");
    }

    @Test
    void anUnrecognisableKeyListsTheKnownKeys() throws IOException {
        Path file = write("acme.json", broken("\"pattern\": \"modular-monolith\",", "\"colour\": \"blue\","));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessageContaining("/constraints/colour: unknown key (known keys: team_size_min, team_size_max,"
                        + " tenancy, data_sensitivity_tier_max, pattern, qps_p99_min, platform_team_exists,"
                        + " admin_panel_needed)");
    }

    @Test
    void wrongTypesNameTheKeyAndWhatWasFound() throws IOException {
        Path file = write(
                "acme.json",
                broken("\"team_size_min\": 2", "\"team_size_min\": \"2\"")
                        .replace("\"platform_team_exists\": false", "\"platform_team_exists\": \"no\"")
                        .replace("\"p50_api_latency_ms\": 50", "\"p50_api_latency_ms\": 50.5")
                        .replace("\"canon_references\": [\"a book\"]", "\"canon_references\": \"a book\""));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 4 problems:"
                        + " /constraints/team_size_min: must be a whole number (found a string \"2\");"
                        + " /constraints/platform_team_exists: must be true or false (found a string \"no\");"
                        + " /success_thresholds/p50_api_latency_ms: must be a whole number (found a number 50.5);"
                        + " /canon_references: must be an array of strings (found a string)");
    }

    @Test
    void impossibleRangesAreErrors() throws IOException {
        Path file = write(
                "acme.json",
                broken("\"team_size_min\": 2", "\"team_size_min\": 20")
                        .replace("\"p50_api_latency_ms\": 50", "\"p50_api_latency_ms\": 300")
                        .replace("\"uptime_target\": 0.995", "\"uptime_target\": 99.5")
                        .replace("\"test_coverage_min\": 0.7", "\"test_coverage_min\": 70")
                        .replace("\"qps_p99_min\": 10", "\"qps_p99_min\": -1")
                        .replace("\"rpo_minutes_max\": 15", "\"rpo_minutes_max\": -15"));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 6 problems:"
                        + " /constraints/team_size_max: must be >= team_size_min (10 < 20);"
                        + " /constraints/qps_p99_min: must be >= 0 (was -1);"
                        + " /success_thresholds/p95_api_latency_ms: must be >= p50_api_latency_ms (200 < 300);"
                        + " /success_thresholds/uptime_target: must be a fraction between 0 and 1, e.g. 0.999"
                        + " (was 99.5);"
                        + " /success_thresholds/test_coverage_min: must be a fraction in [0, 1] (was 70);"
                        + " /success_thresholds/rpo_minutes_max: must be >= 0 (was -15)");
    }

    @Test
    void valuesNoTeamCouldMatchAreErrors() throws IOException {
        Path file = write(
                "acme.json",
                broken("\"tenancy\": \"shared-multi-tenant\"", "\"tenancy\": \"shard-multi-tenant\"")
                        .replace("\"data_sensitivity_tier_max\": \"pii\"", "\"data_sensitivity_tier_max\": \"hipaa\"")
                        .replace("\"pattern\": \"modular-monolith\"", "\"pattern\": \"mainframe\"")
                        .replace("\"medium\"", "\"severe\""));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 4 problems:"
                        + " /constraints/tenancy: 'shard-multi-tenant' matches none of single-tenant,"
                        + " shared-multi-tenant, isolated-multi-tenant, so no team could ever meet it;"
                        + " /constraints/data_sensitivity_tier_max: unknown tier 'hipaa'; accepted: public,"
                        + " internal, pii-only, pii, phi, pci, regulated;"
                        + " /constraints/pattern: 'mainframe' matches none of monolith, modular-monolith,"
                        + " domain-bounded-services, microservices, serverless, so no team could ever meet it;"
                        + " /success_thresholds/security_scan_severity_max: unknown severity 'severe'; accepted:"
                        + " none, low, medium, high, critical");
    }

    @Test
    void missingRequiredPartsAreNamed() throws IOException {
        Path file = write("acme.json", """
                {"profile_name": "x", "success_thresholds": {"p50_api_latency_ms": 1, "uptime_target": 0.9},
                 "named_approver_chain": {}}
                """);
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 6 problems: /constraints: missing required object;"
                        + " /success_thresholds/p95_api_latency_ms: missing required number;"
                        + " /success_thresholds/p99_api_latency_ms: missing required number;"
                        + " /success_thresholds/rpo_minutes_max: missing required number;"
                        + " /success_thresholds/rto_minutes_max: missing required number;"
                        + " /named_approver_chain: must name at least one approver; backendkit never approves on its"
                        + " own");
    }

    @Test
    void badStackAntiPatternAndApproverValuesAreNamed() throws IOException {
        Path file = write(
                "acme.json",
                broken("\"database\": \"postgresql\"", "\"database\": 16")
                        .replace("\"kill — too early\"", "true")
                        .replace("\"tech-lead + on-call\"", "\"tech-lead + \"")
                        .replace("[\"outbox\", \"jobrunr\"]", "[\"outbox\", 3]"));
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .hasMessage(file + ": 4 problems:"
                        + " /stack/database: must be a non-blank string or a non-empty array of strings (found a"
                        + " number);"
                        + " /stack/queue_options/1: must be a non-blank string (found a number);"
                        + " /anti_recommendations/microservices: must be a non-blank string (found a boolean);"
                        + " /named_approver_chain/schema_change_production: approver list 'tech-lead + ' has an"
                        + " empty name; write roles joined by ' + '");
    }

    @Test
    void syntaxErrorsNameTheLineAndColumn() throws IOException {
        Path file = write("acme.json", "{\n  \"profile_name\": \"acme\",\n  \"constraints\": {,\n}");
        assertThatThrownBy(() -> Profiles.fromFile(file))
                .isInstanceOf(DecisionException.class)
                .hasMessageStartingWith(file + " line 3, column 19: not valid JSON: Unexpected character (','");
    }

    @Test
    void duplicateKeysEmptyFilesAndNonObjectsAreRejected() throws IOException {
        Path dup = write("dup.json", "{\"profile_name\": \"a\", \"profile_name\": \"b\"}");
        assertThatThrownBy(() -> Profiles.fromFile(dup)).hasMessageContaining("Duplicate field 'profile_name'");
        Path empty = write("empty.json", "  \n");
        assertThatThrownBy(() -> Profiles.fromFile(empty))
                .hasMessage(empty + ": the file is empty; a profile is a JSON object");
        Path array = write("array.json", "[]");
        assertThatThrownBy(() -> Profiles.fromFile(array))
                .hasMessage(array + ": a profile must be a JSON object (found an array at the top level)");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"description\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Profiles.fromFile(latin1)).hasMessage(latin1 + ": not UTF-8 text");
    }

    @Test
    void anEmptyOrMissingDirectoryIsAClearError() throws IOException {
        assertThatThrownBy(() -> Profiles.fromDirectory(dir))
                .isInstanceOf(DecisionException.class)
                .hasMessage(dir + ": no *.json profile files in this directory");
        write("notes.txt", "not a profile");
        assertThatThrownBy(() -> DecisionEngine.builder().profilesFromDirectory(dir))
                .hasMessage(dir + ": no *.json profile files in this directory");
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> Profiles.fromDirectory(missing))
                .hasMessage(missing + ": profile directory does not exist");
        Path file = write("acme.json", VALID);
        assertThatThrownBy(() -> Profiles.fromDirectory(file))
                .hasMessage(file + ": not a directory; give the directory that holds the *.json profiles");
        assertThatThrownBy(() -> Profiles.fromFile(missing)).hasMessage(missing + ": profile file not found");
    }

    @Test
    void aDirectoryLoadsEveryJsonFileInNameOrderAndOneBadFileFailsTheLoad() throws IOException {
        write("b.json", VALID.replace("\"acme\"", "\"bravo\""));
        write("a.json", VALID.replace("\"acme\"", "\"alpha\""));
        write("readme.md", "ignored");
        assertThat(Profiles.fromDirectory(dir)).extracting(Profile::name).containsExactly("alpha", "bravo");
        Path bad = write("c.json", broken("\"description\"", "\"descripton\"").replace("\"acme\"", "\"charlie\""));
        assertThatThrownBy(() -> Profiles.fromDirectory(dir)).hasMessageStartingWith(bad + ": ");
    }

    @Test
    void aProfileWithoutANameIsNamedAfterItsFileAsInTheOriginal() throws IOException {
        Path file = write("my-team.json", VALID.replace("\"profile_name\": \"acme\",", ""));
        assertThat(Profiles.fromFile(file).name()).isEqualTo("my-team");
        assertThat(Profiles.parse(VALID.replace("\"profile_name\": \"acme\",", ""), "configs/other.json")
                        .name())
                .isEqualTo("other");
    }

    @Test
    void classpathDirectoriesLoadFromTheTestClasspath() {
        List<Profile> profiles = Profiles.fromClasspath("architecture-profiles");
        assertThat(profiles).extracting(Profile::name).containsExactly("acme-ktor-service", "acme-unnamed");
        Profile kotlin = profiles.get(0);
        assertThat(kotlin.source()).isEqualTo("classpath:architecture-profiles/acme-ktor-service.json");
        assertThat(kotlin.stacks()).extracting(Stack::variant).containsExactly("kotlin");
        assertThat(kotlin.antiPatterns())
                .extracting(AntiPattern::level)
                .containsExactly(AntiPattern.Level.KILL, AntiPattern.Level.WARN, AntiPattern.Level.NOTE);
        assertThat(Profiles.fromClasspathResource("/architecture-profiles/acme-unnamed.json")
                        .name())
                .isEqualTo("acme-unnamed");
        assertThatThrownBy(() -> Profiles.fromClasspath("no-such-dir"))
                .hasMessage("classpath:no-such-dir: no such resource directory on the classpath");
        assertThatThrownBy(() -> Profiles.fromClasspathResource("architecture-profiles/nope.json"))
                .hasMessage("classpath:architecture-profiles/nope.json: no such resource on the classpath");
    }

    @Test
    void classpathDirectoriesLoadFromJars() throws IOException {
        Path jar = dir.resolve("profiles.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (String name : List.of("team/", "team/zulu.json", "team/alpha.json", "team/nested/deep.json")) {
                jarOut.putNextEntry(new JarEntry(name));
                if (!name.endsWith("/")) {
                    String profileName = name.substring(name.lastIndexOf('/') + 1, name.length() - 5);
                    jarOut.write(
                            VALID.replace("\"acme\"", "\"" + profileName + "\"").getBytes(StandardCharsets.UTF_8));
                }
                jarOut.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Profile> profiles = Profiles.fromClasspath("team/", loader);
            assertThat(profiles).extracting(Profile::name).containsExactly("alpha", "zulu");
            assertThat(profiles.get(0).source()).isEqualTo("classpath:team/alpha.json");
        }
    }

    @Test
    void builtInProfilesLoadAndRoundTripThroughTheOriginalFormat() {
        assertThat(Profiles.builtInNames())
                .containsExactly(
                        "node-express",
                        "fastapi-python",
                        "django-monolith",
                        "go-or-rust-microservice",
                        "jvm-modular-monolith",
                        "jvm-extracted-service");
        for (Profile p : Profiles.builtIn()) {
            assertThat(p.source()).isEqualTo("built-in:" + p.name() + ".json");
            Profile back = Profiles.parse(p.toJson(), "round-trip.json");
            assertThat(back).usingRecursiveComparison().ignoringFields("source").isEqualTo(p);
            assertThat(p.description()).isNotBlank();
            assertThat(p.approverChain()).isNotEmpty();
        }
        assertThatThrownBy(() -> Profiles.builtIn("spring"))
                .hasMessage("built-in profile spring: no such built-in profile; available: node-express,"
                        + " fastapi-python, django-monolith, go-or-rust-microservice, jvm-modular-monolith,"
                        + " jvm-extracted-service");
    }

    @Test
    void theEngineRejectsNoProfilesAndDuplicateNames() throws IOException {
        assertThatThrownBy(() -> DecisionEngine.builder().build())
                .isInstanceOf(DecisionException.class)
                .hasMessage(
                        "DecisionEngine: no profiles; add built-in profiles, a directory, or a classpath directory");
        Path copy = write("node-express.json", Profiles.builtIn("node-express").toJson());
        assertThatThrownBy(() -> DecisionEngine.builder()
                        .builtInProfiles()
                        .profilesFromDirectory(dir)
                        .build())
                .hasMessage(copy + ": profile name 'node-express' is already used by built-in:node-express.json;"
                        + " profile names must be unique");
    }

    /**
     * The original engine's own profile files load unchanged and carry the same facts as the built-in
     * versions (constraints, stacks, thresholds, approvers), so they score identically.
     */
    @Test
    void theOriginalEnginesProfileFilesLoadAsIs() {
        Path reference = referenceProfiles();
        assumeTrue(
                reference != null,
                "original profiles not found: set BACKENDKIT_DECISION_PROFILES_DIR to"
                        + " shared/reference/decision-profiles");
        List<Profile> originals = Profiles.fromDirectory(reference);
        assertThat(originals)
                .extracting(Profile::name)
                .containsExactly("django-monolith", "fastapi-python", "go-or-rust-microservice", "node-express");
        for (Profile original : originals) {
            Profile builtIn = Profiles.builtIn(original.name());
            assertThat(original.constraints()).as(original.name()).isEqualTo(builtIn.constraints());
            assertThat(original.sloFloor()).as(original.name()).isEqualTo(builtIn.sloFloor());
            assertThat(original.stacks()).as(original.name()).isEqualTo(builtIn.stacks());
            assertThat(original.approverChain()).as(original.name()).isEqualTo(builtIn.approverChain());
            assertThat(original.antiPatterns())
                    .as(original.name())
                    .extracting(AntiPattern::name, AntiPattern::level)
                    .isEqualTo(builtIn.antiPatterns().stream()
                            .map(a -> org.assertj.core.groups.Tuple.tuple(a.name(), a.level()))
                            .toList());
        }
        for (RuleSet rules : RuleSet.values()) {
            DecisionEngine fromFiles = DecisionEngine.builder()
                    .profilesFromDirectory(reference)
                    .ruleSet(rules)
                    .build();
            DecisionEngine builtIn = ParityTest.engine(rules);
            ParityTest.cases().map(ParityTest.Case::input).forEach(input -> {
                assertThat(fromFiles.recommend(input).ranking())
                        .extracting(ProfileMatch::name, ProfileMatch::score)
                        .isEqualTo(builtIn.recommend(input).ranking().stream()
                                .map(m -> org.assertj.core.groups.Tuple.tuple(m.name(), m.score()))
                                .toList());
            });
        }
    }

    private static Path referenceProfiles() {
        String env = System.getenv("BACKENDKIT_DECISION_PROFILES_DIR");
        Path candidate = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of("../../shared/reference/decision-profiles")
                        .toAbsolutePath()
                        .normalize();
        return Files.isDirectory(candidate) ? candidate : null;
    }
}
