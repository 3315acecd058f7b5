package io.backendkit.schema;

import io.backendkit.schema.SchemaChange.AddCheck;
import io.backendkit.schema.SchemaChange.AddColumn;
import io.backendkit.schema.SchemaChange.AddForeignKey;
import io.backendkit.schema.SchemaChange.AddPrimaryKey;
import io.backendkit.schema.SchemaChange.AddUnique;
import io.backendkit.schema.SchemaChange.AlterColumn;
import io.backendkit.schema.SchemaChange.CreateFunction;
import io.backendkit.schema.SchemaChange.CreateIndex;
import io.backendkit.schema.SchemaChange.CreateTable;
import io.backendkit.schema.SchemaChange.CreateTrigger;
import io.backendkit.schema.SchemaChange.CreateView;
import io.backendkit.schema.SchemaChange.DropCheck;
import io.backendkit.schema.SchemaChange.DropColumn;
import io.backendkit.schema.SchemaChange.DropForeignKey;
import io.backendkit.schema.SchemaChange.DropFunction;
import io.backendkit.schema.SchemaChange.DropIndex;
import io.backendkit.schema.SchemaChange.DropPrimaryKey;
import io.backendkit.schema.SchemaChange.DropTable;
import io.backendkit.schema.SchemaChange.DropTrigger;
import io.backendkit.schema.SchemaChange.DropUnique;
import io.backendkit.schema.SchemaChange.DropView;
import io.backendkit.schema.SchemaChange.SetComment;
import io.backendkit.schema.internal.diff.DdlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ordered changes that turn one catalog into another, and the DDL for them in both directions.
 *
 * <pre>{@code
 * Catalog live = Schema.connect(dataSource).read();
 * Catalog wanted = TargetSchema.fromSqlFile(dataSource, Path.of("schema/v2.sql"));
 * SchemaDiff diff = SchemaDiff.between(live, wanted);
 * Files.writeString(dir.resolve("V2__to_v2.sql"), diff.toMigration());
 * }</pre>
 *
 * <p>Tables, columns, constraints and indexes are matched by name, so a rename shows as a drop and an
 * add (rename by hand to keep data). Changes are ordered so that they can run and so that data goes last:
 * foreign keys, indexes and constraints that go away are dropped first, then tables are created, columns
 * added and altered, keys, indexes and checks added, new foreign keys added after the tables they
 * reference exist, and only then columns and tables dropped, so a failure part-way has destroyed no rows. Views that
 * go away, change, or read a column whose type changes or which is dropped (and the views that read those) are
 * dropped before every table step and created after them, from the target's definition. Triggers (PostgreSQL,
 * MySQL/MariaDB), PostgreSQL functions and procedures and MySQL/MariaDB routines are compared by their server-printed
 * definitions (MySQL routines by body) and carried as statements: triggers that go or change are dropped first and created last, functions created or replaced after
 * the table steps (before views and triggers, which may use them) and dropped at the very end. A new PostgreSQL
 * partition is created {@code PARTITION OF} its parent with its bound. PostgreSQL enum types and domains are created
 * before every other step and dropped after every other step (domains first); labels added to an enum type become
 * {@code ALTER TYPE ... ADD VALUE} (before every table step), a domain's default, {@code NOT NULL} and checks {@code
 * ALTER DOMAIN}; a label removed or reordered and a domain's base type changed are reported by {@link #notCompared()},
 * as PostgreSQL cannot do them in place. The down direction is the diff the other way
 * round. Schema names are ignored, so
 * a catalog read from a scratch schema compares with the live one. Immutable.
 *
 * <p>The history tables of backendkit's migrator and of Flyway ({@code backendkit_schema_history}, its
 * {@code _lock} table and {@code flyway_schema_history}) are left out on both sides.
 */
public final class SchemaDiff {

    private final Catalog from;
    private final Catalog to;
    private final List<SchemaChange> changes;
    private final List<String> notCompared;

    private SchemaDiff(Catalog from, Catalog to) {
        this.from = from;
        this.to = to;
        this.changes = List.copyOf(compute(from, to));
        this.notCompared = List.copyOf(notCompared(from, to));
    }

    /**
     * The differences in objects the diff does not migrate (sequences, enum labels removed or reordered, a domain's
     * base type changed, MySQL routines that cannot be written, the bound
     * of a partition that both sides have, views whose definition was not read), one line per kind, e.g. {@code not compared: 1 trigger differs (film.last_updated)}. Empty when they are the same on both
     * sides. A diff with such differences is not {@link #isEmpty() empty}, although its migration does not carry them.
     *
     * @return one line per kind of object that differs; empty when none differ
     */
    public List<String> notCompared() {
        return notCompared;
    }

