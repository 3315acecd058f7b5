package io.backendkit.loadgen;

import io.backendkit.loadgen.internal.HistogramLogMerge;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads HdrHistogram interval logs written by {@link LoadTestBuilder#histogramLog(Path)} (on one
 * machine or several) and merges them into one report. Histograms add exactly, so the merged
 * percentiles are those of all requests together, not an average of per-machine percentiles.
 *
 * <pre>{@code
 * // on each generator machine: LoadTest.http()...histogramLog(Path.of("gen-1.hlog")).run();
 * LoadReport combined = HistogramLogs.merge(List.of(Path.of("gen-1.hlog"), Path.of("gen-2.hlog")));
 * }</pre>
 *
 * <p>The log holds latencies, service times (open model), per-endpoint latencies and failed
 * requests by error kind and endpoint, and in comment lines the run's settings and full endpoint
 * names. Logs that overlap in time are taken as shards run side by side: users, rates, in-flight
 * limits, connections and request budgets add up and the window is their mean span (a start skew
 * between machines does not dilute the rate); logs that do not overlap span from the earliest start
 * to the latest end. Status codes and first error messages are not in the log, so the merged report
 * has none (its transport reads {@code MERGED}); logs written without the comment lines give
 * settings with only the model known and names with spaces and commas replaced by {@code _}.
 * Stateless.
 */
public final class HistogramLogs {

    private HistogramLogs() {}

    /**
     * Merges interval logs into one report.
     *
     * @param logs one or more log files
     * @return the merged report (transport {@code MERGED}), immutable
     * @throws IllegalArgumentException when {@code logs} is null or empty
     * @throws LoadTestException naming the file (and line) that cannot be read
     */
    public static LoadReport merge(List<Path> logs) {
        if (logs == null || logs.isEmpty()) {
            throw new IllegalArgumentException("logs must name at least one histogram log file");
        }
        return HistogramLogMerge.merge(logs);
    }
}
