package io.backendkit.codegen.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backendkit.codegen.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The private copies of the documents a spec's refs lead to, as {@link RefGuard} checked them: one
 * file each (JSON, refs rewritten to other copies) in a temporary directory only the current user
 * can read, deleted on {@link #close()}. swagger-parser is pointed at these copies, so what it reads
 * is what was checked, and it is never the one to open a file or a URL.
 */
final class RefCopies implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    /** Each copy with the name of the document it copies (for messages). */
    private final Map<Path, String> originals = new LinkedHashMap<>();

    /** Whether any document was copied (false: the spec has no external refs). */
    boolean isEmpty() {
        return originals.isEmpty();
    }

    /** A new copy's place, in its own sub-directory so that the original file name is kept. */
    Path reserve(String fileName, String original) {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("backendkit-refs");
            }
            Path copy = Files.createDirectory(dir.resolve(Integer.toString(originals.size())))
                    .resolve(fileName);
            originals.put(copy, original);
            return copy;
        } catch (IOException e) {
            throw new SpecException(original, "cannot keep a private copy of the referenced document: " + e, e);
        }
    }

    /** Writes the copy. */
    void write(Path copy, JsonNode tree) {
        try {
            Files.writeString(copy, JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new SpecException(
                    originals.get(copy), "cannot copy the referenced document: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SpecException(
                    originals.get(copy), "cannot keep a private copy of the referenced document: " + e, e);
        }
    }

    /** A copy of the root document, for readers that insist on a location. */
    Path root(JsonNode tree, String name) {
        Path copy = reserve("openapi.json", name);
        write(copy, tree);
        return copy;
    }

    /** {@code message} with each copy's path replaced by the name of the document it copies. */
    String unmask(String message) {
        if (message == null || dir == null || !message.contains(dir.toString())) {
            return message;
        }
        String out = message;
        List<Map.Entry<Path, String>> entries = new ArrayList<>(originals.entrySet());
        // longer paths first, so that ".../1/a.yaml" is not cut by ".../1"
        entries.sort(Comparator.comparing(
                        (Map.Entry<Path, String> e) -> e.getKey().toString().length())
                .reversed());
        for (Map.Entry<Path, String> e : entries) {
            out = out.replace(e.getKey().toUri().toString(), e.getValue())
                    .replace(e.getKey().toString(), e.getValue());
        }
        return out;
    }

    /** Deletes the copies. */
    @Override
    public void close() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless; it holds nothing the user did not give
        }
        dir = null;
    }
}
