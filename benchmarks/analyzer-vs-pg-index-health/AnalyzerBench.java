import io.backendkit.core.Finding;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaReport;
import io.github.mfvanek.pg.connection.PgConnectionImpl;
import io.github.mfvanek.pg.connection.host.PgHostImpl;
import io.github.mfvanek.pg.core.checks.common.DatabaseCheckOnHost;
import io.github.mfvanek.pg.core.checks.host.StandardChecksOnHost;
import io.github.mfvanek.pg.model.column.ColumnNameAware;
import io.github.mfvanek.pg.model.column.ColumnsAware;
import io.github.mfvanek.pg.model.constraint.ForeignKey;
import io.github.mfvanek.pg.model.context.PgContext;
import io.github.mfvanek.pg.model.dbobject.DbObject;
import io.github.mfvanek.pg.model.index.DuplicatedIndexes;
import io.github.mfvanek.pg.model.index.IndexNameAware;
import io.github.mfvanek.pg.model.sequence.SequenceState;
import io.github.mfvanek.pg.model.table.TableNameAware;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs backendkit's analyzer and pg-index-health's standard checks on one PostgreSQL database (schema public), in one
 * JVM after a warm-up of each: per check category the findings each reports, the median of RUNS timed runs (backendkit
 * with only that category's rules on, so each figure includes its catalog read), and the findings only one of them
 * reports. Prints a Markdown table, then the disagreements.
 *
 * <p>Arguments: JDBC URL, runs.
 */
public class AnalyzerBench {

    /** A category: our rules, their checks, and how a finding is named on both sides to compare them. */
    record Category(String label, List<String> ours, List<String> theirs) {}

    static final List<Category> CATEGORIES = List.of(
            new Category("foreign key without index", List.of("FK_WITHOUT_INDEX"), List.of("FOREIGN_KEYS_WITHOUT_INDEX")),
            new Category("table without primary key", List.of("TABLE_WITHOUT_PRIMARY_KEY"), List.of("TABLES_WITHOUT_PRIMARY_KEY")),
            new Category("duplicate index", List.of("DUPLICATE_INDEX"), List.of("DUPLICATED_INDEXES")),
            new Category("index a prefix of another", List.of("REDUNDANT_INDEX"), List.of("INTERSECTED_INDEXES")),
            new Category("unused index", List.of("UNUSED_INDEX"), List.of("UNUSED_INDEXES")),
            new Category("invalid index", List.of("INVALID_INDEX"), List.of("INVALID_INDEXES")),
            new Category("boolean in an index", List.of("BOOLEAN_INDEXED_ALONE"), List.of("INDEXES_WITH_BOOLEAN")),
            new Category("btree on array/json", List.of("BTREE_ON_JSON_OR_ARRAY"), List.of("BTREE_INDEXES_ON_ARRAY_COLUMNS")),
            new Category("nullable column in unique/indexed key", List.of("NULLABLE_COLUMN_IN_UNIQUE_KEY"), List.of("INDEXES_WITH_NULL_VALUES")),
            new Category("char(n) column", List.of("CHAR_COLUMN"), List.of("COLUMNS_WITH_CHAR_TYPE")),
            new Category("serial instead of identity", List.of("SERIAL_INSTEAD_OF_IDENTITY"), List.of("COLUMNS_WITH_SERIAL_TYPES", "PRIMARY_KEYS_WITH_SERIAL_TYPES")),
            new Category("foreign key type mismatch", List.of("FK_TYPE_MISMATCH"), List.of("FOREIGN_KEYS_WITH_UNMATCHED_COLUMN_TYPE")),
            new Category("timestamp without time zone", List.of("TIMESTAMP_WITHOUT_TIME_ZONE"), List.of("COLUMNS_WITH_TIMESTAMP_OR_TIMETZ_TYPE")),
            new Category("names not snake_case", List.of("NAME_NOT_SNAKE_CASE"), List.of("COLUMNS_NOT_FOLLOWING_NAMING_CONVENTION", "OBJECTS_NOT_FOLLOWING_NAMING_CONVENTION")),
            new Category("sequence near overflow", List.of("SEQUENCE_NEAR_OVERFLOW"), List.of("SEQUENCE_OVERFLOW")));

    static final Pattern SEQUENCE = Pattern.compile("from sequence (\\S+?), which");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = Integer.parseInt(args[1]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        var pg = PgConnectionImpl.of(ds, PgHostImpl.ofUrl(url.replaceAll("\\?.*", "")));
        PgContext ctx = PgContext.of("public");
        Map<String, DatabaseCheckOnHost<? extends DbObject>> checks = new LinkedHashMap<>();
        for (var c : new StandardChecksOnHost().apply(pg)) {
            checks.put(c.getName(), c);
        }

        // warm-up
        SchemaAnalyzer all = SchemaAnalyzer.builder().schemas("public").build();
        SchemaReport report = all.analyze(ds);
        checks.values().forEach(c -> c.check(ctx));

        long fullOurs = median(runs, () -> all.analyze(ds));
        Map<String, List<? extends DbObject>> theirResults = new LinkedHashMap<>();
        Map<String, Long> theirTimes = new LinkedHashMap<>();
        for (var e : checks.entrySet()) {
            theirResults.put(e.getKey(), e.getValue().check(ctx));
            theirTimes.put(e.getKey(), median(runs, () -> e.getValue().check(ctx)));
        }
        long fullTheirs = theirTimes.values().stream().mapToLong(Long::longValue).sum();

        Map<String, String> parentOf = new LinkedHashMap<>(); // partition -> its partitioned parent
        try (var c = ds.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT c.relname, p.relname FROM pg_inherits i JOIN pg_class c ON c.oid ="
                        + " i.inhrelid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid ="
                        + " c.relnamespace WHERE c.relispartition AND n.nspname = 'public'")) {
            while (rs.next()) {
                parentOf.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT));
            }
        }
        long comparedTheirs = 0;
        StringBuilder table = new StringBuilder();
        StringBuilder disagreements = new StringBuilder();
        table.append("| check | backendkit rule | found | ms | pg-index-health check | found | ms | agree |\n");
        table.append("|---|---|---:|---:|---|---:|---:|---|\n");
        Set<String> mappedOurs = new TreeSet<>();
        Set<String> mappedTheirs = new TreeSet<>();
        for (Category cat : CATEGORIES) {
            mappedOurs.addAll(cat.ours());
            mappedTheirs.addAll(cat.theirs());
            Set<String> ours = new TreeSet<>();
            int ourCount = 0;
            for (Finding f : report.findings()) {
                if (cat.ours().contains(f.code())) {
                    ourCount++;
                    ours.addAll(ourKeys(f));
                }
            }
            Set<String> theirs = new TreeSet<>();
            int theirCount = 0;
            long theirMs = 0;
            for (String check : cat.theirs()) {
                theirCount += theirResults.get(check).size();
                theirMs += theirTimes.get(check);
                theirResults.get(check).forEach(o -> theirs.addAll(theirKeys(check, o)));
            }
            EnumSet<SchemaAnalyzer.Rule> only = EnumSet.noneOf(SchemaAnalyzer.Rule.class);
            cat.ours().forEach(r -> only.add(SchemaAnalyzer.Rule.valueOf(r)));
            SchemaAnalyzer one = SchemaAnalyzer.builder()
                    .schemas("public")
                    .disable(EnumSet.complementOf(only).toArray(SchemaAnalyzer.Rule[]::new))
                    .build();
            long ourMs = median(runs, () -> one.analyze(ds));
            comparedTheirs += theirMs;
            Set<String> onlyOurs = new TreeSet<>(ours);
            onlyOurs.removeAll(theirs);
            Set<String> onlyTheirs = new TreeSet<>(theirs);
            onlyTheirs.removeAll(ours);
            String agree = onlyOurs.isEmpty() && onlyTheirs.isEmpty()
                    ? "yes"
                    : "no (" + onlyOurs.size() + " only backendkit, " + onlyTheirs.size() + " only pg-index-health)";
            table.append("| ").append(cat.label()).append(" | `").append(String.join("`, `", cat.ours())).append("` | ")
                    .append(ourCount).append(" | ").append(ourMs).append(" | `")
                    .append(String.join("` + `", cat.theirs()).toLowerCase(Locale.ROOT)).append("` | ")
                    .append(theirCount).append(" | ").append(theirMs).append(" | ").append(agree).append(" |\n");
            if (!onlyOurs.isEmpty() || !onlyTheirs.isEmpty()) {
                disagreements.append(cat.label()).append(":\n");
                onlyOurs.forEach(k -> disagreements.append("  only backendkit:       ").append(k).append('\n'));
                for (String k : onlyTheirs) {
                    String table0 = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
                    String parent = parentOf.get(table0);
                    disagreements.append("  only pg-index-health: ").append(k)
                            .append(parent == null ? "" : " (a partition of " + parent
                                    + ": backendkit reports the partitioned table, "
                                    + (ours.contains(parent) ? "and does here)" : "not here)"))
                            .append('\n');
                }
            }
        }
        for (SchemaAnalyzer.Rule r : SchemaAnalyzer.Rule.values()) {
            if (!mappedOurs.contains(r.name())) {
                table.append("| (backendkit only) | `").append(r.name()).append("` | ").append(report.withCode(r.name()).size())
                        .append(" | | | | | |\n");
            }
        }
        for (var e : theirResults.entrySet()) {
            if (!mappedTheirs.contains(e.getKey())) {
                table.append("| (pg-index-health only) | | | | `").append(e.getKey().toLowerCase(Locale.ROOT)).append("` | ")
                        .append(e.getValue().size()).append(" | ").append(theirTimes.get(e.getKey())).append(" | |\n");
            }
        }
        table.append("| **the ").append(CATEGORIES.size()).append(" compared checks** | all ")
                .append(SchemaAnalyzer.Rule.values().length).append(" rules, one run | | ")
                .append(fullOurs).append(" | their checks, one after the other | | ").append(comparedTheirs)
                .append(" | |\n");
        table.append("| **all checks** | ").append(SchemaAnalyzer.Rule.values().length).append(" rules, one run | ")
                .append(report.findings().size()).append(" | ").append(fullOurs).append(" | ").append(checks.size())
                .append(" checks, one after the other | ")
                .append(theirResults.values().stream().mapToInt(List::size).sum()).append(" | ").append(fullTheirs)
                .append(" | |\n");
        System.out.print(table);
        System.out.println();
        System.out.println("disagreements in the compared categories:");
        System.out.print(disagreements.length() == 0 ? "  none\n" : disagreements);
        System.out.printf(
                Locale.ROOT,
                "compared checks: pg-index-health %d ms, backendkit (all rules) %d ms%n",
                comparedTheirs,
                fullOurs);
        System.out.printf(Locale.ROOT, "speedup vs pg-index-health: %.2f%n", (double) fullTheirs / fullOurs);
    }

    interface Work {
        Object run() throws Exception;
    }

    static long median(int runs, Work w) throws Exception {
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            w.run();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static String norm(String s) {
        String l = s.toLowerCase(Locale.ROOT).replace("\"", "");
        return l.startsWith("public.") ? l.substring("public.".length()) : l;
    }

    static final Pattern DUPLICATE = Pattern.compile("^index (\\S+) duplicates (\\S+) \\(");
    static final Pattern PREFIX = Pattern.compile("^index (\\S+) \\(.*?\\) is a leading prefix of (\\S+) \\(");

    /** Our finding as table[.column or .index]; a duplicate or prefix pair as table.{a+b}. */
    static List<String> ourKeys(Finding f) {
        String loc = norm(f.location());
        if (f.code().equals("SEQUENCE_NEAR_OVERFLOW")) {
            Matcher m = SEQUENCE.matcher(f.message());
            return List.of(m.find() ? "sequence " + norm(m.group(1)) : loc);
        }
        Matcher m = (f.code().equals("DUPLICATE_INDEX") ? DUPLICATE : PREFIX).matcher(f.message());
        if ((f.code().equals("DUPLICATE_INDEX") || f.code().equals("REDUNDANT_INDEX")) && m.find()) {
            String table = loc.substring(0, loc.lastIndexOf('.'));
            return List.of(pair(table, List.of(m.group(1), m.group(2))));
        }
        return List.of(loc);
    }

    static String pair(String table, List<String> indexes) {
        return table + ".{" + String.join("+", new TreeSet<>(indexes.stream().map(AnalyzerBench::norm).toList()))
                + "}";
    }

    static List<String> theirKeys(String check, DbObject o) {
        List<String> out = new ArrayList<>();
        if (o instanceof SequenceState s) {
            out.add("sequence " + norm(s.getSequenceName()));
        } else if (o instanceof DuplicatedIndexes d) {
            out.add(pair(norm(d.getTableName()), d.getIndexNames()));
        } else if (o instanceof ForeignKey fk) {
            out.add(norm(fk.getTableName()) + "."
                    + String.join(",", fk.getColumns().stream().map(ColumnNameAware::getColumnName).toList()));
        } else if (check.equals("INDEXES_WITH_NULL_VALUES") && o instanceof ColumnsAware ca
                && o instanceof TableNameAware t) {
            ca.getColumns().forEach(c -> out.add(norm(t.getTableName()) + "." + norm(c.getColumnName())));
        } else if (o instanceof IndexNameAware ix && o instanceof TableNameAware t) {
            out.add(norm(t.getTableName()) + "." + norm(ix.getIndexName()));
        } else if (o instanceof ColumnNameAware c && o instanceof TableNameAware t) {
            out.add(norm(t.getTableName()) + "." + norm(c.getColumnName()));
        } else if (o instanceof TableNameAware t) {
            out.add(norm(t.getTableName()));
        } else {
            out.add(norm(o.getName()));
        }
        return out;
    }
}
