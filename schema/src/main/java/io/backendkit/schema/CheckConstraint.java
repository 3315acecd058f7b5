package io.backendkit.schema;

/**
 * A check constraint.
 *
 * @param name the constraint name
 * @param expression the condition as the database reports it
 */
public record CheckConstraint(String name, String expression) {}
