package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadAssertionsTest {

    static LoadReport report;

    @BeforeAll
    static void run() {
        AtomicLong n = new AtomicLong();
        report = LoadTest.of("fast", () -> 1)
                .and("flaky", () -> {
                    if (n.incrementAndGet() % 10 == 0) {
                        throw new IllegalStateException("flaky failed");
                    }
                    Thread.sleep(2);
                    return 2;
                })
                .concurrency(4)
                .requests(2000)
                .progress(ProgressListener.none())
                .run();
    }

    @Test
    void passingAssertionsChain() {
        LoadAssertions.assertThat(report)
                .p99()
                .isLessThan(ofSeconds(5))
                .isGreaterThan(ofMillis(0))
                .and()
                .p50()
                .isLessThanOrEqualTo(ofSeconds(1))
                .and()
                .throughput()
                .isGreaterThan(10)
                .and()
                .requests()
                .isGreaterThanOrEqualTo(2000)
                .and()
                .errorRate()
                .isLessThan(0.2)
                .and()
                .endpoint("fast")
                .hasNoErrors()
                .p999()
                .isLessThan(ofSeconds(1))
                .and()
                .serviceTime()
                .p99()
                .isBetween(ofMillis(0), ofSeconds(1));
        LoadAssertions.assertThat(report).endpoint("flaky").p50().isGreaterThanOrEqualTo(ofMillis(2));
        LoadAssertions.assertThat(report).passedExpectations().hasNoLateOrDroppedRequests();
    }

    @Test
    void failuresNameTheFigureAndShowThePercentileTable() {
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).p99().isLessThan(ofMillis(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected p99 latency of the run to be less than 1.000 ms but was ")
                .hasMessageContaining("latency (ms)")
                .hasMessageContaining("p99.9")
                .hasMessageContaining("flaky");
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).errorRate().isLessThan(0.01))
                .hasMessageStartingWith("expected error rate of the run to be less than 0.0100 but was 0.")
                .hasMessageContaining("latency (ms)");
        long flakyErrors = report.endpoint("flaky").errors();
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).errorRate().isLessThan(0.01))
                .hasMessageContaining(
                        "%d of %d requests failed, 0 due were never sent",
                        flakyErrors, report.total().requests())
                .hasMessageContaining("first message")
                .hasMessageMatching("(?s).*flaky +EXCEPTION +%d +IllegalStateException: flaky failed \\(flaky\\).*"
                        .formatted(flakyErrors));
        assertThatThrownBy(() -> LoadAssertions.assertThat(report)
                        .endpoint("fast")
                        .errorRate()
                        .isGreaterThan(0.5))
                .hasMessageStartingWith("expected error rate of endpoint fast to be greater than 0.5000 but was 0")
                .hasMessageContaining("0 of ")
                .hasMessageNotContaining("first message");
        assertThatThrownBy(() -> LoadAssertions.assertThat(report)
                        .endpoint("flaky")
                        .errorRate()
                        .isZero())
                .hasMessageContaining("flaky failed");
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).throughput().isGreaterThan(1e12))
                .hasMessageContaining("throughput of the run to be greater than 1000000000000 req/s");
        assertThatThrownBy(() ->
                        LoadAssertions.assertThat(report).endpoint("flaky").hasNoErrors())
                .hasMessageStartingWith("expected no errors in endpoint flaky but ")
                .hasMessageContaining("flaky EXCEPTION x")
                .hasMessageContaining("IllegalStateException: flaky failed");
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).endpoint("nope"))
                .hasMessageStartingWith("expected report 2 tasks to have endpoint nope but it has [fast, flaky]");
        assertThatThrownBy(() -> LoadAssertions.assertThat(report).wasRateLimited())
                .hasMessageStartingWith("expected the run to be rate-limited (status 429) but no 429 arrived");
        assertThatThrownBy(() -> LoadAssertions.assertThat((LoadReport) null).p99())
                .isInstanceOf(AssertionError.class);
    }
}
