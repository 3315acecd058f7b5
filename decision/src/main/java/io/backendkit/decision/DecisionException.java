package io.backendkit.decision;

import io.backendkit.core.BackendKitException;

/** Constraints or profiles the decision engine cannot work with; the location names the input or profile file and key. */
public class DecisionException extends BackendKitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     */
    public DecisionException(String location, String problem) {
        super(location, problem);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @param cause the underlying exception, may be null
     */
    public DecisionException(String location, String problem, Throwable cause) {
        super(location, problem, cause);
    }
}
