package io.backendkit.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Constraints} that cannot be built: every missing required input and every out-of-range
 * value, all at once, so a caller fixes them in one pass.
 *
 * <p>The message reads {@code Constraints: missing required inputs: teamSize, tenancy; readWriteRatio
 * must be > 0 (was 0.0)}.
 */
public final class ConstraintsException extends DecisionException {

    private static final long serialVersionUID = 1L;

    /** The location every instance reports. */
    public static final String LOCATION = "Constraints";

    /** Names of required inputs that were not given, in builder order. */
    private final String[] missingInputs;

    /** One sentence per out-of-range value. */
    private final String[] invalidInputs;

    /**
     * Creates the exception; at least one list must be non-empty.
     *
     * @param missingInputs names of required inputs that were not given, in builder order
     * @param invalidInputs one sentence per out-of-range value, naming the input and the value
     * @throws IllegalArgumentException if a list is null or both are empty
     */
    public ConstraintsException(List<String> missingInputs, List<String> invalidInputs) {
        super(LOCATION, describe(missingInputs, invalidInputs));
        this.missingInputs = missingInputs.toArray(String[]::new);
        this.invalidInputs = invalidInputs.toArray(String[]::new);
    }

    /**
     * Names of required inputs that were not given.
     *
     * @return an unmodifiable list in builder order, e.g. {@code [teamSize, qpsP99]}; empty when
     *     every required input was given
     */
    public List<String> missingInputs() {
        return List.of(missingInputs);
    }

    /**
     * One sentence per out-of-range value.
     *
     * @return an unmodifiable list, e.g. {@code [teamSize must be >= 1 (was 0)]}; empty when every
     *     given value is in range
     */
    public List<String> invalidInputs() {
        return List.of(invalidInputs);
    }

    private static String describe(List<String> missing, List<String> invalid) {
        if (missing == null || invalid == null || (missing.isEmpty() && invalid.isEmpty())) {
            throw new IllegalArgumentException("a ConstraintsException needs at least one missing or invalid input");
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing required inputs: " + String.join(", ", missing));
        }
        parts.addAll(invalid);
        return String.join("; ", parts);
    }
}
