package io.backendkit.loadgen;

/**
 * The outcome of one run-level expectation (expected statuses, rate limiting, a response check).
 *
 * @param name what was expected, for example {@code GET /users: status in [200]}
 * @param passed whether the run met it
 * @param detail the numbers behind the verdict
 */
public record ExpectationResult(String name, boolean passed, String detail) {

    /** Validates the components. */
    public ExpectationResult {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("expectation name must not be blank");
        }
        if (detail == null) {
            detail = "";
        }
    }
}
