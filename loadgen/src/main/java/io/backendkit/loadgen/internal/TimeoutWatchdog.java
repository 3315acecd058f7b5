package io.backendkit.loadgen.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces request deadlines on {@link Http1Connection}s: one virtual thread wakes every
 * {@code timeout / 20} (between 5 and 50 ms) and expires the exchanges that are overdue, so a
 * timeout fires at most one period late. One per HTTP/1.1 target; {@link #close()} stops it.
 */
final class TimeoutWatchdog implements AutoCloseable {

    private final Set<Http1Connection> connections = ConcurrentHashMap.newKeySet();
    private final long periodNanos;
    private final Thread thread;
    private volatile boolean closed;

    TimeoutWatchdog(Duration requestTimeout) {
        long period = requestTimeout.toNanos() / 20;
        this.periodNanos = Math.max(
                Duration.ofMillis(5).toNanos(), Math.min(Duration.ofMillis(50).toNanos(), period));
        this.thread = Thread.ofVirtual().name("loadgen-request-timeouts").start(this::watch);
    }

    void register(Http1Connection connection) {
        connections.add(connection);
    }

    void unregister(Http1Connection connection) {
        connections.remove(connection);
    }

    private void watch() {
        while (!closed) {
            try {
                Thread.sleep(Duration.ofNanos(periodNanos));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Http1Connection c : connections) {
                c.expireIfOverdue(now);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
