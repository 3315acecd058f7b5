package io.backendkit.codegen;

import io.backendkit.codegen.internal.CodegenRun;
import io.backendkit.codegen.internal.RefPolicy;
import io.backendkit.codegen.internal.SpecSource;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an OpenAPI 3.0/3.1 or Swagger 2.0 document into Java sources: records, enums and sealed
 * interfaces with generated validation, optionally a runnable server on the JDK's HTTP server and a
 * typed {@code java.net.http} client.
 *
 * <p>Instances are immutable and thread-safe: every configuration method returns a new instance,
 * so a configured generator can be reused. {@link #generate()} reads the document each time.
 *
 * <pre>{@code
 * GeneratedSources sources = OpenApiCodegen.fromSpec(Path.of("users.yaml"))
 *         .basePackage("com.acme.users")
 *         .target(Target.JDK_HTTP_SERVER)
 *         .client(true)
 *         .generate();
 * sources.writeTo(Path.of("target/generated-sources/openapi"));
 * }</pre>
 *
 * <p>Generated packages: {@code <base>.model} (models, {@code Violation}, {@code Validatable},
 * {@code ApiJson}, {@code Page}), {@code <base>.api} (one handler interface per tag), {@code
 * <base>.server} and {@code <base>.client}.
 *
 * <p>Pagination: an operation whose success response is a JSON array and that the document marks
 * with the extension {@code x-pagination: true} returns {@code Page<Item>} instead of {@code
 * List<Item>} from its handler and client methods; the server writes the items as {@code data} and
 * the page's position ({@code page}, {@code limit}, {@code total}, {@code hasMore} or {@code
 * nextCursor}) as {@code pagination} of the success envelope. Other operations are not affected.
 */
public final class OpenApiCodegen {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_");

    private final SpecSource source;
    private final String basePackage;
    private final Target target;
    private final boolean client;
    private final boolean envelope;
    private final List<Path> refRoots;
    private final Set<String> remoteRefHosts;

    private OpenApiCodegen(
            SpecSource source,
            String basePackage,
            Target target,
            boolean client,
            boolean envelope,
            List<Path> refRoots,
            Set<String> remoteRefHosts) {
        this.source = source;
        this.basePackage = basePackage;
        this.target = target;
        this.client = client;
        this.envelope = envelope;
        this.refRoots = refRoots;
        this.remoteRefHosts = remoteRefHosts;
    }

