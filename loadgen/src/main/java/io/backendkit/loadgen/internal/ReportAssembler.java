package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.EndpointStats;
import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.IntervalStats;
import io.backendkit.loadgen.LatencyStats;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.RunSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** Turns the merged recordings of a run into a {@link LoadReport}. */
final class ReportAssembler {

    private ReportAssembler() {}

    static LoadReport assemble(
            RunPlan plan,
            Target target,
            Bucket totals,
            List<IntervalStats> series,
            List<List<IntervalStats>> endpointSeries,
            Instant startedAt,
            long measuredNanos,
            long warmUpRequests,
            long scheduled,
            long cutOff) {
        boolean open = plan.model() == LoadModel.OPEN;
        double seconds = measuredNanos / 1e9;
        List<String> names = target.names();
        List<EndpointStats> endpoints = new ArrayList<>();
        Histogram allLatency = new Histogram(Histograms.DIGITS);
        Histogram allService = new Histogram(Histograms.DIGITS);
        Map<String, Long> allStatuses = new TreeMap<>();
        long allRequests = 0;
        long allErrors = 0;
        long allNoResponse = 0;
        long allDropped = 0;
        long allNotStarted = 0;
        long[] allCounters = new long[Bucket.COUNTERS];
        List<ErrorStats> errors = new ArrayList<>();
        for (int e = 0; e < names.size(); e++) {
            Histogram latency = totals.latency[e];
            Histogram service = open ? totals.service[e] : null;
            Map<String, Long> statuses = totals.statuses[e].toMap();
            statuses.forEach((k, v) -> allStatuses.merge(k, v, Long::sum));
            allLatency.add(latency);
            if (open) {
                allService.add(service);
            }
            allRequests += totals.requests[e];
            allErrors += totals.errors[e];
            allNoResponse += totals.noResponse(e);
            allDropped += totals.dropped[e];
            allNotStarted += totals.notStarted[e];
            for (int c = 0; c < Bucket.COUNTERS; c++) {
                allCounters[c] += totals.counters[e][c];
            }
            endpoints.add(stats(
                    names.get(e),
                    target.methods().get(e),
                    target.descriptions().get(e),
                    totals.requests[e],
                    totals.errors[e],
                    totals.noResponse(e),
                    totals.dropped[e],
                    totals.notStarted[e],
                    totals.counters[e],
                    seconds,
                    latency,
                    service,
                    statuses,
                    endpointSeries.get(e)));
            for (ErrorKind kind : ErrorKind.values()) {
                long count = totals.errorsByKind[e][kind.ordinal()];
                if (count > 0) {
                    errors.add(new ErrorStats(names.get(e), kind, count, totals.firstMessage[e][kind.ordinal()]));
                }
            }
        }
        EndpointStats total = stats(
                "total",
                "*",
                names.size() == 1 ? target.descriptions().get(0) : names.size() + " endpoints",
                allRequests,
                allErrors,
                allNoResponse,
                allDropped,
                allNotStarted,
                allCounters,
                seconds,
                allLatency,
                open ? allService : null,
                allStatuses,
                List.of());
        RunSettings settings = settings(plan, target.transport());
        long late = 0;
        for (IntervalStats i : series) {
            late += i.late();
        }
        return new LoadReport(
                LoadReport.SCHEMA_VERSION,
                plan.name(),
                settings,
                startedAt,
                measuredNanos,
                total,
                endpoints,
                series,
                errors,
                target.expectations(totals),
                warmUpRequests,
                late,
                allDropped,
                cutOff,
                allNotStarted,
                scheduled,
                open ? LatencyStats.of(totals.lag) : null);
    }

    static EndpointStats stats(
            String name,
            String method,
            String description,
            long requests,
            long errors,
            long noResponse,
            long dropped,
            long notStarted,
            long[] counters,
            double seconds,
            Histogram latency,
            Histogram service,
            Map<String, Long> statuses,
            List<IntervalStats> timeSeries) {
        return new EndpointStats(
                name,
                method,
                description,
                requests,
                errors,
                noResponse,
                dropped,
                notStarted,
                counters[Bucket.RETRIES],
                counters[Bucket.WIRE_SENT],
                counters[Bucket.WIRE_RECEIVED],
                counters[Bucket.BODY_SENT],
                counters[Bucket.BODY_RECEIVED],
                statuses.getOrDefault("429", 0L),
                seconds > 0 ? requests / seconds : 0,
                LatencyStats.of(latency),
                service == null ? null : LatencyStats.of(service),
                statuses,
                Histograms.encode(latency),
                service == null ? null : Histograms.encode(service),
                timeSeries);
    }

    /** The settings a report records for a plan. */
    static RunSettings settings(RunPlan plan, String transport) {
        boolean open = plan.model() == LoadModel.OPEN;
        return new RunSettings(
                plan.model(),
                open ? 0 : plan.users(),
                open ? plan.rateFrom() : 0,
                open ? plan.rateTo() : 0,
                open ? plan.maxInFlight() : 0,
                open && plan.connections() > 0 ? Math.min(plan.connections(), plan.maxInFlight()) : 0,
                plan.warmUp(),
                plan.duration(),
                plan.requests(),
                plan.rampUp(),
                plan.thinkTime(),
                plan.requestTimeout(),
                transport);
    }
}
