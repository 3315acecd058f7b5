package io.backendkit.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL domain ({@code CREATE DOMAIN name AS type ...}). Immutable.
 *
 * @param schema its schema, or null when not known
 * @param name its name, without schema
 * @param baseType the type it is based on, as {@code format_type} prints it (e.g. {@code integer}, {@code character
 *     varying(10)})
 * @param defaultValue its default as the server prints it ({@code pg_type.typdefault}), or null when it has none
 * @param notNull whether it is declared {@code NOT NULL}
 * @param checks its check constraints by name, each expression as {@code pg_get_constraintdef} prints it without the
 *     leading {@code CHECK} (e.g. {@code ((VALUE > 0))})
 */
public record Domain(
        String schema,
        String name,
        String baseType,
        String defaultValue,
        boolean notNull,
        List<CheckConstraint> checks) {

    /** Checks the names and sorts the checks by name. */
    public Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseType, "baseType");
        checks = checks.stream()
                .sorted(Comparator.comparing(CheckConstraint::name))
                .toList();
    }
}
