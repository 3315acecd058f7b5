package io.backendkit.loadgen.internal;

import io.backendkit.core.Finding;
import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scaling hints derived from a report's numbers: error onset, saturation (throughput stops
 * following the offered load), in-flight cap, long tail, latency drift, instability, rate limiting,
 * capacity seen. Every hint is a {@link Finding} with a {@code HINT_} code; they are observations
 * to investigate, not verdicts.
 */
public final class ScalingHints {

    /** Error rate above which an interval counts as failing. */
    static final double ERROR_ONSET_RATE = 0.01;

    private ScalingHints() {}

    /** The hints for a report, in a fixed order. */
    public static List<Finding> of(LoadReport r) {
        List<Finding> hints = new ArrayList<>();
        EndpointStats t = r.total();
        List<IntervalStats> series =
                r.timeSeries().stream().filter(i -> i.durationMillis() > 0).toList();
        boolean open = r.settings().model() == LoadModel.OPEN;
        if (t.responses() == 0) {
            hints.add(Finding.warning(
                            "HINT_NO_REQUESTS",
                            String.format(
                                    Locale.ROOT,
                                    "hint: no request got an answer in the measured window (%,d sent, %,d without a"
                                            + " response, %,d never sent), so there is nothing to scale from",
                                    t.requests(),
                                    t.noResponse(),
                                    t.dropped() + t.notStarted()))
                    .withSuggestedFix("check that the target is reachable and that requestTimeout is longer than"
                            + " its response time"));
            return hints;
        }
        errorOnset(series, open).ifPresent(hints::add);
        if (open) {
            openSaturation(r, series, hints);
        } else {
            closedSaturation(series).ifPresent(hints::add);
        }
        stall(r, series, open).ifPresent(hints::add);
        capacity(series, open).ifPresent(hints::add);
        longTail(t).ifPresent(hints::add);
        drift(series).ifPresent(hints::add);
        instability(series).ifPresent(hints::add);
        if (t.rateLimited() > 0) {
            hints.add(Finding.info(
                    "HINT_RATE_LIMITED",
                    String.format(
                            Locale.ROOT,
                            "hint: %,d responses (%s) were 429 Too Many Requests: the target rate-limits at about"
                                    + " %,.0f req/s with this load",
                            t.rateLimited(),
                            TextReport.percent((double) t.rateLimited() / t.requests()),
                            t.throughputPerSecond())));
        }
        scheduleLag(r).ifPresent(hints::add);
        if (r.cutOffRequests() > 0) {
            hints.add(Finding.warning(
                            "HINT_CUT_OFF",
                            String.format(
                                    Locale.ROOT,
                                    "hint: %,d requests were still in flight at the end and were cut off (counted as"
                                            + " CUT_OFF errors, their latency only a lower bound)",
                                    r.cutOffRequests()))
                    .withSuggestedFix(
                            "raise drainTimeout(...) or lower requestTimeout(...) so slow responses are" + " counted"));
        }
        return hints;
    }

    /**
     * Open model: requests sent well after their intended start. Latency counts from the intended
     * start, so it includes the lag; a lag that is a large part of the latency means the numbers
     * describe the generator's (or the connection pool's) delay as much as the target's.
     */
    static java.util.Optional<Finding> scheduleLag(LoadReport r) {
        io.backendkit.loadgen.LatencyStats lag = r.scheduleLag();
        io.backendkit.loadgen.LatencyStats latency = r.total().latency();
        if (lag == null || lag.count() == 0 || latency.count() == 0) {
            return java.util.Optional.empty();
        }
        boolean large = lag.p99Nanos() > 1_000_000 && lag.p99Nanos() * 4 > latency.p99Nanos();
        if (!large) {
            return java.util.Optional.empty();
        }
        String why = r.lateRequests() > 0
                ? String.format(
                        Locale.ROOT, "%,d requests waited for a free connection or in-flight slot", r.lateRequests())
                : "no request waited for a free slot, so the generator itself woke up late (CPU, GC)";
        return java.util.Optional.of(Finding.warning(
                        "HINT_SCHEDULE_LAG",
                        String.format(
                                Locale.ROOT,
                                "hint: schedule lag p99 %s ms (intended start to send) against latency p99 %s ms:"
                                        + " %s; the latency includes this lag",
                                TextReport.ms(lag.p99Nanos()),
                                TextReport.ms(latency.p99Nanos()),
                                why))
                .withSuggestedFix(
                        r.lateRequests() > 0
                                ? "raise connections(...)/maxInFlight(...) or lower the rate if the target is not the"
                                        + " bottleneck"
                                : "give the generator more CPU or run it on another machine"));
    }

