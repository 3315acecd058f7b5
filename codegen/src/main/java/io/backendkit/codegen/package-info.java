/**
 * OpenAPI to Java: {@link io.backendkit.codegen.OpenApiCodegen} reads an OpenAPI 3.0/3.1 or Swagger
 * 2.0 document and returns {@link io.backendkit.codegen.GeneratedSources}: records, enums and sealed
 * interfaces with generated validation, optionally a server on {@code com.sun.net.httpserver} and a
 * typed {@code java.net.http} client.
 */
package io.backendkit.codegen;
