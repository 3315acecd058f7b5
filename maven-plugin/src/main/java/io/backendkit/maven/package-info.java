/**
 * The backendkit Maven plugin: {@code generate} (OpenAPI to Java at build time, incremental), {@code migrate},
 * {@code validate} and {@code status} (the migrator), and {@code analyze} (the schema analyzer, able to fail the build
 * above a severity). Goal prefix {@code backendkit}: {@code mvn backendkit:status}.
 */
package io.backendkit.maven;
