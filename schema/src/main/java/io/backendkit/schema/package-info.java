/**
 * backendkit schema: JDBC schema analysis and migrations.
 *
 * <p>{@link io.backendkit.schema.Schema} reads a {@link io.backendkit.schema.Catalog} from a live
 * database; {@link io.backendkit.schema.SchemaAnalyzer} lints it, {@link
 * io.backendkit.schema.QueryAdvisor} advises indexes from EXPLAIN, {@link
 * io.backendkit.schema.SchemaDiff} turns two catalogs into up and down DDL, and {@link
 * io.backendkit.schema.Migrator} applies, rolls back and validates versioned migrations under a
 * database lock, with {@link io.backendkit.schema.MigrationLinter} checking them first.
 */
package io.backendkit.schema;
