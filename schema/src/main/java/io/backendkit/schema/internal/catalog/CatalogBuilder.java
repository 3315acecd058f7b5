package io.backendkit.schema.internal.catalog;

import io.backendkit.schema.CheckConstraint;
import io.backendkit.schema.Column;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.Index;
import io.backendkit.schema.PrimaryKey;
import io.backendkit.schema.Table;
import io.backendkit.schema.UniqueConstraint;
import io.backendkit.schema.View;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects rows from bulk catalog queries, keyed by table, and assembles immutable tables. */
final class CatalogBuilder {

    static final class TableParts {
        final String schema;
        final String name;
        long rowEstimate = -1;
        String comment;
        final List<Column> columns = new ArrayList<>();
        PrimaryKey primaryKey;
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        Table.Name partitionOf;
        boolean partitioned;
        final List<Table.Name> inheritsFrom = new ArrayList<>();

        TableParts(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        Table build() {
            return new Table(
                    schema,
                    name,
                    columns.stream()
                            .sorted(Comparator.comparingInt(Column::position))
                            .toList(),
                    primaryKey,
                    foreignKeys.stream()
                            .sorted(Comparator.comparing(ForeignKey::name))
                            .toList(),
                    uniques.stream()
                            .sorted(Comparator.comparing(UniqueConstraint::name))
                            .toList(),
                    checks.stream()
                            .sorted(Comparator.comparing(CheckConstraint::name))
                            .toList(),
                    indexes.stream().sorted(Comparator.comparing(Index::name)).toList(),
                    rowEstimate,
                    comment,
                    partitionOf,
                    partitioned,
                    inheritsFrom);
        }
    }

    private final Map<String, TableParts> tables = new LinkedHashMap<>();
    final List<View> views = new ArrayList<>();

    TableParts table(String schema, String name) {
        return tables.computeIfAbsent(schema + "\u0000" + name, k -> new TableParts(schema, name));
    }

    /** The table if it was registered by the table query; null for objects outside the read (e.g. views). */
    TableParts existing(String schema, String name) {
        return tables.get(schema + "\u0000" + name);
    }

    List<Table> build() {
        return tables.values().stream().map(TableParts::build).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
