/**
 * backendkit codegen: OpenAPI 3.0/3.1 and Swagger 2.0 to compilable Java: records, validation, a
 * runnable server on the JDK's HTTP server and a typed client. The entry point is {@link
 * io.backendkit.codegen.OpenApiCodegen}.
 */
module io.backendkit.codegen {
    exports io.backendkit.codegen;

    requires transitive io.backendkit.core;
    requires org.slf4j;
    requires java.net.http;
    requires java.compiler;
    requires com.palantir.javapoet;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires io.swagger.v3.oas.models;
    requires swagger.parser.v3;
    requires swagger.parser.core;
    requires swagger.parser.v2.converter;
}
