package io.backendkit.cli.internal;

/** The exit codes of the {@code backendkit} command. */
public final class ExitCodes {
    /** Everything ran and every check passed. */
    public static final int OK = 0;
    /** A threshold, expectation or lint check failed. */
    public static final int CHECK_FAILED = 1;
    /** The command could not do its job on its input (a bad spec, a failed migration); the message says why. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The load target or the database could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