    /**
     * A generator for the document in a file (JSON or YAML; relative {@code $ref}s are resolved
     * against it). The file is read by {@link #generate()}.
     *
     * @param spec the document's path, not null
     * @return a generator with the defaults, which can be configured further
     * @throws IllegalArgumentException when {@code spec} is null
     */
    public static OpenApiCodegen fromSpec(Path spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec path must not be null");
        }
        return defaults(new SpecSource.FromPath(spec));
    }

    /**
     * A generator for the document at a {@code file:}, {@code http:} or {@code https:} URI. The
     * document is fetched by {@link #generate()}.
     *
     * @param spec the document's URI, absolute, not null
     * @return a generator with the defaults, which can be configured further
     * @throws IllegalArgumentException when {@code spec} is null or uses another scheme
     */
    public static OpenApiCodegen fromSpec(URI spec) {
        if (spec == null) {
            throw new IllegalArgumentException("spec URI must not be null");
        }
        String scheme = spec.getScheme() == null ? "" : spec.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("file", "http", "https").contains(scheme)) {
            throw new IllegalArgumentException("spec URI must use file:, http: or https: (was " + spec + ")");
        }
        if (scheme.equals("file")) {
            return defaults(new SpecSource.FromPath(Path.of(spec)));
        }
        return defaults(new SpecSource.FromUri(spec));
    }

    /**
     * A generator for a document given as text (JSON or YAML). Text has no location, so relative
     * {@code $ref}s to other files are refused; use {@link #fromSpecText(String, Path)} or {@link
     * #fromSpec(Path)} for multi-file documents.
     *
     * @param document the document's content, not blank
     * @return a generator with the defaults, which can be configured further
     * @throws IllegalArgumentException when {@code document} is null or blank
     */
    public static OpenApiCodegen fromSpecText(String document) {
        if (document == null || document.isBlank()) {
            throw new IllegalArgumentException("spec document text must not be blank");
        }
        return defaults(new SpecSource.FromText(document, null));
    }

    /**
     * A generator for a document given as text whose relative {@code $ref}s resolve against a
     * directory, as if the document were a file in it; refs may reach files in that directory's tree
     * (see {@link #allowRefsFrom(Path...)} for the policy).
     *
     * @param document the document's content, not blank
     * @param baseDirectory the directory relative refs resolve against, not null
     * @return a generator with the defaults, which can be configured further
     * @throws IllegalArgumentException when {@code document} is blank or {@code baseDirectory} is null
     */
    public static OpenApiCodegen fromSpecText(String document, Path baseDirectory) {
        if (document == null || document.isBlank()) {
            throw new IllegalArgumentException("spec document text must not be blank");
        }
        if (baseDirectory == null) {
            throw new IllegalArgumentException("spec text base directory must not be null");
        }
        return defaults(new SpecSource.FromText(document, baseDirectory));
    }

    private static OpenApiCodegen defaults(SpecSource source) {
        return new OpenApiCodegen(source, "generated.api", Target.MODELS_ONLY, false, true, List.of(), Set.of());
    }

    /**
     * Lets {@code $ref}s reach files under these directories too (each directory's whole tree).
     *
     * <p>The default policy: a document read from a file (or given as text with a base directory)
     * may refer to files under its own directory only, after resolving {@code ..} and symbolic
     * links; a document fetched over http(s) may refer to documents under its own URL's directory on
     * the same scheme, host and port; nothing else is read or fetched. A refused ref, a ref to a file
     * that does not exist and a referenced file that is not a YAML/JSON mapping are {@link
     * SpecException}s naming the ref and the JSON pointer where it stands; no message quotes a
     * referenced file's contents. The check happens before anything the ref names is read.
     *
     * @param directories more directories refs may reach, not null; adds to earlier calls
     * @return a copy of this generator with the directories added; this one is unchanged
     * @throws IllegalArgumentException when the array or one of its elements is null
     */
    public OpenApiCodegen allowRefsFrom(Path... directories) {
        if (directories == null) {
            throw new IllegalArgumentException("allowRefsFrom: path must not be null");
        }
        List<Path> roots = new ArrayList<>(refRoots);
        for (Path directory : directories) {
            if (directory == null) {
                throw new IllegalArgumentException("allowRefsFrom: path must not be null");
            }
            roots.add(directory.toAbsolutePath().normalize());
        }
        return new OpenApiCodegen(source, basePackage, target, client, envelope, List.copyOf(roots), remoteRefHosts);
    }

    /**
     * Lets {@code $ref}s fetch documents over http and https from these hosts (any port). By default
     * no ref is fetched over the network, except, for a document itself fetched over http(s),
     * documents under its own URL's directory (see {@link #allowRefsFrom(Path...)}). Redirects of
     * allowed fetches are followed by swagger-parser and are not checked again.
     *
     * @param hosts host names or IP literals as they appear in the refs (case-insensitive), not blank;
     *     adds to earlier calls
     * @return a copy of this generator with the hosts added; this one is unchanged
     * @throws IllegalArgumentException when the array is null or a host is null or blank
     */
    public OpenApiCodegen allowRemoteRefs(String... hosts) {
        if (hosts == null) {
            throw new IllegalArgumentException("allowRemoteRefs: host must not be blank");
        }
        Set<String> all = new TreeSet<>(remoteRefHosts);
        for (String host : hosts) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("allowRemoteRefs: host must not be blank");
            }
            all.add(host.strip().toLowerCase(Locale.ROOT));
        }
        return new OpenApiCodegen(source, basePackage, target, client, envelope, refRoots, Set.copyOf(all));
    }

    /**
     * The Java package the sources go under. Default {@code generated.api}.
     *
     * @param packageName a valid Java package name, for example {@code com.acme.users}
     * @return a copy of this generator with that package; this one is unchanged
     * @throws IllegalArgumentException when the name is blank or not a valid Java package name
     */
    public OpenApiCodegen basePackage(String packageName) {
        if (packageName == null || packageName.isBlank()) {
            throw new IllegalArgumentException("basePackage must not be blank");
        }
        for (String segment : packageName.split("\\.", -1)) {
            if (!isIdentifier(segment)) {
                throw new IllegalArgumentException("basePackage is not a valid Java package name: '" + packageName
                        + "' (bad segment '" + segment + "')");
            }
        }
        return new OpenApiCodegen(source, packageName, target, client, envelope, refRoots, remoteRefHosts);
    }

    /**
     * What to generate besides models. Default {@link Target#MODELS_ONLY}.
     *
     * @param newTarget not null
     * @return a copy of this generator with that target; this one is unchanged
     * @throws IllegalArgumentException when {@code newTarget} is null
     */
    public OpenApiCodegen target(Target newTarget) {
        if (newTarget == null) {
            throw new IllegalArgumentException("target must not be null");
        }
        return new OpenApiCodegen(source, basePackage, newTarget, client, envelope, refRoots, remoteRefHosts);
    }

    /**
     * Whether to generate a typed {@code java.net.http} client per tag (sync and async methods).
     * Default {@code false}.
     *
     * @param generateClient {@code true} to generate the clients
     * @return a copy of this generator with that setting; this one is unchanged
     */
    public OpenApiCodegen client(boolean generateClient) {
        return new OpenApiCodegen(source, basePackage, target, generateClient, envelope, refRoots, remoteRefHosts);
    }

    /**
     * Whether response bodies travel in backendkit's envelope: the server writes {@code {"data":
     * ..., "meta": {...}}} and the client unwraps {@code data}. Turn it off to serve and consume
     * bodies exactly as the document describes them (for example a client for a public API).
     * Errors always use the error envelope {@code {"error": {"code", "message", "details"}}}.
     * Default {@code true}.
     *
     * @param useEnvelope {@code false} to serve and read the bodies the document describes
     * @return a copy with this setting; this instance is unchanged
     */
    public OpenApiCodegen envelope(boolean useEnvelope) {
        return new OpenApiCodegen(source, basePackage, target, client, useEnvelope, refRoots, remoteRefHosts);
    }

    /**
     * Reads the document and generates the sources.
     *
     * @return the files and the findings (constructs that were approximated or skipped)
     * @throws SpecException when the document cannot be read, parsed or turned into code; the
     *     location names the document (with line and column for syntax errors) or the JSON pointer
     */
    public GeneratedSources generate() {
        return new CodegenRun(source, basePackage, target, client, envelope, new RefPolicy(refRoots, remoteRefHosts))
                .run();
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || KEYWORDS.contains(s) || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
            return false;
        }
        return s.codePoints().allMatch(Character::isJavaIdentifierPart);
    }
}
