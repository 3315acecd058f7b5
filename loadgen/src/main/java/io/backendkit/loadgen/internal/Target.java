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
     * Run-level expectations given the merged results of the run. Each line accounts for every
     * request of its endpoint: one without an answer, or an arrival never sent, fails it.
     */
    List<ExpectationResult> expectations(Bucket totals);

    /** Releases shared resources (an HTTP client). */
    @Override
    void close();
}
