package io.backendkit.codegen.internal;

import java.net.URI;
import java.nio.file.Path;

/** Where an OpenAPI document comes from. */
public sealed interface SpecSource {

    /** How the document is named in messages. */
    String displayName();

    /** A document in a file. */
    record FromPath(Path path) implements SpecSource {
        @Override
        public String displayName() {
            return path.toString();
        }
    }

    /** A document behind an http(s) URI. */
    record FromUri(URI uri) implements SpecSource {
        @Override
        public String displayName() {
            return uri.toString();
        }
    }

    /** A document given as text; relative refs resolve against {@code base} when it is not null. */
    record FromText(String text, Path base) implements SpecSource {
        @Override
        public String displayName() {
            return "spec text";
        }
    }
}
