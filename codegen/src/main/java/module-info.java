/** backendkit codegen: OpenAPI 3.0/3.1 and Swagger 2.0 to compilable Java: records, validation, server adapters and a typed client. */
module io.backendkit.codegen {
    exports io.backendkit.codegen;

    requires transitive io.backendkit.core;
    requires org.slf4j;
}
