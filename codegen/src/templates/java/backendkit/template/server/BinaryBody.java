package backendkit.template.server;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A binary response body the server streams to the client: read in small pieces as the client takes
 * them, never held whole, and closed when the response is done (or has failed).
 *
 * @param stream the content; the server closes it
 * @param length the content's length in bytes, sent as {@code Content-Length}; -1 when unknown (the
 *     body is then sent chunked)
 * @param contentType the {@code Content-Type} to send; null for the one the document names
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public record BinaryBody(InputStream stream, long length, String contentType) implements Closeable {

    /** Checks the stream and the length. */
    public BinaryBody {
        Objects.requireNonNull(stream, "stream");
        if (length < -1) {
            throw new IllegalArgumentException("length must be -1 (unknown) or at least 0 (was " + length + ")");
        }
        if (contentType != null && (contentType.indexOf('\r') >= 0 || contentType.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("contentType must not contain line breaks");
        }
    }

    /**
     * A body of unknown length.
     *
     * @param stream the content; the server closes it
     * @return the body
     */
    public static BinaryBody of(InputStream stream) {
        return new BinaryBody(stream, -1, null);
    }

    /**
     * A body of known length.
     *
     * @param stream the content; the server closes it
     * @param length its length in bytes
     * @return the body
     */
    public static BinaryBody of(InputStream stream, long length) {
        return new BinaryBody(stream, length, null);
    }

    /**
     * A body held in memory.
     *
     * @param bytes the content
     * @return the body
     */
    public static BinaryBody of(byte[] bytes) {
        return new BinaryBody(new ByteArrayInputStream(bytes), bytes.length, null);
    }

    /**
     * The content of a file, opened now and read as it is sent.
     *
     * @param file the file
     * @return the body
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static BinaryBody of(Path file) {
        try {
            return new BinaryBody(Files.newInputStream(file), Files.size(file), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * This body with another {@code Content-Type}.
     *
     * @param value the media type, such as {@code image/png}
     * @return a copy
     */
    public BinaryBody withContentType(String value) {
        return new BinaryBody(stream, length, value);
    }

    /** Closes the stream. */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
