package io.backendkit.codegen;

/**
 * One generated source file, held in memory.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path the path relative to a source root, with {@code /} separators, for example {@code
 *     com/acme/users/model/Pet.java}
 * @param content the complete file content (UTF-8 when written)
 */
public record GeneratedFile(String path, String content) {

    /** Validates the components. */
    public GeneratedFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("generated file path must not be blank");
        }
        if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("generated file path must be relative and use '/': " + path);
        }
        if (content == null) {
            throw new IllegalArgumentException("generated file content must not be null (" + path + ")");
        }
    }

    /**
     * The fully qualified name of the Java type the file declares, derived from its path; for {@code
     * com/acme/model/Pet.java} that is {@code com.acme.model.Pet}.
     *
     * @return the dotted type name, without the {@code .java} extension
     */
    public String qualifiedTypeName() {
        String withoutExtension = path.endsWith(".java") ? path.substring(0, path.length() - 5) : path;
        return withoutExtension.replace('/', '.');
    }
}
