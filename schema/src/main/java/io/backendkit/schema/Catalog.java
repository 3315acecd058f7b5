package io.backendkit.schema;

import io.backendkit.core.Json;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a database contains: tables (with columns, keys, constraints, indexes) and views, ordered by
 * schema and name so that two reads of the same database are equal. Immutable.
 *
 * @param dialect the database's dialect
 * @param tables tables by schema and name
 * @param views views by schema and name
 * @param unmodelled objects outside the table model (sequences, triggers, functions, MySQL
 *     column attributes such as {@code ON UPDATE}, character set and collation, PostgreSQL partition bounds and keys),
 *     as {@code kind name} to a normalised definition, so that a comparison can say when they differ; {@link
 *     SchemaDiff} migrates triggers, PostgreSQL functions, column attributes and partition bounds of new partitions
 *     from these entries and reports the rest; empty when the reader does not read them
 * @param enumTypes PostgreSQL enum types by schema and name; empty for other dialects or when the reader does not read
 *     them
 * @param domains PostgreSQL domains by schema and name; empty for other dialects or when the reader does not read them
 */
public record Catalog(
        Dialect dialect,
        List<Table> tables,
        List<View> views,
        Map<String, String> unmodelled,
        List<EnumType> enumTypes,
        List<Domain> domains) {

    /**
     * A catalog with nothing outside the model.
     *
     * @param dialect the database's dialect
     * @param tables tables, in any order
     * @param views views, in any order
     */
    public Catalog(Dialect dialect, List<Table> tables, List<View> views) {
        this(dialect, tables, views, Map.of());
    }

    /**
     * A catalog without enum types and domains.
     *
     * @param dialect the database's dialect
     * @param tables tables, in any order
     * @param views views, in any order
     * @param unmodelled objects outside the model, as {@code kind name} to a normalised definition
     */
    public Catalog(Dialect dialect, List<Table> tables, List<View> views, Map<String, String> unmodelled) {
        this(dialect, tables, views, unmodelled, List.of(), List.of());
    }

    /** Sorts and copies the lists. */
    public Catalog {
        unmodelled = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unmodelled));
        tables = tables.stream()
                .sorted(Comparator.comparing((Table t) -> String.valueOf(t.schema()))
                        .thenComparing(Table::name))
                .toList();
        views = views.stream()
                .sorted(Comparator.comparing((View v) -> String.valueOf(v.schema()))
                        .thenComparing(View::name))
                .toList();
        enumTypes = enumTypes.stream()
                .sorted(Comparator.comparing((EnumType e) -> String.valueOf(e.schema()))
                        .thenComparing(EnumType::name))
                .toList();
        domains = domains.stream()
                .sorted(Comparator.comparing((Domain d) -> String.valueOf(d.schema()))
                        .thenComparing(Domain::name))
                .toList();
    }

    /**
     * The table called {@code name} in any schema (exact match first, then ignoring case).
     *
     * @param name the table name, without schema
     * @return the first matching table in catalog order, or empty
     */
    public Optional<Table> table(String name) {
        return tables.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .or(() -> tables.stream()
                        .filter(t -> t.name().equalsIgnoreCase(name))
                        .findFirst());
    }

    /**
     * The catalog as JSON.
     *
     * @return pretty-printed JSON with every component of this record
     */
    public String toJson() {
        return Json.writePretty(this);
    }
}
