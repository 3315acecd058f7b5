package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.LoadModel;
import io.backendkit.loadgen.RunSettings;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * Tags of the histograms in loadgen's HdrHistogram interval logs. The untagged histogram of each
 * interval is the latency of all requests (what standard log tools read by default); {@code
 * service} the open model's service time; {@code lag} the open model's schedule lag; {@code ep:NAME}
 * the latency per endpoint; {@code err:KIND} the latency of failed requests per error kind. Comment
 * lines hold what histograms cannot: the settings, endpoint names, each interval's status counts per
 * endpoint ({@code #backendkit-statuses}) and the run's totals.
 */
public final class HistogramLogTags {

    /** Tag of the service-time histogram. */
    public static final String SERVICE = "service";
    /** Prefix of per-endpoint tags. */
    public static final String ENDPOINT_PREFIX = "ep:";
    /** Prefix of per-error-kind tags. */
    public static final String ERROR_PREFIX = "err:";
    /** Tag of the open model's schedule-lag histogram of each interval. */
    public static final String LAG = "lag";

    private HistogramLogTags() {}

    /** Separates kind and endpoint in error tags. */
    public static final char ERROR_ENDPOINT_SEPARATOR = '|';

    /** The tag for an endpoint. */
    public static String endpoint(String name) {
        return ENDPOINT_PREFIX + sanitize(name);
    }

    /** The tag for failures of one kind at one endpoint. */
    public static String error(ErrorKind kind, String endpointName) {
        return ERROR_PREFIX + kind.name() + ERROR_ENDPOINT_SEPARATOR + sanitize(endpointName);
    }

    /** An endpoint name with the characters a log tag cannot hold (space, comma, control, non-ASCII) replaced by {@code _}. */
    public static String sanitize(String name) {
        StringBuilder tag = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            tag.append(c > ' ' && c < 127 && c != ',' ? c : '_');
        }
        return tag.toString();
    }

    /** First word of the comment line that records the run's settings. */
    public static final String SETTINGS_COMMENT = "backendkit-settings";
    /** First word of a comment line that maps an endpoint's tag to its full name. */
    public static final String ENDPOINT_COMMENT = "backendkit-endpoint";

    /** The settings as one comment (without the leading {@code #}). */
    public static String settingsComment(RunSettings s) {
        return String.format(
                Locale.ROOT,
                "%s model=%s users=%d rateFrom=%s rateTo=%s maxInFlight=%d connections=%d warmUpMs=%d durationMs=%d"
                        + " requests=%d rampUpMs=%d thinkTimeMs=%d requestTimeoutMs=%d transport=%s",
                SETTINGS_COMMENT,
                s.model().name(),
                s.users(),
                Double.toString(s.rateFromPerSecond()),
                Double.toString(s.rateToPerSecond()),
                s.maxInFlight(),
                s.connections(),
                millis(s.warmUp()),
                s.duration() == null ? -1 : s.duration().toMillis(),
                s.requests(),
                millis(s.rampUp()),
                millis(s.thinkTime()),
                millis(s.requestTimeout()),
                sanitize(s.transport()));
    }

    /** The comment that maps an endpoint's tag to its full name (without the leading {@code #}). */
    public static String endpointComment(String name) {
        return ENDPOINT_COMMENT + " " + sanitize(name) + " " + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /**
     * Parses a settings comment line (with its {@code #}); null when the line is not one.
     *
     * @throws IllegalArgumentException naming the key whose value cannot be read
     */
    public static RunSettings parseSettings(String line) {
        String prefix = "#" + SETTINGS_COMMENT + " ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(prefix.length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        long duration = number(kv, "durationMs");
        return new RunSettings(
                LoadModel.valueOf(text(kv, "model")),
                (int) number(kv, "users"),
                decimal(kv, "rateFrom"),
                decimal(kv, "rateTo"),
                (int) number(kv, "maxInFlight"),
                (int) number(kv, "connections"),
                Duration.ofMillis(number(kv, "warmUpMs")),
                duration < 0 ? null : Duration.ofMillis(duration),
                number(kv, "requests"),
                Duration.ofMillis(number(kv, "rampUpMs")),
                Duration.ofMillis(number(kv, "thinkTimeMs")),
                Duration.ofMillis(number(kv, "requestTimeoutMs")),
                text(kv, "transport"));
    }

    /** First word of a comment line that records one endpoint's status counts in one interval. */
    public static final String STATUSES_COMMENT = "backendkit-statuses";
    /** Most distinct status codes one statuses comment may hold. */
    private static final int MAX_STATUS_CODES = 1000;

    /**
     * One endpoint's responses per HTTP status in one interval.
     *
     * @param startMs interval start, epoch milliseconds (as the interval histograms' time stamps)
     * @param endMs interval end, epoch milliseconds
     * @param endpointTag the endpoint's tag name ({@link #sanitize(String)} of its name)
     * @param counts responses per status code, as text ({@code "200"}), counts > 0
     */
    public record Statuses(long startMs, long endMs, String endpointTag, Map<String, Long> counts) {}

    /** One endpoint's status counts in one interval as one comment (without the leading {@code #}). */
    public static String statusesComment(long startMs, long endMs, String endpointName, Map<String, Long> counts) {
        StringBuilder s = new StringBuilder(64);
        s.append(STATUSES_COMMENT)
                .append(" start=")
                .append(startMs)
                .append(" end=")
                .append(endMs)
                .append(" ep=")
                .append(sanitize(endpointName));
        counts.forEach((code, n) -> s.append(' ').append(code).append('=').append(n));
        return s.toString();
    }

    /**
     * Parses a statuses comment line (with its {@code #}); null when the line is not one.
     *
     * @throws IllegalArgumentException naming what cannot be read
     */
    public static Statuses parseStatuses(String line) {
        String prefix = "#" + STATUSES_COMMENT + " ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String part : line.substring(prefix.length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq);
            if (!key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
                int code;
                long n;
                try {
                    code = Integer.parseInt(key);
                    n = Long.parseLong(part.substring(eq + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("statuses comment: " + part + " is not status=count");
                }
                if (code < 1 || code > 999 || n < 0) {
                    throw new IllegalArgumentException("statuses comment: " + part + " is not status=count");
                }
                if (counts.size() >= MAX_STATUS_CODES) {
                    throw new IllegalArgumentException(
                            "statuses comment holds more than " + MAX_STATUS_CODES + " status codes");
                }
                counts.merge(Integer.toString(code), n, Long::sum);
            } else {
                kv.put(key, part.substring(eq + 1));
            }
        }
        long start = number(kv, "start", "statuses");
        long end = number(kv, "end", "statuses");
        if (end < start) {
            throw new IllegalArgumentException("statuses comment: end is before start");
        }
        return new Statuses(start, end, text(kv, "ep", "statuses"), counts);
    }

    /** First word of the comment line, written at the end of a run, that records its open-model accounting. */
    public static final String TOTALS_COMMENT = "backendkit-totals";

    /**
     * A run's accounting that histograms cannot hold: the open model's schedule (due, dropped, not
     * started, late), requests cut off at the end, warm-up requests, and the schedule-lag histogram.
     *
     * @param scheduled arrivals due in the measured window (0 in the closed model)
     * @param dropped arrivals dropped at the in-flight limit
     * @param notStarted arrivals taken but not sent because the run ended
     * @param late requests that waited for a free in-flight slot
     * @param cutOff requests cut off at the end
     * @param warmUp requests completed during warm-up
     * @param lag the schedule lag, or null (closed model)
     */
    public record Totals(
            long scheduled, long dropped, long notStarted, long late, long cutOff, long warmUp, Histogram lag) {}

    /** The totals as one comment (without the leading {@code #}). */
    public static String totalsComment(Totals t) {
        String lag = "-";
        if (t.lag() != null) {
            ByteBuffer buffer = ByteBuffer.allocate(t.lag().getNeededByteBufferCapacity());
            int length = t.lag().encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
            lag = Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
        }
        return String.format(
                Locale.ROOT,
                "%s scheduled=%d dropped=%d notStarted=%d late=%d cutOff=%d warmUp=%d lag=%s",
                TOTALS_COMMENT,
                t.scheduled(),
                t.dropped(),
                t.notStarted(),
                t.late(),
                t.cutOff(),
                t.warmUp(),
                lag);
    }

    /**
     * Parses a totals comment line (with its {@code #}); null when the line is not one.
     *
     * @throws IllegalArgumentException naming the key whose value cannot be read
     */
    public static Totals parseTotals(String line) {
        String prefix = "#" + TOTALS_COMMENT + " ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String part : line.substring(prefix.length()).trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                kv.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String lagText = text(kv, "lag", "totals");
        Histogram lag = null;
        if (!lagText.equals("-")) {
            try {
                lag = Histogram.decodeFromCompressedByteBuffer(
                        ByteBuffer.wrap(Base64.getDecoder().decode(lagText)), 0);
            } catch (DataFormatException | RuntimeException e) {
                throw new IllegalArgumentException("totals comment: lag is not an encoded histogram");
            }
        }
        return new Totals(
                nonNegative(kv, "scheduled"),
                nonNegative(kv, "dropped"),
                nonNegative(kv, "notStarted"),
                nonNegative(kv, "late"),
                nonNegative(kv, "cutOff"),
                nonNegative(kv, "warmUp"),
                lag);
    }

    private static long nonNegative(Map<String, String> kv, String key) {
        long v = number(kv, key, "totals");
        if (v < 0) {
            throw new IllegalArgumentException("totals comment: " + key + " is negative");
        }
        return v;
    }

    /** Parses an endpoint comment line (with its {@code #}) into {tag name, full name}; null when it is not one. */
    public static String[] parseEndpoint(String line) {
        String prefix = "#" + ENDPOINT_COMMENT + " ";
        if (!line.startsWith(prefix)) {
            return null;
        }
        String[] parts = line.substring(prefix.length()).trim().split(" ");
        if (parts.length != 2) {
            throw new IllegalArgumentException("endpoint comment must hold a tag and a name");
        }
        return new String[] {parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8)};
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    private static String text(Map<String, String> kv, String key) {
        return text(kv, key, "settings");
    }

    private static String text(Map<String, String> kv, String key, String comment) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException(comment + " comment has no " + key);
        }
        return v;
    }

    private static long number(Map<String, String> kv, String key) {
        return number(kv, key, "settings");
    }

    private static long number(Map<String, String> kv, String key, String comment) {
        try {
            return Long.parseLong(text(kv, key, comment));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(comment + " comment: " + key + " is not a whole number");
        }
    }

    private static double decimal(Map<String, String> kv, String key) {
        try {
            double v = Double.parseDouble(text(kv, key));
            if (!Double.isFinite(v) || v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("settings comment: " + key + " is not a rate");
        }
    }
}
