package io.backendkit.schema.internal.analyze;

import io.backendkit.schema.Catalog;
import io.backendkit.schema.Column;
import io.backendkit.schema.ColumnType;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.Index;
import io.backendkit.schema.Table;
import io.backendkit.schema.UniqueConstraint;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The analyzer's rules over one table at a time; reports through a {@link Sink}. Every fix is written through
 * {@link SqlWriter}: names quoted and schema-qualified, invented names cut to the dialect's limit and checked against
 * the names already taken. A fix that would fail on this database is not emitted; the finding says {@code manual:}
 * and why instead. One instance serves one analysis (it remembers the names its fixes invent); not thread-safe.
 */
public final class Rules {

    /** Receives one finding: rule name, location, message, fix (may be null). */
    @FunctionalInterface
    public interface Sink {
        void report(String rule, String location, String message, String fix);
    }

    private static final Pattern SNAKE = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(_[\\p{L}\\p{N}]+)*");
    private static final Pattern MONEY = Pattern.compile(
            "(^|_)(price|amount|cost|total|balance|fee|fees|salary|tax|money|revenue|payment|subtotal|discount)(_|$)");
    private static final Set<String> PLURAL_WORDS = Set.of(
            "people",
            "children",
            "men",
            "women",
            "data",
            "media",
            "criteria",
            "metadata",
            "feedback",
            "staff",
            "equipment",
            "information",
            "news",
            "series",
            "species",
            "history",
            "audit",
            "log",
            "inventory");

    private final Dialect dialect;
    private final Catalog catalog;
    private final Set<String> filterColumns;
    private final LiveFacts facts;
    private final SqlWriter w;
    /** Names invented by earlier fixes of this analysis, per namespace. */
    private final Map<String, Set<String>> invented = new HashMap<>();

    /** Rules for tables of {@code catalog}. */
    public Rules(Dialect dialect, Catalog catalog, Set<String> filterColumns, LiveFacts facts) {
        this.dialect = dialect;
        this.catalog = catalog;
        this.filterColumns = filterColumns;
        this.facts = facts;
        this.w = SqlWriter.of(dialect);
    }

    /** Whether the analyzer reports on {@code t}: not backendkit's own tables, not partitions (their parent is). */
    public static boolean analysed(Table t) {
        return !lower(t.name()).startsWith("backendkit_") && !t.isPartition();
    }

    /**
     * Runs every rule on {@code t}; on a partition only the foreign-key rules, for the keys declared on the partition
     * itself (the rest is reported on its parent).
     */
    public void check(Table t, Sink sink) {
        if (t.isPartition() && !lower(t.name()).startsWith("backendkit_")) {
            foreignKeys(t, ownForeignKeys(t), sink);
            return;
        }
        if (!analysed(t)) {
            return;
        }
        primaryKey(t, sink);
        foreignKeys(t, t.foreignKeys(), sink);
        Set<String> dropped = indexes(t, sink);
        moreIndexes(t, sink, dropped); // before naming: an index a fix drops is not renamed
        naming(t, sink, dropped);
        columns(t, sink);
        moreColumns(t, sink);
        sequences(t, sink);
    }

    /** Share of a generator's range that may be left before SEQUENCE_NEAR_OVERFLOW fires. */
    private static final double SEQUENCE_REMAINING = 0.20;

    /** Sequences and AUTO_INCREMENT counters that have used up most of their range, or their column's. */
    private void sequences(Table t, Sink sink) {
        for (Column c : t.columns()) {
            SequenceState s = facts.sequences().get(key(t, c));
            if (s == null || s.min() >= s.max()) {
                continue;
            }
            long columnMax = columnMax(c);
            long limit = Math.min(s.max(), columnMax);
            boolean columnLimits = columnMax <= s.max();
            double remaining = s.increment() > 0
                    ? ((double) limit - s.current()) / ((double) limit - s.min())
                    : ((double) s.current() - s.min()) / ((double) s.max() - s.min());
            if (remaining >= SEQUENCE_REMAINING) {
                continue;
            }
            String generator =
                    s.name() == null ? "the AUTO_INCREMENT counter" : "sequence " + s.schema() + "." + s.name();
            String message = "column " + c.name() + " takes its values from " + generator + ", which has "
                    + String.format(Locale.ROOT, "%.1f", Math.max(0, remaining) * 100) + "% of its range left (at "
                    + s.current() + ", limit " + (s.increment() > 0 ? limit : s.min()) + " set by "
                    + (s.increment() < 0
                            ? "the sequence's MINVALUE"
                            : columnLimits ? "the column's type " + c.nativeType() : "the sequence")
                    + "): inserts fail once it runs out";
            String manual = null;
            String fix = null;
            boolean referenced = catalog.tables().stream()
                    .flatMap(o -> o.foreignKeys().stream())
                    .anyMatch(fk -> fk.referencedTable().equals(t.name())
                            && (fk.referencedSchema() == null || Objects.equals(fk.referencedSchema(), t.schema()))
                            && fk.referencedColumns().stream().anyMatch(rc -> rc.equalsIgnoreCase(c.name())));
            if (s.increment() < 0) {
                manual = "a descending sequence; lower its MINVALUE or restart it deliberately";
            } else if (s.max() < SequenceState.typeMax(s.dataType()) && s.max() <= columnMax) {
                manual = "the sequence's MAXVALUE " + s.max() + " is set explicitly; raise it if that limit is not"
                        + " intended";
            } else if (columnLimits) {
                if (columnMax == Long.MAX_VALUE) {
                    manual = "the column's type is already as wide as it goes; archive rows and restart the sequence,"
                            + " or move to another key";
                } else if (referenced) {
                    manual = "foreign keys reference the column; widen them together";
                } else {
                    AlterFix widen = alterType(
                            t,
                            c,
                            dialect == Dialect.MYSQL
                                    ? c.nativeType().replaceFirst("(?i)^(tiny|small|medium)?int(\\(\\d+\\))?", "bigint")
                                            + " AUTO_INCREMENT"
                                    : "BIGINT");
                    manual = widen.manual();
                    fix = widen.sql();
                    if (fix != null && s.name() != null && !s.identity() && !"bigint".equals(s.dataType())) {
                        fix += "\nALTER SEQUENCE " + w.qualified(s.schema(), s.name()) + " AS BIGINT;";
                    }
                }
            } else {
                // the sequence is narrower than its column: widen it to the column's type
                fix = "ALTER SEQUENCE " + w.qualified(s.schema(), s.name()) + " AS "
                        + (c.type() == ColumnType.INTEGER ? "INTEGER" : "BIGINT") + ";";
            }
            report(sink, "SEQUENCE_NEAR_OVERFLOW", t.qualifiedName() + "." + c.name(), message, fix, manual);
        }
    }

