package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.TextReport;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ entry point for {@link LoadReport}s, for performance tests in JUnit. Needs AssertJ on the
 * class path (an optional dependency of backendkit-loadgen). Every failure message carries the
 * report's percentile table; an {@link LoadReportAssert#errorRate() errorRate()} failure also the
 * failed and never-sent counts and the error table of {@link LoadReport#toText()} (endpoint, kind,
 * count, first message). Every assertion fails on a run (or endpoint) in which no request got an
 * answer: a dead target never passes.
 *
 * <pre>{@code
 * LoadAssertions.assertThat(report).p99().isLessThan(ofMillis(50));
 * LoadAssertions.assertThat(report).errorRate().isLessThan(0.01);
 * LoadAssertions.assertThat(report).throughput().isGreaterThan(1000);
 * LoadAssertions.assertThat(report).endpoint("GET /users").p95().isLessThan(ofMillis(20))
 *         .and().hasNoErrors().passedExpectations();
 * }</pre>
 */
public final class LoadAssertions {

    private LoadAssertions() {}

    /**
     * Starts assertions on a report (its totals; {@link LoadReportAssert#endpoint} narrows to one endpoint).
     *
     * @param actual the report; a null report fails the first assertion
     * @return the assertions
     */
    public static LoadReportAssert assertThat(LoadReport actual) {
        return new LoadReportAssert(actual, null);
    }

    /**
     * Assertions on a report, on its totals or on one endpoint. Each assertion fails with an {@link
     * AssertionError} whose message carries the report's percentile table. Not thread-safe (like any
     * AssertJ assertion object); the report itself is.
     */
    @SuppressWarnings("exports") // AssertJ is optional: a module that uses these assertions requires it itself
    public static final class LoadReportAssert extends AbstractAssert<LoadReportAssert, LoadReport> {

        private final String endpointName;

        LoadReportAssert(LoadReport actual, String endpointName) {
            super(actual, LoadReportAssert.class);
            this.endpointName = endpointName;
        }

        private EndpointStats stats() {
            EndpointStats s = statsOrNone();
            if (s.responses() == 0) {
                failWithMessage(
                        "expected %s to have answered requests but none of %d got an answer (%d without a response,"
                                + " %d never sent):%n%s%n%s",
                        scope(), s.due(), s.noResponse(), s.dropped() + s.notStarted(), errorLines(), table());
            }
            return s;
        }

        private EndpointStats statsOrNone() {
            isNotNull();
            if (endpointName == null) {
                return actual.total();
            }
            return actual.endpoints().stream()
                    .filter(e -> e.name().equals(endpointName))
                    .findFirst()
                    .orElseThrow(() -> failure(
                            "expected report %s to have endpoint %s but it has %s%n%s",
                            actual.name(),
                            endpointName,
                            actual.endpoints().stream().map(EndpointStats::name).toList(),
                            table()));
        }

        private String scope() {
            return endpointName == null ? "the run" : "endpoint " + endpointName;
        }

        String table() {
            return TextReport.percentileTable(actual);
        }

        /**
         * Narrows the following assertions to one endpoint.
         *
         * @param name the endpoint's name as in {@link EndpointStats#name()}
         * @return new assertions on that endpoint
         * @throws AssertionError when the report has no endpoint of that name (the message lists those it
         *     has)
         */
        public LoadReportAssert endpoint(String name) {
            isNotNull();
            LoadReportAssert narrowed = new LoadReportAssert(actual, name);
            narrowed.statsOrNone();
            return narrowed;
        }

        /**
         * The median latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p50() {
            return latency("p50", LatencyStats::p50);
        }

        /**
         * The 90th percentile latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p90() {
            return latency("p90", LatencyStats::p90);
        }

        /**
         * The 95th percentile latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p95() {
            return latency("p95", LatencyStats::p95);
        }

        /**
         * The 99th percentile latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p99() {
            return latency("p99", LatencyStats::p99);
        }

        /**
         * The 99.9th percentile latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p999() {
            return latency("p99.9", LatencyStats::p999);
        }

        /**
         * The largest latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert maxLatency() {
            return latency("max", LatencyStats::max);
        }

        /**
         * The mean latency.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert meanLatency() {
            return latency("mean", LatencyStats::mean);
        }

        /**
         * The service-time percentiles (open model; equal to latency in the closed model).
         *
         * @return assertions on the service time of this scope
         * @throws AssertionError when no request of the scope got an answer
         */
        public ServiceTimeAssert serviceTime() {
            stats();
            return new ServiceTimeAssert(this);
        }