    private static java.util.Optional<Finding> errorOnset(List<IntervalStats> series, boolean open) {
        for (IntervalStats i : series) {
            if (i.requests() > 0 && i.errorRate() > ERROR_ONSET_RATE) {
                String load = open
                        ? String.format(Locale.ROOT, "offered %,.0f req/s", i.offeredRatePerSecond())
                        : i.users() + " active users";
                return java.util.Optional.of(Finding.warning(
                                "HINT_ERROR_ONSET",
                                String.format(
                                        Locale.ROOT,
                                        "hint: errors began at %s (%s of requests failing) at %,.0f req/s with %s",
                                        seconds(i.startMillis()),
                                        TextReport.percent(i.errorRate()),
                                        i.throughputPerSecond(),
                                        load))
                        .withSuggestedFix("treat the load before this point as the error-free capacity; look at the"
                                + " error table for the first failure"));
            }
        }
        return java.util.Optional.empty();
    }

    private static void openSaturation(LoadReport r, List<IntervalStats> series, List<Finding> hints) {
        // Saturation is a state the run ends in, not a dip: every full interval from some point to the
        // end completes less than 90% of what was offered in that same interval (at least two of them).
        // A lagging interval that later intervals make up for is a ramp's start or a stall with its
        // catch-up burst, which stall(...) reports instead.
        List<IntervalStats> full = series.stream()
                .filter(i -> i.durationMillis() >= 500 && i.offeredRatePerSecond() > 0)
                .toList();
        int from = full.size();
        while (from > 0
                && full.get(from - 1).throughputPerSecond()
                        < 0.9 * full.get(from - 1).offeredRatePerSecond()) {
            from--;
        }
        if (full.size() - from >= 2) {
            List<IntervalStats> saturated = full.subList(from, full.size());
            IntervalStats onset = saturated.get(0);
            double completed = medianThroughput(saturated);
            double offered = saturated.stream()
                    .mapToDouble(IntervalStats::offeredRatePerSecond)
                    .average()
                    .orElse(0);
            hints.add(Finding.warning(
                            "HINT_SATURATION",
                            String.format(
                                    Locale.ROOT,
                                    "hint: throughput stopped following the offered rate from %s to the end: %,.0f req/s"
                                            + " offered on average, %,.0f req/s completed (median of %d intervals)",
                                    seconds(onset.startMillis()),
                                    offered,
                                    completed,
                                    saturated.size()))
                    .withSuggestedFix(String.format(
                            Locale.ROOT,
                            "the target (or the in-flight limit) saturates near %,.0f req/s; scale it out or find the"
                                    + " bottleneck before offering more",
                            completed)));
        }
        long measured = r.total().requests();
        if (r.lateRequests() > 0) {
            hints.add(Finding.warning(
                            "HINT_IN_FLIGHT_CAP",
                            String.format(
                                    Locale.ROOT,
                                    "hint: %,d requests (%s) waited for one of the %d in-flight slots; their latency"
                                            + " includes the wait",
                                    r.lateRequests(),
                                    TextReport.percent(measured == 0 ? 0 : (double) r.lateRequests() / measured),
                                    r.settings().maxInFlight()))
                    .withSuggestedFix("if the target is not saturated, raise maxInFlight(...); otherwise the offered"
                            + " rate is above its capacity"));
        }
        if (r.droppedRequests() > 0) {
            hints.add(Finding.warning(
                    "HINT_DROPPED",
                    String.format(
                            Locale.ROOT,
                            "hint: %,d requests were due but never sent before the end: the target fell behind the"
                                    + " schedule",
                            r.droppedRequests())));
        }
    }

