package io.backendkit.loadgen;

/** How load is generated. */
public enum LoadModel {
    /**
     * A fixed number of virtual users, each sending its next request when the previous one has
     * finished (plus optional think time). Throughput follows the target's speed.
     */
    CLOSED,
    /**
     * Requests arrive on a schedule (a constant or ramping rate) whatever the target does. Latency is
     * measured from each request's intended start, so a stalled target shows up in the percentiles
     * (coordinated omission corrected); the service time is reported beside it.
     */
    OPEN
}
