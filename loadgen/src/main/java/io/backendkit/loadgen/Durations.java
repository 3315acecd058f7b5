package io.backendkit.loadgen;

import java.time.Duration;
import java.util.Locale;

/** Formatting of durations and rates for reports; package-private helper. */
final class Durations {

    private Durations() {}

    /** {@code 2s}, {@code 500ms}, {@code 1m30s}. */
    static String text(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        return s % 60 == 0 ? (s / 60) + "m" : (s / 60) + "m" + (s % 60) + "s";
    }

    /** A rate without needless decimals: {@code 200}, {@code 12.5}. */
    static String rate(double perSecond) {
        if (perSecond == Math.rint(perSecond)) {
            return String.format(Locale.ROOT, "%.0f", perSecond);
        }
        return String.format(Locale.ROOT, "%.2f", perSecond);
    }

    /** Nanoseconds as milliseconds with 3 decimals: {@code 12.345}. */
    static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0);
    }
}
