package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LatencyStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTestException;
import io.backendkit.loadgen.RunSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/** Reads loadgen interval logs and adds them up into one report. */
public final class HistogramLogMerge {

    /** The transport named in a merged report's settings. */
    static final String MERGED = "MERGED";

    private HistogramLogMerge() {}

    private record Interval(String tag, long startMs, long endMs, Histogram histogram) {}

    /** What one log's comment lines say: its settings (null in logs written before they were recorded) and names by tag. */
    private record LogHeader(
            RunSettings settings,
            Map<String, String> names,
            HistogramLogTags.Totals totals,
            List<HistogramLogTags.Statuses> statuses) {}

    /** Longest comment line read for settings and names. */
    private static final int MAX_COMMENT_CHARS = 64 * 1024;

    /** See {@link io.backendkit.loadgen.HistogramLogs#merge}. */
    public static LoadReport merge(List<Path> logs) {
        List<Interval> intervals = new ArrayList<>();
        List<LogHeader> headers = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Path log : logs) {
            List<Interval> own = new ArrayList<>();
            read(log, own);
            intervals.addAll(own);
            LogHeader header = header(log);
            headers.add(header);
            header.names().forEach((tag, name) -> names.merge(tag, name, (a, b) -> a.equals(b) ? a : tag));
            own.stream()
                    .filter(i -> i.tag() == null)
                    .mapToLong(Interval::startMs)
                    .min()
                    .ifPresent(start -> spans.add(new long[] {
                        start,
                        own.stream()
                                .filter(i -> i.tag() == null)
                                .mapToLong(Interval::endMs)
                                .max()
                                .orElseThrow()
                    }));
        }
        List<Interval> untagged =
                intervals.stream().filter(i -> i.tag() == null).toList();
        if (untagged.isEmpty()) {
            throw new LoadTestException(
                    "histogram logs " + logs, "contain no untagged interval histograms (not written by loadgen?)");
        }
        long minStart = untagged.stream().mapToLong(Interval::startMs).min().orElseThrow();
        long maxEnd = untagged.stream().mapToLong(Interval::endMs).max().orElseThrow();
        long windowMs = window(spans, minStart, maxEnd);
        long bucketMs = Math.max(
                1,
                median(untagged.stream()
                        .mapToLong(i -> i.endMs() - i.startMs())
                        .sorted()
                        .toArray()));

