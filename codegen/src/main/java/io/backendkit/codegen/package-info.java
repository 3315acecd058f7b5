/** backendkit codegen: OpenAPI 3.0/3.1 and Swagger 2.0 to compilable Java: records, validation, server adapters and a typed client. Work in progress: the public API arrives with the module's issue. */
package io.backendkit.codegen;
