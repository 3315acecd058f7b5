package io.backendkit.maven.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files an OpenAPI document is made of: the document and every local file its {@code $ref}s reach, followed
 * transitively. Remote references are listed apart, since their content cannot be fingerprinted.
 */
public final class SpecFiles {

    private static final int MAX_FILES = 2_000;

    private final List<Path> files;
    private final List<String> remoteRefs;

    private SpecFiles(List<Path> files, List<String> remoteRefs) {
        this.files = List.copyOf(files);
        this.remoteRefs = List.copyOf(remoteRefs);
    }

    /** The local files, the document first, as absolute normalised paths. */
    public List<Path> files() {
        return files;
    }

    /** References to {@code http(s)} documents, which make every build regenerate. */
    public List<String> remoteRefs() {
        return remoteRefs;
    }

    /** Follows the references of {@code spec}. A file that does not parse is kept but not followed. */
    public static SpecFiles of(Path spec) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<Path> seen = new LinkedHashSet<>();
        List<String> remote = new ArrayList<>();
        Deque<Path> todo = new ArrayDeque<>();
        todo.add(spec.toAbsolutePath().normalize());
        while (!todo.isEmpty() && seen.size() < MAX_FILES) {
            Path file = todo.removeFirst();
            if (!seen.add(file) || !Files.isRegularFile(file)) {
                continue;
            }
            JsonNode root;
            try {
                root = yaml.readTree(file.toFile());
            } catch (IOException | RuntimeException e) {
                continue;
            }
            List<String> refs = new ArrayList<>();
            collectRefs(root, refs);
            for (String ref : refs) {
                int hash = ref.indexOf('#');
                String location = hash >= 0 ? ref.substring(0, hash) : ref;
                if (location.isEmpty()) {
                    continue;
                }
                String lower = location.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://")) {
                    remote.add(location);
                    continue;
                }
                Path target = resolve(file, location);
                if (target != null) {
                    todo.add(target);
                }
            }
        }
        return new SpecFiles(new ArrayList<>(seen), remote);
    }

    private static Path resolve(Path from, String location) {
        try {
            URI uri = new URI(location);
            if (uri.getScheme() != null) {
                return "file".equalsIgnoreCase(uri.getScheme())
                        ? Path.of(uri).toAbsolutePath().normalize()
                        : null;
            }
            String path = uri.getPath();
            return path == null
                    ? null
                    : from.resolveSibling(path).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return from.resolveSibling(location).toAbsolutePath().normalize();
        }
    }

    private static void collectRefs(JsonNode root, List<String> out) {
        Deque<JsonNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            JsonNode node = stack.pop();
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
                        out.add(e.getValue().asText());
                    } else {
                        stack.push(e.getValue());
                    }
                }
            } else if (node.isArray()) {
                node.forEach(stack::push);
            }
        }
    }
}
