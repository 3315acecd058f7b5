package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    private static final byte[] OK =
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aStartedRunCanBeWatchedStoppedEarlyAndLeavesNoConnectionsBehind() throws InterruptedException {
        AtomicInteger open = new AtomicInteger();
        try (var server = new TestServers.Raw((socket, in, out) -> {
            open.incrementAndGet();
            try {
                while (TestServers.readRequest(in)) {
                    Thread.sleep(2);
                    out.write(OK);
                    out.flush();
                }
            } finally {
                open.decrementAndGet();
            }
        })) {
            long start = System.nanoTime();
            LoadReport report;
            try (LoadRun run = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(8)
                    .duration(ofSeconds(60))
                    .progress(ProgressListener.none())
                    .start()) {
                assertThat(run.await(ofMillis(300))).isEmpty();
                assertThat(run.isDone()).isFalse();
                assertThat(open.get()).isEqualTo(8);
                run.stop();
                report = run.await();
                assertThat(run.isDone()).isTrue();
                assertThat(run.await(ofMillis(1))).contains(report);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).isLessThan(5);
            assertThat(report.total().requests()).isGreaterThan(100);
            assertThat(report.total().errors()).isZero();
            assertThat(report.measured()).isLessThan(ofSeconds(5));
            // every connection was closed by the generator once the run had ended
            for (int i = 0; i < 100 && open.get() > 0; i++) {
                Thread.sleep(10);
            }
            assertThat(open.get()).isZero();
        }
    }

    @Test
    void closingARunningRunStopsIt() {
        try (var server = new TestServers.Raw((socket, in, out) -> {
            while (TestServers.readRequest(in)) {
                out.write(OK);
                out.flush();
            }
        })) {
            long start = System.nanoTime();
            LoadRun run = LoadTest.http()
                    .get(server.uri("/"))
                    .concurrency(4)
                    .duration(ofSeconds(60))
                    .progress(ProgressListener.none())
                    .start();
            run.close();
            assertThat(run.isDone()).isTrue();
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        }
    }
}
