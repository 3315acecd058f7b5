package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.IntervalStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns one interval's {@link Bucket} into {@link IntervalStats}: over all endpoints or for one, and
 * places open-model arrivals that were never sent into the interval they were due in. Stateless.
 */
final class Intervals {

    private Intervals() {}

    /**
     * The interval over all endpoints.
     *
     * @param all the interval's latencies over all endpoints (the caller has merged them already)
     */
    static IntervalStats total(
            Bucket b, Histogram all, long startMillis, long durationNanos, int users, double offered) {
        Map<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
        for (int e = 0; e < b.endpoints; e++) {
            addKinds(kinds, b.errorsByKind[e]);
        }
        Map<String, Long> statuses = new TreeMap<>();
        for (int e = 0; e < b.endpoints; e++) {
            b.statuses[e].toMap().forEach((status, n) -> statuses.merge(status, n, Long::sum));
        }
        Histogram lag = b.lag;
        boolean lagged = lag != null && lag.getTotalCount() > 0;
        return of(
                startMillis,
                durationNanos,
                b.totalRequests(),
                b.totalErrors(),
                all,
                users,
                offered,
                b.late,
                b.total(Bucket.WIRE_SENT),
                b.total(Bucket.WIRE_RECEIVED),
                lagged ? lag.getValueAtPercentile(50) : 0,
                lagged ? lag.getValueAtPercentile(99) : 0,
                lagged ? lag.getMaxValue() : 0,
                kinds,
                statuses);
    }

    /** The interval of one endpoint (no users, offered rate, late count or lag: those are run-wide). */
    static IntervalStats endpoint(Bucket b, int e, long startMillis, long durationNanos) {
        Map<ErrorKind, Long> kinds = new EnumMap<>(ErrorKind.class);
        addKinds(kinds, b.errorsByKind[e]);
        return of(
                startMillis,
                durationNanos,
                b.requests[e],
                b.errors[e],
                b.latency[e],
                0,
                0,
                0,
                b.counters[e][Bucket.WIRE_SENT],
                b.counters[e][Bucket.WIRE_RECEIVED],
                0,
                0,
                0,
                kinds,
                b.statuses[e].toMap());
    }

    /** An interval from a latency histogram and counts (also used for merged histogram logs). */
    static IntervalStats of(
            long startMillis,
            long durationNanos,
            long requests,
            long errors,
            Histogram latency,
            int users,
            double offered,
            long late,
            long bytesSent,
            long bytesReceived,
            long lagP50,
            long lagP99,
            long lagMax,
            Map<ErrorKind, Long> errorsByKind,
            Map<String, Long> statusCounts) {
        double seconds = durationNanos / 1e9;
        boolean any = requests > 0 && latency.getTotalCount() > 0;
        return new IntervalStats(
                startMillis,
                durationNanos / 1_000_000,
                requests,
                errors,
                seconds > 0 ? requests / seconds : 0,
                any ? latency.getValueAtPercentile(50) : 0,
                any ? latency.getValueAtPercentile(90) : 0,
                any ? latency.getValueAtPercentile(99) : 0,
                any ? latency.getMaxValue() : 0,
                users,
                offered,
                late,
                bytesSent,
                bytesReceived,
                lagP50,
                lagP99,
                lagMax,
                0,
                0,
                errorsByKind,
                statusCounts);
    }

    private static void addKinds(Map<ErrorKind, Long> into, long[] byKind) {
        ErrorKind[] kinds = ErrorKind.values();
        for (int k = 0; k < kinds.length; k++) {
            if (byKind[k] > 0) {
                into.merge(kinds[k], byKind[k], Long::sum);
            }
        }
    }

    /**
     * The index of the interval that holds {@code t}: the last one starting at or before it (the first
     * for earlier times).
     *
     * @param starts interval starts, ascending
     */
    static int locate(long[] starts, long t) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Whether the series carries any of the open model's per-interval schedule figures (lag, late,
     * unsent): a run's own series does, and so does a merge of logs that hold the lag per interval.
     */
    static boolean carriesSchedule(List<IntervalStats> series) {
        return series.stream().anyMatch(i -> i.lagMaxNanos() > 0 || i.late() > 0 || i.dropped() + i.notStarted() > 0);
    }

    /**
     * Whether a report's series holds the open model's late and unsent counts per interval: a run's
     * own series does; a merge of histogram logs does not (the logs hold each interval's schedule lag,
     * but late and unsent arrivals only as run totals).
     */
    static boolean carriesUnsent(io.backendkit.loadgen.LoadReport r, List<IntervalStats> series) {
        return !HistogramLogMerge.MERGED.equals(r.settings().transport()) && carriesSchedule(series);
    }

    /** The series with the unsent arrivals of each interval filled in. */
    static List<IntervalStats> withUnsent(List<IntervalStats> series, long[] dropped, long[] notStarted) {
        List<IntervalStats> out = new ArrayList<>(series.size());
        for (int j = 0; j < series.size(); j++) {
            IntervalStats i = series.get(j);
            out.add(dropped[j] == 0 && notStarted[j] == 0 ? i : i.withUnsent(dropped[j], notStarted[j]));
        }
        return out;
    }
}