        private LatencyAssert latency(String what, Function<LatencyStats, Duration> read) {
            EndpointStats s = stats();
            return new LatencyAssert(read.apply(s.latency()), what + " latency of " + scope(), this);
        }

        /**
         * The failed share of requests, 0..1. A failure message names how many requests failed and lists
         * the errors of the scope by endpoint, kind, count and first message. See {@link
         * EndpointStats#errorRate()} for what counts.
         *
         * @return assertions on the error rate; {@link NumberAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public NumberAssert errorRate() {
            EndpointStats s = stats();
            String table = TextReport.errorTable(actual, endpointName);
            String breakdown = String.format(
                    "%n%d of %d requests failed, %d due were never sent%s",
                    s.errors(),
                    s.requests(),
                    s.dropped() + s.notStarted(),
                    table.isEmpty() ? "" : String.format(":%n%s", table));
            return new NumberAssert(s.errorRate(), "error rate of " + scope(), "", breakdown, this);
        }

        /**
         * Requests completed per second of the measured window.
         *
         * @return assertions on the throughput; {@link NumberAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public NumberAssert throughput() {
            EndpointStats s = stats();
            return new NumberAssert(s.throughputPerSecond(), "throughput of " + scope(), " req/s", "", this);
        }

        /**
         * Measured requests sent (failed ones included).
         *
         * @return assertions on the request count; {@link NumberAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public NumberAssert requests() {
            EndpointStats s = stats();
            return new NumberAssert(s.requests(), "requests of " + scope(), "", "", this);
        }

        /**
         * Asserts that no request failed and every arrival due was sent.
         *
         * @return these assertions
         * @throws AssertionError when a request failed or an arrival was never sent (the message lists the
         *     errors), or no request got an answer
         */
        public LoadReportAssert hasNoErrors() {
            EndpointStats s = stats();
            if (s.errors() > 0 || s.dropped() + s.notStarted() > 0) {
                failWithMessage(
                        "expected no errors in %s but %d of %d requests failed and %d due were never sent:%n%s%n%s",
                        scope(), s.errors(), s.requests(), s.dropped() + s.notStarted(), errorLines(), table());
            }
            return myself;
        }

        /**
         * Asserts that at least one response had status 429 (for rate-limiting tests).
         *
         * @return these assertions
         * @throws AssertionError when no 429 arrived (the message lists the statuses), or no request got an
         *     answer
         */
        public LoadReportAssert wasRateLimited() {
            EndpointStats s = stats();
            if (s.rateLimited() == 0) {
                failWithMessage(
                        "expected %s to be rate-limited (status 429) but no 429 arrived among %d requests; statuses %s%n%s",
                        scope(), s.requests(), s.statusCounts(), table());
            }
            return myself;
        }

        /**
         * Asserts that at least one request got an answer and every run-level expectation passed. The
         * expectations are the run's, whatever the scope.
         *
         * @return these assertions
         * @throws AssertionError naming each failed expectation with its detail
         */
        public LoadReportAssert passedExpectations() {
            stats();
            StringBuilder failed = new StringBuilder();
            for (ExpectationResult e : actual.expectations()) {
                if (!e.passed()) {
                    failed.append(String.format("  FAIL %s: %s%n", e.name(), e.detail()));
                }
            }
            if (failed.length() > 0) {
                failWithMessage("expected every expectation to pass but:%n%s%s", failed, table());
            }
            return myself;
        }

