package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a run's time series: drains the workers' recorders into the interval's {@link Bucket},
 * closes each interval into {@link IntervalStats} over all endpoints and per endpoint (through
 * {@link Intervals}), writes it to the histogram log when there is one, adds it to the run's totals,
 * and reports progress. {@link #collect(RunContext)} is the controller's loop over the warm-up and the
 * measured intervals; {@link #closeLast} closes the interval still open when the workers have stopped.
 *
 * <p>Not thread-safe: the controller thread alone uses it.
 */
final class IntervalCollector {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final int endpoints;
    private final boolean open;
    private final long measureStart;
    private final LongToDoubleFunction offeredAt;
    private final HistogramLogOutput log;
    private final Bucket current;
    private final Bucket totals;
    private List<IntervalStats> series = new ArrayList<>();
    private final List<List<IntervalStats>> endpointSeries = new ArrayList<>();
    private final List<Long> starts = new ArrayList<>();
    private long warmUpRequests;

    /**
     * @param open whether service time and schedule lag are kept (open model)
     * @param trackErrorLatency whether failed requests' latencies are kept per error kind
     * @param measureStart nanoTime start of the measured window (interval start times count from it)
     * @param offeredAt the offered arrival rate at an interval's end (nanoTime), used in the open model
     * @param log where each closed interval is written, or null
     */
    IntervalCollector(
            int endpoints,
            boolean open,
            boolean trackErrorLatency,
            long measureStart,
            LongToDoubleFunction offeredAt,
            HistogramLogOutput log) {
        this.endpoints = endpoints;
        this.open = open;
        this.measureStart = measureStart;
        this.offeredAt = offeredAt;
        this.log = log;
        this.current = new Bucket(endpoints, open, trackErrorLatency);
        this.totals = new Bucket(endpoints, open, trackErrorLatency);
        for (int e = 0; e < endpoints; e++) {
            endpointSeries.add(new ArrayList<>());
        }
    }

    /**
     * The controller's loop: progress once per interval through the warm-up, then closes one interval
     * per sample interval until the measured window ends or the run is told to end; returns the start
     * (nanoTime) of the interval still open.
     */
    long collect(RunContext run) throws InterruptedException {
        long interval = run.plan.sampleInterval().toNanos();
        boolean ended = false;
        // warm-up: progress only; buckets hold nothing measured until the warm-up is over
        for (long tick = run.runStart + interval; tick < run.measureStart && !ended; tick += interval) {
            ended = awaitEnd(run, tick);
            drain(run.recorders);
            if (!ended) {
                notifyListener(
                        run,
                        new Progress(
                                run.plan.name(),
                                true,
                                Duration.ofNanos(System.nanoTime() - run.runStart),
                                emptyInterval(run.activeWorkers.get()),
                                0,
                                0,
                                warmUpRequests));
            }
        }
        if (!ended) {
            ended = awaitEnd(run, run.measureStart);
        }
        long intervalStart = run.measureStart;
        while (!ended) {
            long tick = Math.min(intervalStart + interval, run.measureEnd);
            if (awaitEnd(run, tick) || tick >= run.measureEnd) {
                break;
            }
            drain(run.recorders);
            closeAndNotify(run, intervalStart, tick);
            intervalStart = tick;
        }
        return intervalStart;
    }

    /**
     * After the workers have stopped: drains what they recorded last and closes the interval still
     * open (from {@code intervalStart} to {@code measuredEnd}) when it holds requests or time, or when
     * there is no interval yet.
     */
    void closeLast(RunContext run, long intervalStart, long measuredEnd) {
        drain(run.recorders);
        if (current.totalRequests() > 0 || measuredEnd > intervalStart || series.isEmpty()) {
            closeAndNotify(run, intervalStart, Math.max(measuredEnd, intervalStart));
        }
    }

    private void closeAndNotify(RunContext run, long start, long end) {
        int users = run.peakActive.getAndSet(run.activeWorkers.get());
        IntervalStats stats = close(start, end, users);
        notifyListener(
                run,
                new Progress(
                        run.plan.name(),
                        false,
                        Duration.ofNanos(end - run.runStart),
                        stats,
                        totals.totalRequests(),
                        totals.totalErrors(),
                        warmUpRequests));
    }

    /** Drains every recorder into the current interval; warm-up requests are only counted. */
    void drain(List<WorkerRecorder> recorders) {
        for (WorkerRecorder r : recorders) {
            r.drainInto(current);
        }
        warmUpRequests += current.warmUp;
        current.warmUp = 0;
    }

    /**
     * Closes the current interval from {@code start} to {@code end} (nanoTime): adds its stats to the
     * series (over all endpoints and per endpoint), writes it to the log, adds it to the totals and
     * starts the next one empty.
     *
     * @param users peak active workers in the interval
     * @return the interval over all endpoints
     */
    IntervalStats close(long start, long end, int users) {
        Histogram all = new Histogram(Histograms.DIGITS);
        for (Histogram h : current.latency) {
            all.add(h);
        }
        long durationNanos = Math.max(0, end - start);
        long startMillis = (start - measureStart) / 1_000_000;
        double offered = open ? offeredAt.applyAsDouble(end) : 0;
        IntervalStats stats = Intervals.total(current, all, startMillis, durationNanos, users, offered);
        for (int e = 0; e < endpoints; e++) {
            endpointSeries.get(e).add(Intervals.endpoint(current, e, startMillis, durationNanos));
        }
        starts.add(start);
        if (log != null) {
            log.writeInterval(current, all, start, end);
        }
        totals.add(current);
        current.reset();
        series.add(stats);
        return stats;
    }

    /**
     * Open model: fills in the arrivals never sent, per endpoint and interval (indexes as
     * {@link #starts()}), in the per-endpoint series and, summed, in the series over all endpoints.
     */
    void withUnsent(long[][] dropped, long[][] notStarted) {
        int n = starts.size();
        long[] allDropped = new long[n];
        long[] allNotStarted = new long[n];
        for (int e = 0; e < endpoints; e++) {
            endpointSeries.set(e, Intervals.withUnsent(endpointSeries.get(e), dropped[e], notStarted[e]));
            for (int j = 0; j < n; j++) {
                allDropped[j] += dropped[e][j];
                allNotStarted[j] += notStarted[e][j];
            }
        }
        series = Intervals.withUnsent(series, allDropped, allNotStarted);
    }

    /** The run's totals so far (all closed intervals). */
    Bucket totals() {
        return totals;
    }

    /** The closed intervals over all endpoints, in order. */
    List<IntervalStats> series() {
        return series;
    }

    /** The closed intervals per endpoint, in endpoint order. */
    List<List<IntervalStats>> endpointSeries() {
        return endpointSeries;
    }

    /** The closed intervals' starts, nanoTime. */
    long[] starts() {
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Warm-up requests drained so far. */
    long warmUpRequests() {
        return warmUpRequests;
    }

    /** Waits until {@code deadline} or the end signal; true when the run should end. */
    private static boolean awaitEnd(RunContext run, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        if (left > 0 && run.endSignal.await(left, TimeUnit.NANOSECONDS)) {
            return true;
        }
        return run.endSignal.getCount() == 0;
    }

    private static IntervalStats emptyInterval(int users) {
        return new IntervalStats(0, 0, 0, 0, 0, 0, 0, 0, 0, users, 0, 0);
    }

    private static void notifyListener(RunContext run, Progress progress) {
        try {
            run.plan.listener().onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("progress listener failed", e);
        }
    }
}
