package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManyUsersTest {

    @Test
    void tenThousandVirtualUsersRunConcurrentlyWithoutRunningOutOfMemoryOrThreads() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        int platformThreadsBefore = Thread.activeCount();
        LoadReport r = LoadTest.of("service", () -> {
                    int now = inFlight.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    try {
                        Thread.sleep(200);
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return now;
                })
                .concurrency(10_000)
                .rampUp(ofMillis(200))
                .duration(ofSeconds(2))
                .progress(ProgressListener.none())
                .run();
        assertThat(peak.get()).isGreaterThan(9_000);
        // 10,000 users x (2 s / 200 ms) is about 100,000 calls; allow for a busy machine
        assertThat(r.total().requests()).isGreaterThan(40_000);
        assertThat(r.total().errors()).isZero();
        assertThat(r.total().latency().p50()).isBetween(ofMillis(200), ofMillis(400));
        // virtual threads: the platform thread count did not grow with the users
        assertThat(Thread.activeCount()).isLessThan(platformThreadsBefore + 50);
    }

    @Test
    void twoThousandHttpUsersEachWithItsOwnConnection() {
        try (var server = new TestServers.Jdk(ex -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(2_000)
                    .rampUp(ofMillis(500))
                    .duration(ofSeconds(2))
                    .connectTimeout(ofSeconds(5))
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().errors()).isZero();
            // every user got answers (the JDK server, not the generator, limits the rate here)
            assertThat(r.total().requests()).isGreaterThan(2_000);
            assertThat(r.timeSeries().get(r.timeSeries().size() - 1).users())
                    .as(r.timeSeries().toString())
                    .isEqualTo(2_000);
        }
    }
}