        Histogram total = new Histogram(Histograms.DIGITS);
        Histogram service = new Histogram(Histograms.DIGITS);
        boolean open = false;
        Map<String, Histogram> endpoints = new LinkedHashMap<>();
        Map<String, long[]> errorsByEndpoint = new LinkedHashMap<>();
        TreeMap<Long, Histogram> seriesLatency = new TreeMap<>();
        TreeMap<Long, long[]> seriesErrors = new TreeMap<>();
        TreeMap<Long, Histogram> seriesLag = new TreeMap<>();
        TreeMap<Long, Map<String, Long>> seriesStatuses = new TreeMap<>();
        Map<String, TreeMap<Long, Map<String, Long>>> endpointStatuses = new LinkedHashMap<>();
        Map<String, Map<String, Long>> endpointStatusTotals = new LinkedHashMap<>();
        Map<String, Long> statusTotals = new TreeMap<>();
        Map<String, TreeMap<Long, Histogram>> endpointLatency = new LinkedHashMap<>();
        Map<String, TreeMap<Long, long[]>> endpointErrors = new LinkedHashMap<>();
        for (Interval i : intervals) {
            long bucket = (i.startMs() - minStart) / bucketMs;
            String tag = i.tag();
            if (tag == null) {
                total.add(i.histogram());
                seriesLatency
                        .computeIfAbsent(bucket, b -> new Histogram(Histograms.DIGITS))
                        .add(i.histogram());
            } else if (tag.equals(HistogramLogTags.SERVICE)) {
                open = true;
                service.add(i.histogram());
            } else if (tag.equals(HistogramLogTags.LAG)) {
                seriesLag
                        .computeIfAbsent(bucket, b -> new Histogram(Histograms.DIGITS))
                        .add(i.histogram());
            } else if (tag.startsWith(HistogramLogTags.ENDPOINT_PREFIX)) {
                String ep = tag.substring(HistogramLogTags.ENDPOINT_PREFIX.length());
                String name = names.getOrDefault(ep, ep);
                endpoints
                        .computeIfAbsent(name, n -> new Histogram(Histograms.DIGITS))
                        .add(i.histogram());
                endpointLatency
                        .computeIfAbsent(name, n -> new TreeMap<>())
                        .computeIfAbsent(bucket, b -> new Histogram(Histograms.DIGITS))
                        .add(i.histogram());
            } else if (tag.startsWith(HistogramLogTags.ERROR_PREFIX)) {
                String rest = tag.substring(HistogramLogTags.ERROR_PREFIX.length());
                int sep = rest.indexOf(HistogramLogTags.ERROR_ENDPOINT_SEPARATOR);
                ErrorKind kind;
                try {
                    kind = ErrorKind.valueOf(sep < 0 ? rest : rest.substring(0, sep));
                } catch (IllegalArgumentException e) {
                    throw new LoadTestException("histogram log tag " + tag, "names no known error kind", e);
                }
                String endpoint =
                        sep < 0 ? "total" : names.getOrDefault(rest.substring(sep + 1), rest.substring(sep + 1));
                errorsByEndpoint.computeIfAbsent(endpoint, n -> new long[ErrorKind.values().length])[kind.ordinal()] +=
                        i.histogram().getTotalCount();
                long count = i.histogram().getTotalCount();
                seriesErrors.computeIfAbsent(bucket, b -> new long[ErrorKind.values().length])[kind.ordinal()] += count;
                if (sep >= 0) {
                    endpointErrors.computeIfAbsent(endpoint, n -> new TreeMap<>())
                            .computeIfAbsent(bucket, b -> new long[ErrorKind.values().length])[kind.ordinal()] += count;
                }
            }
        }
        for (LogHeader header : headers) {
            for (HistogramLogTags.Statuses st : header.statuses()) {
                long bucket = Math.max(0, (st.startMs() - minStart) / bucketMs);
                String name = names.getOrDefault(st.endpointTag(), st.endpointTag());
                Map<String, Long> inSeries = seriesStatuses.computeIfAbsent(bucket, b -> new TreeMap<>());
                Map<String, Long> inEndpoint = endpointStatuses
                        .computeIfAbsent(name, n -> new TreeMap<>())
                        .computeIfAbsent(bucket, b -> new TreeMap<>());
                Map<String, Long> endpointTotal = endpointStatusTotals.computeIfAbsent(name, n -> new TreeMap<>());
                st.counts().forEach((code, n) -> {
                    inSeries.merge(code, n, Long::sum);
                    inEndpoint.merge(code, n, Long::sum);
                    endpointTotal.merge(code, n, Long::sum);
                    statusTotals.merge(code, n, Long::sum);
                });
            }
        }
        double seconds = windowMs / 1000.0;
        List<EndpointStats> endpointStats = new ArrayList<>();
        List<ErrorStats> errors = new ArrayList<>();
        long totalErrors = 0;
        long totalNoResponse = 0;
        for (Map.Entry<String, Histogram> e : endpoints.entrySet()) {
            long[] byKind = errorsByEndpoint.getOrDefault(e.getKey(), new long[ErrorKind.values().length]);
            long errorCount = 0;
            long noResponse = 0;
            for (ErrorKind kind : ErrorKind.values()) {
                long n = byKind[kind.ordinal()];
                if (n > 0) {
                    errors.add(new ErrorStats(e.getKey(), kind, n, null));
                    errorCount += n;
                    if (kind.noResponse()) {
                        noResponse += n;
                    }
                }
            }
            totalErrors += errorCount;
            totalNoResponse += noResponse;
            endpointStats.add(ReportAssembler.stats(
                    e.getKey(),
                    "merged",
                    "merged from " + logs.size() + " log(s)",
                    e.getValue().getTotalCount(),
                    errorCount,
                    noResponse,
                    0,
                    0,
                    new long[Bucket.COUNTERS],
                    seconds,
                    e.getValue(),
                    null,
                    endpointStatusTotals.getOrDefault(e.getKey(), Map.of()),
                    mergedSeries(
                            seriesLatency.keySet(),
                            bucketMs,
                            endpointLatency.getOrDefault(e.getKey(), new TreeMap<>()),
                            endpointErrors.getOrDefault(e.getKey(), new TreeMap<>()),
                            Map.of(),
                            endpointStatuses.getOrDefault(e.getKey(), new TreeMap<>()))));
        }
        List<IntervalStats> series =
                mergedSeries(seriesLatency.keySet(), bucketMs, seriesLatency, seriesErrors, seriesLag, seriesStatuses);
        EndpointStats totalStats = ReportAssembler.stats(
                "total",
                "*",
                "merged from " + logs.size() + " log(s)",
                total.getTotalCount(),
                Math.min(total.getTotalCount(), totalErrors),
                Math.min(Math.min(total.getTotalCount(), totalErrors), totalNoResponse),
                0,
                0,
                new long[Bucket.COUNTERS],
                seconds,
                total,
                open ? service : null,
                statusTotals,
                List.of());
        RunSettings settings = combined(headers, open, Duration.ofMillis(windowMs));
        // the accounting is known only when every log recorded it; a partial sum would look complete and be wrong
        List<HistogramLogTags.Totals> totals = headers.stream().allMatch(h -> h.totals() != null)
                ? headers.stream().map(LogHeader::totals).toList()
                : null;
        LatencyStats lag = null;
        if (open && totals != null && totals.stream().allMatch(t -> t.lag() != null)) {
            Histogram merged = Histograms.create();
            totals.forEach(t -> merged.add(t.lag()));
            lag = LatencyStats.of(merged);
        }
        return new LoadReport(
                LoadReport.SCHEMA_VERSION,
                "merged " + logs.size() + " histogram log(s): " + fileNames(logs),
                settings,
                Instant.ofEpochMilli(minStart),
                windowMs * 1_000_000,
                totalStats,
                endpointStats,
                series,
                errors,
                List.of(),
                sum(totals, HistogramLogTags.Totals::warmUp),
                sum(totals, HistogramLogTags.Totals::late),
                sum(totals, HistogramLogTags.Totals::dropped),
                sum(totals, HistogramLogTags.Totals::cutOff),
                sum(totals, HistogramLogTags.Totals::notStarted),
                !open ? 0 : totals == null ? -1 : sum(totals, HistogramLogTags.Totals::scheduled),
                lag);
    }

    private static long sum(
            List<HistogramLogTags.Totals> totals, java.util.function.ToLongFunction<HistogramLogTags.Totals> f) {
        return totals == null ? 0 : totals.stream().mapToLong(f).sum();
    }

    /**
     * One interval per bucket of the total series: requests and latency from the bucket's histogram
     * (none: an empty interval), errors by kind from the error-tagged histograms (capped at the
     * requests, as a log may hold error tags without the matching latency), the schedule lag from the
     * lag-tagged histograms and the status counts from the statuses comments (logs written before
     * they were recorded hold neither: zero lag, no status counts).
     */
    private static List<IntervalStats> mergedSeries(
            java.util.Set<Long> buckets,
            long bucketMs,
            Map<Long, Histogram> latency,
            Map<Long, long[]> errors,
            Map<Long, Histogram> lag,
            Map<Long, Map<String, Long>> statuses) {
        List<IntervalStats> series = new ArrayList<>();
        Histogram none = new Histogram(Histograms.DIGITS);
        for (long bucket : buckets) {
            Histogram h = latency.getOrDefault(bucket, none);
            long requests = h.getTotalCount();
            long[] byKind = errors.get(bucket);
            Map<ErrorKind, Long> kinds = new java.util.EnumMap<>(ErrorKind.class);
            long errs = 0;
            if (byKind != null) {
                for (ErrorKind kind : ErrorKind.values()) {
                    if (byKind[kind.ordinal()] > 0) {
                        kinds.put(kind, byKind[kind.ordinal()]);
                        errs += byKind[kind.ordinal()];
                    }
                }
            }
            Histogram l = lag.get(bucket);
            boolean lagged = l != null && l.getTotalCount() > 0;
            series.add(Intervals.of(
                    bucket * bucketMs,
                    bucketMs * 1_000_000,
                    requests,
                    Math.min(requests, errs),
                    h,
                    0,
                    0,
                    0,
                    0,
                    0,
                    lagged ? l.getValueAtPercentile(50) : 0,
                    lagged ? l.getValueAtPercentile(99) : 0,
                    lagged ? l.getMaxValue() : 0,
                    kinds,
                    statuses.getOrDefault(bucket, Map.of())));
        }
        return series;
    }

    private static void read(Path log, List<Interval> into) {
        try (InputStream in = Files.newInputStream(log)) {
            HistogramLogReader reader = new HistogramLogReader(in);
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram h)) {
                    throw new LoadTestException(
                            "histogram log " + log,
                            "holds a " + next.getClass().getSimpleName() + ", not integer nanosecond histograms");
                }
                Histogram copy = new Histogram(Histograms.DIGITS);
                copy.add(h);
                into.add(new Interval(h.getTag(), h.getStartTimeStamp(), h.getEndTimeStamp(), copy));
            }
        } catch (NoSuchFileException e) {
            throw new LoadTestException("histogram log " + log, "not found", e);
        } catch (IOException e) {
            throw new LoadTestException("histogram log " + log, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof LoadTestException) {
                throw e;
            }
            throw new LoadTestException("histogram log " + log, "is not a valid HdrHistogram log: " + e, e);
        }
    }

    private static long median(long[] sorted) {
        return sorted.length == 0 ? 1000 : sorted[sorted.length / 2];
    }

    /**
     * The measured window. Logs whose spans all overlap ran side by side (shards of one test): the
     * window is their mean span, so a start skew between machines does not dilute the combined rate.
     * Logs that ran one after another: the time from the earliest start to the latest end.
     */
    private static long window(List<long[]> spans, long minStart, long maxEnd) {
        long latestStart = spans.stream().mapToLong(s -> s[0]).max().orElse(minStart);
        long earliestEnd = spans.stream().mapToLong(s -> s[1]).min().orElse(maxEnd);
        if (spans.size() > 1 && latestStart < earliestEnd) {
            return Math.max(
                    1,
                    Math.round(
                            spans.stream().mapToLong(s -> s[1] - s[0]).average().orElse(0)));
        }
        return Math.max(1, maxEnd - minStart);
    }

    /**
     * Settings of logs that ran side by side: users, rates, in-flight caps, connections and request
     * budgets add up; the longest warm-up, ramp-up and timeout are kept. Logs written without a
     * settings line leave only the model known.
     */
    private static RunSettings combined(List<LogHeader> headers, boolean open, Duration window) {
        List<RunSettings> all = headers.stream()
                .map(LogHeader::settings)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (all.size() < headers.size()) {
            return new RunSettings(
                    open ? LoadModel.OPEN : LoadModel.CLOSED,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Duration.ZERO,
                    window,
                    0,
                    Duration.ZERO,
                    Duration.ZERO,
                    Duration.ZERO,
                    MERGED);
        }
        RunSettings first = all.get(0);
        return new RunSettings(
                first.model(),
                all.stream().mapToInt(RunSettings::users).sum(),
                all.stream().mapToDouble(RunSettings::rateFromPerSecond).sum(),
                all.stream().mapToDouble(RunSettings::rateToPerSecond).sum(),
                all.stream().mapToInt(RunSettings::maxInFlight).sum(),
                all.stream().mapToInt(RunSettings::connections).sum(),
                all.stream().map(RunSettings::warmUp).max(Duration::compareTo).orElse(Duration.ZERO),
                window,
                all.stream().mapToLong(RunSettings::requests).sum(),
                all.stream().map(RunSettings::rampUp).max(Duration::compareTo).orElse(Duration.ZERO),
                first.thinkTime(),
                all.stream()
                        .map(RunSettings::requestTimeout)
                        .max(Duration::compareTo)
                        .orElse(Duration.ZERO),
                MERGED);
    }

    private static String fileNames(List<Path> logs) {
        StringBuilder s = new StringBuilder();
        for (Path log : logs) {
            Path name = log.getFileName();
            s.append(s.isEmpty() ? "" : ", ").append(name == null ? log.toString() : name.toString());
        }
        return s.toString();
    }

    /** The settings and endpoint names from a log's comment lines; errors name the file and line. */
    private static LogHeader header(Path log) {
        RunSettings settings = null;
        HistogramLogTags.Totals totals = null;
        Map<String, String> names = new LinkedHashMap<>();
        List<HistogramLogTags.Statuses> statuses = new ArrayList<>();
        try (java.io.BufferedReader in = Files.newBufferedReader(log, java.nio.charset.StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (!line.startsWith("#backendkit-") || line.length() > MAX_COMMENT_CHARS) {
                    continue;
                }
                try {
                    RunSettings s = HistogramLogTags.parseSettings(line);
                    if (s != null) {
                        settings = s;
                    }
                    HistogramLogTags.Totals t = HistogramLogTags.parseTotals(line);
                    if (t != null) {
                        totals = t;
                    }
                    HistogramLogTags.Statuses st = HistogramLogTags.parseStatuses(line);
                    if (st != null) {
                        statuses.add(st);
                    }
                    String[] ep = HistogramLogTags.parseEndpoint(line);
                    if (ep != null) {
                        names.put(ep[0], ep[1]);
                    }
                } catch (IllegalArgumentException e) {
                    throw new LoadTestException("histogram log " + log + ":" + number, e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new LoadTestException("histogram log " + log, "cannot be read: " + e.getMessage(), e);
        }
        return new LogHeader(settings, names, totals, statuses);
    }
}
