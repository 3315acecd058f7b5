package io.backendkit.decision;

import java.util.Optional;

/**
 * The verifiable success criteria a profile commits to (its {@code success_thresholds}): latency
 * percentiles, uptime, recovery objectives. Every recommendation states them, so nobody adopts a
 * profile without knowing what "working" means. Immutable and thread-safe.
 *
 * @param p50LatencyMillis API latency p50 the profile must stay under, in milliseconds
 * @param p95LatencyMillis API latency p95, in milliseconds, {@code >= p50}
 * @param p99LatencyMillis API latency p99, in milliseconds, {@code >= p95}
 * @param uptimeTarget availability as a fraction, e.g. 0.995
 * @param testCoverageMin minimum test coverage as a fraction, or null
 * @param securityScanSeverityMax highest security-scan severity tolerated ({@code none}, {@code low},
 *     {@code medium}, {@code high}, {@code critical}), or null
 * @param rpoMinutes recovery point objective: data loss tolerated, in minutes
 * @param rtoMinutes recovery time objective: time to restore service, in minutes
 * @param throughputRpsMin requests per second the profile must sustain, or null
 */
public record SloFloor(
        int p50LatencyMillis,
        int p95LatencyMillis,
        int p99LatencyMillis,
        double uptimeTarget,
        Double testCoverageMin,
        String securityScanSeverityMax,
        int rpoMinutes,
        int rtoMinutes,
        Integer throughputRpsMin) {

    /**
     * The minimum throughput as an {@code Optional}, for callers that prefer it to a null check.
     *
     * @return the requests per second the profile must sustain, or empty when it states none
     */
    public Optional<Integer> throughputRpsMinIfPresent() {
        return Optional.ofNullable(throughputRpsMin);
    }
}