        /**
         * Asserts that no request of the open model was late, dropped or left unsent at the end (always
         * true of the closed model). The counts are the run's, whatever the scope.
         *
         * @return these assertions
         * @throws AssertionError when a request was late, dropped or not started, or no request got an
         *     answer
         */
        public LoadReportAssert hasNoLateOrDroppedRequests() {
            stats();
            if (actual.lateRequests() > 0 || actual.droppedRequests() > 0 || actual.notStartedRequests() > 0) {
                failWithMessage(
                        "expected no late or dropped requests but %d were late, %d dropped and %d not started%n%s",
                        actual.lateRequests(), actual.droppedRequests(), actual.notStartedRequests(), table());
            }
            return myself;
        }

        private String errorLines() {
            StringBuilder s = new StringBuilder();
            for (ErrorStats e : actual.errors()) {
                if (endpointName == null || e.endpoint().equals(endpointName)) {
                    s.append(String.format("  %s %s x%d: %s%n", e.endpoint(), e.kind(), e.count(), e.firstMessage()));
                }
            }
            return s.toString();
        }

        void fail(String format, Object... args) {
            failWithMessage(format, args);
        }
    }

    /** Service-time percentiles of a report or endpoint. Not thread-safe. */
    public static final class ServiceTimeAssert {
        private final LoadReportAssert parent;

        ServiceTimeAssert(LoadReportAssert parent) {
            this.parent = parent;
        }

        /**
         * The median service time.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p50() {
            return service("p50", LatencyStats::p50);
        }

        /**
         * The 99th percentile service time.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert p99() {
            return service("p99", LatencyStats::p99);
        }

        /**
         * The largest service time.
         *
         * @return assertions on that figure; {@link LatencyAssert#and()} returns here
         * @throws AssertionError when no request of the scope got an answer
         */
        public LatencyAssert max() {
            return service("max", LatencyStats::max);
        }

        private LatencyAssert service(String what, Function<LatencyStats, Duration> read) {
            EndpointStats s = parent.stats();
            return new LatencyAssert(
                    read.apply(s.serviceTimeOrLatency()), what + " service time of " + parent.scope(), parent);
        }
    }

    /**
     * Assertions on one latency figure; a failure message names the figure and scope, both values in
     * milliseconds and the report's percentile table. Not thread-safe.
     */
    @SuppressWarnings("exports")
    public static final class LatencyAssert extends AbstractAssert<LatencyAssert, Duration> {
        private final String what;
        private final LoadReportAssert parent;

        LatencyAssert(Duration actual, String what, LoadReportAssert parent) {
            super(actual, LatencyAssert.class);
            this.what = what;
            this.parent = parent;
        }

        /**
         * Back to the report for more assertions.
         *
         * @return the report assertions this figure came from (same scope)
         */
        public LoadReportAssert and() {
            return parent;
        }

        /**
         * Asserts that the figure is strictly below {@code limit}.
         *
         * @param limit the bound, not null
         * @return these assertions
         * @throws AssertionError when the figure is not strictly below the bound
         * @throws IllegalArgumentException when {@code limit} is null
         */
        public LatencyAssert isLessThan(Duration limit) {
            check(limit, actual.compareTo(limit) < 0, "less than");
            return myself;
        }

        /**
         * Asserts that the figure is at most {@code limit}.
         *
         * @param limit the bound, not null
         * @return these assertions
         * @throws AssertionError when the figure is not at most the bound
         * @throws IllegalArgumentException when {@code limit} is null
         */
        public LatencyAssert isLessThanOrEqualTo(Duration limit) {
            check(limit, actual.compareTo(limit) <= 0, "at most");
            return myself;
        }

        /**
         * Asserts that the figure is strictly above {@code limit}.
         *
         * @param limit the bound, not null
         * @return these assertions
         * @throws AssertionError when the figure is not strictly above the bound
         * @throws IllegalArgumentException when {@code limit} is null
         */
        public LatencyAssert isGreaterThan(Duration limit) {
            check(limit, actual.compareTo(limit) > 0, "greater than");
            return myself;
        }

