package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * A double-buffered {@link Bucket}: workers record into the active bucket (one uncontended atomic
 * increment per record through a {@link WriterReaderPhaser}); the sampler swaps buckets once per
 * interval and reads the retired one.
 *
 * <p>Up to a few dozen workers per core each own a recorder and record without any lock. Beyond
 * that, workers share a fixed set of recorders (striped by worker id) so that the per-interval
 * merge stays cheap; a shared recorder takes a lock per record, which is almost never contended
 * because only as many virtual threads run at once as there are carrier threads.
 */
final class WorkerRecorder {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final ReentrantLock lock;
    private volatile Bucket active;
    private Bucket inactive;

    WorkerRecorder(int endpoints, boolean withService, boolean trackErrorLatency, boolean shared) {
        this.lock = shared ? new ReentrantLock() : null;
        this.active = new Bucket(endpoints, withService, trackErrorLatency);
        this.inactive = new Bucket(endpoints, withService, trackErrorLatency);
    }

    void record(
            int endpoint,
            long latencyNanos,
            long serviceNanos,
            long lagNanos,
            Outcome outcome,
            ErrorKind kind,
            String message,
            boolean late) {
        if (lock != null) {
            lock.lock();
        }
        long ticket = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            b.record(endpoint, latencyNanos, serviceNanos, lagNanos, outcome.status, kind, message, outcome);
            if (late) {
                b.late++;
            }
        } finally {
            phaser.writerCriticalSectionExit(ticket);
            if (lock != null) {
                lock.unlock();
            }
        }
    }

    void warmUp() {
        if (lock != null) {
            lock.lock();
        }
        long ticket = phaser.writerCriticalSectionEnter();
        try {
            active.warmUp++;
        } finally {
            phaser.writerCriticalSectionExit(ticket);
            if (lock != null) {
                lock.unlock();
            }
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
