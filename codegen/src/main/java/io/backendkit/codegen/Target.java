package io.backendkit.codegen;

/** What {@link OpenApiCodegen} generates besides the models and their validation. */
public enum Target {
    /** Models (records, enums, sealed interfaces) with generated validation, nothing else. */
    MODELS_ONLY,
    /**
     * Models plus one handler interface per tag and a router and server on {@code com.sun.net.httpserver}:
     * runnable with Jackson ({@code jackson-databind} and {@code jackson-datatype-jsr310}) as the only
     * dependencies. Handlers return the body's type, or the operation's generated result type (a
     * sealed interface with one record and factory per documented status) where the operation
     * declares several success responses or response headers; binary bodies stream as {@code
     * BinaryBody}.
     */
    JDK_HTTP_SERVER,
    /**
     * Models carrying Jakarta Bean Validation annotations plus one Spring MVC handler interface per tag
     * (validated; mapping, path variable, request parameter, header and validated body annotations) to
     * implement in a REST controller, and {@code ApiWebConfiguration}, which renders errors in the same
     * envelope as the JDK server (400 with every violation and its field path, 404, 405, 415, 500
     * without details) and reads enum parameters by their API values. Handlers return the body's type,
     * or {@code ResponseEntity} where the operation declares several success responses or response
     * headers; binary bodies are a {@code Resource}. Compiles against Spring Framework 6.2 and 7 ({@code spring-webmvc}) and {@code
     * jakarta.validation-api} 3; the models need Jackson 2 as for the other targets.
     */
    SPRING_MVC,
    /**
     * Models carrying Jakarta Bean Validation annotations plus one Jakarta REST resource interface per
     * tag ({@code @Path}, {@code @GET}..., path, query, header and cookie parameters, {@code
     * @Consumes}/{@code @Produces}, constraints on parameters and a {@code @Valid} body) to implement in
     * a resource class, and {@code ApiFeature}, which registers exception mappers rendering errors in
     * the same envelope as the JDK server (400 with every violation and its field path, malformed
     * JSON, 404, 405, 415, 500 without details), a response filter writing success bodies as the JDK
     * server does, and converters reading enum parameters by their API values. Handlers return the
     * body's type, or {@code Response} where the operation declares several success responses or
     * response headers; binary bodies are a {@code StreamingOutput}. Compiles against Jakarta REST 3.1 or 4.0 ({@code jakarta.ws.rs-api}) and
     * {@code jakarta.validation-api} 3; runs on a runtime with a Jackson JSON provider and Bean
     * Validation (Jersey with {@code jersey-media-json-jackson} and {@code jersey-bean-validation}).
     */
    JAKARTA_REST
}
