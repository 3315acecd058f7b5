package io.backendkit.codegen.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where a document's {@code $ref}s may lead besides its own tree: more directories and hosts refs may
 * be fetched from. Immutable.
 *
 * @param roots absolute, normalised directories whose trees refs may reach
 * @param hosts lower-case host names refs may fetch from over http(s)
 */
public record RefPolicy(List<Path> roots, Set<String> hosts) {

    /** Copies the collections. */
    public RefPolicy {
        roots = List.copyOf(roots);
        hosts = Set.copyOf(hosts);
    }

    /** The default: the document's own tree only, no network. */
    public static RefPolicy ownTreeOnly() {
        return new RefPolicy(List.of(), Set.of());
    }
}
