package io.backendkit.decision;

import io.backendkit.decision.internal.ProfileJson;
import java.util.List;

/**
 * One architecture profile: the constraints it fits, its stack, anti-patterns, SLO floor, approver
 * chain and references. Immutable and thread-safe.
 *
 * <p>Profiles are read from JSON in the original decision engine's format (see {@link Profiles}) and
 * can be written back to it with {@link #toJson()}, for example to copy a built-in profile and adjust
 * it for your organisation.
 *
 * @param name unique profile name ({@code profile_name}), e.g. {@code node-express}
 * @param description what the profile is for and when to pick it
 * @param version the profile's own version text, or null
 * @param constraints what a team must look like for the profile to fit
 * @param stacks technology picks, one entry per {@code stack} / {@code stack_<variant>} object
 * @param antiPatterns what not to introduce, in file order
 * @param sloFloor the verifiable success criteria
 * @param approverChain who must sign off which change, in file order, never empty
 * @param canonReferences books, papers and docs behind the profile
 * @param source where the profile was read from ({@code built-in:<file>}, a path, or a classpath URL)
 */
public record Profile(
        String name,
        String description,
        String version,
        ProfileConstraints constraints,
        List<Stack> stacks,
        List<AntiPattern> antiPatterns,
        SloFloor sloFloor,
        List<ApproverRule> approverChain,
        List<String> canonReferences,
        String source) {

    /**
     * Copies the lists; name, constraints, SLO floor, approver chain and source are required. A null
     * description becomes an empty string.
     *
     * @throws IllegalArgumentException if the name or source is blank, the constraints or SLO floor
     *     is null, or the approver chain is null or empty
     * @throws NullPointerException if {@code stacks}, {@code antiPatterns} or {@code canonReferences}
     *     is null or holds a null
     */
    public Profile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("profile name must not be blank");
        }
        if (constraints == null) {
            throw new IllegalArgumentException("profile " + name + ": constraints must not be null");
        }
        if (sloFloor == null) {
            throw new IllegalArgumentException("profile " + name + ": sloFloor must not be null");
        }
        if (approverChain == null || approverChain.isEmpty()) {
            throw new IllegalArgumentException("profile " + name + ": approverChain must not be empty");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("profile " + name + ": source must not be blank");
        }
        description = description == null ? "" : description;
        stacks = List.copyOf(stacks);
        antiPatterns = List.copyOf(antiPatterns);
        approverChain = List.copyOf(approverChain);
        canonReferences = List.copyOf(canonReferences);
    }

    /**
     * The profile in the original engine's JSON format; {@link Profiles#parse} reads it back to an
     * equal profile apart from {@link #source()}.
     *
     * @return indented JSON ending with a newline, with snake_case keys such as {@code profile_name}
     */
    public String toJson() {
        return ProfileJson.write(this);
    }
}
