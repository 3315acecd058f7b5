package io.backendkit.loadgen;

/**
 * The outcome of one run-level expectation (expected statuses, rate limiting, a response check).
 * Immutable and thread-safe.
 *
 * @param name what was expected, for example {@code GET /users: status in [200]}
 * @param passed whether the run met it
 * @param detail the numbers behind the verdict
 */
public record ExpectationResult(String name, boolean passed, String detail) {

    /**
     * Validates the components (a null detail becomes empty).
     *
     * @throws IllegalArgumentException when {@code name} is blank
     */
    public ExpectationResult {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("expectation name must not be blank");
        }
        if (detail == null) {
            detail = "";
        }
    }

    /**
     * One line for logs and debuggers, as in the report's expectation table.
     *
     * @return for example {@code ExpectationResult[PASS GET /users: status in [200]: 500 of 500]}
     */
    @Override
    public String toString() {
        return "ExpectationResult[" + (passed ? "PASS " : "FAIL ") + name + (detail.isEmpty() ? "" : ": " + detail)
                + "]";
    }
}
