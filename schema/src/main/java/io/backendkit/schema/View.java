package io.backendkit.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A view (or a PostgreSQL materialized view).
 *
 * @param schema its schema
 * @param name its name
 * @param definition the query as the database prints it, or null when not readable
 * @param materialized whether it is a PostgreSQL materialized view
 * @param dependsOn the tables and views, and their columns, the view reads, as the server records them (PostgreSQL's
 *     {@code pg_depend}); empty when the reader does not know them, in which case {@link SchemaDiff} takes every
 *     relation the definition names as a dependency
 */
public record View(String schema, String name, String definition, boolean materialized, List<Dependency> dependsOn) {

    /**
     * A plain view whose dependencies are not known.
     *
     * @param schema its schema
     * @param name its name
     * @param definition the query as the database prints it, or null when not readable
     */
    public View(String schema, String name, String definition) {
        this(schema, name, definition, false, List.of());
    }

    /** Sorts and copies the dependencies. */
    public View {
        Objects.requireNonNull(name, "name");
        dependsOn = dependsOn.stream()
                .distinct()
                .sorted(Comparator.comparing(Dependency::relation).thenComparing(d -> String.valueOf(d.column())))
                .toList();
    }

    /**
     * One relation, or one of its columns, that a view reads.
     *
     * @param relation the table or view read, without schema
     * @param column the column read, or null when the dependency is on the relation as a whole
     */
    public record Dependency(String relation, String column) {
        /** Checks the relation. */
        public Dependency {
            Objects.requireNonNull(relation, "relation");
        }
    }
}
