package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * What one worker (or, merged, the whole run) observed in one interval: latency and service-time
 * histograms, outcome counts, status counts and the first message per error kind, per endpoint.
 *
 * <p>Not thread-safe: a worker writes its active bucket inside a {@link WorkerRecorder} critical
 * section; the sampler reads swapped-out buckets.
 */
public final class Bucket {

    static final int KINDS = ErrorKind.values().length;
    /** Indexes into {@link #counters}. */
    static final int RETRIES = 0;

    static final int WIRE_SENT = 1;
    static final int WIRE_RECEIVED = 2;
    static final int BODY_SENT = 3;
    static final int BODY_RECEIVED = 4;
    static final int COUNTERS = 5;

    final int endpoints;
    final Histogram[] latency;
    final Histogram[] service;
    final long[] requests;
    final long[] errors;
    final long[][] errorsByKind;
    final String[][] firstMessage;
    final StatusCounts[] statuses;
    final Histogram[][] errorLatencyByKind;
    final boolean trackErrorLatency;
    /** Per endpoint: re-sends, wire and body bytes (see the index constants). */
    final long[][] counters;
    /** Open model: intended start to actual send of every measured request; null in the closed model. */
    final Histogram lag;
    /** Open model, totals only: due arrivals never sent because every in-flight slot stayed busy. */
    final long[] dropped;
    /** Open model, totals only: due arrivals a worker had taken but did not send because the run ended. */
    final long[] notStarted;

    long warmUp;
    long late;

    /**
     * @param endpoints endpoint count
     * @param withService whether service time is kept apart from latency (open model)
     * @param trackErrorLatency whether failed requests' latencies are kept per error kind (for histogram logs)
     */
    public Bucket(int endpoints, boolean withService, boolean trackErrorLatency) {
        this.endpoints = endpoints;
        this.latency = new Histogram[endpoints];
        this.service = withService ? new Histogram[endpoints] : null;
        for (int e = 0; e < endpoints; e++) {
            latency[e] = Histograms.create();
            if (withService) {
                service[e] = Histograms.create();
            }
        }
        this.requests = new long[endpoints];
        this.errors = new long[endpoints];
        this.errorsByKind = new long[endpoints][KINDS];
        this.firstMessage = new String[endpoints][KINDS];
        this.statuses = new StatusCounts[endpoints];
        for (int e = 0; e < endpoints; e++) {
            statuses[e] = new StatusCounts();
        }
        this.trackErrorLatency = trackErrorLatency;
        this.errorLatencyByKind = new Histogram[endpoints][KINDS];
        this.counters = new long[endpoints][COUNTERS];
        this.lag = withService ? Histograms.create() : null;
        this.dropped = new long[endpoints];
        this.notStarted = new long[endpoints];
    }

    void record(
            int endpoint,
            long latencyNanos,
            long serviceNanos,
            long lagNanos,
            int status,
            ErrorKind kind,
            String message,
            Outcome o) {
        Histograms.record(latency[endpoint], latencyNanos);
        if (service != null) {
            Histograms.record(service[endpoint], serviceNanos);
            Histograms.record(lag, lagNanos);
        }
        requests[endpoint]++;
        long[] c = counters[endpoint];
        c[RETRIES] += o.retries;
        c[WIRE_SENT] += o.bytesSent;
        c[WIRE_RECEIVED] += o.bytesReceived;
        c[BODY_SENT] += o.bodyBytesSent;
        c[BODY_RECEIVED] += o.bodyBytesReceived;
        if (status > 0) {
            statuses[endpoint].increment(status, 1);
        }
        if (kind != null) {
            errors[endpoint]++;
            int k = kind.ordinal();
            errorsByKind[endpoint][k]++;
            if (firstMessage[endpoint][k] == null) {
                firstMessage[endpoint][k] = message == null ? kind.name() : message;
            }
            if (trackErrorLatency) {
                if (errorLatencyByKind[endpoint][k] == null) {
                    errorLatencyByKind[endpoint][k] = Histograms.create();
                }
                Histograms.record(errorLatencyByKind[endpoint][k], latencyNanos);
            }
        }
    }

    /** Whether an error of this kind at this endpoint still lacks an example message (so the caller may build one). */
    boolean wantsMessage(int endpoint, ErrorKind kind) {
        return firstMessage[endpoint][kind.ordinal()] == null;
    }

