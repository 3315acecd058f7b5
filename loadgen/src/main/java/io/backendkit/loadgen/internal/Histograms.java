package io.backendkit.loadgen.internal;

import io.backendkit.loadgen.LoadTestException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/** Creation and Base64 encoding of the histograms loadgen records (nanoseconds, 3 significant digits). */
public final class Histograms {

    /** Significant value digits of every histogram: values are exact to within 0.1%. */
    public static final int DIGITS = 3;

    private Histograms() {}

    /** An auto-resizing histogram. */
    public static Histogram create() {
        return new Histogram(DIGITS);
    }

    /** Records {@code nanos}, clamped to at least 1 (HdrHistogram cannot hold 0 in the auto-resizing form). */
    public static void record(AbstractHistogram h, long nanos) {
        h.recordValue(nanos < 1 ? 1 : nanos);
    }

    /** Compressed encoding, Base64 (standard alphabet), as the HdrHistogram log format uses. */
    public static String encode(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes {@link #encode}'s output into a fresh auto-resizing histogram.
     *
     * @param where names the value in the error message
     */
    public static Histogram decode(String base64, String where) {
        if (base64 == null || base64.isEmpty()) {
            return new Histogram(DIGITS);
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            Histogram copy = new Histogram(DIGITS);
            copy.add(decoded);
            return copy;
        } catch (IllegalArgumentException | DataFormatException | IndexOutOfBoundsException e) {
            throw new LoadTestException(where, "is not a compressed Base64 HdrHistogram: " + e.getMessage(), e);
        }
    }
}
