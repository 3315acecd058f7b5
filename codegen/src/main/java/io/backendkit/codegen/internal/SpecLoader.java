package io.backendkit.codegen.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.backendkit.codegen.SpecException;
import io.backendkit.core.Finding;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIResolver;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.converter.SwaggerConverter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads an OpenAPI document with swagger-parser: YAML or JSON, OpenAPI 3.0/3.1, Swagger 2.0
 * (converted), {@code $ref}s resolved.
 *
 * <p>YAML is parsed here, with the code point limit raised (SnakeYAML's default of 3 MB rejects some
 * real public APIs), and handed to swagger-parser as a tree or JSON text, so swagger-parser's global
 * YAML settings never matter. Syntax errors name the line and column.
 */
public final class SpecLoader {

    /** SnakeYAML counts code points; 1 GiB is far beyond any real document and below int overflow. */
    private static final int MAX_YAML_CODE_POINTS = 1 << 30;

    private static final java.util.regex.Pattern QUOTED_PASSAGE =
            java.util.regex.Pattern.compile("'[^']{60,}'|\"[^\"]{60,}\"");
    private static final int MAX_MESSAGE = 300;

    /**
     * The mappers, in a class of their own: initialising Jackson and SnakeYAML takes a noticeable
     * part of a short run, and this way the caller's thread does it while the loader thread reads
     * the file (whichever thread comes first initialises, the other waits for it; the loader touches
     * no Jackson or SnakeYAML class before it).
     */
    private static final class Mappers {
        static final ObjectMapper JSON = new ObjectMapper();
        static final ObjectMapper YAML;

        static {
            LoaderOptions loaderOptions = new LoaderOptions();
            loaderOptions.setCodePointLimit(MAX_YAML_CODE_POINTS);
            YAML = new ObjectMapper(
                    YAMLFactory.builder().loaderOptions(loaderOptions).build());
        }

        private Mappers() {}

        /**
         * Initialises the mappers (calling it is what initialises the class). Nothing else is warmed
         * up this way: the loader thread holds no class initialisation lock while it waits for this
         * class, whereas initialising library classes while it runs the same libraries could
         * deadlock on their initialisation cycles.
         */
        static void warmUp() {
            // the class initialiser does the work
        }
    }

    private SpecLoader() {}

    /**
     * The parsed document.
     *
     * @param api the model swagger-parser built
     * @param document the root document as read (refs rewritten to private copies that no longer exist)
     * @param displayName how the document is named in messages
     * @param swagger2 whether it was a Swagger 2.0 document
     * @param findings swagger-parser's messages
     */
    public record LoadedSpec(
            OpenAPI api, JsonNode document, String displayName, boolean swagger2, List<Finding> findings) {}

    /** The name of the thread documents are loaded on. */
    static final String LOADER_THREAD = "backendkit-spec-loader";

    /**
     * Stack of the loader thread: SnakeYAML, Jackson and swagger-parser's resolvers recurse once per
     * nesting level, and real documents nest deeper than a default thread stack allows. It is
     * reserved address space, committed only as deep as the recursion actually goes.
     */
    private static final long LOADER_STACK_BYTES = 512L * 1024 * 1024;

    /**
     * Loads and resolves the document on a thread of its own with a large stack (see {@link
     * #load}), waiting for it; failures are rethrown as they are.
     *
     * @param policy where {@code $ref}s may lead besides the document's own tree
     * @throws SpecException as {@link #load}, and when the document nests too deeply even for that
     *     stack or the caller is interrupted while waiting
     */
    public static LoadedSpec loadOnLoaderThread(SpecSource source, RefPolicy policy) {
        LoadedSpec[] result = new LoadedSpec[1];
        Throwable[] failure = new Throwable[1];
        Thread loader = new Thread(
                null,
                () -> {
                    try {
                        result[0] = load(source, policy);
                    } catch (StackOverflowError e) {
                        failure[0] = new SpecException(
                                source.displayName(), "document nests too deeply to be read (stack overflow)", e);
                    } catch (RuntimeException | Error e) {
                        failure[0] = e;
                    }
                },
                LOADER_THREAD,
                LOADER_STACK_BYTES);
        loader.setDaemon(true);
        loader.start();
        // while the loader reads the file: the mappers it needs next
        Mappers.warmUp();
        try {
            loader.join();
        } catch (InterruptedException e) {
            loader.interrupt();
            Thread.currentThread().interrupt();
            throw new SpecException(source.displayName(), "interrupted while loading the document", e);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        } else if (failure[0] instanceof Error e) {
            throw e;
        }
        return result[0];
    }

