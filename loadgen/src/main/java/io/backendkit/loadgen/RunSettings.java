package io.backendkit.loadgen;

import java.time.Duration;

/**
 * The configuration a run used, as recorded in its report. Immutable and thread-safe.
 *
 * @param model closed (virtual users) or open (arrival rate)
 * @param users virtual users (closed model; 0 in the open model)
 * @param rateFromPerSecond arrival rate at the start (open model; 0 in the closed model)
 * @param rateToPerSecond arrival rate at the end of the measured window (equal to the start rate unless ramping)
 * @param maxInFlight cap on requests in flight (open model; 0 in the closed model)
 * @param connections open model over HTTP: the fixed number of connections, which caps requests in
 *     flight too (0 in the closed model, where each user has its own, and for in-process targets)
 * @param warmUp warm-up excluded from the results
 * @param duration measured window, or null when the run stopped by request count only
 * @param requests measured request budget, or 0 when the run stopped by duration only
 * @param rampUp time over which virtual users were started (closed model)
 * @param thinkTime pause of each virtual user between requests (closed model)
 * @param requestTimeout longest wait for one response
 * @param transport the transport used ({@code HTTP1}, {@code JDK_HTTP1_1}, {@code JDK_HTTP2}, {@code IN_PROCESS}), or
 *     {@code MERGED} for a report made from histogram logs
 */
public record RunSettings(
        LoadModel model,
        int users,
        double rateFromPerSecond,
        double rateToPerSecond,
        int maxInFlight,
        int connections,
        Duration warmUp,
        Duration duration,
        long requests,
        Duration rampUp,
        Duration thinkTime,
        Duration requestTimeout,
        String transport) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code model} is null or {@code transport} is blank
     */
    public RunSettings {
        if (model == null) {
            throw new IllegalArgumentException("settings model must not be null");
        }
        if (transport == null || transport.isBlank()) {
            throw new IllegalArgumentException("settings transport must not be blank");
        }
    }

    /**
     * One line for reports.
     *
     * @return for example {@code closed model, 50 users, 30s after 2s warm-up, transport HTTP1}
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (model == LoadModel.CLOSED) {
            s.append("closed model, ").append(users).append(users == 1 ? " user" : " users");
            if (rampUp != null && !rampUp.isZero()) {
                s.append(" (ramp-up ").append(Durations.text(rampUp)).append(')');
            }
            if (thinkTime != null && !thinkTime.isZero()) {
                s.append(", think time ").append(Durations.text(thinkTime));
            }
        } else {
            s.append("open model, ").append(Durations.rate(rateFromPerSecond)).append("/s");
            if (rateToPerSecond != rateFromPerSecond) {
                s.append(" ramping to ").append(Durations.rate(rateToPerSecond)).append("/s");
            }
            s.append(", max ").append(maxInFlight).append(" in flight");
            if (connections > 0) {
                s.append(", ").append(connections).append(connections == 1 ? " connection" : " connections");
            }
        }
        if (duration != null) {
            s.append(", ").append(Durations.text(duration));
        }
        if (requests > 0) {
            s.append(duration != null ? " or " : ", ").append(requests).append(" requests");
        }
        if (warmUp != null && !warmUp.isZero()) {
            s.append(" after ").append(Durations.text(warmUp)).append(" warm-up");
        }
        s.append(", transport ").append(transport);
        return s.toString();
    }

    /**
     * One line for logs and debuggers: {@link #describe()} in brackets.
     *
     * @return for example {@code RunSettings[closed model, 50 users, 30s after 2s warm-up, transport HTTP1]}
     */
    @Override
    public String toString() {
        return "RunSettings[" + describe() + "]";
    }
}