    private static List<String> notCompared(Catalog from, Catalog to) {
        Map<String, String> a = new java.util.TreeMap<>(from.unmodelled());
        Map<String, String> b = new java.util.TreeMap<>(to.unmodelled());
        // views are compared and migrated; only one whose definition was not read on either side stays outside
        Set<String> unread = new java.util.HashSet<>();
        from.views().stream().filter(v -> v.definition() == null).forEach(v -> unread.add(v.name()));
        to.views().stream().filter(v -> v.definition() == null).forEach(v -> unread.add(v.name()));
        from.views().stream()
                .filter(v -> unread.contains(v.name()))
                .forEach(v -> a.put("view " + v.name(), viewText(v)));
        to.views().stream().filter(v -> unread.contains(v.name())).forEach(v -> b.put("view " + v.name(), viewText(v)));
        Map<String, List<String>> byKind =
                new java.util.TreeMap<>(typeSteps(from, to).unsafe());
        Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            if (key.startsWith("column attributes ")) {
                continue; // compared with the columns and written into MODIFY / ADD COLUMN / CREATE TABLE
            }
            if (key.startsWith(VIEW_OPTIONS) && !unread.contains(key.substring(VIEW_OPTIONS.length()))) {
                continue; // compared and written with the view
            }
            if (key.startsWith(ROUTINE_STATEMENT)) {
                continue; // how a MySQL routine is written; the routine is compared by its body
            }
            if (carried(from.dialect(), key)
                    && (!key.startsWith(ROUTINE)
                            || b.get(key) == null
                            || to.unmodelled().containsKey(ROUTINE_STATEMENT + key.substring(ROUTINE.length())))) {
                continue; // compared and migrated as statements
            }
            if (key.startsWith("sequence ")
                    && (a.containsKey(key) != b.containsKey(key))
                    && madeBySerialColumn(
                            key.substring("sequence ".length()),
                            a.containsKey(key) ? from : to,
                            a.containsKey(key) ? to : from)) {
                continue; // created and dropped with its serial column, which the diff adds or drops
            }
            String left = a.get(key);
            String right = b.get(key);
            if (Objects.equals(left, right)) {
                continue;
            }
            String partitionPart = key.startsWith("partition bound ")
                    ? "partition bound"
                    : key.startsWith("partition key ") ? "partition key" : null;
            if (partitionPart != null) {
                String table = key.substring(partitionPart.length() + 1);
                if (from.table(table).isEmpty() != to.table(table).isEmpty()
                        || left != null && right != null && spaced(left).equals(spaced(right))) {
                    continue; // created or dropped with its table, or the same apart from blanks
                }
            }
            String kind = partitionPart != null
                    ? partitionPart
                    : key.startsWith("enum type ") ? "enum type" : key.substring(0, key.indexOf(' '));
            String name = key.substring(kind.length() + 1);
            String how = left == null ? "only in target" : right == null ? "only in current" : "definition differs";
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(name + ": " + how);
        }
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, names) -> out.add("not compared: " + names.size() + " " + kind
                + (names.size() == 1 ? " differs" : "s differ") + " (" + String.join(", ", names)
                + "); the migration does not carry them"));
        return out;
    }

    private static String spaced(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /**
     * Whether the sequence is the one a {@code serial} column of {@code side} makes (its default calls {@code
     * nextval} on it) and that column is not in {@code other}, so the diff's step for the column takes the sequence.
     */
    private static boolean madeBySerialColumn(String sequence, Catalog side, Catalog other) {
        java.util.regex.Pattern uses = java.util.regex.Pattern.compile(
                "^nextval\\('(?:[^']*\\.)?\"?" + java.util.regex.Pattern.quote(sequence) + "\"?'");
        for (Table t : side.tables()) {
            for (Column c : t.columns()) {
                if (c.identity()
                        && c.defaultValue() != null
                        && uses.matcher(c.defaultValue()).find()) {
                    return other.table(t.name())
                            .flatMap(o -> o.columns().stream()
                                    .filter(oc -> oc.name().equals(c.name()))
                                    .findFirst())
                            .isEmpty();
                }
            }
        }
        return false;
    }

    private static String viewText(View v) {
        String d = v.definition() == null ? "" : DdlWriter.viewQuery(v);
        return (v.materialized() ? "materialized " : "") + d.strip().replaceAll("\\s+", " ");
    }

    /**
     * The changes from {@code current} to {@code target}; both must be of the same dialect.
     *
     * @param current the catalog as the database has it now
     * @param target the catalog it should have
     * @return the diff; immutable
     * @throws IllegalArgumentException when the dialects differ
     */
    public static SchemaDiff between(Catalog current, Catalog target) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(target, "target");
        if (current.dialect() != target.dialect()) {
            throw new IllegalArgumentException("catalogs must be of one dialect (current " + current.dialect()
                    + ", target " + target.dialect() + ")");
        }
        return new SchemaDiff(current, target);
    }

    /**
     * The changes in the order they must run.
     *
     * @return the changes, possibly empty; unmodifiable
     */
    public List<SchemaChange> changes() {
        return changes;
    }

    /**
     * Whether the catalogs have the same structure, including the objects listed by {@link #notCompared()}.
     *
     * @return true when there is nothing to change and nothing differs outside the model
     */
    public boolean isEmpty() {
        return changes.isEmpty() && notCompared.isEmpty();
    }

    /**
     * The DDL that turns the current catalog into the target, one statement per change.
     *
     * @return the statements in the dialect of the catalogs, without trailing semicolons
     */
    public List<String> upStatements() {
        return new DdlWriter(to.dialect(), to.unmodelled()).write(changes);
    }

    /**
     * The DDL that turns the target back into the current catalog.
     *
     * @return the statements that undo {@link #upStatements()}, in the order they must run
     */
    public List<String> downStatements() {
        return new SchemaDiff(to, from).upStatements();
    }

    /**
     * A migration file with {@code -- migrate:up} and {@code -- migrate:down} sections. Each section starts with a
     * {@code -- NOT MIGRATED:} line per {@link #notCompared()} line of its direction. Steps that need attention are
     * marked with a comment line above them: a label added to an enum type ({@code -- ENUM LABEL ADDED}: how it runs
     * with transactions), a {@code NOT NULL} column without a default added to an existing table
     * ({@code -- BACKFILL NEEDED}: it fails on a table with rows; give it a default or add it nullable, backfill,
     * then set NOT NULL; {@link MigrationLinter} reports it as the error {@code NOT_NULL_WITHOUT_DEFAULT}), and in the
     * down section each table or column the up section dropped ({@code -- DATA NOT RESTORED}: it comes back empty).
     *
     * @return the file's text, ready to save as a migration
     */
    public String toMigration() {
        SchemaDiff back = new SchemaDiff(to, from);
        return MigrationScript.UP_MARKER + "\n" + annotated(changes, upStatements(), notCompared, false) + "\n"
                + MigrationScript.DOWN_MARKER + "\n"
                + annotated(back.changes, back.upStatements(), back.notCompared, true);
    }

    private static String annotated(
            List<SchemaChange> changes, List<String> statements, List<String> notCompared, boolean down) {
        StringBuilder out = new StringBuilder();
        // what no statement below carries (e.g. an enum label to remove): said at the top, never left silent
        notCompared.forEach(
                n -> out.append("-- NOT MIGRATED: ").append(oneLine(n)).append('\n'));
        for (int i = 0; i < statements.size(); i++) {
            SchemaChange c = changes.get(i);
            if (!down
                    && c instanceof AddColumn a
                    && !a.column().nullable()
                    && a.column().defaultValue() == null
                    && !a.column().identity()
                    && a.column().generatedExpression() == null) {
                out.append("-- BACKFILL NEEDED: ")
                        .append(oneLine(a.table() + "." + a.column().name()))
                        .append(" is added NOT NULL without a default; existing rows have no value for it (PostgreSQL")
                        .append(" fails, MySQL fills the type's zero value): give it a DEFAULT, or add it nullable,")
                        .append(" backfill it, then set NOT NULL\n");
            }
            if (c instanceof SchemaChange.AddEnumLabel a) {
                out.append("-- ENUM LABEL ADDED: ")
                        .append(oneLine(a.type() + " gets '" + a.label() + "'"))
                        .append(". Migrator runs a migration holding ALTER TYPE ... ADD VALUE outside a transaction")
                        .append(" (each statement commits on its own, a failure part-way is not rolled back), as")
                        .append(" PostgreSQL before 12 refuses it in a transaction block; from 12 on (e.g. 15) it may")
                        .append(" run in one, but the new label cannot be used before that transaction commits\n");
            }
            if (down && c instanceof CreateTable t) {
                out.append("-- DATA NOT RESTORED: the up section dropped table ")
                        .append(oneLine(t.definition().name()))
                        .append(" with its rows; this recreates it empty\n");
            }
            if (down && c instanceof AddColumn a) {
                out.append("-- DATA NOT RESTORED: the up section dropped column ")
                        .append(oneLine(a.table() + "." + a.column().name()))
                        .append(" with its values; this adds it back ")
                        .append(a.column().defaultValue() == null ? "empty" : "with its default")
                        .append("\n");
            }
            out.append(statements.get(i)).append(";\n");
        }
        return out.toString();
    }

    /** A name for a comment line: line breaks taken out, so the name cannot end the comment. */
    private static String oneLine(String name) {
        return name.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]", " ");
    }

    /**
     * One line per change.
     *
     * @return one {@link SchemaChange#describe()} line per change, then the {@link #notCompared()} lines; {@code
     *     no differences} when the diff is empty
     */
    public String toText() {
        if (isEmpty()) {
            return "no differences\n";
        }
        return changes.stream().map(c -> c.describe() + "\n").collect(Collectors.joining())
                + notCompared.stream().map(n -> n + "\n").collect(Collectors.joining());
    }

    private static List<SchemaChange> compute(Catalog from, Catalog to) {
        Map<String, Table> before = byName(withoutHistoryTables(from.tables()), Table::name);
        Map<String, Table> after = byName(withoutHistoryTables(to.tables()), Table::name);
        List<SchemaChange> dropFks = new ArrayList<>();
        List<SchemaChange> dropOthers = new ArrayList<>();
        List<SchemaChange> dropTables = new ArrayList<>();
        List<SchemaChange> createTables = new ArrayList<>();
        List<SchemaChange> columns = new ArrayList<>();
        List<SchemaChange> adds = new ArrayList<>();
        List<SchemaChange> addFks = new ArrayList<>();
        List<SchemaChange> comments = new ArrayList<>();
        boolean mysql = to.dialect() == Dialect.MYSQL;

        for (Table old : before.values()) {
            Table now = after.get(old.name());
            if (now == null) {
                // inbound and outbound foreign keys go first, so that drop order does not matter
                old.foreignKeys().forEach(fk -> dropFks.add(new DropForeignKey(old.name(), fk)));
                // a partition goes before its parent (dropping the parent would take it)
                if (old.partitionOf() != null || !old.inheritsFrom().isEmpty()) {
                    dropTables.add(0, new DropTable(old));
                } else {
                    dropTables.add(new DropTable(old));
                }
            }
        }
        for (Table listed : parentsFirst(after.values())) {
            Table old = before.get(listed.name());
            Table parentOfNew = listed.partitionOf() == null
                    ? null
                    : after.get(listed.partitionOf().name());
            Table now = old == null && parentOfNew != null ? withoutWhatTheParentGives(listed, parentOfNew) : listed;
            if (old == null) {
                createTables.add(new CreateTable(now));
                if (now.comment() != null) {
                    comments.add(new SetComment(now.name(), null, now.comment()));
                }
                if (!mysql) {
                    now.columns().stream()
                            .filter(c -> c.comment() != null)
                            .forEach(c -> comments.add(new SetComment(now.name(), c.name(), c.comment())));
                }
                indexes(now, now).forEach(ix -> adds.add(new CreateIndex(now.name(), ix)));
                now.foreignKeys().forEach(fk -> addFks.add(new AddForeignKey(now.name(), local(now, fk))));
                continue;
            }
            String t = now.name();
            diffKeyed(
                    old.foreignKeys(),
                    now.foreignKeys(),
                    ForeignKey::name,
                    (a, b) -> sameFk(old, a, now, b),
                    fk -> dropFks.add(new DropForeignKey(t, fk)),
                    fk -> addFks.add(new AddForeignKey(t, local(now, fk))));
            diffKeyed(
                    indexes(old, now),
                    indexes(now, now),
                    Index::name,
                    SchemaDiff::sameIndex,
                    ix -> dropOthers.add(new DropIndex(t, ix)),
                    ix -> adds.add(new CreateIndex(t, ix)));
            diffKeyed(
                    old.uniqueConstraints(),
                    now.uniqueConstraints(),
                    UniqueConstraint::name,
                    (a, b) -> a.columns().equals(b.columns()),
                    u -> dropOthers.add(new DropUnique(t, u)),
                    u -> adds.add(new AddUnique(t, u)));
            diffKeyed(
                    old.checkConstraints(),
                    now.checkConstraints(),
                    CheckConstraint::name,
                    (a, b) -> a.expression().equals(b.expression()),
                    c -> dropOthers.add(new DropCheck(t, c)),
                    c -> adds.add(new AddCheck(t, c)));
            PrimaryKey oldPk = old.primaryKey();
            PrimaryKey newPk = now.primaryKey();
            if (oldPk != null && (newPk == null || !oldPk.columns().equals(newPk.columns()))) {
                dropOthers.add(new DropPrimaryKey(t, oldPk));
            }
            if (newPk != null && (oldPk == null || !oldPk.columns().equals(newPk.columns()))) {
                adds.add(0, new AddPrimaryKey(t, newPk));
            }
            Map<String, Column> oldCols = byName(old.columns(), Column::name);
            Map<String, Column> newCols = byName(now.columns(), Column::name);
            if (!Objects.equals(old.comment(), now.comment())) {
                comments.add(new SetComment(t, null, now.comment()));
            }
            for (Column c : now.columns()) {
                Column was = oldCols.get(c.name());
                if (was == null) {
                    columns.add(new AddColumn(t, c));
                    if (!mysql && c.comment() != null) {
                        comments.add(new SetComment(t, c.name(), c.comment()));
                    }
                } else {
                    boolean commentDiffers = !Objects.equals(was.comment(), c.comment());
                    boolean attributesDiffer = mysql
                            && (commentDiffers || !Objects.equals(attributes(from, old, was), attributes(to, now, c)));
                    if (!sameColumn(was, c) || attributesDiffer) {
                        columns.add(new AlterColumn(t, was, c));
                    }
                    if (!mysql && commentDiffers) {
                        comments.add(new SetComment(t, c.name(), c.comment()));
                    }
                }
            }
            for (Column c : old.columns()) {
                if (!newCols.containsKey(c.name())) {
                    columns.add(new DropColumn(t, c));
                }
            }
        }
        // additive steps first, steps that destroy data (dropped columns, then dropped tables) last: a failure
        // part-way leaves every row where it was
        List<SchemaChange> all = new ArrayList<>();
        all.addAll(dropFks);
        all.addAll(dropOthers);
        all.addAll(createTables);
        columns.stream().filter(c -> !(c instanceof DropColumn)).forEach(all::add);
        all.addAll(adds);
        all.addAll(addFks);
        all.addAll(comments);
        columns.stream().filter(c -> c instanceof DropColumn).forEach(all::add);
        all.addAll(dropTables);
        List<SchemaChange> out = new ArrayList<>();
        ViewSteps views = viewSteps(from, to, columns, dropTables);
        Set<String> relations = new java.util.HashSet<>();
        relations.addAll(before.keySet());
        relations.addAll(after.keySet());
        from.views().forEach(v -> relations.add(v.name()));
        to.views().forEach(v -> relations.add(v.name()));
        List<SchemaChange> dropTriggers = new ArrayList<>();
        List<SchemaChange> createTriggers = new ArrayList<>();
        List<SchemaChange> createFunctions = new ArrayList<>();
        List<SchemaChange> dropFunctions = new ArrayList<>();
        Set<String> keys = new java.util.TreeSet<>(from.unmodelled().keySet());
        keys.addAll(to.unmodelled().keySet());
        for (String key : keys) {
            if (!carried(to.dialect(), key)) {
                continue;
            }
            String left = from.unmodelled().get(key);
            String right = to.unmodelled().get(key);
            if (key.startsWith(ROUTINE)) {
                // MySQL/MariaDB: type and name in the key, the body in the value, the statement under its own key
                String rest = key.substring(ROUTINE.length());
                boolean procedure = rest.startsWith("procedure ");
                String name = rest.substring(rest.indexOf(' ') + 1);
                String statement = to.unmodelled().get(ROUTINE_STATEMENT + rest);
                if (Objects.equals(left, right)) {
                    continue;
                }
                if (right != null && statement == null) {
                    continue; // not written (its body was not readable): reported by notCompared()
                }
                if (left != null) {
                    (right == null ? dropFunctions : createFunctions).add(new DropFunction(name, "", procedure));
                }
                if (right != null) {
                    createFunctions.add(new CreateFunction(name, "", statement));
                }
                continue;
            }
            if (key.startsWith(TRIGGER)) {
                String[] on = triggerName(key.substring(TRIGGER.length()), relations);
                // a view dropped and created again loses its triggers: they come back with it
                boolean rebuilt =
                        views.gone().contains(on[0]) && !before.containsKey(on[0]) && !after.containsKey(on[0]);
                if (left != null && (!left.equals(right) || rebuilt)) {
                    dropTriggers.add(new DropTrigger(on[0], on[1], left));
                }
                if (right != null && (!right.equals(left) || rebuilt)) {
                    createTriggers.add(new CreateTrigger(on[0], on[1], right));
                }
            } else {
                String signature = key.substring(FUNCTION.length());
                int paren = signature.indexOf('(');
                String name = signature.substring(0, paren);
                String arguments = signature.substring(paren + 1, signature.length() - 1);
                if (right == null) {
                    dropFunctions.add(new DropFunction(
                            name, arguments, left.regionMatches(true, 0, "CREATE OR REPLACE PROCEDURE", 0, 27)));
                } else if (!right.equals(left)) {
                    createFunctions.add(new CreateFunction(name, arguments, right));
                }
            }
        }
        TypeSteps types = typeSteps(from, to);
        out.addAll(types.first());
        out.addAll(dropTriggers);
        out.addAll(views.drops());
        out.addAll(withoutStepsTheParentCarries(all, before, after));
        out.addAll(createFunctions);
        out.addAll(views.creates());
        out.addAll(createTriggers);
        out.addAll(dropFunctions);
        out.addAll(types.last());
        return out;
    }

    /**
     * Enum type and domain steps: {@code first} run before every other step (types created, labels added, domains
     * created and altered), {@code last} after every other step (domains, then enum types, dropped once no column
     * uses them); {@code unsafe} the differences no statement carries safely, one {@code name: reason} each, by kind.
     */
    private record TypeSteps(List<SchemaChange> first, List<SchemaChange> last, Map<String, List<String>> unsafe) {}

    private static TypeSteps typeSteps(Catalog from, Catalog to) {
        List<SchemaChange> first = new ArrayList<>();
        List<SchemaChange> last = new ArrayList<>();
        Map<String, List<String>> unsafe = new java.util.TreeMap<>();
        Map<String, EnumType> enumsBefore = byName(from.enumTypes(), EnumType::name);
        Map<String, EnumType> enumsAfter = byName(to.enumTypes(), EnumType::name);
        for (EnumType now : enumsAfter.values()) {
            EnumType was = enumsBefore.get(now.name());
            if (was == null) {
                first.add(new SchemaChange.CreateEnumType(now));
                continue;
            }
            List<String> old = was.labels();
            List<String> wanted = now.labels();
            if (old.equals(wanted)) {
                continue;
            }
            if (!wanted.stream().filter(old::contains).toList().equals(old)) {
                // PostgreSQL cannot drop or move an enum label: the type must be recreated and every column using it
                // converted, which fails on rows holding a removed label; that is left to a hand-written migration
                unsafe.computeIfAbsent("enum type", k -> new ArrayList<>())
                        .add(now.name() + ": labels removed or reordered (" + String.join(", ", old) + " -> "
                                + String.join(", ", wanted) + "), which ALTER TYPE cannot do");
                continue;
            }
            boolean oldSeen = false;
            int lastOld = -1;
            for (int i = 0; i < wanted.size(); i++) {
                if (old.contains(wanted.get(i))) {
                    lastOld = i;
                }
            }
            for (int i = 0; i < wanted.size(); i++) {
                String label = wanted.get(i);
                if (old.contains(label)) {
                    oldSeen = true;
                    continue;
                }
                if (i > lastOld) {
                    first.add(new SchemaChange.AddEnumLabel(now.name(), label, null, null));
                } else if (!oldSeen && i == 0) {
                    first.add(new SchemaChange.AddEnumLabel(now.name(), label, old.get(0), null));
                } else {
                    first.add(new SchemaChange.AddEnumLabel(now.name(), label, null, wanted.get(i - 1)));
                }
            }
        }
        Map<String, Domain> domainsBefore = byName(from.domains(), Domain::name);
        Map<String, Domain> domainsAfter = byName(to.domains(), Domain::name);
        for (Domain now : domainsAfter.values()) {
            Domain was = domainsBefore.get(now.name());
            if (was == null) {
                first.add(new SchemaChange.CreateDomain(now));
                continue;
            }
            if (!was.baseType().equals(now.baseType())) {
                unsafe.computeIfAbsent("domain", k -> new ArrayList<>())
                        .add(now.name() + ": base type differs (" + was.baseType() + " -> " + now.baseType()
                                + "), which ALTER DOMAIN cannot change");
                continue;
            }
            String n = now.name();
            diffKeyed(
                    was.checks(),
                    now.checks(),
                    CheckConstraint::name,
                    (a, b) -> a.expression().equals(b.expression()),
                    c -> first.add(new SchemaChange.DropDomainCheck(n, c)),
                    c -> {});
            if (!Objects.equals(was.defaultValue(), now.defaultValue())) {
                first.add(new SchemaChange.SetDomainDefault(n, now.defaultValue()));
            }
            if (was.notNull() != now.notNull()) {
                first.add(new SchemaChange.SetDomainNotNull(n, now.notNull()));
            }
            diffKeyed(
                    was.checks(),
                    now.checks(),
                    CheckConstraint::name,
                    (a, b) -> a.expression().equals(b.expression()),
                    c -> {},
                    c -> first.add(new SchemaChange.AddDomainCheck(n, c)));
        }
        domainsBefore.values().stream()
                .filter(d -> !domainsAfter.containsKey(d.name()))
                .forEach(d -> last.add(new SchemaChange.DropDomain(d)));
        enumsBefore.values().stream()
                .filter(e -> !enumsAfter.containsKey(e.name()))
                .forEach(e -> last.add(new SchemaChange.DropEnumType(e)));
        return new TypeSteps(first, last, unsafe);
    }

    private static final String TRIGGER = "trigger ";
    private static final String FUNCTION = "function ";
    private static final String ROUTINE = "routine ";
    private static final String VIEW_OPTIONS = "view options ";
    private static final String ROUTINE_STATEMENT = "routine statement ";

    /**
     * Whether the diff migrates the catalog entry {@code key} as statements: triggers (PostgreSQL and MySQL/MariaDB),
     * PostgreSQL functions and procedures, MySQL/MariaDB routines (dropped and created again when their body differs).
     */
    private static boolean carried(Dialect dialect, String key) {
        return (dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL) && key.startsWith(TRIGGER)
                || dialect == Dialect.POSTGRESQL && key.startsWith(FUNCTION) && key.endsWith(")")
                || dialect == Dialect.MYSQL && key.startsWith(ROUTINE) && !key.startsWith(ROUTINE_STATEMENT);
    }

    /**
     * The relation and trigger name of a catalog key {@code relation.trigger}: the longest known relation name that
     * the key starts with, or the text before the first dot.
     */
    private static String[] triggerName(String key, Set<String> relations) {
        String best = null;
        for (String r : relations) {
            if (key.startsWith(r + ".") && (best == null || r.length() > best.length())) {
                best = r;
            }
        }
        if (best == null) {
            int dot = Math.max(key.indexOf('.'), 0);
            best = key.substring(0, dot);
        }
        return new String[] {best, key.substring(best.length() + 1)};
    }

    private record ViewSteps(List<SchemaChange> drops, List<SchemaChange> creates, Set<String> gone) {}

    /**
     * The views to drop before the table changes and to create after them: those only one side has, those whose
     * definition differs, those that read a column whose type changes or which is dropped (PostgreSQL refuses both
     * while a view reads the column), and, transitively, the views that read any of these. Drops run dependents
     * first, creations dependencies first. A view reads what its {@link View#dependsOn()} lists; when that is empty
     * (MySQL/MariaDB, the offline reader) every relation whose name the definition mentions counts.
     */
    private static ViewSteps viewSteps(
            Catalog from, Catalog to, List<SchemaChange> columnSteps, List<SchemaChange> dropTables) {
        Map<String, View> before = new LinkedHashMap<>();
        from.views().stream().filter(v -> v.definition() != null).forEach(v -> before.put(v.name(), v));
        Map<String, View> after = new LinkedHashMap<>();
        to.views().stream().filter(v -> v.definition() != null).forEach(v -> after.put(v.name(), v));
        List<View.Dependency> touched = new ArrayList<>();
        for (SchemaChange c : columnSteps) {
            if (c instanceof DropColumn d) {
                touched.add(new View.Dependency(d.table(), d.column().name()));
            } else if (c instanceof AlterColumn a
                    && (!a.from().nativeType().equals(a.to().nativeType())
                            || !Objects.equals(a.from().generatedExpression(), a.to().generatedExpression()))) {
                touched.add(new View.Dependency(a.table(), a.to().name()));
            }
        }
        dropTables.forEach(t -> touched.add(new View.Dependency(t.table(), null)));
        Set<String> gone = new java.util.TreeSet<>();
        for (View v : before.values()) {
            View now = after.get(v.name());
            if (now == null
                    || !viewText(v).equals(viewText(now))
                    || !Objects.equals(
                            from.unmodelled().get(VIEW_OPTIONS + v.name()),
                            to.unmodelled().get(VIEW_OPTIONS + v.name()))
                    || touched.stream().anyMatch(d -> reads(v, d.relation(), d.column()))) {
                gone.add(v.name());
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : before.values()) {
                if (!gone.contains(v.name()) && gone.stream().anyMatch(g -> reads(v, g, null))) {
                    grew = gone.add(v.name()) || grew;
                }
            }
        }
        List<SchemaChange> drops = new ArrayList<>();
        // dependencies first, then reversed: a view is dropped before the views it reads
        dependenciesFirst(gone.stream().map(before::get).toList()).reversed().forEach(v -> drops.add(new DropView(v)));
        List<View> made = after.values().stream()
                .filter(v -> gone.contains(v.name()) || !before.containsKey(v.name()))
                .toList();
        List<SchemaChange> creates = new ArrayList<>();
        dependenciesFirst(made).forEach(v -> creates.add(new CreateView(v)));
        return new ViewSteps(drops, creates, gone);
    }

    /** The views ordered so that each comes after the views of the list it reads (name order otherwise). */
    private static List<View> dependenciesFirst(List<View> views) {
        List<View> left = new ArrayList<>(views);
        left.sort(java.util.Comparator.comparing(View::name));
        List<View> out = new ArrayList<>();
        while (!left.isEmpty()) {
            View next = left.stream()
                    .filter(v -> left.stream().noneMatch(o -> o != v && reads(v, o.name(), null)))
                    .findFirst()
                    .orElse(left.get(0)); // a cycle of mentions (only possible with the text fallback)
            left.remove(next);
            out.add(next);
        }
        return out;
    }

    /**
     * Whether the view reads the relation (any of its columns when {@code column} is null, else that column, or the
     * relation as a whole).
     */
    private static boolean reads(View v, String relation, String column) {
        if (!v.dependsOn().isEmpty()) {
            return v.dependsOn().stream()
                    .anyMatch(d -> d.relation().equals(relation)
                            && (column == null
                                    || d.column() == null
                                    || d.column().equals(column)));
        }
        // no recorded dependencies: conservatively, any mention of the name as an identifier
        return java.util.regex.Pattern.compile(
                        "(?iu)(?<![\\p{L}\\p{N}_$])" + java.util.regex.Pattern.quote(relation) + "(?![\\p{L}\\p{N}_$])")
                .matcher(v.definition())
                .find();
    }

    /** The tables with every partition or inheritance child after its parent, otherwise in catalog order. */
    private static List<Table> parentsFirst(java.util.Collection<Table> tables) {
        List<Table> out = new ArrayList<>();
        tables.stream().filter(t -> parentName(t) == null).forEach(out::add);
        tables.stream().filter(t -> parentName(t) != null).forEach(out::add);
        return out;
    }

    /**
     * A new partition as it is written: without the checks, foreign keys and indexes PostgreSQL clones from the
     * parent into it when it is created.
     */
    private static Table withoutWhatTheParentGives(Table partition, Table parent) {
        Set<String> checks =
                parent.checkConstraints().stream().map(CheckConstraint::name).collect(Collectors.toSet());
        Set<String> fks = parent.foreignKeys().stream().map(ForeignKey::name).collect(Collectors.toSet());
        return new Table(
                partition.schema(),
                partition.name(),
                partition.columns(),
                partition.primaryKey(),
                partition.foreignKeys().stream()
                        .filter(f -> !fks.contains(f.name()))
                        .toList(),
                partition.uniqueConstraints(),
                partition.checkConstraints().stream()
                        .filter(c -> !checks.contains(c.name()))
                        .toList(),
                partition.indexes().stream()
                        .filter(ix -> parent.indexes().stream().noneMatch(p -> sameIndex(p, ix)))
                        .toList(),
                partition.rowEstimate(),
                partition.comment(),
                partition.partitionOf(),
                partition.partitioned(),
                partition.inheritsFrom());
    }

    /**
     * The MySQL column attributes outside {@link Column} ({@code ON UPDATE}, character set, collation) of {@code c}
     * in {@code t}, as the catalog reader wrote them, or null.
     */
    static String attributes(Catalog catalog, Table t, Column c) {
        return catalog.unmodelled().get("column attributes " + t.name() + "." + c.name());
    }

    /**
     * Steps on a partition or an inheritance child that the same step on its parent already takes (PostgreSQL
     * recurses a column, index, foreign key or check added to or dropped from the parent into every partition): they
     * are left out, so a column added to a partitioned table is one {@code ALTER TABLE} on the parent.
     */
    private static List<SchemaChange> withoutStepsTheParentCarries(
            List<SchemaChange> all, Map<String, Table> before, Map<String, Table> after) {
        Map<String, List<SchemaChange>> byTable = new LinkedHashMap<>();
        all.forEach(
                c -> byTable.computeIfAbsent(c.table(), k -> new ArrayList<>()).add(c));
        List<SchemaChange> out = new ArrayList<>();
        for (SchemaChange c : all) {
            String parent = parentInBoth(c.table(), before, after);
            if (parent == null
                    || byTable.getOrDefault(parent, List.of()).stream().noneMatch(p -> carries(p, c))) {
                out.add(c);
            }
        }
        return out;
    }

    /** The parent table's name when the table is a partition or child of the same parent on both sides. */
    private static String parentInBoth(String table, Map<String, Table> before, Map<String, Table> after) {
        Table a = before.get(table);
        Table b = after.get(table);
        if (a == null || b == null) {
            return null;
        }
        String pa = parentName(a);
        String pb = parentName(b);
        return pa != null && pa.equals(pb) && before.containsKey(pa) && after.containsKey(pa) ? pa : null;
    }

    private static String parentName(Table t) {
        if (t.partitionOf() != null) {
            return t.partitionOf().name();
        }
        return t.inheritsFrom().size() == 1 ? t.inheritsFrom().get(0).name() : null;
    }

    /** Whether {@code onParent} makes the server take {@code onChild} as well. */
    private static boolean carries(SchemaChange onParent, SchemaChange onChild) {
        return switch (onChild) {
            case AddColumn c ->
                c.column().inherited()
                        && onParent instanceof AddColumn p
                        && p.column().name().equals(c.column().name());
            case DropColumn c ->
                c.column().inherited()
                        && onParent instanceof DropColumn p
                        && p.column().name().equals(c.column().name());
            case AlterColumn c ->
                c.from().inherited()
                        && c.to().inherited()
                        && onParent instanceof AlterColumn p
                        && p.to().name().equals(c.to().name());
            case CreateIndex c -> onParent instanceof CreateIndex p && sameIndex(p.index(), c.index());
            case DropIndex c -> onParent instanceof DropIndex p && sameIndex(p.index(), c.index());
            case AddForeignKey c ->
                onParent instanceof AddForeignKey p
                        && p.key().name().equals(c.key().name());
            case DropForeignKey c ->
                onParent instanceof DropForeignKey p
                        && p.key().name().equals(c.key().name());
            case AddCheck c ->
                onParent instanceof AddCheck p
                        && p.constraint().name().equals(c.constraint().name());
            case DropCheck c ->
                onParent instanceof DropCheck p
                        && p.constraint().name().equals(c.constraint().name());
            case AddPrimaryKey c -> onParent instanceof AddPrimaryKey;
            case DropPrimaryKey c -> onParent instanceof DropPrimaryKey;
            case AddUnique c ->
                onParent instanceof AddUnique p
                        && p.constraint().columns().equals(c.constraint().columns());
            case DropUnique c ->
                onParent instanceof DropUnique p
                        && p.constraint().columns().equals(c.constraint().columns());
            default -> false;
        };
    }

    /** A foreign key into the table's own schema is written unqualified, so it applies to any schema. */
    private static ForeignKey local(Table owner, ForeignKey fk) {
        if (!Objects.equals(fk.referencedSchema(), owner.schema())) {
            return fk;
        }
        return new ForeignKey(
                fk.name(),
                fk.columns(),
                null,
                fk.referencedTable(),
                fk.referencedColumns(),
                fk.onDelete(),
                fk.onUpdate());
    }

    /**
     * Indexes the diff manages: not those backing primary keys or unique constraints, nor the index
     * MySQL creates for each foreign key of the {@code target} table (so an index left behind by a
     * dropped foreign key is dropped with it, and one that comes with a new foreign key is not created twice).
     */
    private static List<Index> indexes(Table t, Table target) {
        Set<String> implied =
                t.uniqueConstraints().stream().map(UniqueConstraint::name).collect(Collectors.toSet());
        target.foreignKeys().forEach(fk -> implied.add(fk.name()));
        // H2 drops the index it made for a foreign key with the key (MySQL keeps its one, so that one is exact-named)
        Set<String> owners = new java.util.HashSet<>(implied);
        t.foreignKeys().forEach(fk -> owners.add(fk.name()));
        // an index named like its constraint (MySQL) or NAME_INDEX_<hex> (made by H2) comes and goes with it
        return t.indexes().stream()
                .filter(ix -> !ix.primary()
                        && !implied.contains(ix.name())
                        && !io.backendkit.schema.internal.analyze.Rules.ownedByConstraint(ix.name(), owners))
                .toList();
    }

    private static boolean sameColumn(Column a, Column b) {
        return a.nativeType().equals(b.nativeType())
                && a.nullable() == b.nullable()
                && Objects.equals(a.defaultValue(), b.defaultValue())
                && a.identity() == b.identity()
                && Objects.equals(a.generatedExpression(), b.generatedExpression());
    }

    private static boolean sameFk(Table ta, ForeignKey a, Table tb, ForeignKey b) {
        boolean sameSchemaA = Objects.equals(a.referencedSchema(), ta.schema());
        boolean sameSchemaB = Objects.equals(b.referencedSchema(), tb.schema());
        return a.columns().equals(b.columns())
                && a.referencedTable().equals(b.referencedTable())
                && a.referencedColumns().equals(b.referencedColumns())
                && a.onDelete() == b.onDelete()
                && a.onUpdate() == b.onUpdate()
                && (sameSchemaA && sameSchemaB || Objects.equals(a.referencedSchema(), b.referencedSchema()));
    }

    private static boolean sameIndex(Index a, Index b) {
        return a.keyParts().equals(b.keyParts())
                && a.unique() == b.unique()
                && Objects.equals(a.predicate(), b.predicate())
                && Objects.equals(a.method(), b.method())
                && a.include().equals(b.include());
    }

    private interface Same<T> {
        boolean test(T a, T b);
    }

    private static <T> void diffKeyed(
            List<T> before,
            List<T> after,
            Function<T, String> key,
            Same<T> same,
            java.util.function.Consumer<T> drop,
            java.util.function.Consumer<T> add) {
        Map<String, T> b = byName(before, key);
        Map<String, T> a = byName(after, key);
        for (T old : before) {
            T now = a.get(key.apply(old));
            if (now == null || !same.test(old, now)) {
                drop.accept(old);
            }
        }
        for (T now : after) {
            T old = b.get(key.apply(now));
            if (old == null || !same.test(old, now)) {
                add.accept(now);
            }
        }
    }

    /**
     * The tables a migration tool keeps its history in (backendkit's and Flyway's default names): they belong to
     * the tool, not to the schema, so a diff never drops, creates or alters them.
     */
    static final java.util.Set<String> HISTORY_TABLES =
            java.util.Set.of("backendkit_schema_history", "backendkit_schema_history_lock", "flyway_schema_history");

    private static List<Table> withoutHistoryTables(List<Table> tables) {
        return tables.stream()
                .filter(t -> !HISTORY_TABLES.contains(t.name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.put(key.apply(i), i));
        return map;
    }
}
