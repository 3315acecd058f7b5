package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.ErrorKind;

/**
 * Tags of the histograms in loadgen's HdrHistogram interval logs. The untagged histogram of each
 * interval is the latency of all requests (what standard log tools read by default); {@code
 * service} the open model's service time; {@code ep:NAME} the latency per endpoint (only when there
 * are several); {@code err:KIND} the latency of failed requests per error kind.
 */
public final class HistogramLogTags {

    /** Tag of the service-time histogram. */
    public static final String SERVICE = "service";
    /** Prefix of per-endpoint tags. */
    public static final String ENDPOINT_PREFIX = "ep:";
    /** Prefix of per-error-kind tags. */
    public static final String ERROR_PREFIX = "err:";

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
}
