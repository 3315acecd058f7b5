package io.backendkit.schema;

/**
 * A view.
 *
 * @param schema its schema
 * @param name its name
 * @param definition the query as the database prints it, or null when not readable
 */
public record View(String schema, String name, String definition) {}
