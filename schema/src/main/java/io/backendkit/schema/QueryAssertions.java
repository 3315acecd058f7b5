package io.backendkit.schema;

import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ entry point for {@link RecordedQueries}. Needs AssertJ on the class path (an optional
 * dependency of backendkit-schema).
 *
 * <pre>{@code
 * QueryAssertions.assertThat(queries).hasNoNPlusOne().hasStatementCountAtMost(3);
 * }</pre>
 */
public final class QueryAssertions {

    private QueryAssertions() {}

    /**
     * Starts assertions on {@code actual}.
     *
     * @param actual the recorded statements
     * @return the assertion object, for chaining
     */
    public static RecordedQueriesAssert assertThat(RecordedQueries actual) {
        return new RecordedQueriesAssert(actual);
    }

    /** Assertions on the statements a block of code ran; failure messages list the statements. */
    @SuppressWarnings("exports") // AssertJ is optional: a module that uses these assertions requires it itself
    public static final class RecordedQueriesAssert extends AbstractAssert<RecordedQueriesAssert, RecordedQueries> {

        RecordedQueriesAssert(RecordedQueries actual) {
            super(actual, RecordedQueriesAssert.class);
        }

        /**
         * No statement shape ran 3 or more times with different parameters.
         *
         * @return this assertion object, for chaining
         * @throws AssertionError when the statements do not satisfy it; the message lists them
         */
        public RecordedQueriesAssert hasNoNPlusOne() {
            return hasNoStatementRepeatedAtLeast(RecordedQueries.DEFAULT_N_PLUS_ONE_THRESHOLD);
        }

        /**
         * No statement shape ran {@code times} or more times with different parameters.
         *
         * @param times the smallest repeat count that fails
         * @return this assertion object, for chaining
         * @throws AssertionError when the statements do not satisfy it; the message lists them
         */
        public RecordedQueriesAssert hasNoStatementRepeatedAtLeast(int times) {
            isNotNull();
            var repeated = actual.repeated(times);
            if (!repeated.isEmpty()) {
                var r = repeated.get(0);
                failWithMessage(
                        "expected no N+1 queries but this statement ran %d times with %d different parameter"
                                + " sets:%n  %s%n%s",
                        r.executions(), r.distinctParameterSets(), r.shape(), actual.toText());
            }
            return myself;
        }

        /**
         * Exactly {@code expected} statements ran.
         *
         * @param expected the number of statements
         * @return this assertion object, for chaining
         * @throws AssertionError when the statements do not satisfy it; the message lists them
         */
        public RecordedQueriesAssert hasStatementCount(int expected) {
            isNotNull();
            if (actual.count() != expected) {
                failWithMessage("expected %d statement(s) but %d ran:%n%s", expected, actual.count(), actual.toText());
            }
            return myself;
        }

        /**
         * At most {@code max} statements ran.
         *
         * @param max the largest number of statements that passes
         * @return this assertion object, for chaining
         * @throws AssertionError when the statements do not satisfy it; the message lists them
         */
        public RecordedQueriesAssert hasStatementCountAtMost(int max) {
            isNotNull();
            if (actual.count() > max) {
                failWithMessage(
                        "expected at most %d statement(s) but %d ran:%n%s", max, actual.count(), actual.toText());
            }
            return myself;
        }
    }
}
