package io.backendkit.loadgen;

import io.backendkit.core.BackendKitException;
import io.backendkit.loadgen.internal.Engine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A load test in progress. {@link #await()} waits for the report; {@link #stop()} ends the run
 * early (the report covers what was measured); {@link #close()} stops and waits, so a
 * try-with-resources block never leaves threads or sockets behind.
 *
 * <pre>{@code
 * try (LoadRun run = LoadTest.http().get(uri).concurrency(20).duration(ofMinutes(5)).start()) {
 *     // ... deploy, watch ...
 *     run.stop();
 *     LoadReport report = run.await();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LoadRun implements AutoCloseable {

    private final Engine engine;

    LoadRun(Engine engine) {
        this.engine = engine;
    }

    /**
     * Ends the run early: no new requests; in-flight ones get the drain timeout. Returns at once;
     * calling it again, or after the end, does nothing.
     */
    public void stop() {
        engine.stop();
    }

    /**
     * Whether the run has ended.
     *
     * @return true when {@link #await()} would return (or throw) at once
     */
    public boolean isDone() {
        return engine.result().isDone();
    }

    /**
     * Waits for the end of the run.
     *
     * @return the report, the same one on every call
     * @throws LoadTestException when the run itself failed (not when requests failed), or when the
     *     calling thread is interrupted (the run is then stopped and the interrupt flag kept)
     */
    public LoadReport await() {
        try {
            return engine.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            engine.stop();
            throw new LoadTestException("load test", "interrupted while waiting for the report", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /**
     * Waits at most {@code timeout} for the report.
     *
     * @param timeout the longest wait, not null
     * @return the report, or empty when the run has not ended by then
     * @throws LoadTestException when the run itself failed, or when the calling thread is interrupted
     *     (the interrupt flag is kept; the run goes on)
     */
    public Optional<LoadReport> await(Duration timeout) {
        try {
            return Optional.of(engine.result().get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadTestException("load test", "interrupted while waiting for the report", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof BackendKitException b) {
            return b;
        }
        return new LoadTestException("load test", "the run failed: " + cause, cause);
    }

    /**
     * Stops the run (if still going) and waits for it to end. Never throws: a failed run is reported
     * by {@link #await()}. An interrupt ends the wait and keeps the interrupt flag.
     */
    @Override
    public void close() {
        if (!isDone()) {
            stop();
        }
        try {
            engine.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // await() reports failures; close() only makes sure nothing is left running
        }
    }
}
