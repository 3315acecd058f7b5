package io.backendkit.loadgen;

import java.time.Duration;

/**
 * A live snapshot handed to a {@link ProgressListener} once per sample interval.
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
        long warmUpRequests) {}
