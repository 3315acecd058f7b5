package io.backendkit.loadgen;

/**
 * How often one kind of error happened at one endpoint, with the first message seen. Immutable and
 * thread-safe.
 *
 * @param endpoint the endpoint name
 * @param kind the error class
 * @param count how many requests failed this way, at least 1
 * @param firstMessage the message of the first such failure (null when unknown, e.g. merged logs)
 */
public record ErrorStats(String endpoint, ErrorKind kind, long count, String firstMessage) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when {@code endpoint} is blank, {@code kind} is null or {@code count}
     *     is below 1
     */
    public ErrorStats {
        if (endpoint == null || endpoint.isBlank()) {
            throw new IllegalArgumentException("error endpoint must not be blank");
        }
        if (kind == null) {
            throw new IllegalArgumentException("error kind must not be null");
        }
        if (count < 1) {
            throw new IllegalArgumentException("error count must be >= 1 (was " + count + ")");
        }
    }

    /**
     * One line: endpoint, kind, count and first message.
     *
     * @return for example {@code ErrorStats[GET /users HTTP_5XX x3: status 503 (GET /users)]}
     */
    @Override
    public String toString() {
        return "ErrorStats[" + endpoint + " " + kind + " x" + count + ": " + firstMessage + "]";
    }
}
