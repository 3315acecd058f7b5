package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTestException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes a run's HdrHistogram interval log: a header (run name, settings and endpoint comments, format
 * version, start and base time, legend), then per interval the latency over all endpoints (untagged),
 * the service time and the schedule lag (open model), each endpoint's status counts (a comment),
 * each endpoint's latency and each error kind's latency per endpoint (tagged, see {@link
 * HistogramLogTags}), and at the end the {@code #backendkit-totals} comment holding
 * what interval histograms cannot (schedule accounting, warm-up, cut-off, schedule lag), so that
 * {@link HistogramLogMerge} can rebuild the report of several shards.
 *
 * <p>Not thread-safe: the controller thread alone writes it. Close it when the run ends.
 */
final class HistogramLogOutput implements AutoCloseable {

    private final HistogramLogWriter log;
    private final boolean open;
    private final List<String> names;
    private final long base;
    private final long measureStart;

    private HistogramLogOutput(HistogramLogWriter log, boolean open, List<String> names, long base, long measureStart) {
        this.log = log;
        this.open = open;
        this.names = names;
        this.base = base;
        this.measureStart = measureStart;
    }

    /**
     * Creates {@code plan.histogramLog()} (and its parent directories) and writes the header.
     *
     * @param names endpoint names, in declaration order
     * @param transport the target's transport name (for the settings comment)
     * @param measureStartWall wall-clock start of the measured window (the log's start and base time)
     * @param measureStart nanoTime start of the measured window (intervals are placed against it)
     * @throws LoadTestException when the file cannot be written
     */
    static HistogramLogOutput create(
            RunPlan plan, List<String> names, String transport, Instant measureStartWall, long measureStart) {
        Path file = plan.histogramLog();
        OutputStream stream;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            stream = Files.newOutputStream(file);
        } catch (IOException e) {
            throw new LoadTestException("histogramLog " + file, "cannot be written: " + e.getMessage(), e);
        }
        HistogramLogWriter log = new HistogramLogWriter(stream);
        long base = measureStartWall.toEpochMilli();
        HistogramLogOutput out = new HistogramLogOutput(log, plan.model() == LoadModel.OPEN, names, base, measureStart);
        log.outputComment("backendkit loadgen: " + plan.name().replaceAll("[\\r\\n]", " "));
        log.outputComment(HistogramLogTags.settingsComment(ReportAssembler.settings(plan, transport)));
        for (String name : names) {
            log.outputComment(HistogramLogTags.endpointComment(name));
        }
        log.outputLogFormatVersion();
        log.outputStartTime(base);
        log.setBaseTime(base);
        log.outputBaseTime(base);
        log.outputLegend();
        return out;
    }

    /**
     * Writes one interval's histograms.
     *
     * @param current the interval's bucket (left unchanged)
     * @param all the interval's latencies over all endpoints (its time stamps and tag are overwritten)
     * @param start interval start, nanoTime
     * @param end interval end, nanoTime
     */
    void writeInterval(Bucket current, Histogram all, long start, long end) {
        long startMs = base + (start - measureStart) / 1_000_000;
        long endMs = base + (end - measureStart) / 1_000_000;
        writeTagged(all, null, startMs, endMs);
        if (open) {
            Histogram service = new Histogram(Histograms.DIGITS);
            for (Histogram h : current.service) {
                service.add(h);
            }
            writeTagged(service, HistogramLogTags.SERVICE, startMs, endMs);
        }
        if (open && current.lag != null) {
            writeTagged(current.lag.copy(), HistogramLogTags.LAG, startMs, endMs);
        }
        for (int e = 0; e < current.endpoints; e++) {
            java.util.SortedMap<String, Long> statuses = current.statuses[e].toMap();
            if (!statuses.isEmpty()) {
                log.outputComment(HistogramLogTags.statusesComment(startMs, endMs, names.get(e), statuses));
            }
        }
        for (int e = 0; e < current.endpoints; e++) {
            writeTagged(current.latency[e].copy(), HistogramLogTags.endpoint(names.get(e)), startMs, endMs);
            for (int k = 0; k < Bucket.KINDS; k++) {
                Histogram h = current.errorLatencyByKind[e][k];
                if (h != null && h.getTotalCount() > 0) {
                    writeTagged(h.copy(), HistogramLogTags.error(ErrorKind.values()[k], names.get(e)), startMs, endMs);
                }
            }
        }
    }

    /**
     * Writes the {@code #backendkit-totals} comment: what the interval histograms cannot hold, so that
     * a merge of shard logs can account for the schedule.
     *
     * @param lag the run's schedule-lag histogram (open model), or null
     */
    void writeTotals(LoadReport report, Histogram lag) {
        writeTotals(new HistogramLogTags.Totals(
                report.scheduledRequests(),
                report.droppedRequests(),
                report.notStartedRequests(),
                report.lateRequests(),
                report.cutOffRequests(),
                report.warmUpRequests(),
                lag));
    }

    /** Writes the {@code #backendkit-totals} comment from the totals themselves. */
    void writeTotals(HistogramLogTags.Totals totals) {
        log.outputComment(HistogramLogTags.totalsComment(totals));
    }

    private void writeTagged(Histogram h, String tag, long startMs, long endMs) {
        h.setStartTimeStamp(startMs);
        h.setEndTimeStamp(endMs);
        h.setTag(tag);
        log.outputIntervalHistogram(h);
    }

    @Override
    public void close() {
        log.close();
    }
}
