package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ExpectationResult;
import java.util.List;

/** What a run sends load to: a set of endpoints, sessions for workers, and run-level expectations. */
public interface Target extends AutoCloseable {

    /** Endpoint names, in declaration order (unique). */
    List<String> names();

    /** Methods (or {@code CALL}) per endpoint. */
    List<String> methods();

    /** URIs or task descriptions per endpoint. */
    List<String> descriptions();

    /** Relative weights per endpoint, each >= 1. */
    int[] weights();

    /** A new session for one worker. */
    Session newSession();

    /** The transport name recorded in the report. */
    String transport();

    /**
     * Run-level expectations given the merged results.
     *
     * @param statusCount status code counts per endpoint: {@code statusCount.count(endpoint, status)}
     * @param errorCount failures of a kind per endpoint
     */
    List<ExpectationResult> expectations(Counts statusCount, Counts errorCount);

    /** Releases shared resources (an HTTP client). */
    @Override
    void close();

    /** A lookup of counts per endpoint and key. */
    @FunctionalInterface
    interface Counts {
        /** The count for the endpoint and key. */
        long count(int endpoint, int key);
    }
}
