package io.backendkit.loadgen;

import io.backendkit.core.BackendKitException;

/** A load test that cannot be configured or run; the location names the setting or target. */
public class LoadTestException extends BackendKitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     */
    public LoadTestException(String location, String problem) {
        super(location, problem);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @param cause the underlying exception, may be null
     */
    public LoadTestException(String location, String problem, Throwable cause) {
        super(location, problem, cause);
    }
}