    /**
     * Loads and resolves the document.
     *
     * @param policy where {@code $ref}s may lead besides the document's own tree
     * @throws SpecException for a missing file, a syntax error (with line and column), a document
     *     that is not OpenAPI, a {@code $ref} the policy refuses, or one swagger-parser cannot read
     */
    public static LoadedSpec load(SpecSource source, RefPolicy policy) {
        String name = source.displayName();
        String text = readText(source);
        if (text.isBlank()) {
            throw new SpecException(name, "document is empty");
        }
        boolean json = text.stripLeading().startsWith("{");
        JsonNode tree = parseTree(text, json, name);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new SpecException(name, "document is empty");
        }
        if (!tree.isObject()) {
            throw new SpecException(name + "#", "document root must be an object/mapping, found " + kind(tree));
        }
        LineBreaks.hide(tree);
        // refs lead to private copies of what the guard checked; swagger-parser gets no location
        // of its own, so it reads nothing but the tree and those copies
        try (RefCopies copies = RefGuard.check(tree, source, name, policy, Mappers.YAML)) {
            return parse(tree, copies, name);
        }
    }

    private static LoadedSpec parse(JsonNode tree, RefCopies copies, String name) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(false);
        options.setFlatten(false);

        SwaggerParseResult result;
        boolean swagger2;
        JsonNode openapi = tree.get("openapi");
        JsonNode swagger = tree.get("swagger");
        if (openapi != null) {
            if (!openapi.isTextual() || !openapi.asText().startsWith("3.")) {
                throw new SpecException(
                        name + "#/openapi",
                        "unsupported OpenAPI version '" + openapi.asText()
                                + "' (3.0.x and 3.1.x are supported, and Swagger 2.0)");
            }
            swagger2 = false;
            Examples.strip(tree);
            if (openapi.asText().startsWith("3.0")) {
                result = new OpenAPIV3Parser().parseJsonNode(null, tree, options);
                if (result.getOpenAPI() != null) {
                    try {
                        new OpenAPIResolver(result.getOpenAPI(), new ArrayList<>(), null, null, options)
                                .resolve(result);
                    } catch (RuntimeException e) {
                        throw new SpecException(
                                name, "cannot resolve $refs: " + scrub(copies.unmask(e.getMessage())), e);
                    }
                }
            } else {
                result = new OpenAPIV3Parser().readContents(writeJson(tree, name), null, options, null);
            }
        } else if (swagger != null) {
            if (!"2.0".equals(swagger.asText())) {
                throw new SpecException(
                        name + "#/swagger",
                        "unsupported Swagger version '" + swagger.asText() + "' (only 2.0 is supported)");
            }
            swagger2 = true;
            SwaggerConverter converter = new SwaggerConverter();
            if (copies.isEmpty()) {
                result = converter.readContents(writeJson(tree, name), null, options);
            } else {
                // the 2.0 reader resolves file refs against a location: give it a copy of the root
                result = converter.readLocation(copies.root(tree, name).toString(), null, options);
            }
        } else {
            throw new SpecException(
                    name + "#", "not an OpenAPI document: it has neither an 'openapi' nor a 'swagger' field");
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> messages = new LinkedHashSet<>();
        if (result.getMessages() != null) {
            result.getMessages().stream()
                    .filter(m -> m != null && !m.isBlank())
                    .map(m -> scrub(copies.unmask(m)))
                    .forEach(messages::add);
        }
        if (result.getOpenAPI() == null) {
            throw new SpecException(
                    name,
                    "swagger-parser could not read the document"
                            + (messages.isEmpty() ? "" : ": " + String.join("; ", messages)));
        }
        for (String message : messages) {
            findings.add(Finding.warning("SPEC_MESSAGE", message).withLocation(name + pointerOf(message)));
        }
        return new LoadedSpec(result.getOpenAPI(), tree, name, swagger2, List.copyOf(findings));
    }

    private static String readText(SpecSource source) {
        return switch (source) {
            case SpecSource.FromText t -> t.text();
            case SpecSource.FromPath p -> readFile(p.path());
            case SpecSource.FromUri u -> fetch(u.uri());
        };
    }

    private static String readFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new SpecException(path.toString(), "spec is a directory, not a file");
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(path.toString(), "spec not found", e);
        } catch (CharacterCodingException e) {
            throw new SpecException(path.toString(), "spec is not UTF-8 text", e);
        } catch (IOException e) {
            throw new SpecException(path.toString(), "cannot read spec: " + e, e);
        }
    }

    private static String fetch(URI uri) {
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                throw new SpecException(uri.toString(), "cannot fetch spec: HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new SpecException(uri.toString(), "cannot fetch spec: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpecException(uri.toString(), "interrupted while fetching spec", e);
        }
    }

    private static JsonNode parseTree(String text, boolean json, String name) {
        try {
            return (json ? Mappers.JSON : Mappers.YAML).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0
                    ? name + " line " + loc.getLineNr() + ", column " + loc.getColumnNr()
                    : name;
            String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
            throw new SpecException(where, "invalid " + (json ? "JSON" : "YAML") + ": " + firstLine(message), e);
        }
    }

    private static String writeJson(JsonNode tree, String name) {
        try {
            return Mappers.JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new SpecException(name, "cannot convert YAML to JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * swagger-parser quotes the text it could not use in some messages (a referenced file's content,
     * for one); keep the first line only and cut long quoted passages, which are contents, not names.
     */
    static String scrub(String message) {
        if (message == null) {
            return "";
        }
        String line = firstLine(message).strip();
        String cut = QUOTED_PASSAGE.matcher(line).replaceAll("'...'");
        return cut.length() > MAX_MESSAGE ? cut.substring(0, MAX_MESSAGE) + "..." : cut;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Turns swagger-parser's "attribute paths.'/pets'(get).responses is missing" into a JSON pointer
     * fragment {@code #/paths/~1pets/get/responses}, and "paths.'/pets/{id}'. Declared path
     * parameter id needs to be defined..." into {@code #/paths/~1pets~1{id}}; empty when the message
     * names no attribute.
     */
    static String pointerOf(String message) {
        String rest;
        if (message.startsWith("attribute ")) {
            rest = message.substring("attribute ".length());
        } else if (message.startsWith("paths.") || message.startsWith("components.")) {
            rest = message;
        } else {
            return "";
        }
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == ' ' && !quoted) {
                break;
            } else if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '.' || c == '(' || c == ')')) {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        StringBuilder pointer = new StringBuilder("#");
        for (String segment : segments) {
            pointer.append('/').append(Names.pointerEscape(segment));
        }
        return pointer.toString();
    }
}
