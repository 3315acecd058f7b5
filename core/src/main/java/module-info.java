/**
 * The shared vocabulary of backendkit: {@link io.backendkit.core.Finding findings}, the exception
 * root {@link io.backendkit.core.BackendKitException}, a preconfigured Jackson mapper ({@link
 * io.backendkit.core.Json}) and plain-text tables ({@link io.backendkit.core.TextTable}).
 */
module io.backendkit.core {
    exports io.backendkit.core;

    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
}