    private static java.util.Optional<Finding> closedSaturation(List<IntervalStats> series) {
        for (int a = 0; a < series.size(); a++) {
            IntervalStats earlier = series.get(a);
            if (earlier.users() <= 0 || earlier.throughputPerSecond() <= 0) {
                continue;
            }
            for (int b = a + 1; b < series.size(); b++) {
                IntervalStats later = series.get(b);
                if (later.durationMillis() < 500) {
                    continue;
                }
                if (later.users() >= earlier.users() * 1.5
                        && later.throughputPerSecond() < earlier.throughputPerSecond() * 1.1) {
                    return java.util.Optional.of(Finding.warning(
                                    "HINT_SATURATION",
                                    String.format(
                                            Locale.ROOT,
                                            "hint: throughput flattened near %,.0f req/s from about %d users: %d users"
                                                    + " gave %,.0f req/s with median latency %s ms rising to %s ms",
                                            earlier.throughputPerSecond(),
                                            earlier.users(),
                                            later.users(),
                                            later.throughputPerSecond(),
                                            TextReport.ms(earlier.p50Nanos()),
                                            TextReport.ms(later.p50Nanos())))
                            .withSuggestedFix("more users beyond this point only queue; scale the target or remove"
                                    + " its bottleneck"));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A stall: a full interval with no completion while load was on, or (closed model) a maximum far
     * above the p99. A closed model stops sending while its users wait, so only the requests in flight
     * see the stall and its percentiles hide it; the hint says so and points to the open model.
     */
    static java.util.Optional<Finding> stall(LoadReport r, List<IntervalStats> series, boolean open) {
        io.backendkit.loadgen.LatencyStats latency = r.total().latency();
        long silent = 0;
        IntervalStats first = null;
        for (int k = 0; k < series.size(); k++) {
            IntervalStats i = series.get(k);
            boolean loaded = open ? i.offeredRatePerSecond() > 0 : i.users() > 0;
            if (i.durationMillis() >= 500 && loaded && i.requests() == 0 && k > 0) {
                silent += i.durationMillis();
                if (first == null) {
                    first = i;
                }
            }
        }
        boolean tail = latency.maxNanos() >= 200_000_000L && latency.maxNanos() > 20 * latency.p99Nanos();
        if (first == null && !(tail && !open)) {
            return java.util.Optional.empty();
        }
        String what = first != null
                ? String.format(
                        Locale.ROOT,
                        "no request completed for %s from %s",
                        seconds(silent),
                        seconds(first.startMillis()))
                : String.format(
                        Locale.ROOT,
                        "the slowest request took %s ms against a p99 of %s ms",
                        TextReport.ms(latency.maxNanos()),
                        TextReport.ms(latency.p99Nanos()));
        if (open) {
            return java.util.Optional.of(Finding.warning(
                            "HINT_STALL",
                            "hint: the target stalled: " + what
                                    + "; the requests due meanwhile queued and were sent late, which the latency"
                                    + " (counted from the intended start) includes")
                    .withSuggestedFix("look for a pause on the target at that time (GC, lock, dependency);"
                            + " intervals right after it carry the catch-up burst, not extra capacity"));
        }
        return java.util.Optional.of(Finding.warning(
                        "HINT_CLOSED_MODEL_STALL",
                        "hint: the target stalled (" + what + "), and a closed model under-reports a stall: its "
                                + r.settings().users()
                                + " users waited instead of sending, so only the requests in flight saw it and the"
                                + " percentiles hide what users arriving meanwhile would get")
                .withSuggestedFix(String.format(
                        Locale.ROOT,
                        "run an open model (arrivalRate(%,.0f)) at about this throughput to measure the stall's"
                                + " effect on latency",
                        r.total().throughputPerSecond())));
    }

    private static java.util.Optional<Finding> capacity(List<IntervalStats> series, boolean open) {
        IntervalStats best = null;
        for (IntervalStats i : series) {
            boolean catchUp = open && i.throughputPerSecond() > 1.1 * i.offeredRatePerSecond();
            if (i.durationMillis() >= 500
                    && i.errorRate() <= ERROR_ONSET_RATE
                    && !catchUp
                    && (best == null || i.throughputPerSecond() > best.throughputPerSecond())) {
                best = i;
            }
        }
        if (best == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Finding.info(
                "HINT_CAPACITY_SEEN",
                String.format(
                        Locale.ROOT,
                        "hint: best error-free interval: %,.0f req/s at p99 %s ms (%s)",
                        best.throughputPerSecond(),
                        TextReport.ms(best.p99Nanos()),
                        open
                                ? String.format(Locale.ROOT, "offered %,.0f req/s", best.offeredRatePerSecond())
                                : best.users() + " users")));
    }

    private static java.util.Optional<Finding> longTail(EndpointStats t) {
        long p50 = t.latency().p50Nanos();
        long p99 = t.latency().p99Nanos();
        if (p50 > 0 && p99 > 1_000_000 && p99 > 10 * p50) {
            return java.util.Optional.of(Finding.warning(
                            "HINT_LONG_TAIL",
                            String.format(
                                    Locale.ROOT,
                                    "hint: p99 (%s ms) is %.0f× the median (%s ms): a few requests wait far longer"
                                            + " than most",
                                    TextReport.ms(p99),
                                    (double) p99 / p50,
                                    TextReport.ms(p50)))
                    .withSuggestedFix("look for GC pauses, lock or pool contention, and slow dependencies behind"
                            + " the slow requests"));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Finding> drift(List<IntervalStats> series) {
        List<IntervalStats> full = series.stream()
                .filter(i -> i.durationMillis() >= 500 && i.requests() > 0)
                .toList();
        if (full.size() < 6) {
            return java.util.Optional.empty();
        }
        int third = full.size() / 3;
        double first = medianP50(full.subList(0, third));
        double last = medianP50(full.subList(full.size() - third, full.size()));
        double firstRate = medianThroughput(full.subList(0, third));
        double lastRate = medianThroughput(full.subList(full.size() - third, full.size()));
        if (first > 0 && last > 1.5 * first && last - first > 1_000_000 && lastRate <= firstRate * 1.1) {
            return java.util.Optional.of(Finding.warning(
                            "HINT_LATENCY_DRIFT",
                            String.format(
                                    Locale.ROOT,
                                    "hint: median latency rose from %s ms to %s ms over the run without more load",
                                    TextReport.ms(first),
                                    TextReport.ms(last)))
                    .withSuggestedFix("a growing queue, a leak or a filling cache; run longer to see whether it"
                            + " levels off"));
        }
        return java.util.Optional.empty();
    }

    private static java.util.Optional<Finding> instability(List<IntervalStats> series) {
        List<IntervalStats> full =
                series.stream().filter(i -> i.durationMillis() >= 500).toList();
        if (full.size() < 5) {
            return java.util.Optional.empty();
        }
        double mean = full.stream()
                .mapToDouble(IntervalStats::throughputPerSecond)
                .average()
                .orElse(0);
        double variance = full.stream()
                .mapToDouble(i -> (i.throughputPerSecond() - mean) * (i.throughputPerSecond() - mean))
                .average()
                .orElse(0);
        double cv = mean == 0 ? 0 : Math.sqrt(variance) / mean;
        if (cv > 0.3) {
            return java.util.Optional.of(Finding.info(
                    "HINT_UNSTABLE_THROUGHPUT",
                    String.format(
                            Locale.ROOT,
                            "hint: throughput varied a lot between intervals (coefficient of variation %.2f):"
                                    + " pauses on the target or the generator",
                            cv)));
        }
        return java.util.Optional.empty();
    }

    private static double medianP50(List<IntervalStats> list) {
        return list.stream()
                .mapToDouble(IntervalStats::p50Nanos)
                .sorted()
                .skip(list.size() / 2)
                .findFirst()
                .orElse(0);
    }

    private static double medianThroughput(List<IntervalStats> list) {
        return list.stream()
                .mapToDouble(IntervalStats::throughputPerSecond)
                .sorted()
                .skip(list.size() / 2)
                .findFirst()
                .orElse(0);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
