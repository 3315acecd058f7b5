package io.backendkit.codegen.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backendkit.codegen.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks every {@code $ref} of a document, and of every document those refs lead to, against the
 * {@link RefPolicy} before swagger-parser reads anything: swagger-parser itself reads any file and
 * fetches any URL a ref names (and falls back to the class path for files that do not exist), so
 * the check has to come first.
 *
 * <p>Each referenced file or remote document is read once here, parsed, and required to be a
 * YAML/JSON mapping; messages name refs, paths and JSON pointers, never a file's contents. What was
 * checked is what is used: each document is kept as a private copy (see {@link RefCopies}) and
 * every external ref is rewritten to the copy, so swagger-parser reads only the copies and never
 * opens a file the policy did not approve or the network. {@code $anchor} refs ({@code #foo},
 * {@code other.yaml#foo}) are rewritten to the JSON pointer of the schema declaring the anchor.
 * Single use, not thread-safe.
 */
final class RefGuard {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");
    private static final Set<String> LITERAL_KEYS = Set.of("example", "default", "enum", "const");
    private static final int MAX_REMOTE_BYTES = 64 * 1024 * 1024;

    private final RefPolicy policy;
    private final ObjectMapper yaml;
    private final List<Path> roots = new ArrayList<>();
    private final List<Path> realRoots = new ArrayList<>();
    private final URI remoteRoot;
    private final RefCopies copies = new RefCopies();
    /** Each document read so far, by its real path or URI. */
    private final Map<String, Doc> docs = new HashMap<>();

    private HttpClient http;
    /** The root document, and whether a ref leads back to it (then it needs a copy too). */
    private Doc root;

    private RefGuard(RefPolicy policy, ObjectMapper yaml, URI remoteRoot) {
        this.policy = policy;
        this.yaml = yaml;
        this.remoteRoot = remoteRoot;
        for (Path root : policy.roots()) {
            addRoot(root);
        }
    }

    /**
     * Checks the document and everything it refers to, keeps a private copy of each document a ref
     * leads to, and rewrites the refs of {@code tree} (and of the copies) to those copies.
     *
     * @param tree the parsed root document, rewritten in place
     * @param source where it came from
     * @param name how it is named in messages
     * @return the copies, to be closed once swagger-parser has read them
     * @throws SpecException for the first ref the policy refuses or that cannot be followed
     */
    static RefCopies check(JsonNode tree, SpecSource source, String name, RefPolicy policy, ObjectMapper yaml) {
        URI base;
        RefGuard guard;
        String rootKey;
        String rootFile;
        switch (source) {
            case SpecSource.FromPath p -> {
                Path file = p.path().toAbsolutePath().normalize();
                base = file.toUri();
                guard = new RefGuard(policy, yaml, null);
                guard.addRoot(file.getParent());
                rootKey = realOrNormal(file).toString();
                rootFile = fileName(
                        file.getFileName() == null ? "" : file.getFileName().toString());
            }
            case SpecSource.FromUri u -> {
                base = u.uri();
                guard = new RefGuard(policy, yaml, u.uri().resolve(".").normalize());
                rootKey = u.uri().normalize().toString();
                rootFile = fileName(lastSegment(u.uri()));
            }
            case SpecSource.FromText t -> {
                guard = new RefGuard(policy, yaml, null);
                if (t.base() == null) {
                    base = null;
                } else {
                    Path dir = t.base().toAbsolutePath().normalize();
                    if (!Files.isDirectory(dir)) {
                        throw new SpecException(t.base().toString(), "spec text base directory does not exist");
                    }
                    guard.addRoot(dir);
                    base = textLocation(dir).toUri();
                }
                rootKey = base == null ? "" : base.toString();
                rootFile = "openapi.json";
            }
        }
        try {
            guard.root = new Doc(rootKey, name, rootFile, tree);
            guard.docs.put(rootKey, guard.root);
            guard.walkDocument(guard.root, base);
            if (guard.root.copy != null) {
                guard.copies.write(guard.root.copy, tree);
            }
            return guard.copies;
        } catch (RuntimeException | Error e) {
            guard.copies.close();
            throw e;
        } finally {
            if (guard.http != null) {
                guard.http.close();
            }
        }
    }

    /** One document: its key, name in messages, file name of its copy, tree and anchors. */
    private static final class Doc {
        final String key;
        final String name;
        final String fileName;
        final JsonNode tree;
        /** Collected on first use: most documents never ref an anchor. */
        private Map<String, String> anchors;

        final Set<URI> ids = new HashSet<>();
        Path copy;

        Doc(String key, String name, String fileName, JsonNode tree) {
            this.key = key;
            this.name = name;
            this.fileName = fileName;
            this.tree = tree;
        }

        Map<String, String> anchors() {
            if (anchors == null) {
                anchors = new HashMap<>();
                collectAnchors(tree, "", anchors);
            }
            return anchors;
        }
    }

    /**
     * A JSON pointer built as the walk descends, turned into text only for the few nodes that need
     * it (a ref that is checked), not for each of the document's nodes.
     */
    private static final class Pointer {
        static final Pointer ROOT = new Pointer(null, null);

        private final Pointer parent;
        private final String token;

        private Pointer(Pointer parent, String token) {
            this.parent = parent;
            this.token = token;
        }

        Pointer child(String key) {
            return new Pointer(this, key);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "";
            }
            return parent + "/" + Names.pointerEscape(token);
        }
    }

    /** The copy of {@code doc} refs are rewritten to, made on first use. */
    private Path copyOf(Doc doc) {
        if (doc.copy == null) {
            doc.copy = copies.reserve(doc.fileName, doc.name);
        }
        return doc.copy;
    }

    private static String lastSegment(URI uri) {
        String path = uri.getPath();
        if (path == null) {
            return "";
        }
        int slash = path.lastIndexOf('/');
        return path.substring(slash + 1);
    }

    /** A safe file name for a copy that keeps the original's name (swagger-parser names some schemas after it). */
    private static String fileName(String original) {
        String safe = original.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.startsWith(".") ? "document" + safe + ".yaml" : safe;
    }

    /** The made-up file in the base directory relative refs of text resolve against. */
    static Path textLocation(Path baseDirectory) {
        return baseDirectory.toAbsolutePath().normalize().resolve("openapi-spec-text.yaml");
    }

    private void addRoot(Path root) {
        Path normal = root.toAbsolutePath().normalize();
        roots.add(normal);
        realRoots.add(realOrNormal(normal));
    }

    private static Path realOrNormal(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private void walkDocument(Doc doc, URI base) {
        collectIds(doc.tree, base, doc.ids);
        walk(doc.tree, base, doc, Pointer.ROOT, false);
    }

    private static void collectIds(JsonNode node, URI base, Set<URI> ids) {
        if (node.isObject()) {
            URI here = withId(node, base);
            if (here != null && here != base) {
                ids.add(withoutFragment(here));
            }
            node.forEach(child -> collectIds(child, here, ids));
        } else if (node.isArray()) {
            node.forEach(child -> collectIds(child, base, ids));
        }
    }

    /** Each {@code $anchor} of the document with the JSON pointer of the object declaring it; the first wins. */
    private static void collectAnchors(JsonNode node, String pointer, Map<String, String> anchors) {
        if (node.isObject()) {
            JsonNode anchor = node.get("$anchor");
            if (anchor != null && anchor.isTextual() && !anchor.asText().isEmpty()) {
                anchors.putIfAbsent(anchor.asText(), pointer);
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!LITERAL_KEYS.contains(field.getKey()) && !field.getKey().equals("examples")) {
                    collectAnchors(field.getValue(), pointer + "/" + Names.pointerEscape(field.getKey()), anchors);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectAnchors(node.get(i), pointer + "/" + i, anchors);
            }
        }
    }

    /** The base URI inside an object: its {@code $id} resolved against the outer base, when it has one. */
    private static URI withId(JsonNode node, URI base) {
        JsonNode id = node.get("$id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            return base;
        }
        try {
            URI uri = new URI(id.asText());
            return base == null || uri.isAbsolute() ? (uri.isAbsolute() ? uri : base) : base.resolve(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return base;
        }
    }

    private void walk(JsonNode node, URI base, Doc doc, Pointer pointer, boolean exampleEntry) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            URI idBase = withId(node, base);
            if (ref != null && ref.isTextual()) {
                String rewritten = checkRef(ref.asText(), base, doc, pointer);
                if (idBase != base && idBase != null && isFollowable(idBase)) {
                    checkRef(ref.asText(), idBase, doc, pointer);
                }
                if (rewritten != null) {
                    ((ObjectNode) node).put("$ref", rewritten);
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (LITERAL_KEYS.contains(key) || (exampleEntry && key.equals("value"))) {
                    continue;
                }
                if (key.equals("examples") && !value.isObject()) {
                    continue;
                }
                Pointer childPointer = pointer.child(key);
                if (key.equals("examples")) {
                    for (Map.Entry<String, JsonNode> example : value.properties()) {
                        walk(example.getValue(), idBase, doc, childPointer.child(example.getKey()), true);
                    }
                } else {
                    walk(value, idBase, doc, childPointer, false);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), base, doc, pointer.child(Integer.toString(i)), false);
            }
        }
    }

    /**
     * The fragment with an anchor ({@code foo}, not a pointer) replaced by the pointer of the object
     * declaring it in {@code target}; other fragments as they are.
     */
    private static String fragment(String ref, String fragment, Doc target, String location) {
        if (fragment == null || fragment.isEmpty() || fragment.startsWith("/")) {
            return fragment;
        }
        String anchor = fragment;
        String pointer = target.anchors().get(anchor);
        if (pointer == null) {
            throw new SpecException(
                    location,
                    "$ref '" + ref + "' names the anchor '" + anchor + "', which no $anchor in " + target.name
                            + " declares");
        }
        return pointer;
    }

    private static boolean isFollowable(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("file") || scheme.equals("http") || scheme.equals("https");
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null).normalize();
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    /**
     * Checks one ref; returns it rewritten (to the private copy of the document it leads to, anchors
     * to pointers), or null when it stays as written.
     */
    private String checkRef(String ref, URI base, Doc doc, Pointer pointer) {
        if (ref.startsWith("#/")) {
            return null; // a pointer into this document: nothing to check, nothing to rewrite
        }
        String location = doc.name + "#" + pointer;
        int hash = ref.indexOf('#');
        String target = hash < 0 ? ref : ref.substring(0, hash);
        String fragment = hash < 0 ? null : ref.substring(hash + 1);
        if (target.isEmpty()) {
            String resolved = fragment(ref, fragment, doc, location);
            return java.util.Objects.equals(resolved, fragment) ? null : "#" + resolved;
        }
        URI resolved;
        if (SCHEME.matcher(target).find()) {
            try {
                resolved = new URI(target).normalize();
            } catch (URISyntaxException e) {
                throw refused(location, ref, "is not a valid URI");
            }
        } else if (base == null) {
            throw refused(
                    location,
                    ref,
                    "cannot be resolved: spec text has no location; give a base directory with"
                            + " fromSpecText(text, baseDirectory)");
        } else if ("file".equalsIgnoreCase(base.getScheme())) {
            try {
                Path file = Path.of(target);
                resolved = (file.isAbsolute() ? file : Path.of(base).getParent().resolve(file))
                        .normalize()
                        .toUri();
            } catch (IllegalArgumentException e) {
                throw refused(location, ref, "is not a valid file path");
            }
        } else {
            try {
                resolved = base.resolve(new URI(null, null, target, null)).normalize();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw refused(location, ref, "is not a valid URI reference");
            }
        }
        if (doc.ids.contains(withoutFragment(resolved))) {
            return null;
        }
        String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
        Doc targetDoc = switch (scheme) {
            case "file" -> checkFile(ref, location, resolved);
            case "http", "https" -> checkRemote(ref, location, withoutFragment(resolved));
            default ->
                throw refused(location, ref, "uses the scheme '" + scheme + ":'; only files and http(s) are followed");
        };
        String resolvedFragment = fragment(ref, fragment, targetDoc, location);
        return copyOf(targetDoc) + (resolvedFragment == null ? "" : "#" + resolvedFragment);
    }

    private Doc checkFile(String ref, String location, URI uri) {
        Path path;
        try {
            path = Path.of(uri).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw refused(location, ref, "is not a readable file URI");
        }
        if (roots.stream().noneMatch(path::startsWith)) {
            throw refused(location, ref, outsideMessage());
        }
        if (!Files.exists(path)) {
            throw new SpecException(location, "$ref '" + ref + "' points to a file that does not exist: " + path);
        }
        Path real = realOrNormal(path);
        if (realRoots.stream().noneMatch(real::startsWith)) {
            throw refused(location, ref, outsideMessage() + " (through a symbolic link)");
        }
        if (Files.isDirectory(real)) {
            throw new SpecException(location, "$ref '" + ref + "' points to a directory: " + path);
        }
        Doc known = docs.get(real.toString());
        if (known != null) {
            return known;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(real)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SpecException(location, "$ref '" + ref + "' points to " + path + ", which is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(
                    location,
                    "$ref '" + ref + "' points to " + path + ", which cannot be read: "
                            + e.getClass().getSimpleName());
        }
        JsonNode tree = parse(text, ref, location, path.toString());
        Doc doc = new Doc(real.toString(), path.toString(), fileName(String.valueOf(path.getFileName())), tree);
        return follow(doc, path.toUri());
    }

    /** Registers, walks and copies a newly read document. */
    private Doc follow(Doc doc, URI base) {
        docs.put(doc.key, doc);
        copyOf(doc);
        walkDocument(doc, base);
        copies.write(doc.copy, doc.tree);
        return doc;
    }

    private String outsideMessage() {
        return "leads outside the document's directory tree; allow more directories with allowRefsFrom(...)";
    }

    /** Whether the policy lets {@code uri} be fetched: under the remote document's own directory, or an allowed host. */
    private boolean remoteAllowed(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean underRemoteRoot = remoteRoot != null
                && remoteRoot.getScheme().equalsIgnoreCase(uri.getScheme())
                && host.equalsIgnoreCase(remoteRoot.getHost())
                && uri.getPort() == remoteRoot.getPort()
                && uri.getPath() != null
                && uri.getPath().startsWith(remoteRoot.getPath());
        return underRemoteRoot || policy.hosts().contains(host);
    }

    private Doc checkRemote(String ref, String location, URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (!remoteAllowed(uri)) {
            throw refused(
                    location,
                    ref,
                    "would be fetched over the network; allow the host with allowRemoteRefs(\"" + host + "\")");
        }
        Doc known = docs.get(uri.toString());
        if (known != null) {
            return known;
        }
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        String text;
        URI at = uri;
        try {
            HttpResponse<InputStream> response;
            // redirects are followed here, each target checked against the policy like a ref
            for (int redirects = 0; ; redirects++) {
                response = http.send(
                        HttpRequest.newBuilder(at)
                                .timeout(Duration.ofSeconds(60))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                    break;
                }
                response.body().close();
                String target = response.headers().firstValue("Location").orElse(null);
                if (target == null) {
                    throw new SpecException(
                            location, "$ref '" + ref + "': " + at + " answered HTTP " + status + " without a Location");
                }
                if (redirects >= 5) {
                    throw new SpecException(location, "$ref '" + ref + "': more than 5 redirects from " + uri);
                }
                URI next;
                try {
                    next = at.resolve(new URI(target));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw refused(location, ref, "is redirected by " + at + " to a malformed location");
                }
                String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw refused(
                            location,
                            ref,
                            "is redirected by " + at + " to a '" + scheme + ":' location; only http(s) is followed");
                }
                if (!remoteAllowed(next)) {
                    String nextHost =
                            next.getHost() == null ? "" : next.getHost().toLowerCase(Locale.ROOT);
                    throw refused(
                            location,
                            ref,
                            "is redirected by " + at + " to " + next
                                    + ", which the policy does not allow; allow the host" + " with allowRemoteRefs(\""
                                    + nextHost + "\")");
                }
                at = next;
            }
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new SpecException(
                            location, "$ref '" + ref + "': cannot fetch " + uri + ": HTTP " + response.statusCode());
                }
                byte[] bytes = in.readNBytes(MAX_REMOTE_BYTES + 1);
                if (bytes.length > MAX_REMOTE_BYTES) {
                    throw new SpecException(
                            location, "$ref '" + ref + "': " + uri + " is larger than " + MAX_REMOTE_BYTES + " bytes");
                }
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .decode(java.nio.ByteBuffer.wrap(bytes))
                        .toString();
            }
        } catch (CharacterCodingException e) {
            throw new SpecException(location, "$ref '" + ref + "' points to " + uri + ", which is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(
                    location,
                    "$ref '" + ref + "': cannot fetch " + uri + ": "
                            + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpecException(location, "$ref '" + ref + "': interrupted while fetching " + uri);
        }
        JsonNode tree = parse(text, ref, location, uri.toString());
        return follow(new Doc(uri.toString(), uri.toString(), fileName(lastSegment(uri)), tree), uri);
    }

    private JsonNode parse(String text, String ref, String location, String what) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at != null && at.getLineNr() > 0
                    ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"
                    : "";
            throw new SpecException(
                    location, "$ref '" + ref + "' points to " + what + ", which is not valid YAML or JSON" + where);
        }
        if (tree == null || !tree.isObject()) {
            throw new SpecException(
                    location, "$ref '" + ref + "' points to " + what + ", which is not a YAML/JSON mapping");
        }
        LineBreaks.hide(tree);
        return tree;
    }

    private static SpecException refused(String location, String ref, String why) {
        return new SpecException(location, "$ref '" + ref + "' refused: it " + why);
    }
}
