package io.backendkit.schema;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL enum type ({@code CREATE TYPE name AS ENUM (...)}). Immutable.
 *
 * @param schema its schema, or null when not known
 * @param name its name, without schema
 * @param labels its labels in their sort order ({@code pg_enum.enumsortorder})
 */
public record EnumType(String schema, String name, List<String> labels) {

    /** Checks the name and copies the labels. */
    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
    }
}
