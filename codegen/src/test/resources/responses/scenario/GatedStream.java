package scenario;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A generated body for download tests: {@code size} bytes of a fixed pattern, produced as they are
 * read; with a gate, it stops after {@code gateAt} bytes until {@link #open()} (at most 20 s), so a
 * test can see that the first bytes reached the client before the stream ended.
 */
public final class GatedStream extends InputStream {

    /** The latest stream created with a gate. */
    public static volatile GatedStream last;

    private static volatile CountDownLatch gate = new CountDownLatch(0);

    /** How many streams were closed. */
    public static final AtomicInteger CLOSED = new AtomicInteger();

    private final long size;
    private final long gateAt;
    private volatile long pos;
    private volatile boolean passed;
    private volatile boolean closed;

    public GatedStream(long size, long gateAt) {
        this.size = size;
        this.gateAt = gateAt;
        if (gateAt >= 0) {
            last = this;
        }
    }

    /** Closes the gate for the next gated stream. */
    public static void shut() {
        gate = new CountDownLatch(1);
    }

    /** Lets gated streams go on. */
    public static void open() {
        gate.countDown();
    }

    /** The byte at {@code index} of every generated body. */
    public static int at(long index) {
        return (int) ((index * 31 + (index >>> 11) + 7) & 0xff);
    }

    /** The CRC-32 of the first {@code size} bytes of the pattern. */
    public static long expectedCrc(long size) {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[8192];
        for (long i = 0; i < size; ) {
            int n = (int) Math.min(buffer.length, size - i);
            for (int k = 0; k < n; k++) {
                buffer[k] = (byte) at(i + k);
            }
            crc.update(buffer, 0, n);
            i += n;
        }
        return crc.getValue();
    }

    /** Reads {@code in} to its end in small pieces; its CRC-32 and length. */
    public static long[] crcOf(InputStream in, long limit) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[4096];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
            crc.update(buffer, 0, n);
            total += n;
        }
        return new long[] {crc.getValue(), total};
    }

    /** The bytes produced so far. */
    public long produced() {
        return pos;
    }

    /** Whether the stream was read to its end. */
    public boolean finished() {
        return pos >= size;
    }

    /** Whether it was closed. */
    public boolean closed() {
        return closed;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (pos >= size) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        if (gateAt >= 0 && pos == gateAt && !passed) {
            try {
                if (!gate.await(20, TimeUnit.SECONDS)) {
                    throw new IOException("the gate was not opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at the gate", e);
            }
            passed = true;
        }
        long end = size;
        if (gateAt >= 0 && !passed) {
            end = Math.min(end, gateAt);
        }
        int n = (int) Math.min(len, end - pos);
        for (int k = 0; k < n; k++) {
            b[off + k] = (byte) at(pos + k);
        }
        pos += n;
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            CLOSED.incrementAndGet();
        }
    }
}
