package io.backendkit.codegen;

/** What {@link OpenApiCodegen} generates besides the models and their validation. */
public enum Target {
    /** Models (records, enums, sealed interfaces) with generated validation, nothing else. */
    MODELS_ONLY,
    /**
     * Models plus one handler interface per tag and a router and server on {@code com.sun.net.httpserver}:
     * runnable with Jackson ({@code jackson-databind} and {@code jackson-datatype-jsr310}) as the only
     * dependencies.
     */
    JDK_HTTP_SERVER
}
