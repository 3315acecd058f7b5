package io.backendkit.cli.internal;

import java.io.PrintWriter;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Turns an exception from a command into one line on stderr and an exit code. */
public final class Failures {

    private Failures() {}

    /** A usage problem found after parsing (a bad combination of options, an unreadable input file). */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A usage problem; {@code message} reads {@code location: problem}. */
        public UsageException(String message) {
            super(message);
        }
    }

    /** A target or database that cannot be reached. */
    public static final class UnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** {@code message} reads {@code location: problem}. */
        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Prints {@code backendkit: <message>} (and the stack trace when verbose) and returns the exit code. */
    public static int report(Exception ex, PrintWriter err, boolean verbose) {
        err.println("backendkit: " + oneLine(ex));
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!(ex instanceof UsageException)) {
            err.println("(--verbose shows the stack trace)");
        }
        err.flush();
        if (ex instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        return unreachable(ex) ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static boolean unreachable(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UnreachableException
                    || t instanceof ConnectException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && s.getSQLState().startsWith("08")) {
                return true; // connection exception class
            }
        }
        return false;
    }
}
