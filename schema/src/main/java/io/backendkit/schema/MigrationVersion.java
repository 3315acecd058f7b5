package io.backendkit.schema;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration version such as {@code 1}, {@code 2.1} or {@code 20261122093000}: dot- or
 * underscore-separated non-negative integers, compared numerically part by part ({@code 1.10 > 1.9},
 * {@code 10 > 9}). Trailing zero parts do not matter ({@code 1.0 == 1}). Immutable.
 *
 * @param text the version as written, normalised to dots
 */
public record MigrationVersion(String text) implements Comparable<MigrationVersion> {

    /** Validates the text. */
    public MigrationVersion {
        if (text == null || !text.matches("\\d+([._]\\d+)*")) {
            throw new IllegalArgumentException(
                    "migration version must be numbers separated by '.' or '_' (was '" + text + "')");
        }
        text = text.replace('_', '.');
    }

    /**
     * Parses {@code text}.
     *
     * @param text numbers separated by {@code .} or {@code _}, for example {@code 2_1}
     * @return the version, with {@code _} written as {@code .}
     * @throws IllegalArgumentException when {@code text} is null or not such a version
     */
    public static MigrationVersion of(String text) {
        return new MigrationVersion(text);
    }

    private List<BigInteger> parts() {
        List<BigInteger> parts = new ArrayList<>();
        for (String p : text.split("\\.")) {
            parts.add(new BigInteger(p));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return parts;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        List<BigInteger> a = parts();
        List<BigInteger> b = other.parts();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Numeric equality: {@code 1.0} equals {@code 1}. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return parts().hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