        /**
         * Asserts that the figure is at least {@code limit}.
         *
         * @param limit the bound, not null
         * @return these assertions
         * @throws AssertionError when the figure is not at least the bound
         * @throws IllegalArgumentException when {@code limit} is null
         */
        public LatencyAssert isGreaterThanOrEqualTo(Duration limit) {
            check(limit, actual.compareTo(limit) >= 0, "at least");
            return myself;
        }

        /**
         * Asserts that the figure is within {@code [low, high]}, both bounds included.
         *
         * @param low the lower bound, not null
         * @param high the upper bound, not null
         * @return these assertions
         * @throws AssertionError when the figure is outside the bounds
         * @throws IllegalArgumentException when a bound is null
         */
        public LatencyAssert isBetween(Duration low, Duration high) {
            if (low == null || high == null) {
                throw new IllegalArgumentException("bounds must not be null");
            }
            if (actual.compareTo(low) < 0 || actual.compareTo(high) > 0) {
                parent.fail(
                        "expected %s to be between %s ms and %s ms but was %s ms%n%s",
                        what, ms(low), ms(high), ms(actual), parent.table());
            }
            return myself;
        }

        private void check(Duration limit, boolean ok, String relation) {
            if (limit == null) {
                throw new IllegalArgumentException("limit must not be null");
            }
            if (!ok) {
                parent.fail(
                        "expected %s to be %s %s ms but was %s ms%n%s",
                        what, relation, ms(limit), ms(actual), parent.table());
            }
        }

        private static String ms(Duration d) {
            return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
        }
    }

    /**
     * Assertions on one number (error rate, throughput, request count); a failure message names the
     * figure and scope, both values and the report's percentile table. Not thread-safe.
     */
    @SuppressWarnings("exports")
    public static final class NumberAssert extends AbstractAssert<NumberAssert, Double> {
        private final String what;
        private final String unit;
        private final String detail;
        private final LoadReportAssert parent;

        NumberAssert(double actual, String what, String unit, String detail, LoadReportAssert parent) {
            super(actual, NumberAssert.class);
            this.what = what;
            this.unit = unit;
            this.detail = detail;
            this.parent = parent;
        }

        /**
         * Back to the report for more assertions.
         *
         * @return the report assertions this figure came from (same scope)
         */
        public LoadReportAssert and() {
            return parent;
        }

        /**
         * Asserts that the figure is strictly below {@code limit}.
         *
         * @param limit the bound
         * @return these assertions
         * @throws AssertionError when the figure is not strictly below the bound
         */
        public NumberAssert isLessThan(double limit) {
            return check(limit, actual < limit, "less than");
        }

        /**
         * Asserts that the figure is at most {@code limit}.
         *
         * @param limit the bound
         * @return these assertions
         * @throws AssertionError when the figure is not at most the bound
         */
        public NumberAssert isLessThanOrEqualTo(double limit) {
            return check(limit, actual <= limit, "at most");
        }

        /**
         * Asserts that the figure is strictly above {@code limit}.
         *
         * @param limit the bound
         * @return these assertions
         * @throws AssertionError when the figure is not strictly above the bound
         */
        public NumberAssert isGreaterThan(double limit) {
            return check(limit, actual > limit, "greater than");
        }

        /**
         * Asserts that the figure is at least {@code limit}.
         *
         * @param limit the bound
         * @return these assertions
         * @throws AssertionError when the figure is not at least the bound
         */
        public NumberAssert isGreaterThanOrEqualTo(double limit) {
            return check(limit, actual >= limit, "at least");
        }

        /**
         * Asserts that the figure is exactly zero.
         *
         * @return these assertions
         * @throws AssertionError when the figure is not zero
         */
        public NumberAssert isZero() {
            return check(0, actual == 0, "exactly");
        }

        private NumberAssert check(double limit, boolean ok, String relation) {
            if (!ok) {
                parent.fail(
                        "expected %s to be %s %s%s but was %s%s%s%n%s",
                        what, relation, format(limit), unit, format(actual), unit, detail, parent.table());
            }
            return myself;
        }

        private static String format(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15
                    ? String.format(Locale.ROOT, "%.0f", v)
                    : String.format(Locale.ROOT, "%.4f", v);
        }
    }
}