    /** The largest value a column of integer type holds; {@link Long#MAX_VALUE} for other and wider types. */
    private static long columnMax(Column c) {
        String n = lower(c.nativeType());
        boolean unsigned = n.contains("unsigned");
        if (n.startsWith("tinyint")) {
            return unsigned ? 255 : 127;
        }
        if (n.startsWith("mediumint")) {
            return unsigned ? 16_777_215 : 8_388_607;
        }
        return switch (c.type()) {
            case SMALLINT -> unsigned ? 65_535 : Short.MAX_VALUE;
            case INTEGER -> unsigned ? 4_294_967_295L : Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    // ------------------------------------------------------------------ rules added for issue 11

    /**
     * Invalid, boolean-only, btree-on-json/array and intersecting indexes; tables without any index. Adds the indexes
     * its fixes drop to {@code dropped}.
     */
    private void moreIndexes(Table t, Sink sink, Set<String> dropped) {
        Set<String> constraintNames = new HashSet<>();
        t.uniqueConstraints().forEach(u -> constraintNames.add(lower(u.name())));
        if (t.primaryKey() != null) {
            constraintNames.add(lower(t.primaryKey().name()));
        }
        if (t.indexes().isEmpty()
                && t.primaryKey() == null
                && t.uniqueConstraints().isEmpty()) {
            report(
                    sink,
                    "TABLE_WITHOUT_INDEX",
                    t.qualifiedName(),
                    "table " + t.name() + " has no index at all: every lookup, join and delete reads the whole table",
                    null,
                    "choose the columns queries look rows up by (a primary key first) and index them");
        }
        for (Index ix : t.indexes()) {
            if (!ix.valid()) {
                String manual = constraintNames.contains(lower(ix.name()))
                        ? "the index backs a constraint; drop and re-add the constraint"
                        : null;
                report(
                        sink,
                        "INVALID_INDEX",
                        t.qualifiedName() + "." + ix.name(),
                        "index " + ix.name() + " is invalid (left by a failed CREATE INDEX CONCURRENTLY or REINDEX):"
                                + " queries never use it but every write still maintains it; drop it, then create it"
                                + " again" + concurrentlyNote(t),
                        manual == null ? dropIndex(t, ix) : null,
                        manual);
                if (manual == null) {
                    dropped.add(ix.name());
                }
                continue;
            }
            if (ix.primary() || dropped.contains(ix.name())) {
                continue;
            }
            if (ix.keyParts().size() == 1
                    && ix.keyParts().get(0).column() != null
                    && ix.predicate() == null
                    && !ix.unique()
                    && isKeyIndex(ix)) {
                Column col = t.column(ix.keyParts().get(0).column()).orElse(null);
                if (col != null && col.type() == ColumnType.BOOLEAN) {
                    boolean constraint = constraintNames.contains(lower(ix.name())) || backsForeignKey(t, ix);
                    report(
                            sink,
                            "BOOLEAN_INDEXED_ALONE",
                            t.qualifiedName() + "." + ix.name(),
                            "index " + ix.name() + " has only the boolean column " + col.name() + ": two values split"
                                    + " the table in halves the planner rarely reads through an index; a partial index"
                                    + " (WHERE " + col.name() + ") or a composite one serves better",
                            constraint ? null : dropIndex(t, ix),
                            constraint ? "the index backs a constraint" : null);
                    if (!constraint) {
                        dropped.add(ix.name());
                    }
                }
            }
            if (dialect == Dialect.POSTGRESQL && isPlainBtree(ix)) {
                for (Index.KeyPart k : ix.keyParts()) {
                    Column col =
                            k.column() == null ? null : t.column(k.column()).orElse(null);
                    if (col != null && (col.type() == ColumnType.JSON || col.type() == ColumnType.ARRAY)) {
                        report(
                                sink,
                                "BTREE_ON_JSON_OR_ARRAY",
                                t.qualifiedName() + "." + ix.name(),
                                "btree index " + ix.name() + " holds the " + col.nativeType() + " column "
                                        + col.name() + " whole: it serves only equality of entire values, not"
                                        + " containment or key lookups (@>, ?, &&, ANY)",
                                null,
                                "if queries test containment or keys, replace it with a GIN index; if they compare"
                                        + " whole values, keep it");
                        break;
                    }
                }
            }
        }
        List<Index> plain = t.indexes().stream()
                .filter(ix -> ix.valid()
                        && !ix.primary()
                        && !ix.unique()
                        && ix.predicate() == null
                        && isPlainBtree(ix)
                        && !dropped.contains(ix.name())
                        && ix.plainColumns())
                .toList();
        for (int i = 0; i < plain.size(); i++) {
            for (int j = i + 1; j < plain.size(); j++) {
                Index a = plain.get(i);
                Index b = plain.get(j);
                List<String> ca = a.columns();
                List<String> cb = b.columns();
                boolean prefix = ca.size() <= cb.size()
                        ? cb.subList(0, ca.size()).equals(ca)
                        : ca.subList(0, cb.size()).equals(cb);
                if (!prefix && ca.size() > 1 && cb.size() > 1 && ca.get(0).equals(cb.get(0))) {
                    report(
                            sink,
                            "INTERSECTING_INDEXES",
                            t.qualifiedName() + "." + a.name() + "," + b.name(),
                            "indexes " + a.name() + " (" + String.join(", ", ca) + ") and " + b.name() + " ("
                                    + String.join(", ", cb) + ") lead with the same column: one index may serve both"
                                    + " query shapes",
                            null,
                            "whether one index can replace both depends on the queries; check them before merging");
                }
            }
        }
    }

    /** char(n), serial instead of identity, nullable columns in unique keys, 32-bit identity keys. */
    private void moreColumns(Table t, Sink sink) {
        Set<String> referenced = new HashSet<>();
        for (Table o : catalog.tables()) {
            for (ForeignKey fk : o.foreignKeys()) {
                if (fk.referencedTable().equals(t.name())
                        && (fk.referencedSchema() == null || Objects.equals(fk.referencedSchema(), t.schema()))) {
                    fk.referencedColumns().forEach(c -> referenced.add(lower(c)));
                }
            }
        }
        Set<String> fkColumns = new HashSet<>();
        t.foreignKeys().forEach(fk -> fk.columns().forEach(c -> fkColumns.add(lower(c))));
        List<List<String>> uniqueKeys = new ArrayList<>();
        t.uniqueConstraints().forEach(u -> uniqueKeys.add(u.columns()));
        Set<String> uniqueNames = new HashSet<>();
        t.uniqueConstraints().forEach(u -> uniqueNames.add(lower(u.name())));
        t.indexes().stream()
                .filter(ix -> ix.unique() && !ix.primary() && ix.valid() && ix.predicate() == null)
                .filter(ix -> !uniqueNames.contains(lower(ix.name())))
                .forEach(ix -> uniqueKeys.add(leadingColumns(ix)));
        Set<String> reportedNullable = new HashSet<>();
        for (List<String> key : uniqueKeys) {
            for (String name : key) {
                Column col = t.column(name).orElse(null);
                if (col == null || !col.nullable() || !reportedNullable.add(lower(name))) {
                    continue;
                }
                String manual = null;
                if (dialect == Dialect.SQLITE) {
                    manual = "SQLite cannot add NOT NULL to an existing column";
                } else if (facts.columnsWithNulls().contains(key(t, col))) {
                    manual = "the column holds NULLs; fill them in (or make the key NULLS NOT DISTINCT) first";
                } else if (col.inherited()) {
                    manual = "the column is inherited; change it on the parent table";
                }
                report(
                        sink,
                        "NULLABLE_COLUMN_IN_UNIQUE_KEY",
                        t.qualifiedName() + "." + col.name(),
                        "column " + col.name() + " is nullable but part of a unique key (" + String.join(", ", key)
                                + "): NULLs never collide, so rows that look duplicate are accepted",
                        manual == null ? setNotNull(t, col) : null,
                        manual);
            }
        }
        for (Column c : t.columns()) {
            String name = lower(c.name());
            if (c.type() == ColumnType.CHAR
                    && dialect != Dialect.SQLITE
                    && c.length() != null
                    && c.length() > 1
                    && c.generatedExpression() == null) {
                AlterFix fix = fkColumns.contains(name) || referenced.contains(name)
                        ? new AlterFix(null, "the column is part of a foreign key; change both ends together")
                        : alterType(t, c, "VARCHAR(" + c.length() + ")");
                report(
                        sink,
                        "CHAR_COLUMN",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " is " + c.nativeType() + ": values are padded with spaces to the full"
                                + " length, and comparisons and lengths treat the padding inconsistently",
                        fix.sql(),
                        fix.manual());
            }
            if (dialect == Dialect.POSTGRESQL
                    && c.defaultValue() != null
                    && lower(c.defaultValue()).startsWith("nextval(")
                    && c.type().isInteger()) {
                report(
                        sink,
                        "SERIAL_INSTEAD_OF_IDENTITY",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " takes its values from a sequence default (serial): the sequence has"
                                + " its own owner and permissions, and inserts with explicit ids leave it behind;"
                                + " GENERATED ... AS IDENTITY ties it to the column",
                        null,
                        "drop the default, add GENERATED BY DEFAULT AS IDENTITY starting after the current maximum,"
                                + " drop the old sequence, all in one transaction with writes stopped");
            }
            if (c.identity()
                    && (c.type() == ColumnType.INTEGER || c.type() == ColumnType.SMALLINT)
                    && t.primaryKey() != null
                    && t.primaryKey().columns().size() == 1
                    && lower(t.primaryKey().columns().get(0)).equals(name)) {
                AlterFix fix = referenced.contains(name)
                        ? new AlterFix(null, "foreign keys reference the column; widen them together")
                        : alterType(
                                t,
                                c,
                                dialect == Dialect.MYSQL
                                        ? c.nativeType().replaceFirst("(?i)^(small|medium)?int", "bigint")
                                                + " AUTO_INCREMENT"
                                        : "BIGINT");
                if (dialect == Dialect.SQLITE) {
                    continue; // SQLite's INTEGER PRIMARY KEY is already 64 bits
                }
                report(
                        sink,
                        "INT_IDENTITY_KEY",
                        t.qualifiedName() + "." + c.name(),
                        "generated primary key " + c.name() + " is " + c.nativeType() + ": it runs out at "
                                + (c.type() == ColumnType.SMALLINT ? "32,767" : "2,147,483,647")
                                + " rows ever inserted, and widening it later rewrites the table and every"
                                + " referencing key",
                        fix.sql(),
                        fix.manual());
            }
        }
    }

    // ------------------------------------------------------------------ rules

    private void primaryKey(Table t, Sink sink) {
        if (t.primaryKey() != null) {
            return;
        }
        Optional<List<String>> candidate = t.uniqueConstraints().stream()
                .map(UniqueConstraint::columns)
                .filter(cols -> cols.stream()
                        .allMatch(c -> t.column(c).map(col -> !col.nullable()).orElse(false)))
                .findFirst();
        String message = "table " + t.name() + " has no primary key: rows cannot be addressed reliably, and logical"
                + " replication, ORMs and online schema change tools need one";
        String manual = null;
        String fix = null;
        if (t.partitioned()) {
            manual = "a partitioned table's primary key must include the partition key; choose the key columns";
        } else if (dialect == Dialect.SQLITE) {
            manual = "SQLite cannot add a primary key in place: create the table anew with id INTEGER PRIMARY KEY,"
                    + " copy the rows, drop the old one, rename";
        } else if (candidate.isPresent()) {
            fix = "ALTER TABLE " + table(t) + " ADD PRIMARY KEY (" + w.idList(candidate.get()) + ");";
        } else if (t.column("id").isPresent()) {
            manual = "a column named " + t.column("id").get().name() + " already exists; make it (or another unique,"
                    + " not-null key) the primary key";
        } else if (dialect == Dialect.MYSQL && t.columns().stream().anyMatch(Column::identity)) {
            manual = "the table already has an AUTO_INCREMENT column; make it the primary key";
        } else if (dialect == Dialect.POSTGRESQL && hasChildren(t)) {
            manual = "other tables inherit from this one, and an identity column cannot be added to them all";
        } else {
            fix = dialect == Dialect.MYSQL
                    ? "ALTER TABLE " + table(t) + " ADD COLUMN " + w.id("id") + " BIGINT AUTO_INCREMENT PRIMARY KEY"
                            + " FIRST;"
                    : "ALTER TABLE " + table(t) + " ADD COLUMN " + w.id("id")
                            + " BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY;";
        }
        report(sink, "TABLE_WITHOUT_PRIMARY_KEY", t.qualifiedName(), message, fix, manual);
    }

    /** Whether {@code index} is the one H2 generated for one of the {@code constraints}: {@code NAME_INDEX_<hex>}. */
    public static boolean ownedByConstraint(String index, Set<String> constraints) {
        int at = index.lastIndexOf("_INDEX_");
        return at > 0
                && constraints.contains(index.substring(0, at))
                && index.substring(at + "_INDEX_".length()).matches("[0-9A-F]+");
    }

    /**
     * A partition's foreign keys that are its own, not clones of its parent's (which are reported once, on the
     * parent): pg_dump writes Pagila's payment keys partition by partition.
     */
    private List<ForeignKey> ownForeignKeys(Table partition) {
        List<ForeignKey> parents = find(
                        partition.partitionOf().schema(),
                        partition.partitionOf().name())
                .map(Table::foreignKeys)
                .orElse(List.of());
        return partition.foreignKeys().stream()
                .filter(fk -> parents.stream()
                        .noneMatch(p -> p.columns().equals(fk.columns())
                                && p.referencedTable().equals(fk.referencedTable())
                                && Objects.equals(p.referencedSchema(), fk.referencedSchema())
                                && p.referencedColumns().equals(fk.referencedColumns())))
                .toList();
    }

    /** Foreign-key rules over {@code fks} of {@code t}; on a partition only the index and type rules. */
    private void foreignKeys(Table t, List<ForeignKey> fks, Sink sink) {
        for (ForeignKey fk : fks) {
            if (!covered(t, fk.columns())) {
                report(
                        sink,
                        "FK_WITHOUT_INDEX",
                        t.qualifiedName() + "." + String.join(",", fk.columns()),
                        "foreign key " + fk.name() + " (" + String.join(", ", fk.columns()) + ") has no index leading"
                                + " with its columns: joins from " + fk.referencedTable() + " and every delete or key"
                                + " update there scan " + t.name() + concurrentlyNote(t),
                        createIndex(t, fk.columns()),
                        null);
            }
            if (fk.columns().size() == 1
                    && fk.onDelete() != ForeignKey.ReferentialAction.SET_NULL
                    && !t.isPartition()) {
                Column col = t.column(fk.columns().get(0)).orElse(null);
                if (col != null && col.nullable()) {
                    String manual = null;
                    if (dialect == Dialect.SQLITE) {
                        manual = "SQLite cannot add NOT NULL to an existing column";
                    } else if (facts.columnsWithNulls().contains(key(t, col))) {
                        manual = "the column holds NULLs; fill them in first";
                    } else if (col.inherited()) {
                        manual = "the column is inherited; change it on the parent table";
                    }
                    report(
                            sink,
                            "NULLABLE_FOREIGN_KEY",
                            t.qualifiedName() + "." + col.name(),
                            "foreign key column " + col.name() + " is nullable: rows without a " + fk.referencedTable()
                                    + " are easy to lose in inner joins; if the relation is optional, disable this"
                                    + " rule",
                            manual == null ? setNotNull(t, col) : null,
                            manual);
                }
            }
            Optional<Table> referenced = find(fk.referencedSchema(), fk.referencedTable());
            for (int i = 0; i < fk.columns().size() && referenced.isPresent(); i++) {
                Optional<Column> mine = t.column(fk.columns().get(i));
                Optional<Column> theirs =
                        referenced.get().column(fk.referencedColumns().get(i));
                if (mine.isPresent() && theirs.isPresent() && !sameType(mine.get(), theirs.get())) {
                    AlterFix fix = t.isPartition()
                            ? new AlterFix(
                                    null,
                                    "the column belongs to partitioned table "
                                            + t.partitionOf().schema() + "."
                                            + t.partitionOf().name() + "; change its type there, which changes every"
                                            + " partition")
                            : alterType(t, mine.get(), theirs.get().nativeType());
                    report(
                            sink,
                            "FK_TYPE_MISMATCH",
                            t.qualifiedName() + "." + mine.get().name(),
                            "column " + mine.get().name() + " is " + mine.get().nativeType() + " but references "
                                    + fk.referencedTable() + "." + theirs.get().name() + " of type "
                                    + theirs.get().nativeType()
                                    + ": implicit casts defeat indexes and values may not fit",
                            fix.sql(),
                            fix.manual());
                }
            }
        }
    }

    /** Reports duplicate, redundant and unused indexes; returns the names of the indexes a fix drops. */
    private Set<String> indexes(Table t, Sink sink) {
        List<Index> all = t.indexes();
        Set<String> constraintIndexes = t.uniqueConstraints().stream()
                .map(UniqueConstraint::name)
                .collect(Collectors.toCollection(HashSet::new));
        if (t.primaryKey() != null) {
            constraintIndexes.add(t.primaryKey().name());
        }
        // H2 names the index it makes for a constraint after it (UQ_X_INDEX_5, FK_X_INDEX_8) and refuses to drop it
        Set<String> owners = new HashSet<>(constraintIndexes);
        t.foreignKeys().forEach(fk -> owners.add(fk.name()));
        for (Index ix : all) {
            if (ownedByConstraint(ix.name(), owners)) {
                constraintIndexes.add(ix.name());
            }
        }
        Set<String> reported = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Index a = all.get(i);
                Index b = all.get(j);
                if (sameDefinition(a, b)) {
                    Index drop = keeps(a, constraintIndexes) && !keeps(b, constraintIndexes) ? b : a;
                    Index keep = drop == a ? b : a;
                    if (!reported.contains(keep.name()) && reported.add(drop.name())) {
                        boolean constraint = drop.primary() || constraintIndexes.contains(drop.name());
                        report(
                                sink,
                                "DUPLICATE_INDEX",
                                t.qualifiedName() + "." + drop.name(),
                                "index " + drop.name() + " duplicates " + keep.name() + " ("
                                        + String.join(", ", keep.columns()) + "): every write maintains both",
                                constraint ? null : dropIndex(t, drop),
                                constraint ? "both indexes back constraints; drop one of the constraints" : null);
                    }
                }
            }
        }
        for (Index a : all) {
            if (a.unique()
                    || a.primary()
                    || a.predicate() != null
                    || reported.contains(a.name())
                    || !a.valid()
                    || constraintIndexes.contains(a.name())) {
                continue;
            }
            for (Index b : all) {
                if (b != a
                        && b.valid()
                        && b.predicate() == null
                        && b.keyParts().size() > a.keyParts().size()
                        && b.keyParts().subList(0, a.keyParts().size()).equals(a.keyParts())
                        && Objects.equals(a.method(), b.method())
                        && isPlainBtree(a)
                        && !reported.contains(b.name())) {
                    report(
                            sink,
                            "REDUNDANT_INDEX",
                            t.qualifiedName() + "." + a.name(),
                            "index " + a.name() + " (" + String.join(", ", a.columns()) + ") is a leading prefix of "
                                    + b.name() + " (" + String.join(", ", b.columns())
                                    + "), which serves the same queries",
                            dropIndex(t, a),
                            null);
                    reported.add(a.name());
                    break;
                }
            }
        }
        for (Index ix : all) {
            Long scans = facts.indexScans().get(t.schema() + "." + ix.name());
            if (scans != null
                    && scans == 0
                    && !ix.unique()
                    && !ix.primary()
                    && !reported.contains(ix.name())
                    && !backsForeignKey(t, ix)) {
                reported.add(ix.name());
                report(
                        sink,
                        "UNUSED_INDEX",
                        t.qualifiedName() + "." + ix.name(),
                        "index " + ix.name() + " has not been scanned since statistics were last reset on this server;"
                                + " check replicas and a full business cycle before dropping it",
                        dropIndex(t, ix),
                        null);
            }
        }
        return reported;
    }

