package io.backendkit.loadgen;

import java.time.Duration;
import java.util.Locale;

/**
 * A live snapshot handed to a {@link ProgressListener} once per sample interval. Immutable and
 * thread-safe.
 *
 * @param name the run's name
 * @param warmingUp true while the warm-up is running (its requests are not measured)
 * @param elapsed time since the run started (warm-up included)
 * @param interval the interval that just ended (all zero during warm-up)
 * @param requests measured requests completed so far
 * @param errors measured failures so far
 * @param warmUpRequests warm-up requests completed so far
 */
public record Progress(
        String name,
        boolean warmingUp,
        Duration elapsed,
        IntervalStats interval,
        long requests,
        long errors,
        long warmUpRequests) {

    /**
     * One line for logs and debuggers, like the default listener's: the run, the phase and elapsed
     * time, and the figures of the phase so far.
     *
     * @return for example {@code Progress[orders measuring 12.0s: 4321/s, p99 5.611 ms in the last interval,
     *     51234 requests, 0 errors so far]} or {@code Progress[orders warming up 1.0s: 300 warm-up requests]}
     */
    @Override
    public String toString() {
        String at = String.format(Locale.ROOT, "%.1fs", elapsed == null ? 0 : elapsed.toMillis() / 1000.0);
        if (warmingUp || interval == null) {
            return "Progress[" + name + (warmingUp ? " warming up " : " measuring ") + at + ": " + warmUpRequests
                    + " warm-up requests, " + requests + " requests, " + errors + " errors so far]";
        }
        return "Progress[" + name + " measuring " + at + ": "
                + Durations.rate(Math.round(interval.throughputPerSecond() * 10) / 10.0) + "/s, p99 "
                + Durations.millis(interval.p99Nanos()) + " ms in the last interval, " + requests + " requests, "
                + errors + " errors so far]";
    }
}
