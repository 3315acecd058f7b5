package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.ProgressListener;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A validated run configuration.
 *
 * @param name run name
 * @param model closed or open
 * @param users virtual users (closed)
 * @param rampUp time to start all users (closed)
 * @param thinkTime pause between a user's requests (closed)
 * @param rateFrom arrival rate per second at the start (open)
 * @param rateTo arrival rate per second at the end of the measured window (open)
 * @param maxInFlight cap on requests in flight (open)
 * @param connections open model over HTTP: the fixed number of connections (also a cap on requests
 *     in flight), or 0 when the target has no connections
 * @param warmUp unmeasured warm-up
 * @param duration measured window, or null
 * @param requests measured request budget, or 0
 * @param requestTimeout longest wait for one response
 * @param drainTimeout how long in-flight requests may finish after the end before they are cut off
 * @param sampleInterval time-series and progress interval
 * @param seed seed of the endpoint choice
 * @param listener progress listener
 * @param histogramLog where to write an HdrHistogram interval log, or null
 * @param scheduleTolerance open model: how long after its due time the dispatcher may hand an arrival
 *     over so that it wakes once for the arrivals due within that time (zero: each as soon as it is due)
 */
public record RunPlan(
        String name,
        LoadModel model,
        int users,
        Duration rampUp,
        Duration thinkTime,
        double rateFrom,
        double rateTo,
        int maxInFlight,
        int connections,
        Duration warmUp,
        Duration duration,
        long requests,
        Duration requestTimeout,
        Duration drainTimeout,
        Duration sampleInterval,
        long seed,
        ProgressListener listener,
        Path histogramLog,
        Duration scheduleTolerance) {}
