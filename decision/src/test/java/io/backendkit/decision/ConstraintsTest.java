package io.backendkit.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConstraintsTest {

    private static Constraints.Builder complete() {
        return Constraints.builder()
                .teamSize(8)
                .qpsP99(50)
                .readWriteRatio(20)
                .tenancy(Tenancy.SHARED_MULTI_TENANT)
                .dataSensitivity(SensitivityTier.PII)
                .pattern(ArchitecturePattern.MODULAR_MONOLITH);
    }

    @Test
    void anEmptyBuilderNamesEveryRequiredInputInOneException() {
        assertThatThrownBy(() -> Constraints.builder().build())
                .isInstanceOf(ConstraintsException.class)
                .hasMessage("Constraints: missing required inputs: teamSize, qpsP99, readWriteRatio, tenancy,"
                        + " dataSensitivity, pattern")
                .asInstanceOf(type(ConstraintsException.class))
                .satisfies(e -> {
                    assertThat(e.missingInputs())
                            .containsExactly(
                                    "teamSize", "qpsP99", "readWriteRatio", "tenancy", "dataSensitivity", "pattern");
                    assertThat(e.invalidInputs()).isEmpty();
                    assertThat(e.location()).isEqualTo("Constraints");
                });
    }

    static Stream<Arguments> eachRequiredInput() {
        return Stream.of(
                Arguments.of("teamSize", (UnaryOperator<Constraints.Builder>) b -> b.qpsP99(1)
                        .readWriteRatio(1)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .dataSensitivity(SensitivityTier.PUBLIC)
                        .pattern(ArchitecturePattern.MONOLITH)),
                Arguments.of("qpsP99", (UnaryOperator<Constraints.Builder>) b -> b.teamSize(1)
                        .readWriteRatio(1)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .dataSensitivity(SensitivityTier.PUBLIC)
                        .pattern(ArchitecturePattern.MONOLITH)),
                Arguments.of("readWriteRatio", (UnaryOperator<Constraints.Builder>) b -> b.teamSize(1)
                        .qpsP99(1)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .dataSensitivity(SensitivityTier.PUBLIC)
                        .pattern(ArchitecturePattern.MONOLITH)),
                Arguments.of("tenancy", (UnaryOperator<Constraints.Builder>) b -> b.teamSize(1)
                        .qpsP99(1)
                        .readWriteRatio(1)
                        .dataSensitivity(SensitivityTier.PUBLIC)
                        .pattern(ArchitecturePattern.MONOLITH)),
                Arguments.of("dataSensitivity", (UnaryOperator<Constraints.Builder>) b -> b.teamSize(1)
                        .qpsP99(1)
                        .readWriteRatio(1)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .pattern(ArchitecturePattern.MONOLITH)),
                Arguments.of("pattern", (UnaryOperator<Constraints.Builder>) b -> b.teamSize(1)
                        .qpsP99(1)
                        .readWriteRatio(1)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .dataSensitivity(SensitivityTier.PUBLIC)));
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("eachRequiredInput")
    void eachMissingInputIsNamedAlone(String missing, UnaryOperator<Constraints.Builder> allBut) {
        assertThatThrownBy(() -> allBut.apply(Constraints.builder()).build())
                .isInstanceOf(ConstraintsException.class)
                .hasMessage("Constraints: missing required inputs: " + missing)
                .asInstanceOf(type(ConstraintsException.class))
                .extracting(ConstraintsException::missingInputs)
                .isEqualTo(List.of(missing));
    }

    @Test
    void nullEnumsCountAsMissing() {
        assertThatThrownBy(() -> complete().tenancy(null).pattern(null).build())
                .asInstanceOf(type(ConstraintsException.class))
                .extracting(ConstraintsException::missingInputs)
                .isEqualTo(List.of("tenancy", "pattern"));
    }

    @Test
    void outOfRangeNumbersAreReportedWithTheirValuesTogetherWithMissingInputs() {
        assertThatThrownBy(() -> Constraints.builder()
                        .teamSize(0)
                        .qpsP99(-5)
                        .readWriteRatio(0)
                        .tenancy(Tenancy.SINGLE_TENANT)
                        .build())
                .isInstanceOf(ConstraintsException.class)
                .hasMessage("Constraints: missing required inputs: dataSensitivity, pattern;"
                        + " teamSize must be >= 1 (was 0); qpsP99 must be >= 0 (was -5);"
                        + " readWriteRatio must be > 0 and finite (was 0.0)")
                .asInstanceOf(type(ConstraintsException.class))
                .satisfies(e -> assertThat(e.invalidInputs()).hasSize(3));
    }

    @Test
    void nonFiniteRatiosAndImpossibleSloTargetsAreRejected() {
        assertThatThrownBy(() -> complete()
                        .readWriteRatio(Double.NaN)
                        .uptimeTarget(1.0)
                        .p99LatencyTargetMillis(0)
                        .rpoTargetMinutes(-1)
                        .rtoTargetMinutes(-2)
                        .build())
                .asInstanceOf(type(ConstraintsException.class))
                .satisfies(e -> {
                    assertThat(e.missingInputs()).isEmpty();
                    assertThat(e.invalidInputs())
                            .containsExactly(
                                    "readWriteRatio must be > 0 and finite (was NaN)",
                                    "p99LatencyTargetMillis must be >= 1 (was 0)",
                                    "uptimeTarget must be > 0 and < 1, e.g. 0.999 (was 1.0)",
                                    "rpoTargetMinutes must be >= 0 (was -1)",
                                    "rtoTargetMinutes must be >= 0 (was -2)");
                });
        assertThatThrownBy(() ->
                        complete().readWriteRatio(Double.POSITIVE_INFINITY).build())
                .hasMessageContaining("readWriteRatio must be > 0 and finite (was Infinity)");
    }

    @Test
    void theCanonicalConstructorValidatesToo() {
        assertThatThrownBy(() -> new Constraints(
                        0, 1, 1, null, SensitivityTier.PII, null, null, false, false, null, null, null, null))
                .isInstanceOf(ConstraintsException.class)
                .hasMessage("Constraints: missing required inputs: tenancy, pattern; teamSize must be >= 1 (was 0)");
    }

    @Test
    void defaultsAndToBuilderRoundTrip() {
        Constraints c = complete().language(Language.KOTLIN).uptimeTarget(0.999).build();
        assertThat(c.platformTeam()).isFalse();
        assertThat(c.adminPanel()).isFalse();
        assertThat(c.languageIfPresent()).contains(Language.KOTLIN);
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.toBuilder().teamSize(9).build().teamSize()).isEqualTo(9);
        assertThat(complete().build().languageIfPresent()).isEmpty();
    }

    @Test
    void wireNamesParseIgnoringCaseAndUnknownValuesListTheAcceptedOnes() {
        assertThat(Tenancy.fromWireName("Isolated-Multi-Tenant")).isEqualTo(Tenancy.ISOLATED_MULTI_TENANT);
        assertThat(Tenancy.fromWireName("SHARED_MULTI_TENANT")).isEqualTo(Tenancy.SHARED_MULTI_TENANT);
        assertThat(SensitivityTier.fromWireName("pii-only")).isEqualTo(SensitivityTier.PII_ONLY);
        assertThat(ArchitecturePattern.fromWireName("domain-bounded-services"))
                .isEqualTo(ArchitecturePattern.DOMAIN_BOUNDED_SERVICES);
        assertThat(Language.fromWireName(" dotnet ")).isEqualTo(Language.DOTNET);
        assertThatThrownBy(() -> SensitivityTier.fromWireName("hipaa"))
                .isInstanceOf(DecisionException.class)
                .hasMessage("dataSensitivity: unknown value 'hipaa'; accepted: public, internal, pii-only, pii, phi,"
                        + " pci, regulated");
        assertThatThrownBy(() -> Language.fromWireName(null))
                .hasMessage("language: no value given; accepted: typescript, python, go, rust, java, kotlin, dotnet");
    }

    @Test
    void recommendRejectsNullConstraints() {
        assertThatThrownBy(() -> DecisionEngine.withBuiltInProfiles().recommend(null))
                .isInstanceOf(DecisionException.class)
                .hasMessageStartingWith("constraints: must not be null");
    }
}
