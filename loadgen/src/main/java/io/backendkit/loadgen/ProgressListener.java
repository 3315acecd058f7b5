package io.backendkit.loadgen;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives a {@link Progress} snapshot once per sample interval while a run is going, on the run's
 * sampler thread. Implementations should return quickly; an exception they throw is logged and
 * otherwise ignored.
 *
 * <pre>{@code
 * LoadTest.http().get(uri).progress(p -> dashboard.update(p.interval())).run();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /**
     * Called once per interval, on the run's sampler thread.
     *
     * @param progress the snapshot of the interval that just ended
     */
    void onProgress(Progress progress);

    /**
     * The default listener: one INFO line per interval through SLF4J (logger {@code
     * io.backendkit.loadgen.LoadTest}), for example {@code orders measuring 12s: 4321 req/s, p50
     * 1.204 ms, p99 5.611 ms, 0 errors (51234 requests so far)}.
     *
     * @return a stateless, thread-safe listener
     */
    static ProgressListener logging() {
        Logger log = LoggerFactory.getLogger(LoadTest.class);
        return p -> {
            if (!log.isInfoEnabled()) {
                return;
            }
            if (p.warmingUp()) {
                log.info(
                        "{} warming up {}s: {} warm-up requests",
                        p.name(),
                        p.elapsed().toSeconds(),
                        p.warmUpRequests());
            } else {
                IntervalStats i = p.interval();
                log.info(
                        "{} measuring {}s: {} req/s, p50 {} ms, p99 {} ms, {} errors ({} requests so far)",
                        p.name(),
                        p.elapsed().toSeconds(),
                        String.format(Locale.ROOT, "%.0f", i.throughputPerSecond()),
                        Durations.millis(i.p50Nanos()),
                        Durations.millis(i.p99Nanos()),
                        i.errors(),
                        p.requests());
            }
        };
    }

    /**
     * A listener that does nothing.
     *
     * @return a stateless, thread-safe listener
     */
    static ProgressListener none() {
        return p -> {};
    }
}
