package io.backendkit.loadgen.internal;

/**
 * One worker's connection to the target (its own keep-alive socket, or nothing for in-process
 * tasks). Used by a single worker thread; {@link #abort()} may be called from another thread.
 */
public interface Session extends AutoCloseable {

    /**
     * Sends one request to the endpoint and waits for its outcome. Never throws for a failed request:
     * failures are classified into {@code out}.
     *
     * @param endpoint endpoint index
     * @param deadlineNanos {@link System#nanoTime()} value after which the request times out
     * @param out where the outcome goes
     */
    void execute(int endpoint, long deadlineNanos, Outcome out);

    /** Breaks off a request in progress (closes the socket); the worker is being stopped. */
    void abort();

    /** Releases the connection. */
    @Override
    void close();
}
