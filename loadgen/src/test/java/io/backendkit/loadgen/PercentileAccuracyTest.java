package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileAccuracyTest {

    @Test
    void percentilesMatchAServerWithKnownInjectedLatency() {
        // GIVEN a server that answers in 10 ms, and every 50th request in 200 ms. (With 1 in 100 slow,
        // p99 would sit exactly on the step between the two latencies, and any noise moves it.)
        AtomicLong counter = new AtomicLong();
        try (var server = new TestServers.Jdk(ex -> {
            long n = counter.incrementAndGet();
            try {
                Thread.sleep(n % 50 == 0 ? 200 : 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServers.reply(ex, 200, "ok");
        })) {
            // WHEN 20 users load it for 3 seconds
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(20)
                    .warmUp(ofMillis(300))
                    .duration(ofSeconds(3))
                    .progress(ProgressListener.none())
                    .run();

            // THEN the percentiles show 10 ms for most requests and 200 ms for the slowest 2%
            LatencyStats l = r.total().latency();
            assertThat(r.total().requests()).isGreaterThan(1500);
            assertThat(l.p50()).isBetween(ofMillis(10), ofMillis(20));
            assertThat(l.p90()).isBetween(ofMillis(10), ofMillis(25));
            assertThat(l.p999()).isBetween(ofMillis(200), ofMillis(260));
            assertThat(l.max()).isBetween(ofMillis(200), ofMillis(400));
            Histogram h = r.total().latencyHistogram();
            double belowHundredMs = h.getPercentileAtOrBelowValue(100_000_000L);
            assertThat(belowHundredMs).isBetween(97.3, 98.3);
            long slow = h.getCountBetweenValues(200_000_000L, Long.MAX_VALUE / 4);
            // the slow ones are exactly the server's every-50th (within the requests on the edges of the window)
            assertThat((double) slow / h.getTotalCount()).isBetween(0.016, 0.024);
            assertThat(l.p95()).isBetween(ofMillis(10), ofMillis(50));
            assertThat(l.p99()).isBetween(ofMillis(200), ofMillis(260));
            assertThat(l.minNanos()).isGreaterThanOrEqualTo(10_000_000L);
        }
    }
}