    private void naming(Table t, Sink sink, Set<String> dropped) {
        if (!isSnake(t.name())) {
            String target = snake(t.name());
            String manual = null;
            if (target.isEmpty()) {
                manual = "the name has no letters or digits to make a snake_case name from; choose one";
            } else if (namespaceTaken(t).test(target)) {
                manual = "the snake_case name " + target + " is already taken";
            }
            report(
                    sink,
                    "NAME_NOT_SNAKE_CASE",
                    t.qualifiedName(),
                    "table name " + t.name() + " is not lower snake_case, so every query must quote it; renaming"
                            + " breaks code that uses the old name",
                    manual == null ? "ALTER TABLE " + table(t) + " RENAME TO " + renamedTable(t, target) + ";" : null,
                    manual);
        }
        Set<String> columnNames = new HashSet<>();
        t.columns().forEach(c -> columnNames.add(lower(c.name())));
        for (Column c : t.columns()) {
            if (!isSnake(c.name())) {
                String target = snake(c.name());
                String manual = null;
                if (target.isEmpty()) {
                    manual = "the name has no letters or digits to make a snake_case name from; choose one";
                } else if (columnNames.contains(target)) {
                    manual = "the table already has a column " + target;
                } else if (c.inherited()) {
                    manual = "the column is inherited; rename it on the parent table";
                }
                report(
                        sink,
                        "NAME_NOT_SNAKE_CASE",
                        t.qualifiedName() + "." + c.name(),
                        "column name " + c.name() + " is not lower snake_case, so every query must quote it;"
                                + " renaming breaks code that uses the old name",
                        manual == null
                                ? "ALTER TABLE " + table(t) + " RENAME COLUMN " + w.id(c.name()) + " TO " + w.id(target)
                                        + ";"
                                : null,
                        manual);
            }
        }
        String last = lower(t.name()).replaceAll(".*_", "");
        if (!last.endsWith("s") && !PLURAL_WORDS.contains(last)) {
            report(
                    sink,
                    "TABLE_NAME_NOT_PLURAL",
                    t.qualifiedName(),
                    "table name " + t.name() + " is not plural (convention: a table holds many " + last + " rows)",
                    null,
                    null);
        }
        Set<String> constraintNames = new HashSet<>();
        t.uniqueConstraints().forEach(u -> constraintNames.add(u.name()));
        t.foreignKeys().forEach(f -> constraintNames.add(f.name()));
        if (t.primaryKey() != null) {
            constraintNames.add(t.primaryKey().name());
        }
        for (Index ix : t.indexes()) {
            // indexes the database made for a constraint: same name (PostgreSQL, MySQL) or <name>_INDEX_n (H2)
            boolean forConstraint = constraintNames.stream()
                    .anyMatch(n -> lower(ix.name()).equals(lower(n))
                            || lower(ix.name()).startsWith(lower(n) + "_index_"));
            // H2 names a constraint's index itself and names it anew whenever a change rebuilds the table
            boolean h2Owned = dialect == Dialect.H2 && ix.name().matches("CONSTRAINT_INDEX_[0-9A-F]+");
            if (ix.primary()
                    || forConstraint
                    || h2Owned
                    || ix.name().startsWith("sqlite_autoindex")
                    || dropped.contains(ix.name())) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(conventional(t.name()));
            ix.keyParts().forEach(k -> parts.add(conventional(k.text())));
            parts.removeIf(String::isEmpty);
            String expected = w.inventName("idx", parts, n -> false);
            String name = lower(ix.name());
            boolean ok = name.equals(lower(expected))
                    || name.equals(lower(w.inventName("uq", parts, n -> false)))
                    || (!ix.plainColumns() && name.startsWith("idx_" + conventional(t.name())));
            if (ok) {
                continue;
            }
            String manual = null;
            String fix = null;
            if (parts.size() < 2) {
                manual = "the names hold no letters or digits to make an index name from; choose one";
            } else if (dialect == Dialect.SQLITE) {
                manual = "SQLite cannot rename an index; drop it and create it under the new name";
            } else {
                String target = invent(t, "idx", parts, ix.name());
                fix = dialect == Dialect.MYSQL
                        ? "ALTER TABLE " + table(t) + " RENAME INDEX " + w.id(ix.name()) + " TO " + w.id(target) + ";"
                        : "ALTER INDEX " + w.qualified(t.schema(), ix.name()) + " RENAME TO " + w.id(target) + ";";
            }
            report(
                    sink,
                    "INDEX_NAME_CONVENTION",
                    t.qualifiedName() + "." + ix.name(),
                    "index " + ix.name() + " does not follow idx_<table>_<columns> (expected " + expected + ")",
                    fix,
                    manual);
        }
        for (ForeignKey fk : t.foreignKeys()) {
            if (fk.columns().size() != 1) {
                continue;
            }
            String column = lower(fk.columns().get(0));
            String referencedColumn = lower(fk.referencedColumns().get(0));
            String expected = singular(lower(fk.referencedTable())) + "_" + referencedColumn;
            boolean selfReference = fk.referencedTable().equalsIgnoreCase(t.name()) && column.endsWith("_id");
            boolean named = column.equals(expected)
                    || column.endsWith("_" + expected)
                    // named exactly like the key it references (city_id -> city.city_id), or a role before it
                    || (referencedColumn.contains("_")
                            && (column.equals(referencedColumn) || column.endsWith("_" + referencedColumn)));
            if (!named && !selfReference) {
                report(
                        sink,
                        "FK_COLUMN_NAME_CONVENTION",
                        t.qualifiedName() + "." + fk.columns().get(0),
                        "foreign key column " + fk.columns().get(0) + " references " + fk.referencedTable()
                                + "; convention names it " + expected + " (or <role>_" + expected + ")",
                        null,
                        null);
            }
        }
    }

