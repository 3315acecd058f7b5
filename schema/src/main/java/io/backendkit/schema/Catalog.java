package io.backendkit.schema;

import io.backendkit.core.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a database contains: tables (with columns, keys, constraints, indexes) and views, ordered by
 * schema and name so that two reads of the same database are equal. Immutable.
 *
 * @param dialect the database's dialect
 * @param tables tables by schema and name
 * @param views views by schema and name
 */
public record Catalog(Dialect dialect, List<Table> tables, List<View> views) {

    /** Sorts and copies the lists. */
    public Catalog {
        tables = tables.stream()
                .sorted(Comparator.comparing((Table t) -> String.valueOf(t.schema()))
                        .thenComparing(Table::name))
                .toList();
        views = views.stream()
                .sorted(Comparator.comparing((View v) -> String.valueOf(v.schema()))
                        .thenComparing(View::name))
                .toList();
    }

    /** The table called {@code name} in any schema (exact match first, then ignoring case). */
    public Optional<Table> table(String name) {
        return tables.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .or(() -> tables.stream()
                        .filter(t -> t.name().equalsIgnoreCase(name))
                        .findFirst());
    }

    /** The catalog as JSON. */
    public String toJson() {
        return Json.writePretty(this);
    }
}
