package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * A double-buffered {@link Bucket} for one worker: the worker records into the active bucket without
 * locks or shared writes (one uncontended atomic increment per record through a {@link
 * WriterReaderPhaser}); the sampler swaps buckets once per interval and reads the retired one.
 */
final class WorkerRecorder {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Bucket active;
    private Bucket inactive;

    WorkerRecorder(int endpoints, boolean withService, boolean trackErrorLatency, boolean packed) {
        this.active = new Bucket(endpoints, withService, trackErrorLatency, packed);
        this.inactive = new Bucket(endpoints, withService, trackErrorLatency, packed);
    }

    void record(
            int endpoint,
            long latencyNanos,
            long serviceNanos,
            int status,
            ErrorKind kind,
            String message,
            boolean late) {
        long ticket = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            b.record(endpoint, latencyNanos, serviceNanos, status, kind, message);
            if (late) {
                b.late++;
            }
        } finally {
            phaser.writerCriticalSectionExit(ticket);
        }
    }

    void warmUp() {
        long ticket = phaser.writerCriticalSectionEnter();
        try {
            active.warmUp++;
        } finally {
            phaser.writerCriticalSectionExit(ticket);
        }
    }

    /** Whether the active bucket still lacks an example message for this error (racy read, only an optimisation). */
    boolean wantsMessage(int endpoint, ErrorKind kind) {
        return active.wantsMessage(endpoint, kind);
    }

    /** Swaps buckets and adds everything recorded since the last swap into {@code into}. Sampler thread only. */
    void drainInto(Bucket into) {
        phaser.readerLock();
        try {
            inactive.reset();
            Bucket retired = active;
            active = inactive;
            inactive = retired;
            phaser.flipPhase();
            into.add(retired);
        } finally {
            phaser.readerUnlock();
        }
    }
}
