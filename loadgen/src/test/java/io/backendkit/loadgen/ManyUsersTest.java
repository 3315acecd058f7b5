package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ManyUsersTest {

    @Test
    void tenThousandVirtualUsersRunConcurrentlyWithoutRunningOutOfMemoryOrThreads() {
        // Every user's first call waits until all 10,000 users are inside a call at the same time, so the
        // peak is exactly 10,000 if (and only if) the users really run concurrently; nothing here depends on
        // how fast a busy machine starts them. Later calls sleep 200 ms, so latency has a guaranteed floor.
        int users = 10_000;
        CountDownLatch allInside = new CountDownLatch(users);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger firstCallsReleased = new AtomicInteger();
        int platformThreadsBefore = Thread.activeCount();
        LoadReport r = LoadTest.of("service", () -> {
                    int now = inFlight.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    try {
                        if (allInside.getCount() > 0) {
                            allInside.countDown();
                            if (allInside.await(60, TimeUnit.SECONDS)) {
                                firstCallsReleased.incrementAndGet();
                            }
                        } else {
                            Thread.sleep(200);
                        }
                    } finally {
                        inFlight.decrementAndGet();
                    }
                    return now;
                })
                .concurrency(users)
                .rampUp(ofMillis(200))
                .duration(ofSeconds(2))
                // on a loaded machine the 10,000 released users can need a while to return
                .drainTimeout(ofSeconds(60))
                .progress(ProgressListener.none())
                .run();
        assertThat(allInside.getCount()).as("users that never entered a call").isZero();
        assertThat(peak.get()).isEqualTo(users);
        assertThat(firstCallsReleased.get()).isEqualTo(users);
        assertThat(r.total().errors()).as(r.toText()).isZero();
        // every user completed at least its first call (counted whether or not warm-up excludes none)
        assertThat(r.total().requests()).isGreaterThanOrEqualTo(users);
        // each call after the first sleeps 200 ms and the first ones waited for the others: nothing is faster
        // than the sleep at the median (a lower bound is guaranteed, an upper bound is machine speed)
        assertThat(r.total().latency().p50()).isGreaterThanOrEqualTo(ofMillis(190));
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

    @Test
    void tenThousandHttpUsersEachWithItsOwnKeepAliveConnection() throws Exception {
        // 10,000 client plus 10,000 server sockets exceed one process's file limit here (20,000),
        // so the server runs in a child JVM on 127.0.0.1
        long maxFiles = ((com.sun.management.UnixOperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        assumeTrue(
                maxFiles >= 12_000,
                "10,000 connections need 12,000 file descriptors; this process may open " + maxFiles
                        + " (raise ulimit -n)");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // see the surefire configuration: keep every idle keep-alive connection open
                        "-Dsun.net.httpserver.maxIdleConnections=20000",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ChildServer.class.getName(),
                        "200",
                        // every answer waits until all 10,000 users have a request in flight
                        "10000")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
            int port = Integer.parseInt(out.readLine().trim());
            int threadsBefore = Thread.activeCount();
            // The run stops after 20,000 requests, not after a time: the server holds every answer until all
            // 10,000 users have connected and sent, so each user's first request is in flight at the same
            // moment and the run cannot end before the slowest user has started. (With a 5 s duration a
            // busy machine had started only 8,880 users by the end.) Nothing here depends on how fast
            // the users start; the timeouts only bound a broken run.
            LoadReport r = LoadTest.http()
                    .get("http://127.0.0.1:" + port + "/")
                    .concurrency(10_000)
                    .rampUp(ofSeconds(2))
                    .requests(20_000)
                    .connectTimeout(ofSeconds(60))
                    .requestTimeout(ofSeconds(150))
                    .drainTimeout(ofSeconds(15))
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().errors()).as(r.toText()).isZero();
            assertThat(r.timeSeries().stream()
                            .mapToInt(IntervalStats::users)
                            .max()
                            .orElse(0))
                    .as(r.timeSeries().toString())
                    .isEqualTo(10_000);
            // every user completed requests over its own connection; answers took at least the server's delay
            assertThat(r.total().requests()).isEqualTo(20_000);
            assertThat(r.total().latency().min()).isGreaterThanOrEqualTo(ofMillis(199)); // histogram precision 0.1%
            assertThat(Thread.activeCount()).isLessThan(threadsBefore + 50);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