    /** Adds everything {@code other} holds into this bucket; first messages already here win. */
    public void add(Bucket other) {
        for (int e = 0; e < endpoints; e++) {
            if (other.latency[e].getTotalCount() > 0) {
                latency[e].add(other.latency[e]);
            }
            if (service != null && other.service != null && other.service[e].getTotalCount() > 0) {
                service[e].add(other.service[e]);
            }
            requests[e] += other.requests[e];
            errors[e] += other.errors[e];
            for (int k = 0; k < KINDS; k++) {
                errorsByKind[e][k] += other.errorsByKind[e][k];
                if (firstMessage[e][k] == null) {
                    firstMessage[e][k] = other.firstMessage[e][k];
                }
            }
            statuses[e].addAll(other.statuses[e]);
            for (int c = 0; c < COUNTERS; c++) {
                counters[e][c] += other.counters[e][c];
            }
            dropped[e] += other.dropped[e];
            notStarted[e] += other.notStarted[e];
        }
        if (lag != null && other.lag != null && other.lag.getTotalCount() > 0) {
            lag.add(other.lag);
        }
        for (int e = 0; e < endpoints; e++) {
            for (int k = 0; k < KINDS; k++) {
                Histogram h = other.errorLatencyByKind[e][k];
                if (h != null && h.getTotalCount() > 0) {
                    if (errorLatencyByKind[e][k] == null) {
                        errorLatencyByKind[e][k] = Histograms.create();
                    }
                    errorLatencyByKind[e][k].add(h);
                }
            }
        }
        warmUp += other.warmUp;
        late += other.late;
    }

    /** Empties the bucket for reuse. */
    public void reset() {
        for (int e = 0; e < endpoints; e++) {
            latency[e].reset();
            if (service != null) {
                service[e].reset();
            }
            Arrays.fill(errorsByKind[e], 0);
            Arrays.fill(firstMessage[e], null);
            statuses[e].clear();
            Arrays.fill(counters[e], 0);
        }
        if (lag != null) {
            lag.reset();
        }
        Arrays.fill(dropped, 0);
        Arrays.fill(notStarted, 0);
        Arrays.fill(requests, 0);
        Arrays.fill(errors, 0);
        for (Histogram[] perKind : errorLatencyByKind) {
            for (Histogram h : perKind) {
                if (h != null) {
                    h.reset();
                }
            }
        }
        warmUp = 0;
        late = 0;
    }

    /** Requests over all endpoints. */
    public long totalRequests() {
        long sum = 0;
        for (long r : requests) {
            sum += r;
        }
        return sum;
    }

    /** Requests of the endpoint that got no answer (see {@link ErrorKind#noResponse()}). */
    long noResponse(int endpoint) {
        long sum = 0;
        for (ErrorKind k : ErrorKind.values()) {
            if (k.noResponse()) {
                sum += errorsByKind[endpoint][k.ordinal()];
            }
        }
        return sum;
    }

    /** The requests of the endpoint without an answer by kind, {@code CONNECTION_RESET 411, CUT_OFF 3}. */
    String noResponseBreakdown(int endpoint) {
        StringBuilder s = new StringBuilder();
        for (ErrorKind k : ErrorKind.values()) {
            long n = errorsByKind[endpoint][k.ordinal()];
            if (k.noResponse() && n > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(k.name()).append(' ').append(n);
            }
        }
        return s.toString();
    }

    /**
     * What an expectation line says about the requests of an endpoint that it could not judge: those
     * without an answer and the arrivals never sent, or "" when there were none.
     */
    String unjudged(int endpoint) {
        StringBuilder s = new StringBuilder();
        long none = noResponse(endpoint);
        if (none > 0) {
            s.append("; ")
                    .append(none)
                    .append(" without a response (")
                    .append(noResponseBreakdown(endpoint))
                    .append(')');
        }
        long unsent = dropped[endpoint] + notStarted[endpoint];
        if (unsent > 0) {
            s.append("; ").append(unsent).append(" due but never sent");
        }
        return s.toString();
    }

    /** Sum of one counter over all endpoints. */
    long total(int counter) {
        long sum = 0;
        for (long[] c : counters) {
            sum += c[counter];
        }
        return sum;
    }

    /** Errors over all endpoints. */
    public long totalErrors() {
        long sum = 0;
        for (long r : errors) {
            sum += r;
        }
        return sum;
    }

    /** Status-code counts: a handful of distinct codes, so a linear scan beats a map. */
    static final class StatusCounts {
        private int[] codes = new int[4];
        private long[] counts = new long[4];
        private int size;

        void increment(int code, long by) {
            for (int i = 0; i < size; i++) {
                if (codes[i] == code) {
                    counts[i] += by;
                    return;
                }
            }
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            codes[size] = code;
            counts[size] = by;
            size++;
        }

        void addAll(StatusCounts other) {
            for (int i = 0; i < other.size; i++) {
                if (other.counts[i] > 0) {
                    increment(other.codes[i], other.counts[i]);
                }
            }
        }

        void clear() {
            Arrays.fill(counts, 0, size, 0);
        }

        long count(int code) {
            for (int i = 0; i < size; i++) {
                if (codes[i] == code) {
                    return counts[i];
                }
            }
            return 0;
        }

        java.util.SortedMap<String, Long> toMap() {
            java.util.TreeMap<String, Long> map = new java.util.TreeMap<>();
            for (int i = 0; i < size; i++) {
                if (counts[i] > 0) {
                    map.put(Integer.toString(codes[i]), counts[i]);
                }
            }
            return map;
        }
    }
}
