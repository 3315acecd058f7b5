/** backendkit schema: JDBC schema analysis, EXPLAIN-based index advice, schema diff, and a migration runner with linting. Work in progress: the public API arrives with the module's issue. */
package io.backendkit.schema;
