package io.backendkit.schema;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Helpers for tests that compare a catalog read offline with one read live. */
final class DiffTestSupport {

    private DiffTestSupport() {}

    /**
     * The names of the views the diff replaces (dropped and created again: their definition text differs).
     */
    static Set<String> replacedViews(SchemaDiff diff) {
        Set<String> dropped = diff.changes().stream()
                .filter(c -> c instanceof SchemaChange.DropView)
                .map(SchemaChange::table)
                .collect(Collectors.toSet());
        return diff.changes().stream()
                .filter(c -> c instanceof SchemaChange.CreateView)
                .map(SchemaChange::table)
                .filter(dropped::contains)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * The changes apart from view replacements: what differs besides the text a server prints for a view, which an
     * offline reader cannot reproduce.
     */
    static List<SchemaChange> apartFromReplacedViews(SchemaDiff diff) {
        Set<String> replaced = replacedViews(diff);
        return diff.changes().stream()
                .filter(c -> !((c instanceof SchemaChange.DropView || c instanceof SchemaChange.CreateView)
                        && replaced.contains(c.table())))
                .toList();
    }
}
