package backendkit.template.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A binary response body as it arrives: read it from {@link #stream()} while the server is still
 * sending, and close it (try-with-resources) when done, which also releases the connection.
 *
 * @param stream the body, read as it arrives
 * @param length the {@code Content-Length} the server sent, -1 when it sent none
 * @param contentType the {@code Content-Type} the server sent, or null
 * @param headers every response header
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public record BinaryStream(InputStream stream, long length, String contentType, Map<String, List<String>> headers)
        implements Closeable {

    /** Copies the headers. */
    public BinaryStream {
        Objects.requireNonNull(stream, "stream");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * Reads the rest of the body into memory and closes the stream.
     *
     * @return the bytes
     * @throws IOException when reading fails
     */
    public byte[] readAllBytes() throws IOException {
        try (InputStream in = stream) {
            return in.readAllBytes();
        }
    }

    /** Closes the stream. */
    @Override
    public void close() throws IOException {
        stream.close();
    }
}
