package io.backendkit.core;

/**
 * The root of every exception backendkit throws on purpose. Unchecked.
 *
 * <p>Each instance says <em>what</em> went wrong ({@link #problem()}) and <em>where</em> ({@link
 * #location()}: a file and line, a JSON pointer, an input name, a table). {@link #getMessage()} joins
 * the two as {@code location: problem}, so a log line or a test failure always carries both.
 * Modules subclass it for the few cases a caller may want to catch separately.
 *
 * <pre>{@code
 * throw new BackendKitException("api/users.yaml#/components/schemas/Pet/properties/tags", "$ref points to nothing");
 * }</pre>
 */
public class BackendKitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where the problem is; never blank. */
    private final String location;

    /** What the problem is, without the location; never blank. */
    private final String problem;

    /**
     * Creates an exception.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @throws IllegalArgumentException if {@code location} or {@code problem} is null or blank
     */
    public BackendKitException(String location, String problem) {
        this(location, problem, null);
    }

    /**
     * Creates an exception caused by another one.
     *
     * @param location where the problem is, not blank
     * @param problem what the problem is, not blank
     * @param cause the underlying exception, may be null
     * @throws IllegalArgumentException if {@code location} or {@code problem} is null or blank
     */
    public BackendKitException(String location, String problem, Throwable cause) {
        super(join(location, problem), cause);
        this.location = location;
        this.problem = problem;
    }

    /**
     * Where the problem is: a file and line, a JSON pointer, an input name.
     *
     * @return the location as given to the constructor, never blank
     */
    public String location() {
        return location;
    }

    /**
     * What the problem is, without the location.
     *
     * @return the problem as given to the constructor, never blank
     */
    public String problem() {
        return problem;
    }

    private static String join(String location, String problem) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("exception location must not be blank (problem: " + problem + ")");
        }
        if (problem == null || problem.isBlank()) {
            throw new IllegalArgumentException("exception problem must not be blank (location: " + location + ")");
        }
        return location + ": " + problem;
    }
}