    private void columns(Table t, Sink sink) {
        boolean created = t.column("created_at").isPresent();
        boolean updated = t.column("updated_at").isPresent();
        if (!created || !updated) {
            List<String> missing = new ArrayList<>();
            if (!created) {
                missing.add("created_at");
            }
            if (!updated) {
                missing.add("updated_at");
            }
            report(
                    sink,
                    "MISSING_TIMESTAMPS",
                    t.qualifiedName(),
                    "table " + t.name() + " lacks " + String.join(" and ", missing)
                            + ": when a row appeared or changed cannot be told"
                            + (dialect == Dialect.POSTGRESQL && !updated
                                    ? " (keep updated_at current with a BEFORE UPDATE trigger)"
                                    : ""),
                    addTimestamps(t, missing),
                    null);
        }
        Set<String> keyColumns = new HashSet<>();
        if (t.primaryKey() != null) {
            keyColumns.addAll(t.primaryKey().columns());
        }
        t.uniqueConstraints().forEach(u -> keyColumns.addAll(u.columns()));
        t.foreignKeys().forEach(f -> keyColumns.addAll(f.columns()));
        t.indexes().stream()
                .filter(Rules::isKeyIndex)
                .forEach(i ->
                        i.keyParts().stream().filter(k -> k.column() != null).forEach(k -> keyColumns.add(k.column())));
        for (Column c : t.columns()) {
            String name = lower(c.name());
            if ((c.type() == ColumnType.REAL || c.type() == ColumnType.DOUBLE)
                    && MONEY.matcher(name).find()) {
                AlterFix fix = alterType(t, c, dialect == Dialect.MYSQL ? "DECIMAL(19,4)" : "NUMERIC(19,4)");
                report(
                        sink,
                        "MONEY_AS_FLOAT",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " looks like money but is " + c.nativeType()
                                + ": binary floating point cannot hold 0.10 exactly, sums drift",
                        fix.sql(),
                        fix.manual());
            }
            if (c.type() == ColumnType.TIMESTAMP && (dialect == Dialect.POSTGRESQL || dialect == Dialect.H2)) {
                AlterFix fix = dialect == Dialect.POSTGRESQL
                        ? alterType(
                                t,
                                c,
                                "ALTER TABLE " + table(t) + " ALTER COLUMN " + w.id(c.name())
                                        + " TYPE TIMESTAMPTZ USING " + w.id(c.name()) + " AT TIME ZONE "
                                        + w.literal("UTC") + ";",
                                true)
                        : alterType(t, c, "TIMESTAMP WITH TIME ZONE");
                report(
                        sink,
                        "TIMESTAMP_WITHOUT_TIME_ZONE",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " is a timestamp without time zone: the same value means different"
                                + " instants to clients in different zones",
                        fix.sql(),
                        fix.manual());
            }
            boolean filterLike = filterColumns.contains(name)
                    || (name.endsWith("_at") && !name.equals("created_at") && !name.equals("updated_at"));
            if (filterLike && !covered(t, List.of(c.name()))) {
                report(
                        sink,
                        "FILTER_COLUMN_WITHOUT_INDEX",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " is the kind queries filter on, and no index leads with it"
                                + concurrentlyNote(t),
                        createIndex(t, List.of(c.name())),
                        null);
            }
            if (c.type() == ColumnType.TEXT && keyColumns.contains(c.name())) {
                AlterFix fix = alterType(t, c, "VARCHAR(255)");
                report(
                        sink,
                        "UNBOUNDED_TEXT_KEY",
                        t.qualifiedName() + "." + c.name(),
                        "column " + c.name() + " is unbounded text but serves as a key: index entries may exceed"
                                + " the page limit (MySQL cannot index it without a prefix)",
                        fix.sql(),
                        fix.manual());
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void report(Sink sink, String rule, String location, String message, String fix, String manual) {
        sink.report(rule, location, manual == null ? message : message + "; manual: " + manual, fix);
    }

    private boolean covered(Table t, List<String> columns) {
        Set<String> wanted = columns.stream().map(Rules::lower).collect(Collectors.toSet());
        List<List<String>> candidates = new ArrayList<>();
        t.indexes().stream()
                .filter(ix -> ix.predicate() == null && ix.valid() && isKeyIndex(ix))
                .forEach(ix -> candidates.add(leadingColumns(ix)));
        if (t.primaryKey() != null) {
            candidates.add(t.primaryKey().columns());
        }
        t.uniqueConstraints().forEach(u -> candidates.add(u.columns()));
        for (List<String> cols : candidates) {
            if (cols.size() >= columns.size()) {
                Set<String> lead = cols.subList(0, columns.size()).stream()
                        .map(Rules::lower)
                        .collect(Collectors.toSet());
                if (lead.equals(wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The index's leading whole columns, up to its first expression. */
    private static List<String> leadingColumns(Index ix) {
        List<String> out = new ArrayList<>();
        for (Index.KeyPart k : ix.keyParts()) {
            if (k.column() == null) {
                break;
            }
            out.add(k.column());
        }
        return out;
    }

    private boolean backsForeignKey(Table t, Index ix) {
        Set<String> lead = new HashSet<>();
        List<String> cols = leadingColumns(ix);
        for (ForeignKey fk : t.foreignKeys()) {
            if (cols.size() >= fk.columns().size()) {
                lead.clear();
                cols.subList(0, fk.columns().size()).forEach(c -> lead.add(lower(c)));
                if (lead.equals(fk.columns().stream().map(Rules::lower).collect(Collectors.toSet()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** btree and hash indexes hold whole values as keys; FULLTEXT, GIN, GiST and the like do not. */
    private static boolean isKeyIndex(Index ix) {
        return ix.method() == null || ix.method().equals("btree") || ix.method().equals("hash");
    }

    private static boolean sameDefinition(Index a, Index b) {
        return a.keyParts().equals(b.keyParts())
                && Objects.equals(a.predicate(), b.predicate())
                && Objects.equals(a.method(), b.method())
                && a.include().equals(b.include())
                && a.valid()
                && b.valid()
                && (a.unique() == b.unique() || !a.primary() && !b.primary());
    }

    private static boolean keeps(Index ix, Set<String> constraintIndexes) {
        return ix.primary() || ix.unique() || constraintIndexes.contains(ix.name());
    }

    private static boolean isPlainBtree(Index ix) {
        return ix.method() == null || ix.method().equals("btree");
    }

    private boolean sameType(Column a, Column b) {
        if (dialect == Dialect.SQLITE && a.type().isInteger() && b.type().isInteger()) {
            return true; // one INTEGER affinity, whatever the declared width
        }
        if (a.type() != b.type()) {
            return false;
        }
        return !a.type().isText() || Objects.equals(a.length(), b.length());
    }

    private boolean hasChildren(Table t) {
        Table.Name me = new Table.Name(t.schema(), t.name());
        return catalog.tables().stream().anyMatch(o -> o.inheritsFrom().contains(me) || me.equals(o.partitionOf()));
    }

    private Optional<Table> find(String schema, String name) {
        return catalog.tables().stream()
                .filter(t -> t.name().equals(name) && (schema == null || Objects.equals(schema, t.schema())))
                .findFirst()
                .or(() -> catalog.table(name));
    }

    private String concurrentlyNote(Table t) {
        if (dialect != Dialect.POSTGRESQL) {
            return "";
        }
        return t.partitioned()
                ? " (a partitioned table cannot be indexed CONCURRENTLY: the fix locks writes while it builds)"
                : " (the fix uses CONCURRENTLY, which cannot run inside a transaction block)";
    }

    private String createIndex(Table t, List<String> columns) {
        List<String> parts = new ArrayList<>();
        parts.add(conventional(t.name()));
        columns.forEach(c -> parts.add(conventional(c)));
        parts.removeIf(String::isEmpty);
        String name = invent(t, "idx", parts, null);
        List<String> keys = new ArrayList<>();
        for (String c : columns) {
            Column col = t.column(c).orElse(null);
            boolean needsPrefix = dialect == Dialect.MYSQL
                    && col != null
                    && (col.type() == ColumnType.TEXT || col.type() == ColumnType.BINARY)
                    && col.length() == null;
            keys.add(w.id(c) + (needsPrefix ? "(191)" : ""));
        }
        boolean concurrently = dialect == Dialect.POSTGRESQL && !t.partitioned();
        if (dialect == Dialect.SQLITE) { // SQLite qualifies the index, never the table
            return "CREATE INDEX " + w.qualified(t.schema(), name) + " ON " + w.id(t.name()) + " ("
                    + String.join(", ", keys) + ");";
        }
        return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + w.id(name) + " ON " + table(t) + " ("
                + String.join(", ", keys) + ");";
    }

    private String dropIndex(Table t, Index ix) {
        return switch (dialect) {
            case POSTGRESQL ->
                "DROP INDEX " + (t.partitioned() ? "" : "CONCURRENTLY ") + w.qualified(t.schema(), ix.name()) + ";";
            case MYSQL -> "DROP INDEX " + w.id(ix.name()) + " ON " + table(t) + ";";
            default -> "DROP INDEX " + w.qualified(t.schema(), ix.name()) + ";";
        };
    }

    private String setNotNull(Table t, Column c) {
        return dialect == Dialect.MYSQL
                ? "ALTER TABLE " + table(t) + " MODIFY COLUMN " + w.id(c.name()) + " " + c.nativeType() + " NOT NULL"
                        + mysqlDefault(c) + ";"
                : "ALTER TABLE " + table(t) + " ALTER COLUMN " + w.id(c.name()) + " SET NOT NULL;";
    }

    private static String mysqlDefault(Column c) {
        return c.defaultValue() == null ? "" : " DEFAULT " + c.defaultValue();
    }

    private record AlterFix(String sql, String manual) {}

    private AlterFix alterType(Table t, Column c, String type) {
        String sql = switch (dialect) {
            case MYSQL ->
                "ALTER TABLE " + table(t) + " MODIFY COLUMN " + w.id(c.name()) + " " + type
                        + (c.nullable() ? "" : " NOT NULL") + mysqlDefault(c) + ";";
            case SQLITE -> null;
            case POSTGRESQL ->
                "ALTER TABLE " + table(t) + " ALTER COLUMN " + w.id(c.name()) + " TYPE " + type + " USING "
                        + w.id(c.name()) + "::" + type + ";";
            default -> "ALTER TABLE " + table(t) + " ALTER COLUMN " + w.id(c.name()) + " SET DATA TYPE " + type + ";";
        };
        return alterType(t, c, sql, sql != null);
    }

    private AlterFix alterType(Table t, Column c, String sql, boolean possible) {
        if (!possible) {
            return new AlterFix(null, "SQLite cannot change a column's type in place; rebuild the table");
        }
        if (c.inherited()) {
            return new AlterFix(null, "the column is inherited; change its type on the parent table");
        }
        String blocker = facts.columnBlockers().get(key(t, c));
        if (blocker != null) {
            return new AlterFix(null, blocker);
        }
        if (hasChildren(t) && !t.partitioned()) {
            return new AlterFix(null, "other tables inherit this column; change it on all of them together");
        }
        return new AlterFix(sql, null);
    }

    private String addTimestamps(Table t, List<String> columns) {
        List<String> defs = new ArrayList<>();
        for (String column : columns) {
            boolean onUpdate = column.equals("updated_at");
            defs.add(
                    switch (dialect) {
                        case MYSQL ->
                            w.id(column) + " DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"
                                    + (onUpdate ? " ON UPDATE CURRENT_TIMESTAMP(3)" : "");
                        case POSTGRESQL -> w.id(column) + " TIMESTAMPTZ NOT NULL DEFAULT now()";
                        case SQLITE -> w.id(column) + " TEXT";
                        default -> w.id(column) + " TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL";
                    });
        }
        if (dialect == Dialect.MYSQL || dialect == Dialect.POSTGRESQL) {
            return "ALTER TABLE " + table(t) + " "
                    + defs.stream().map(d -> "ADD COLUMN " + d).collect(Collectors.joining(", ")) + ";";
        }
        // H2 and SQLite add one column per statement
        return defs.stream()
                .map(d -> "ALTER TABLE " + table(t) + " ADD COLUMN " + d + ";")
                .collect(Collectors.joining("\n"));
    }

    private String table(Table t) {
        return w.qualified(t.schema(), t.name());
    }

    private String renamedTable(Table t, String target) {
        // MySQL moves a table renamed to a bare name into the connection's database: keep it where it is
        return dialect == Dialect.MYSQL ? w.qualified(t.schema(), target) : w.id(target);
    }

    private static String key(Table t, Column c) {
        return LiveFacts.key(t.schema(), t.name(), c.name());
    }

    /** Whether a name is used in the namespace new objects of {@code t}'s schema go to (tables, views, indexes). */
    private java.util.function.Predicate<String> namespaceTaken(Table t) {
        Set<String> names = new HashSet<>();
        for (Table o : catalog.tables()) {
            if (Objects.equals(o.schema(), t.schema())) {
                names.add(lower(o.name()));
                if (dialect != Dialect.MYSQL) {
                    o.indexes().forEach(ix -> names.add(lower(ix.name())));
                }
            }
        }
        catalog.views().stream()
                .filter(v -> Objects.equals(v.schema(), t.schema()))
                .forEach(v -> names.add(lower(v.name())));
        return n -> names.contains(lower(n));
    }

    /**
     * A new index name from real names, cut to the dialect's limit, not taken in the index namespace (per table on
     * MySQL, per schema elsewhere) nor by a name an earlier fix of this analysis invented.
     */
    private String invent(Table t, String prefix, List<String> parts, String renaming) {
        String namespace = dialect == Dialect.MYSQL ? t.schema() + "\0" + t.name() : String.valueOf(t.schema());
        Set<String> mine = invented.computeIfAbsent(namespace, k -> new HashSet<>());
        Set<String> taken = new HashSet<>();
        if (dialect == Dialect.MYSQL) {
            t.indexes().forEach(ix -> taken.add(lower(ix.name())));
        } else {
            java.util.function.Predicate<String> ns = namespaceTaken(t);
            String name = w.inventName(
                    prefix, parts, n -> (ns.test(n) && !n.equalsIgnoreCase(renaming)) || mine.contains(lower(n)));
            mine.add(lower(name));
            return name;
        }
        if (renaming != null) {
            taken.remove(lower(renaming));
        }
        String name = w.inventName(prefix, parts, n -> taken.contains(lower(n)) || mine.contains(lower(n)));
        mine.add(lower(name));
        return name;
    }

    private static String conventional(String name) {
        return lower(name).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
    }

    private static boolean isSnake(String name) {
        String lower = lower(name);
        boolean oneCase = name.equals(lower) || name.equals(name.toUpperCase(Locale.ROOT));
        return oneCase && SNAKE.matcher(lower).matches();
    }

    /** {@code OrderItems} and {@code order items} become {@code order_items}; letters of any script are kept. */
    static String snake(String name) {
        return name.replaceAll("([\\p{Ll}\\p{N}])(\\p{Lu})", "$1_$2")
                .replaceAll("[^\\p{L}\\p{N}]+", "_")
                .toLowerCase(Locale.ROOT)
                .replaceAll("^_+|_+$", "");
    }

    static String singular(String plural) {
        if (plural.endsWith("ies") && plural.length() > 3) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        if (plural.endsWith("sses") || plural.endsWith("xes") || plural.endsWith("ches") || plural.endsWith("shes")) {
            return plural.substring(0, plural.length() - 2);
        }
        if (plural.endsWith("s") && !plural.endsWith("ss")) {
            return plural.substring(0, plural.length() - 1);
        }
        return plural;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
