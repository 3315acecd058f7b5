package io.backendkit.schema.internal.analyze;

import java.util.Map;
import java.util.Set;

/**
 * What the analyzer learned from a live connection beyond the catalog, so that fixes which would fail are marked
 * manual instead. Keys are {@code schema + "\0" + table + "\0" + column} (see {@link #key}).
 *
 * @param indexScans {@code schema.index} to the number of scans since statistics were reset (PostgreSQL)
 * @param columnBlockers why a column's type cannot be altered in place (used by a view, part of a partition key)
 * @param columnsWithNulls nullable columns that hold NULLs, so SET NOT NULL would fail
 * @param sequences the sequence (PostgreSQL) or AUTO_INCREMENT counter (MySQL/MariaDB) that feeds a column
 */
public record LiveFacts(
        Map<String, Long> indexScans,
        Map<String, String> columnBlockers,
        Set<String> columnsWithNulls,
        Map<String, SequenceState> sequences) {

    /** No live facts: a catalog analysed on its own. */
    public static final LiveFacts NONE = new LiveFacts(Map.of(), Map.of(), Set.of(), Map.of());

    /** Copies the collections. */
    public LiveFacts {
        indexScans = Map.copyOf(indexScans);
        columnBlockers = Map.copyOf(columnBlockers);
        columnsWithNulls = Set.copyOf(columnsWithNulls);
        sequences = Map.copyOf(sequences);
    }

    /** The key of one column. */
    public static String key(String schema, String table, String column) {
        return (schema == null ? "" : schema) + "\0" + table + "\0" + column;
    }
}
