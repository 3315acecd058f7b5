package io.backendkit.schema.internal.sqlfile;

import io.backendkit.schema.Catalog;
import io.backendkit.schema.CheckConstraint;
import io.backendkit.schema.Column;
import io.backendkit.schema.ColumnType;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.ForeignKey.ReferentialAction;
import io.backendkit.schema.Index;
import io.backendkit.schema.PrimaryKey;
import io.backendkit.schema.Table;
import io.backendkit.schema.UniqueConstraint;
import io.backendkit.schema.View;
import io.backendkit.schema.internal.catalog.Catalogs;
import io.backendkit.schema.internal.sql.SqlWriter;
import io.backendkit.schema.internal.sqlfile.Cursor.QName;
import io.backendkit.schema.internal.sqlfile.Cursor.Unsupported;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Kind;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Statement;
import io.backendkit.schema.internal.sqlfile.SqlLexer.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Interprets the DDL of a script into the catalog model the live readers build, without a server. Statements it
 * cannot model are noted as skipped (with the reason); statements that do not change the schema (settings, grants,
 * owners, data) are noted as ignored.
 */
public final class DdlInterpreter {

    /**
     * A statement the interpreter did not turn into catalog objects.
     *
     * @param line the statement's first line
     * @param kind the statement's leading keywords, e.g. {@code CREATE RULE}
     * @param reason why
     */
    public record Note(int line, String kind, String reason) {}

    /**
     * What a script makes.
     *
     * @param catalog the catalog
     * @param skipped statements that could not be modelled
     * @param ignored statements that do not change the schema
     */
    public record Result(Catalog catalog, List<Note> skipped, List<Note> ignored) {}

    private static final class Col {
        String name;
        Types.Resolved type;
        boolean nullable = true;
        String dflt;
        boolean identity;
        String generated;
        String comment;
        boolean inherited;
        String onUpdate;
        String charset;
        String collation;
        boolean binaryCollation;

        Col copy() {
            Col c = new Col();
            c.name = name;
            c.type = type;
            c.nullable = nullable;
            c.dflt = dflt;
            c.identity = identity;
            c.generated = generated;
            c.comment = comment;
            c.inherited = inherited;
            c.onUpdate = onUpdate;
            c.charset = charset;
            c.collation = collation;
            c.binaryCollation = binaryCollation;
            return c;
        }
    }

    private static final class Tab {
        final String schema;
        String name;
        final List<Col> columns = new ArrayList<>();
        PrimaryKey pk;
        final List<ForeignKey> fks = new ArrayList<>();
        final List<UniqueConstraint> uniques = new ArrayList<>();
        final List<CheckConstraint> checks = new ArrayList<>();
        final List<Index> indexes = new ArrayList<>();
        String comment;
        Table.Name partitionOf;
        boolean partitioned;
        /** The partition's bound ({@code FOR VALUES ...} or {@code DEFAULT}) as written, or null. */
        String partitionBound;
        /** The partitioned table's key ({@code RANGE (col)}) as written, or null. */
        String partitionKey;

        final List<Table.Name> inherits = new ArrayList<>();
        String charset;
        String collation;
        int autoindex;

        Tab(String schema, String name) {
            this.schema = schema;
            this.name = name;
        }

        Col col(String n) {
            for (Col c : columns) {
                if (c.name.equals(n) || c.name.equalsIgnoreCase(n)) {
                    return c;
                }
            }
            throw new Unsupported("no column " + n + " in " + name);
        }
    }

    private record Seq(String type, long start, long increment, long min, long max, boolean cycle) {}

    private final Dialect dialect;
    private final String script;
    private final Map<String, Tab> tables = new LinkedHashMap<>();
    private final Map<String, View> views = new LinkedHashMap<>();
    private final Map<String, Seq> sequences = new LinkedHashMap<>();
    private final Set<String> enums = new HashSet<>();
    private final Map<String, String> unmodelled = new TreeMap<>();
    private final List<Note> skipped = new ArrayList<>();
    private final List<Note> ignored = new ArrayList<>();
    private final List<String> sqliteNotes = new ArrayList<>();
    private String currentSchema;
    private String mysqlDatabaseCharset = "utf8mb4";

    private DdlInterpreter(Dialect dialect, String script) {
        this.dialect = dialect;
        this.script = script;
        this.currentSchema = switch (dialect) {
            case POSTGRESQL -> "public";
            case SQLITE -> "main";
            default -> null;
        };
    }

    /**
     * Interprets {@code script}.
     *
     * @param dialect the script's dialect (POSTGRESQL, MYSQL or SQLITE)
     * @param script the text
     * @return the catalog and the notes
     * @throws io.backendkit.schema.internal.migrate.SqlSplitter.UnterminatedException when a string, comment or body is never closed
     */
    public static Result interpret(Dialect dialect, String script) {
        DdlInterpreter in = new DdlInterpreter(dialect, script);
        for (Statement s : SqlLexer.statements(dialect, script)) {
            in.statement(s);
        }
        return in.result();
    }

    private Result result() {
        List<Table> out = new ArrayList<>();
        for (Tab t : tables.values()) {
            out.add(build(t));
            if (t.partitionOf != null && t.partitionBound != null) {
                unmodelled.put("partition bound " + t.name, t.partitionBound.strip());
            }
            if (t.partitioned && t.partitionKey != null) {
                unmodelled.put("partition key " + t.name, t.partitionKey.strip());
            }
        }
        for (Map.Entry<String, Seq> e : sequences.entrySet()) {
            Seq s = e.getValue();
            unmodelled.put(
                    "sequence " + e.getKey().substring(e.getKey().indexOf('.') + 1),
                    s.type + " start " + s.start + " increment " + s.increment + " min " + s.min + " max " + s.max
                            + " cycle " + s.cycle);
        }
        return new Result(
                new Catalog(
                        dialect == Dialect.SQLITE ? Dialect.SQLITE : dialect,
                        out,
                        List.copyOf(views.values()),
                        unmodelled),
                List.copyOf(skipped),
                List.copyOf(ignored));
    }

    private Table build(Tab t) {
        List<Column> cols = new ArrayList<>();
        int pos = 1;
        for (Col c : t.columns) {
            if (dialect == Dialect.SQLITE && sqliteRowid(t, c)) {
                // an INTEGER PRIMARY KEY is the rowid: never null, generated
                c.nullable = false;
                c.identity = true;
            }
            cols.add(new Column(
                    c.name,
                    pos++,
                    c.type.nativeType(),
                    c.type.type(),
                    c.type.length(),
                    c.type.precision(),
                    c.type.scale(),
                    c.nullable,
                    c.generated != null ? null : c.dflt,
                    c.identity,
                    c.generated,
                    c.comment,
                    c.inherited));
            if (dialect == Dialect.MYSQL) {
                mysqlAttributes(t, c);
            }
        }
        return new Table(
                t.schema,
                t.name,
                cols,
                t.pk,
                t.fks.stream().sorted(Comparator.comparing(ForeignKey::name)).toList(),
                t.uniques.stream()
                        .sorted(Comparator.comparing(UniqueConstraint::name))
                        .toList(),
                t.checks.stream()
                        .sorted(Comparator.comparing(CheckConstraint::name))
                        .toList(),
                t.indexes.stream().sorted(Comparator.comparing(Index::name)).toList(),
                -1,
                t.comment,
                t.partitionOf,
                t.partitioned,
                t.inherits);
    }

    // ---------------------------------------------------------------- dispatch

    private void statement(Statement s) {
        Cursor c = new Cursor(s.tokens(), script, dialect);
        String kind = kind(s.tokens());
        try {
            sqliteNotes.clear();
            if (!dispatch(c, kind, s)) {
                skipped.add(new Note(s.line(), kind, "not modelled by the catalog"));
            }
            if (!sqliteNotes.isEmpty()) {
                ignored.add(
                        new Note(
                                s.line(),
                                kind,
                                "CHECK constraints " + String.join(", ", sqliteNotes)
                                        + ": the SQLite reader does not read CHECK constraints, so neither does the file reader"));
            }
        } catch (Unsupported e) {
            skipped.add(new Note(s.line(), kind, e.getMessage()));
        } catch (RuntimeException e) {
            skipped.add(new Note(s.line(), kind, "could not be read: " + e));
        }
    }

    private static String kind(List<Token> tokens) {
        if (!tokens.isEmpty() && tokens.get(0).is("\\") && tokens.size() > 1) {
            return "\\" + tokens.get(1).value();
        }
        StringBuilder k = new StringBuilder();
        int words = 0;
        for (Token t : tokens) {
            if (t.kind() != Kind.WORD || words == 4) {
                break;
            }
            String u = SqlLexer.upper(t);
            if (words > 0
                    && !Set.of(
                                    "OR",
                                    "REPLACE",
                                    "UNIQUE",
                                    "MATERIALIZED",
                                    "TEMPORARY",
                                    "TEMP",
                                    "UNLOGGED",
                                    "GLOBAL",
                                    "LOCAL",
                                    "RECURSIVE",
                                    "DEFINER",
                                    "ALGORITHM",
                                    "SQL",
                                    "SECURITY")
                            .contains(u)
                    && k.length() > 0
                    && !Set.of("CREATE", "ALTER", "DROP").contains(k.toString().split(" ")[0])) {
                break;
            }
            k.append(k.length() == 0 ? "" : " ").append(u);
            words++;
            if (words >= 2
                    && !Set.of("OR", "REPLACE", "UNIQUE", "MATERIALIZED", "TEMPORARY", "TEMP", "UNLOGGED")
                            .contains(u)) {
                break;
            }
        }
        return k.toString();
    }

    private void ignore(Statement s, String kind, String why) {
        ignored.add(new Note(s.line(), kind, why));
    }

    private boolean dispatch(Cursor c, String kind, Statement s) {
        Token first = c.peek();
        String w = SqlLexer.upper(first);
        switch (w) {
            case "\\" -> {
                ignore(s, kind, "a psql meta-command (pg_dump's \\restrict/\\unrestrict), no schema change");
                return true;
            }
            case "SET", "RESET" -> {
                ignore(s, kind, "a session setting");
                return true;
            }
            case "SELECT" -> {
                ignore(s, kind, "a query (pg_dump's set_config, setval): no schema change");
                return true;
            }
            case "GRANT", "REVOKE" -> {
                ignore(s, kind, "privileges are not part of the catalog model");
                return true;
            }
            case "INSERT", "UPDATE", "DELETE", "REPLACE", "COPY", "TRUNCATE" -> {
                ignore(s, kind, s.copyData() ? "data (the COPY block was skipped)" : "data");
                return true;
            }
            case "LOCK",
                    "UNLOCK",
                    "BEGIN",
                    "COMMIT",
                    "START",
                    "ROLLBACK",
                    "ANALYZE",
                    "VACUUM",
                    "PRAGMA",
                    "CHECKPOINT",
                    "REFRESH",
                    "CALL",
                    "DO",
                    "FLUSH",
                    "SAVEPOINT",
                    "RELEASE",
                    "END" -> {
                ignore(s, kind, "no schema change");
                return true;
            }
            case "COMMENT" -> {
                return comment(c, s, kind);
            }
            case "USE" -> {
                c.next();
                currentSchema = c.name();
                ignore(s, kind, "selects the database the following names belong to");
                return true;
            }
            case "CREATE" -> {
                return create(c, s, kind);
            }
            case "ALTER" -> {
                return alter(c, s, kind);
            }
            case "DROP" -> {
                return drop(c, s, kind);
            }
            default -> {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------- names

    private String schemaOf(QName q) {
        return q.schema() != null ? q.schema() : currentSchema;
    }

    private static String key(String schema, String name) {
        return schema + "." + name;
    }

    private Tab table(QName q) {
        Tab t = tables.get(key(schemaOf(q), q.name()));
        if (t == null && dialect == Dialect.MYSQL) {
            for (Tab x : tables.values()) {
                if (x.name.equalsIgnoreCase(q.name())
                        && (q.schema() == null || String.valueOf(x.schema).equalsIgnoreCase(q.schema()))) {
                    return x;
                }
            }
        }
        if (t == null) {
            throw new Unsupported("table " + q.name() + " is not created earlier in the file");
        }
        return t;
    }

    /** Text of a PostgreSQL expression as the live reader sees it: the default search path's qualifier dropped. */
    private String pgExpr(String text) {
        if (text == null || dialect != Dialect.POSTGRESQL) {
            return text;
        }
        String t = text.replace("'public.", "'").replaceAll("(?<![\\w$.\"])public\\.", "");
        // the server prints a negative constant as a cast string: -1 becomes '-1'::integer
        return NEGATIVE.matcher(t)
                .replaceAll(m -> m.group(1) + "'-" + m.group(2) + "'::"
                        + (m.group(2).contains(".")
                                ? "numeric"
                                : Long.parseLong(m.group(2)) <= Integer.MAX_VALUE ? "integer" : "bigint"));
    }

    private static final java.util.regex.Pattern NEGATIVE =
            java.util.regex.Pattern.compile("((?:^|[(,=<>]|\\s)\\s*)-([0-9]+(?:\\.[0-9]+)?)(?![0-9.eE]|\\s*::)");

    /** Whether an expression has an operator outside parentheses and strings (the server then wraps it). */
    private static boolean topLevelOperator(String e) {
        int depth = 0;
        boolean quote = false;
        for (int k = 0; k < e.length(); k++) {
            char ch = e.charAt(k);
            if (ch == '\'') {
                quote = !quote;
            } else if (!quote && ch == '(') {
                depth++;
            } else if (!quote && ch == ')') {
                depth--;
            } else if (!quote && depth == 0 && "+-*/%<>=|&^".indexOf(ch) >= 0) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- CREATE

    private boolean create(Cursor c, Statement s, String kind) {
        c.expect("CREATE");
        boolean orReplace = c.accept("OR", "REPLACE");
        sqlSecurity = null;
        if (dialect == Dialect.MYSQL) {
            // CREATE [ALGORITHM=x] [DEFINER=x] [SQL SECURITY x] VIEW/TRIGGER/PROCEDURE/FUNCTION
            while (c.is("ALGORITHM") || c.is("DEFINER") || c.is("SQL")) {
                if (c.accept("SQL", "SECURITY")) {
                    sqlSecurity = c.next().value();
                    continue;
                }
                c.next();
                c.expect("=");
                c.next();
                if (c.is("@")) {
                    c.next();
                    c.next();
                }
                if (c.is("(")) {
                    c.skipGroup();
                }
            }
        }
        boolean temp = c.accept("TEMPORARY")
                || c.accept("TEMP")
                || c.accept("GLOBAL", "TEMPORARY")
                || c.accept("LOCAL", "TEMPORARY");
        c.accept("UNLOGGED");
        if (temp) {
            ignore(s, kind, "a temporary object is not part of the schema");
            return true;
        }
        if (c.accept("TABLE")) {
            createTable(c, s, kind);
            return true;
        }
        boolean unique = c.accept("UNIQUE");
        if (c.accept("INDEX")
                || (dialect == Dialect.MYSQL && (c.accept("FULLTEXT", "INDEX") || c.accept("SPATIAL", "INDEX")))) {
            String method = c.tokens.get(c.i - 2).is("FULLTEXT") ? "fulltext" : null;
            createIndex(c, unique, method);
            return true;
        }
        if (c.accept("SCHEMA") || c.accept("DATABASE")) {
            c.accept("IF", "NOT", "EXISTS");
            String name = c.name();
            while (!c.atEnd()) {
                if (c.accept("DEFAULT")) {
                    continue;
                }
                if (c.accept("CHARACTER", "SET") || c.accept("CHARSET")) {
                    c.accept("=");
                    mysqlDatabaseCharset = c.name().toLowerCase(Locale.ROOT);
                } else {
                    c.next();
                }
            }
            ignore(s, kind, "creates the namespace " + name + "; objects carry their schema");
            return true;
        }
        if (c.accept("SEQUENCE")) {
            createSequence(c);
            return true;
        }
        boolean materialized = c.accept("MATERIALIZED");
        c.accept("RECURSIVE");
        if (c.accept("VIEW")) {
            createView(c, materialized);
            return true;
        }
        if (c.accept("TYPE")) {
            return createType(c);
        }
        if (c.accept("DOMAIN")) {
            createDomain(c);
            return true;
        }
        c.accept("CONSTRAINT");
        if (c.accept("TRIGGER")) {
            createTrigger(c, s);
            return true;
        }
        if (c.is("FUNCTION") || c.is("PROCEDURE")) {
            createRoutine(c, s);
            return true;
        }
        if (c.is("EXTENSION")) {
            throw new Unsupported("extensions are not read; the types and functions they add are unknown offline");
        }
        return false;
    }

    private void createTable(Cursor c, Statement s, String kind) {
        c.accept("IF", "NOT", "EXISTS");
        QName q = c.qname();
        String schema = schemaOf(q);
        if (tables.containsKey(key(schema, q.name()))) {
            if (c.tokens.stream().anyMatch(t -> t.is("EXISTS"))) {
                ignore(s, kind, "the table exists already (IF NOT EXISTS)");
                return;
            }
            throw new Unsupported("table " + q.name() + " is created twice");
        }
        Tab t = new Tab(schema, q.name());
        if (c.accept("PARTITION", "OF")) {
            Tab parent = table(c.qname());
            for (Col pc : parent.columns) {
                Col copy = pc.copy();
                copy.inherited = true;
                t.columns.add(copy);
            }
            t.partitionOf = new Table.Name(parent.schema, parent.name);
            if (c.is("(")) {
                tableElements(c, t);
            }
            inheritFromParent(parent, t);
        } else if (c.is("(")) {
            tableElements(c, t);
        } else if (c.is("AS") || c.is("LIKE")) {
            throw new Unsupported("a table made from a query or LIKE is not modelled");
        } else {
            throw new Unsupported("expected a column list");
        }
        // options after the column list
        while (!c.atEnd()) {
            int mark = c.i;
            if (c.accept("INHERITS")) {
                c.expect("(");
                while (!c.is(")")) {
                    Tab parent = table(c.qname());
                    t.inherits.add(new Table.Name(parent.schema, parent.name));
                    List<Col> own = new ArrayList<>(t.columns);
                    t.columns.clear();
                    for (Col pc : parent.columns) {
                        Col copy = pc.copy();
                        copy.inherited = true;
                        t.columns.add(copy);
                    }
                    for (Col o : own) {
                        if (t.columns.stream().noneMatch(x -> x.name.equals(o.name))) {
                            t.columns.add(o);
                        }
                    }
                    for (CheckConstraint ck : parent.checks) {
                        t.checks.add(ck);
                    }
                    c.accept(",");
                }
                c.expect(")");
            } else if (c.accept("PARTITION", "BY")) {
                t.partitioned = dialect == Dialect.POSTGRESQL;
                if (dialect == Dialect.MYSQL) {
                    c.rest();
                } else {
                    c.next();
                    c.skipGroup();
                    t.partitionKey = c.text(new int[] {mark + 2, c.i});
                }
            } else if (c.accept("FOR", "VALUES") || c.accept("DEFAULT")) {
                if (dialect == Dialect.MYSQL) {
                    tableOption(c, t, "DEFAULT");
                    continue;
                }
                while (!c.atEnd() && !c.is("PARTITION") && !c.is("WITH") && !c.is("TABLESPACE") && !c.is("USING")) {
                    c.next();
                }
                t.partitionBound = c.text(new int[] {mark, c.i});
            } else if (dialect == Dialect.MYSQL) {
                tableOption(c, t, null);
            } else {
                c.next(); // WITH (...), TABLESPACE x, USING heap, WITHOUT ROWID, STRICT, ON COMMIT ...
                if (c.is("(")) {
                    c.skipGroup();
                }
            }
        }
        tables.put(key(schema, t.name), t);
    }

    private void tableOption(Cursor c, Tab t, String consumed) {
        Token opt = consumed != null ? c.tokens.get(c.i - 1) : c.next();
        if (opt.is("DEFAULT")) {
            opt = c.next();
        }
        if (opt.is("CHARACTER") && c.is("SET")) {
            c.next();
            c.accept("=");
            t.charset = charset(c.next().value());
        } else if (opt.is("CHARSET")) {
            c.accept("=");
            t.charset = charset(c.next().value());
        } else if (opt.is("COLLATE")) {
            c.accept("=");
            t.collation = c.next().value().toLowerCase(Locale.ROOT);
        } else if (opt.is("COMMENT")) {
            c.accept("=");
            t.comment = blankToNull(c.next().value());
        } else if (opt.is("PARTITION")) {
            c.rest();
        } else {
            c.accept("=");
            if (!c.atEnd()) {
                Token v = c.next();
                if (v.is("(")) {
                    c.i--;
                    c.skipGroup();
                }
            }
        }
        c.accept(",");
    }

    private static String charset(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("utf8") ? "utf8mb3" : n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private void tableElements(Cursor c, Tab t) {
        c.expect("(");
        while (!c.is(")")) {
            if (c.is("CONSTRAINT")
                    || c.is("PRIMARY")
                    || c.is("UNIQUE")
                    || c.is("FOREIGN")
                    || c.is("CHECK")
                    || c.is("EXCLUDE")
                    || (dialect == Dialect.MYSQL
                            && (c.is("KEY") || c.is("INDEX") || c.is("FULLTEXT") || c.is("SPATIAL")))) {
                tableConstraint(c, t, false);
            } else if (c.is("LIKE")) {
                throw new Unsupported("a table made with LIKE is not modelled");
            } else {
                column(c, t);
            }
            if (!c.accept(",")) {
                break;
            }
        }
        c.expect(")");
    }

    // ---------------------------------------------------------------- columns

    private void column(Cursor c, Tab t) {
        Col col = new Col();
        col.name = c.name();
        Col existing = t.columns.stream()
                .filter(x -> x.name.equals(col.name))
                .findFirst()
                .orElse(null);
        if (existing != null && t.partitionOf != null && dialect == Dialect.POSTGRESQL) {
            // "col WITH OPTIONS ..." of a partition: constraints on an inherited column
            c.accept("WITH", "OPTIONS");
            columnConstraints(c, t, existing);
            return;
        }
        col.type = dialect == Dialect.POSTGRESQL
                ? Types.postgres(c, enums)
                : dialect == Dialect.MYSQL ? Types.mysql(c) : sqliteType(c);
        t.columns.add(col);
        if (col.type.serial() != null && dialect == Dialect.POSTGRESQL) {
            String seq = t.name + "_" + col.name + "_seq";
            sequences.put(key(t.schema, seq), defaultSequence(col.type.serial()));
            col.dflt = "nextval('" + (t.schema.equals("public") ? "" : Types.pgId(t.schema) + ".") + Types.pgId(seq)
                    + "'::regclass)";
            col.identity = true;
            col.nullable = false;
        }
        if (col.type.serial() != null && dialect == Dialect.MYSQL) {
            col.identity = true;
            col.nullable = false;
            t.uniques.add(new UniqueConstraint(col.name, List.of(col.name)));
            t.indexes.add(Index.of(
                    col.name, List.of(Index.KeyPart.ofColumn(col.name)), true, false, null, "btree", List.of(), true));
        }
        columnConstraints(c, t, col);
    }

    private Types.Resolved sqliteType(Cursor c) {
        int first = c.i;
        while (!c.atEnd() && c.peek().kind() == Kind.WORD && !isSqliteConstraintWord(c.peek())) {
            c.next();
        }
        Integer length = null;
        Integer precision = null;
        Integer scale = null;
        if (c.i > first && c.is("(")) {
            String[] parts = c.groupInner().replace(" ", "").split(",");
            try {
                if (parts.length == 2) {
                    precision = Integer.parseInt(parts[0]);
                    scale = Integer.parseInt(parts[1]);
                } else {
                    length = Integer.parseInt(parts[0]);
                }
            } catch (NumberFormatException e) {
                // not numeric: the name alone decides
            }
        }
        // the declared type exactly as written, as SQLite keeps it
        String n = c.i > first ? c.text(new int[] {first, c.i}) : "";
        String base = n.replaceAll("\\(.*", "").strip();
        ColumnType type = ColumnType.normalise(base, length);
        if (type == ColumnType.DECIMAL) {
            length = null;
        } else {
            precision = null;
            scale = null;
            if ((type.isText() || type == ColumnType.BINARY) && length == null) {
                length = 2_000_000_000; // what sqlite-jdbc reports as the size of an unbounded column
            }
            if (!(type.isText() || type == ColumnType.BINARY)) {
                length = null;
            }
        }
        return new Types.Resolved(n, type, length, precision, scale, n, null);
    }

    private static boolean isSqliteConstraintWord(Token t) {
        return Set.of(
                        "CONSTRAINT",
                        "PRIMARY",
                        "NOT",
                        "NULL",
                        "UNIQUE",
                        "CHECK",
                        "DEFAULT",
                        "COLLATE",
                        "REFERENCES",
                        "GENERATED",
                        "AS",
                        "AUTOINCREMENT")
                .contains(SqlLexer.upper(t));
    }

    private static Seq defaultSequence(String type) {
        long max = switch (type) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return new Seq(type, 1, 1, 1, max, false);
    }

    private void columnConstraints(Cursor c, Tab t, Col col) {
        String constraintName = null;
        while (!c.atEnd()
                && !c.is(",")
                && !c.is(")")
                && !(dialect == Dialect.MYSQL && (c.is("AFTER") || c.is("FIRST")))) {
            if (c.accept("CONSTRAINT")) {
                constraintName = c.name();
                continue;
            }
            if (c.accept("NOT", "NULL")) {
                col.nullable = false;
                if (dialect == Dialect.SQLITE) {
                    sqliteConflict(c);
                }
            } else if (c.accept("NULL")) {
                col.nullable = true;
            } else if (c.accept("DEFAULT")) {
                col.dflt = defaultValue(c, col);
            } else if (c.accept("PRIMARY", "KEY")) {
                c.accept("ASC");
                c.accept("DESC");
                if (dialect == Dialect.SQLITE) {
                    sqliteConflict(c);
                }
                boolean auto = c.accept("AUTOINCREMENT");
                primaryKey(t, constraintName, List.of(col.name), List.of());
                if (dialect == Dialect.SQLITE && col.type.nativeType().equalsIgnoreCase("INTEGER")) {
                    col.identity = auto || col.identity;
                }
                indexTail(c);
            } else if (c.accept("UNIQUE")) {
                c.accept("KEY");
                if (dialect == Dialect.SQLITE) {
                    sqliteConflict(c);
                }
                unique(t, constraintName, List.of(col.name), List.of());
                indexTail(c);
            } else if (c.accept("CHECK")) {
                String expr = c.groupInner();
                c.accept("NO", "INHERIT");
                check(t, constraintName, expr, col.name);
            } else if (c.accept("REFERENCES")) {
                foreignKey(c, t, constraintName, List.of(col.name));
            } else if (c.accept("GENERATED")) {
                if (c.accept("ALWAYS") || c.accept("BY", "DEFAULT")) {
                    // identity or computed
                }
                c.expect("AS");
                if (c.accept("IDENTITY")) {
                    col.identity = true;
                    col.nullable = false;
                    if (c.is("(")) {
                        c.skipGroup();
                    }
                } else {
                    col.generated = generated(c);
                }
            } else if (c.is("AS") && dialect != Dialect.POSTGRESQL) {
                c.next();
                col.generated = generated(c);
            } else if (c.accept("AUTO_INCREMENT") || c.accept("AUTOINCREMENT")) {
                col.identity = true;
            } else if (c.accept("ON", "UPDATE")) {
                int[] r = c.until(
                        "NOT", "NULL", "DEFAULT", "COMMENT", "COLLATE", "CHARACTER", "PRIMARY", "UNIQUE", "KEY");
                col.onUpdate = mysqlCurrentTimestamp(c.text(r));
            } else if (dialect == Dialect.MYSQL && c.accept("BINARY")) {
                col.binaryCollation = true; // the character set's _bin collation
            } else if (c.accept("COMMENT")) {
                col.comment = blankToNull(c.next().value());
            } else if (c.accept("COLLATE")) {
                String coll = c.name();
                if (dialect == Dialect.MYSQL) {
                    col.collation = coll.toLowerCase(Locale.ROOT);
                }
            } else if (c.accept("CHARACTER", "SET") || c.accept("CHARSET")) {
                col.charset = charset(c.next().value());
            } else if (c.accept("KEY")) {
                primaryKey(t, constraintName, List.of(col.name), List.of()); // MySQL: KEY alone means PRIMARY KEY
            } else if (c.accept("STORED")
                    || c.accept("VIRTUAL")
                    || c.accept("PERSISTENT")
                    || c.accept("INVISIBLE")
                    || c.accept("VISIBLE")
                    || c.accept("DEFERRABLE")
                    || c.accept("NOT", "DEFERRABLE")
                    || c.accept("INITIALLY", "DEFERRED")
                    || c.accept("INITIALLY", "IMMEDIATE")) {
                // no effect on the model
            } else if (c.accept("COLUMN_FORMAT") || c.accept("STORAGE") || c.accept("COMPRESSION")) {
                c.next();
            } else {
                throw new Unsupported(
                        "column " + col.name + ": unexpected " + c.peek().value());
            }
            constraintName = constraintName != null && c.tokens.get(c.i - 1).is(constraintName) ? constraintName : null;
        }
    }

    private void sqliteConflict(Cursor c) {
        if (c.accept("ON", "CONFLICT")) {
            c.next();
        }
    }

    private String generated(Cursor c) {
        String expr = c.groupInner();
        c.accept("STORED");
        c.accept("VIRTUAL");
        c.accept("PERSISTENT");
        if (dialect == Dialect.MYSQL) {
            return expr.strip();
        }
        String e = pgExpr(expr);
        if (topLevelOperator(e.strip()) && !e.strip().toUpperCase(Locale.ROOT).startsWith("CASE")) {
            e = "(" + e.strip() + ")";
        }
        return e;
    }

    private static String mysqlCurrentTimestamp(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("(current_timestamp|now|localtime|localtimestamp)(\\(\\s*\\))?")) {
            return "current_timestamp()";
        }
        if (t.matches("(current_timestamp|now|localtime|localtimestamp)\\(\\s*([0-6])\\s*\\)")) {
            return "current_timestamp(" + t.replaceAll("[^0-6]", "") + ")";
        }
        return t;
    }

    private String defaultValue(Cursor c, Col col) {
        int[] r = dialect == Dialect.MYSQL
                ? c.until(
                        "NOT",
                        "NULL",
                        "CONSTRAINT",
                        "PRIMARY",
                        "UNIQUE",
                        "CHECK",
                        "REFERENCES",
                        "GENERATED",
                        "COMMENT",
                        "ON",
                        "COLLATE",
                        "AUTO_INCREMENT",
                        "CHARACTER",
                        "KEY",
                        "INVISIBLE",
                        "AFTER",
                        "FIRST")
                : c.until(
                        "NOT",
                        "NULL",
                        "CONSTRAINT",
                        "PRIMARY",
                        "UNIQUE",
                        "CHECK",
                        "REFERENCES",
                        "GENERATED",
                        "COLLATE");
        // "DEFAULT NULL" keeps NULL as the value; NOT NULL after it is a separate constraint
        String text = c.text(r);
        List<Token> toks = c.tokens.subList(r[0], r[1]);
        if (text.isEmpty() && c.is("NULL")) {
            c.next();
            return null;
        }
        return switch (dialect) {
            case POSTGRESQL -> postgresDefault(text, toks, col);
            case MYSQL -> mysqlDefault(text, toks, col);
            default -> text;
        };
    }

    private String postgresDefault(String text, List<Token> toks, Col col) {
        String t = pgExpr(text);
        if (toks.size() == 1 && toks.get(0).kind() == Kind.STRING) {
            t = SqlWriter.of(Dialect.POSTGRESQL).literal(toks.get(0).value()) + "::" + col.type.castName();
        } else if (toks.size() == 2 && toks.get(0).is("-") && toks.get(1).kind() == Kind.NUMBER) {
            t = "'-" + toks.get(1).value() + "'::" + col.type.castName();
        } else if (toks.size() == 1 && toks.get(0).is("NULL")) {
            return null;
        } else if (toks.size() == 1 && toks.get(0).kind() == Kind.WORD) {
            String u = SqlLexer.upper(toks.get(0));
            if (u.equals("TRUE") || u.equals("FALSE")) {
                t = u.toLowerCase(Locale.ROOT);
            } else if (Set.of(
                            "CURRENT_TIMESTAMP",
                            "CURRENT_DATE",
                            "CURRENT_TIME",
                            "LOCALTIMESTAMP",
                            "LOCALTIME",
                            "CURRENT_USER",
                            "SESSION_USER",
                            "USER",
                            "CURRENT_ROLE")
                    .contains(u)) {
                t = u;
            }
        } else if (t.matches("(?i)nextval\\('([^']*)'\\)")) {
            t = t.replaceFirst("(?i)nextval\\('([^']*)'\\)", "nextval('$1'::regclass)");
        }
        if (t != null && t.startsWith("nextval(")) {
            col.identity = true;
        }
        return Catalogs.postgresDefault(t);
    }

    private String mysqlDefault(String text, List<Token> toks, Col col) {
        ColumnType type = col.type.type();
        boolean numeric = type.isInteger()
                || type == ColumnType.DECIMAL
                || type == ColumnType.DOUBLE
                || type == ColumnType.REAL
                || type == ColumnType.BOOLEAN;
        String value;
        if (toks.size() == 1 && toks.get(0).is("NULL")) {
            return null;
        }
        if (toks.size() == 1
                        && (toks.get(0).kind() == Kind.STRING || toks.get(0).kind() == Kind.NUMBER)
                || toks.size() == 2 && toks.get(0).is("-") && toks.get(1).kind() == Kind.NUMBER) {
            value = toks.size() == 2 ? "-" + toks.get(1).value() : toks.get(0).value();
            if (numeric && value.matches("-?[0-9]*\\.?[0-9]+")) {
                if (type == ColumnType.DECIMAL && col.type.scale() != null) {
                    value = new java.math.BigDecimal(value)
                            .setScale(col.type.scale(), java.math.RoundingMode.HALF_UP)
                            .toPlainString();
                } else if (type.isInteger() || type == ColumnType.BOOLEAN) {
                    value = new java.math.BigDecimal(value).toBigInteger().toString();
                }
                return Catalogs.mysqlDefault(value, "", type, true);
            }
            return SqlWriter.of(Dialect.MYSQL).literal(value);
        }
        String ts = mysqlCurrentTimestamp(text);
        if (ts.startsWith("current_timestamp")) {
            return ts;
        }
        if (toks.size() == 1 && (toks.get(0).is("TRUE") || toks.get(0).is("FALSE"))) {
            return toks.get(0).is("TRUE") ? "1" : "0";
        }
        return text;
    }

    // ---------------------------------------------------------------- constraints

    private void primaryKey(Tab t, String name, List<String> cols, List<String> include) {
        String n = switch (dialect) {
            case MYSQL -> "PRIMARY";
            case POSTGRESQL -> name != null ? name : t.name + "_pkey";
            default -> name;
        };
        t.pk = new PrimaryKey(n, cols);
        for (String cn : cols) {
            if (dialect != Dialect.SQLITE) {
                t.col(cn).nullable = false;
            }
        }
        if (dialect != Dialect.SQLITE) {
            t.indexes.add(Index.of(
                    n, cols.stream().map(Index.KeyPart::ofColumn).toList(), true, true, null, "btree", include, true));
        } else {
            t.pk = new PrimaryKey(name != null ? name : "PRIMARY", cols);
            if (!(cols.size() == 1 && t.col(cols.get(0)).type.nativeType().equalsIgnoreCase("INTEGER"))) {
                // any other primary key is kept in an index SQLite names itself
                t.indexes.add(Index.of(
                        "sqlite_autoindex_" + t.name + "_" + (++t.autoindex),
                        cols.stream().map(Index.KeyPart::ofColumn).toList(),
                        true,
                        true,
                        null,
                        "btree",
                        List.of(),
                        true));
            }
        }
    }

    private static boolean sqliteRowid(Tab t, Col c) {
        return t.pk != null
                && t.pk.columns().size() == 1
                && t.pk.columns().get(0).equals(c.name)
                && c.type.nativeType().equalsIgnoreCase("INTEGER");
    }

    private void unique(Tab t, String name, List<String> cols, List<String> include) {
        String n = name;
        if (n == null) {
            n = switch (dialect) {
                case POSTGRESQL -> t.name + "_" + String.join("_", cols) + "_key";
                case MYSQL -> cols.get(0);
                default -> null;
            };
        }
        if (dialect == Dialect.MYSQL) {
            // a unique key is both an index and (in information_schema) a UNIQUE constraint
            t.uniques.add(new UniqueConstraint(n, cols));
            t.indexes.add(Index.of(
                    n, cols.stream().map(Index.KeyPart::ofColumn).toList(), true, false, null, "btree", include, true));
            return;
        }
        if (dialect == Dialect.SQLITE) {
            n = "sqlite_autoindex_" + t.name + "_" + (++t.autoindex); // SQLite's own name, whatever the constraint's
        }
        t.uniques.add(new UniqueConstraint(n, cols));
        if (dialect == Dialect.POSTGRESQL) {
            t.indexes.add(Index.of(
                    n, cols.stream().map(Index.KeyPart::ofColumn).toList(), true, false, null, "btree", include, true));
        }
    }

    private void check(Tab t, String name, String expr, String column) {
        String n = name;
        if (n == null) {
            n = switch (dialect) {
                case POSTGRESQL -> t.name + "_" + (column != null ? column + "_" : "") + "check";
                case MYSQL -> column != null ? column : "CONSTRAINT_" + (t.checks.size() + 1);
                default -> "check_" + (t.checks.size() + 1);
            };
        }
        String e = expr.strip();
        if (dialect == Dialect.SQLITE) {
            sqliteNotes.add(n);
            return; // the SQLite reader reads no CHECK constraints (JDBC metadata has none)
        }
        if (dialect == Dialect.POSTGRESQL) {
            e = pgExpr(e);
            while (e.startsWith("(") && e.endsWith(")") && balanced(e.substring(1, e.length() - 1))) {
                e = e.substring(1, e.length() - 1).strip();
            }
            e = "(" + e + ")";
        }
        t.checks.add(new CheckConstraint(n, e));
    }

    private static boolean balanced(String s) {
        int depth = 0;
        boolean quote = false;
        for (char ch : s.toCharArray()) {
            if (ch == '\'') {
                quote = !quote;
            } else if (!quote && ch == '(') {
                depth++;
            } else if (!quote && ch == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    private void foreignKey(Cursor c, Tab t, String name, List<String> cols) {
        QName ref = c.qname();
        String refSchema = schemaOf(ref);
        List<String> refCols;
        if (c.is("(")) {
            refCols = c.nameList();
        } else {
            Tab target = table(ref);
            if (target.pk == null) {
                throw new Unsupported("REFERENCES " + ref.name() + " without columns, and it has no primary key");
            }
            refCols = target.pk.columns();
        }
        // MySQL/MariaDB report an action left out as RESTRICT
        ReferentialAction none = dialect == Dialect.MYSQL ? ReferentialAction.RESTRICT : ReferentialAction.NO_ACTION;
        ReferentialAction onDelete = none;
        ReferentialAction onUpdate = none;
        while (!c.atEnd() && !c.is(",") && !c.is(")")) {
            if (c.accept("ON", "DELETE")) {
                onDelete = action(c);
            } else if (c.accept("ON", "UPDATE")) {
                onUpdate = action(c);
            } else if (c.accept("MATCH")) {
                c.next();
            } else if (c.accept("NOT", "DEFERRABLE")
                    || c.accept("DEFERRABLE")
                    || c.accept("INITIALLY", "DEFERRED")
                    || c.accept("INITIALLY", "IMMEDIATE")
                    || c.accept("NOT", "VALID")) {
                // no effect on the model
            } else {
                break;
            }
        }
        String n = name;
        if (n == null) {
            n = switch (dialect) {
                case POSTGRESQL -> t.name + "_" + String.join("_", cols) + "_fkey";
                case MYSQL -> t.name + "_ibfk_" + (t.fks.size() + 1);
                default -> t.name + "_" + ref.name() + "_fk1"; // the SQLite reader's name for an unnamed key
            };
        }
        String schema = refSchema;
        t.fks.add(new ForeignKey(n, cols, schema, ref.name(), refCols, onDelete, onUpdate));
        if (dialect == Dialect.MYSQL) {
            boolean covered = t.indexes.stream().anyMatch(ix -> ix.startsWith(cols));
            if (!covered) {
                t.indexes.add(Index.of(
                        n,
                        cols.stream().map(Index.KeyPart::ofColumn).toList(),
                        false,
                        false,
                        null,
                        "btree",
                        List.of(),
                        true));
            }
        }
    }

    private static ReferentialAction action(Cursor c) {
        if (c.accept("NO", "ACTION")) {
            return ReferentialAction.NO_ACTION;
        }
        if (c.accept("SET", "NULL")) {
            if (c.is("(")) {
                c.skipGroup();
            }
            return ReferentialAction.SET_NULL;
        }
        if (c.accept("SET", "DEFAULT")) {
            return ReferentialAction.SET_DEFAULT;
        }
        return ReferentialAction.parse(c.next().value());
    }

    /** A table-level constraint or (MySQL) index at the cursor. */
    private void tableConstraint(Cursor c, Tab t, boolean altering) {
        String name = null;
        if (c.accept("CONSTRAINT")) {
            if (!(c.is("PRIMARY") || c.is("UNIQUE") || c.is("FOREIGN") || c.is("CHECK") || c.is("EXCLUDE"))) {
                name = c.name();
            }
        }
        if (c.accept("PRIMARY", "KEY")) {
            if (dialect == Dialect.MYSQL && !c.is("(")) {
                c.next();
            }
            List<String> cols = keyColumns(c);
            List<String> include = c.accept("INCLUDE") ? c.nameList() : List.of();
            indexTail(c);
            primaryKey(t, name, cols, include);
        } else if (c.accept("UNIQUE")) {
            if (dialect == Dialect.MYSQL) {
                boolean keyword = c.accept("KEY") || c.accept("INDEX");
                if (!c.is("(") && (keyword || c.peek().isName())) {
                    name = c.name();
                }
                if (c.accept("USING")) {
                    c.next();
                }
                List<Index.KeyPart> parts = mysqlKeyParts(c);
                indexTail(c);
                String n = name != null ? name : parts.get(0).text();
                t.uniques.add(new UniqueConstraint(
                        n, parts.stream().map(Index.KeyPart::text).toList()));
                t.indexes.add(Index.of(n, parts, true, false, null, "btree", List.of(), true));
                return;
            }
            c.accept("NULLS", "NOT", "DISTINCT");
            List<String> cols = keyColumns(c);
            List<String> include = c.accept("INCLUDE") ? c.nameList() : List.of();
            indexTail(c);
            unique(t, name, cols, include);
        } else if (c.accept("FOREIGN", "KEY")) {
            if (dialect == Dialect.MYSQL && !c.is("(")) {
                String indexName = c.name();
                name = name == null ? indexName : name;
            }
            List<String> cols = c.nameList();
            c.expect("REFERENCES");
            foreignKey(c, t, name, cols);
        } else if (c.accept("CHECK")) {
            String expr = c.groupInner();
            c.accept("NO", "INHERIT");
            c.accept("NOT", "VALID");
            check(t, name, expr, null);
        } else if (c.is("EXCLUDE")) {
            throw new Unsupported("exclusion constraints are not modelled");
        } else if (c.accept("KEY") || c.accept("INDEX")) {
            mysqlIndex(c, t, false, null);
        } else if (c.accept("FULLTEXT") || c.accept("SPATIAL")) {
            String method = c.tokens.get(c.i - 1).is("FULLTEXT") ? "fulltext" : "spatial";
            if (!c.accept("KEY")) {
                c.accept("INDEX");
            }
            mysqlIndex(c, t, false, method);
        } else {
            throw new Unsupported("unexpected " + c.peek().value());
        }
    }

    private List<String> keyColumns(Cursor c) {
        c.expect("(");
        List<String> out = new ArrayList<>();
        while (!c.is(")")) {
            out.add(c.name());
            c.until();
            c.accept(",");
        }
        c.expect(")");
        return out;
    }

    private void indexTail(Cursor c) {
        while (c.accept("USING", "INDEX", "TABLESPACE")
                || c.accept("WITH")
                || c.accept("DEFERRABLE")
                || c.accept("NOT", "DEFERRABLE")
                || c.accept("INITIALLY", "DEFERRED")
                || c.accept("INITIALLY", "IMMEDIATE")) {
            if (c.tokens.get(c.i - 1).is("TABLESPACE")) {
                c.next();
            } else if (c.is("(")) {
                c.skipGroup();
            }
        }
        if (dialect == Dialect.MYSQL) {
            while (c.accept("USING") || c.accept("COMMENT") || c.accept("KEY_BLOCK_SIZE")) {
                c.accept("=");
                c.next();
            }
        }
    }

    private void mysqlIndex(Cursor c, Tab t, boolean unique, String method) {
        String name = null;
        if (!c.is("(") && !c.is("USING")) {
            name = c.name();
        }
        String m = method;
        if (c.accept("USING")) {
            m = c.next().value().toLowerCase(Locale.ROOT);
        }
        List<Index.KeyPart> parts = mysqlKeyParts(c);
        while (!c.atEnd() && !c.is(",") && !c.is(")")) {
            if (c.accept("USING")) {
                m = c.next().value().toLowerCase(Locale.ROOT);
            } else {
                c.next();
            }
        }
        String n = name != null ? name : parts.get(0).text();
        t.indexes.add(Index.of(n, parts, unique, false, null, m == null ? "btree" : m, List.of(), true));
    }

    private List<Index.KeyPart> mysqlKeyParts(Cursor c) {
        c.expect("(");
        List<Index.KeyPart> out = new ArrayList<>();
        while (!c.is(")")) {
            if (c.is("(")) {
                out.add(Index.KeyPart.ofExpression(c.groupInner().strip()));
            } else {
                String col = c.name();
                Integer prefix = null;
                if (c.is("(")) {
                    prefix = Integer.parseInt(c.groupInner().strip());
                }
                out.add(new Index.KeyPart(col, null, prefix));
            }
            c.accept("ASC");
            c.accept("DESC");
            c.accept(",");
        }
        c.expect(")");
        return out;
    }

    // ---------------------------------------------------------------- partitions

    /** What a new partition takes from its parent: indexes (and key constraints) cloned under the child's names. */
    private void inheritFromParent(Tab parent, Tab child) {
        for (CheckConstraint ck : parent.checks) {
            child.checks.add(ck);
        }
        for (ForeignKey fk : parent.fks) {
            child.fks.add(fk);
        }
        if (parent.pk != null) {
            primaryKey(child, child.name + "_pkey", parent.pk.columns(), List.of());
        }
        for (UniqueConstraint u : parent.uniques) {
            unique(child, child.name + "_" + String.join("_", u.columns()) + "_key", u.columns(), List.of());
        }
        for (Index ix : parent.indexes) {
            if (ix.primary() || parent.uniques.stream().anyMatch(u -> u.name().equals(ix.name()))) {
                continue;
            }
            child.indexes.add(partitionCopy(child, ix));
        }
    }

    /** The index a partition gets from its partitioned parent's index. */
    private static Index partitionCopy(Tab child, Index ix) {
        return new Index(
                partitionIndexName(child, ix),
                ix.columns(),
                ix.unique(),
                false,
                ix.predicate(),
                ix.method(),
                ix.include(),
                ix.keyParts(),
                true);
    }

    private static String partitionIndexName(Tab child, Index ix) {
        List<String> parts = ix.keyParts().stream()
                .map(k -> k.column() != null ? k.column() : "expr")
                .toList();
        String n = child.name + "_" + String.join("_", parts) + "_idx";
        return n.length() > 63 ? n.substring(0, 63) : n;
    }

    // ---------------------------------------------------------------- indexes

    private void createIndex(Cursor c, boolean unique, String mysqlMethod) {
        c.accept("CONCURRENTLY");
        c.accept("IF", "NOT", "EXISTS");
        String name = null;
        if (!c.is("ON")) {
            name = c.name();
        }
        if (dialect == Dialect.MYSQL && c.accept("USING")) {
            mysqlMethod = c.next().value().toLowerCase(Locale.ROOT);
        }
        c.expect("ON");
        boolean only = c.accept("ONLY");
        QName on = c.qname();
        Tab t = table(on);
        if (dialect == Dialect.MYSQL) {
            List<Index.KeyPart> parts = mysqlKeyParts(c);
            String method = mysqlMethod;
            while (!c.atEnd()) {
                if (c.accept("USING")) {
                    method = c.next().value().toLowerCase(Locale.ROOT);
                } else {
                    c.next();
                }
            }
            t.indexes.add(
                    Index.of(name, parts, unique, false, null, method == null ? "btree" : method, List.of(), true));
            return;
        }
        String method = "btree";
        if (c.accept("USING")) {
            method = c.next().value().toLowerCase(Locale.ROOT);
        }
        c.expect("(");
        List<Index.KeyPart> parts = new ArrayList<>();
        while (!c.is(")")) {
            int start = c.i;
            int[] r = c.until("COLLATE", "ASC", "DESC", "NULLS");
            List<Token> toks = c.tokens.subList(r[0], r[1]);
            Token first = toks.get(0);
            if (first.isName()
                    && (toks.size() == 1 || (toks.size() == 2 && toks.get(1).kind() == Kind.WORD))) {
                // a column, possibly with an operator class
                c.i = start;
                parts.add(Index.KeyPart.ofColumn(c.name()));
                c.i = r[1];
            } else {
                String text = c.text(r);
                if (text.startsWith("(") && text.endsWith(")") && balanced(text.substring(1, text.length() - 1))) {
                    text = text.substring(1, text.length() - 1);
                }
                parts.add(Index.KeyPart.ofExpression(pgExpr(text.strip())));
            }
            while (!c.atEnd() && !c.is(",") && !c.is(")")) {
                c.next();
            }
            c.accept(",");
        }
        c.expect(")");
        List<String> include = List.of();
        String predicate = null;
        while (!c.atEnd()) {
            if (c.accept("INCLUDE")) {
                include = c.nameList();
            } else if (c.accept("WHERE")) {
                predicate = pgExpr(c.textFrom(c.i));
                if (dialect == Dialect.POSTGRESQL
                        && !(predicate.startsWith("(")
                                && predicate.endsWith(")")
                                && balanced(predicate.substring(1, predicate.length() - 1)))) {
                    predicate = "(" + predicate + ")";
                }
                c.rest();
            } else if (c.accept("NULLS", "NOT", "DISTINCT") || c.accept("NULLS", "DISTINCT")) {
                // no effect on the model
            } else {
                c.next();
                if (c.is("(")) {
                    c.skipGroup();
                }
            }
        }
        if (name == null) {
            List<String> cols = parts.stream()
                    .map(k -> k.column() != null ? k.column() : "expr")
                    .toList();
            name = t.name + "_" + String.join("_", cols) + "_idx";
        }
        if (dialect == Dialect.SQLITE) {
            predicate = null; // the SQLite reader does not read partial-index predicates
        }
        Index ix = Index.of(name, parts, unique, false, predicate, method, include, true);
        t.indexes.add(ix);
        if (!only && t.partitioned) {
            for (Tab child : tables.values()) {
                if (child.partitionOf != null
                        && child.partitionOf.name().equals(t.name)
                        && child.partitionOf.schema().equals(t.schema)) {
                    child.indexes.add(partitionCopy(child, ix));
                }
            }
        }
    }

    // ---------------------------------------------------------------- sequences, types, domains, views

    private void createSequence(Cursor c) {
        c.accept("IF", "NOT", "EXISTS");
        QName q = c.qname();
        Seq s = sequenceOptions(c, defaultSequence("bigint"), true);
        sequences.put(key(schemaOf(q), q.name()), s);
    }

    private Seq sequenceOptions(Cursor c, Seq base, boolean creating) {
        String type = base.type;
        Long start = creating ? null : base.start;
        long increment = base.increment;
        Long min = creating ? null : base.min;
        Long max = creating ? null : base.max;
        boolean cycle = base.cycle;
        while (!c.atEnd()) {
            if (c.accept("AS")) {
                type = Types.postgres(c, enums).nativeType();
            } else if (c.accept("START")) {
                c.accept("WITH");
                start = number(c);
            } else if (c.accept("INCREMENT")) {
                c.accept("BY");
                increment = number(c);
            } else if (c.accept("NO", "MINVALUE")) {
                min = null;
            } else if (c.accept("NO", "MAXVALUE")) {
                max = null;
            } else if (c.accept("MINVALUE")) {
                min = number(c);
            } else if (c.accept("MAXVALUE")) {
                max = number(c);
            } else if (c.accept("NO", "CYCLE")) {
                cycle = false;
            } else if (c.accept("CYCLE")) {
                cycle = true;
            } else if (c.accept("CACHE")) {
                number(c);
            } else if (c.accept("OWNED", "BY")) {
                if (c.accept("NONE")) {
                    continue;
                }
                c.qname();
                if (c.accept(".")) {
                    c.name();
                }
            } else if (c.accept("RESTART")) {
                c.accept("WITH");
                if (!c.atEnd() && c.peek().kind() == Kind.NUMBER) {
                    number(c);
                }
            } else {
                c.next();
            }
        }
        long typeMax = defaultSequence(type).max;
        long lo = increment > 0 ? 1 : -typeMax - 1;
        long hi = increment > 0 ? typeMax : -1;
        long mn = min != null ? min : lo;
        long mx = max != null ? max : hi;
        long st = start != null ? start : increment > 0 ? mn : mx;
        return new Seq(type, st, increment, mn, mx, cycle);
    }

    private static long number(Cursor c) {
        boolean negative = c.accept("-");
        long v = Long.parseLong(c.next().value());
        return negative ? -v : v;
    }

    private boolean createType(Cursor c) {
        QName q = c.qname();
        if (c.accept("AS", "ENUM")) {
            c.expect("(");
            List<String> labels = new ArrayList<>();
            while (!c.is(")")) {
                labels.add(c.next().value());
                c.accept(",");
            }
            String schema = schemaOf(q);
            enums.add(schema + "." + q.name());
            unmodelled.put("enum type " + q.name(), String.join(", ", labels));
            return true;
        }
        throw new Unsupported("only enum types are modelled (composite, range and base types are not)");
    }

    private void createDomain(Cursor c) {
        QName q = c.qname();
        c.accept("AS");
        Types.Resolved base = Types.postgres(c, enums);
        boolean notNull = false;
        String dflt = "";
        Map<String, String> checks = new TreeMap<>();
        String name = null;
        while (!c.atEnd()) {
            if (c.accept("CONSTRAINT")) {
                name = c.name();
                continue;
            }
            if (c.accept("NOT", "NULL")) {
                notNull = true;
            } else if (c.accept("NULL")) {
                notNull = false;
            } else if (c.accept("DEFAULT")) {
                int[] r = c.until("CONSTRAINT", "NOT", "NULL", "CHECK", "COLLATE");
                dflt = pgExpr(c.text(r));
            } else if (c.accept("CHECK")) {
                String expr = c.groupInner().strip();
                if (!(expr.startsWith("(") && expr.endsWith(")") && balanced(expr.substring(1, expr.length() - 1)))) {
                    expr = "(" + expr + ")";
                }
                checks.put(name != null ? name : q.name() + "_check", "CHECK (" + pgExpr(expr) + ")");
            } else if (c.accept("COLLATE")) {
                c.name();
            } else {
                c.next();
            }
            name = null;
        }
        unmodelled.put(
                "domain " + q.name(),
                base.nativeType() + " not null " + notNull + " default " + dflt + " "
                        + String.join(" ", checks.values()));
    }

    /** The {@code SQL SECURITY} of the MySQL {@code CREATE} statement being read, or null. */
    private String sqlSecurity;

    private void createView(Cursor c, boolean materialized) {
        c.accept("IF", "NOT", "EXISTS");
        QName q = c.qname();
        if (c.is("(")) {
            c.skipGroup();
        }
        List<String> options = new ArrayList<>();
        while (!c.is("AS")) {
            boolean with = c.next().is("WITH"); // WITH (options), USING, TABLESPACE
            if (c.is("(")) {
                int[] group = {c.i + 1, c.i};
                c.skipGroup();
                group[1] = c.i - 1;
                if (with) {
                    options.addAll(pgOptions(c.text(group)));
                }
            }
        }
        c.expect("AS");
        int start = c.i;
        int end = c.tokens.size();
        if (materialized && end - start >= 3 && c.tokens.get(end - 1).is("DATA")) {
            end -= c.tokens.get(end - 2).is("NO") ? 3 : 2;
        }
        String checkOption = null;
        if (end - start >= 3
                && c.tokens.get(end - 1).is("OPTION")
                && c.tokens.get(end - 2).is("CHECK")) {
            checkOption = c.tokens.get(end - 3).is("WITH")
                    ? "cascaded"
                    : c.tokens.get(end - 3).value().toLowerCase(Locale.ROOT);
            end -= c.tokens.get(end - 3).is("WITH") ? 3 : 4;
        }
        String text = c.text(new int[] {start, end});
        // SQLite's reader has no view text (JDBC metadata has none)
        String definition = dialect == Dialect.POSTGRESQL ? " " + text + ";" : dialect == Dialect.SQLITE ? null : text;
        if (dialect == Dialect.MYSQL) {
            // SHOW CREATE VIEW (mysqldump) marks string literals with their character set; VIEW_DEFINITION does not
            definition = definition.replaceAll(
                    "(?<![\\w$])_(?:utf8mb3|utf8mb4|utf8|latin1|latin2|ascii|binary|ucs2|utf16|utf16le|utf32|cp1250"
                            + "|cp1251|cp1252|cp850|koi8r|greek|hebrew|sjis|ujis|gbk|gb2312|big5|euckr|tis620)(?=')",
                    "");
        }
        String schema = schemaOf(q);
        views.put(key(schema, q.name()), new View(schema, q.name(), definition, materialized, List.of()));
        // the options as the live readers list them (only those other than the defaults)
        String listed = null;
        if (dialect == Dialect.MYSQL) {
            listed = Catalogs.mysqlViewOptions(checkOption, sqlSecurity);
        } else if (dialect == Dialect.POSTGRESQL) {
            options.removeIf(o -> o.startsWith("check_option="));
            if (checkOption != null) {
                options.add("check_option=" + checkOption);
            }
            listed = options.isEmpty() ? null : String.join(", ", options);
        }
        if (listed != null) {
            unmodelled.put("view options " + q.name(), listed);
        } else {
            unmodelled.remove("view options " + q.name());
        }
    }

    /** {@code a = b, c} of a PostgreSQL {@code WITH (...)} as the server lists reloptions: {@code a=b, c=true}. */
    private static List<String> pgOptions(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "true" : p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            out.add(name + "=" + value.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    // ---------------------------------------------------------------- triggers and routines

    private void createTrigger(Cursor c, Statement s) {
        c.accept("IF", "NOT", "EXISTS");
        QName name = c.qname();
        int onAt = -1;
        for (int k = c.i; k < c.tokens.size(); k++) {
            if (c.tokens.get(k).is("ON")) {
                onAt = k;
                break;
            }
        }
        if (onAt < 0) {
            throw new Unsupported("a trigger without ON table");
        }
        Cursor at = new Cursor(c.tokens, script, dialect);
        at.i = onAt + 1;
        QName table = at.qname();
        String schema = schemaOf(table);
        String keyName = "trigger " + table.name() + "." + name.name();
        List<Token> toks = c.tokens;
        String text =
                script.substring(toks.get(0).start(), toks.get(toks.size() - 1).end());
        if (dialect == Dialect.POSTGRESQL) {
            String d = text.replaceAll("\\s+", " ").replaceAll("(?i)EXECUTE PROCEDURE", "EXECUTE FUNCTION");
            d = d.replaceFirst("(?i)^CREATE OR REPLACE ", "CREATE ");
            unmodelled.put(keyName, Catalogs.withoutSchema(d, schema));
        } else if (dialect == Dialect.MYSQL) {
            // ACTION_TIMING EVENT_MANIPULATION ACTION_STATEMENT
            int k = c.i;
            String timing = SqlLexer.upper(c.tokens.get(k));
            String event = SqlLexer.upper(c.tokens.get(k + 1));
            int body = -1;
            for (int j = onAt; j + 2 < toks.size(); j++) {
                if (toks.get(j).is("FOR")
                        && toks.get(j + 1).is("EACH")
                        && toks.get(j + 2).is("ROW")) {
                    body = j + 3;
                    break;
                }
            }
            if (body < 0) {
                throw new Unsupported("a trigger without FOR EACH ROW");
            }
            if (toks.get(body).is("FOLLOWS") || toks.get(body).is("PRECEDES")) {
                body += 2;
            }
            String action = script.substring(
                    toks.get(body).start(), toks.get(toks.size() - 1).end());
            unmodelled.put(
                    keyName, Catalogs.withoutSchema(timing + " " + event + " " + action, String.valueOf(schema)));
        } else {
            throw new Unsupported("SQLite triggers are not read by the SQLite reader");
        }
    }

    private void createRoutine(Cursor c, Statement s) {
        boolean procedure = c.next().is("PROCEDURE");
        c.accept("IF", "NOT", "EXISTS");
        QName q = c.qname();
        String schema = schemaOf(q);
        if (dialect == Dialect.MYSQL) {
            mysqlRoutine(c, q, procedure);
            return;
        }
        if (dialect != Dialect.POSTGRESQL) {
            throw new Unsupported("routines are not modelled on SQLite");
        }
        // arguments
        c.expect("(");
        List<String> args = new ArrayList<>();
        List<String> identity = new ArrayList<>();
        while (!c.is(")")) {
            int[] r = c.until();
            Cursor a = new Cursor(c.tokens.subList(r[0], r[1]), script, dialect);
            args.add(pgArgument(a, procedure, false));
            a.i = 0;
            String id = pgArgument(a, procedure, true);
            if (id != null) {
                identity.add(id);
            }
            c.accept(",");
        }
        c.expect(")");
        String returns = null;
        String language = "sql";
        String volatility = "";
        boolean strict = false;
        boolean secdef = false;
        boolean leakproof = false;
        String parallel = "";
        String cost = null;
        String rows = null;
        boolean window = false;
        List<String> sets = new ArrayList<>();
        String body = null;
        while (!c.atEnd()) {
            if (c.accept("RETURNS")) {
                if (c.accept("SETOF")) {
                    returns = "SETOF " + Types.postgres(c, enums).nativeType();
                } else if (c.is("TABLE")) {
                    c.next();
                    int open = c.i;
                    int close = c.skipGroup();
                    returns = "TABLE("
                            + script.substring(
                                            c.tokens.get(open).end(),
                                            c.tokens.get(close).start())
                                    .strip() + ")";
                } else {
                    returns = Types.postgres(c, enums).nativeType();
                }
            } else if (c.accept("LANGUAGE")) {
                language = c.next().value().toLowerCase(Locale.ROOT);
            } else if (c.accept("IMMUTABLE") || c.accept("STABLE")) {
                volatility = " " + SqlLexer.upper(c.tokens.get(c.i - 1));
            } else if (c.accept("VOLATILE")) {
                volatility = "";
            } else if (c.accept("STRICT") || c.accept("RETURNS", "NULL", "ON", "NULL", "INPUT")) {
                strict = true;
            } else if (c.accept("CALLED", "ON", "NULL", "INPUT")) {
                strict = false;
            } else if (c.accept("SECURITY", "DEFINER") || c.accept("EXTERNAL", "SECURITY", "DEFINER")) {
                secdef = true;
            } else if (c.accept("SECURITY", "INVOKER") || c.accept("EXTERNAL", "SECURITY", "INVOKER")) {
                secdef = false;
            } else if (c.accept("LEAKPROOF")) {
                leakproof = true;
            } else if (c.accept("NOT", "LEAKPROOF")) {
                leakproof = false;
            } else if (c.accept("PARALLEL")) {
                String p = SqlLexer.upper(c.next());
                parallel = p.equals("UNSAFE") ? "" : " PARALLEL " + p;
            } else if (c.accept("COST")) {
                cost = c.next().value();
            } else if (c.accept("ROWS")) {
                rows = c.next().value();
            } else if (c.accept("WINDOW")) {
                window = true;
            } else if (c.accept("SET")) {
                String param = c.next().value();
                if (c.accept("FROM", "CURRENT")) {
                    sets.add(" SET " + param + " FROM CURRENT");
                } else {
                    if (!c.accept("TO")) {
                        c.accept("=");
                    }
                    int[] r = c.until(
                            "LANGUAGE",
                            "AS",
                            "IMMUTABLE",
                            "STABLE",
                            "VOLATILE",
                            "STRICT",
                            "SECURITY",
                            "COST",
                            "ROWS",
                            "SET",
                            "PARALLEL",
                            "LEAKPROOF",
                            "RETURN",
                            "BEGIN");
                    sets.add(" SET " + param + " TO " + c.text(r));
                }
            } else if (c.accept("AS")) {
                Token b = c.next();
                body = b.value();
                if (c.accept(",")) {
                    throw new Unsupported("a C function (object file and symbol) is not modelled");
                }
            } else if (c.is("BEGIN") || c.is("RETURN")) {
                throw new Unsupported("a SQL-standard body (BEGIN ATOMIC / RETURN) is deparsed by the server;"
                        + " its definition cannot be compared offline");
            } else {
                throw new Unsupported("unexpected " + c.peek().value());
            }
        }
        if (body == null) {
            throw new Unsupported("a routine without a body");
        }
        StringBuilder def = new StringBuilder();
        def.append("CREATE OR REPLACE ")
                .append(procedure ? "PROCEDURE " : "FUNCTION ")
                .append(Types.pgId(schema))
                .append('.')
                .append(Types.pgId(q.name()))
                .append('(')
                .append(String.join(", ", args))
                .append(")\n");
        if (!procedure) {
            def.append(" RETURNS ").append(returns == null ? "void" : returns).append('\n');
        }
        def.append(" LANGUAGE ").append(Types.pgId(language)).append('\n');
        StringBuilder line = new StringBuilder();
        if (window) {
            line.append(" WINDOW");
        }
        line.append(volatility);
        if (strict) {
            line.append(" STRICT");
        }
        if (secdef) {
            line.append(" SECURITY DEFINER");
        }
        if (leakproof) {
            line.append(" LEAKPROOF");
        }
        line.append(parallel);
        double defaultCost = language.equals("c") || language.equals("internal") ? 1 : 100;
        if (cost != null && Double.parseDouble(cost) != defaultCost) {
            line.append(" COST ").append(cost);
        }
        if (rows != null && Double.parseDouble(rows) != 1000 && returns != null && returns.startsWith("SETOF")) {
            line.append(" ROWS ").append(rows);
        }
        if (line.length() > 0) {
            def.append(line).append('\n');
        }
        sets.forEach(x -> def.append(x).append('\n'));
        String dq = procedure ? "$procedure" : "$function";
        while (body.contains(dq + "$")) {
            dq = dq + "x";
        }
        dq = dq + "$";
        def.append("AS ").append(dq).append(body).append(dq).append('\n');
        String key = "function " + q.name() + "(" + String.join(", ", identity) + ")";
        unmodelled.put(key, Catalogs.withoutSchema(def.toString(), schema));
    }

    /** One argument as {@code pg_get_function_arguments} (or, for {@code identity}, the identity form) prints it. */
    private String pgArgument(Cursor a, boolean procedure, boolean identity) {
        String mode = "";
        if (a.accept("INOUT")) {
            mode = "INOUT ";
        } else if (a.accept("OUT")) {
            mode = "OUT ";
        } else if (a.accept("VARIADIC")) {
            mode = "VARIADIC ";
        } else if (a.accept("IN")) {
            mode = procedure ? "IN " : "";
        } else if (procedure) {
            mode = "IN ";
        }

        String name = "";
        int save = a.i;
        // a bare type, or a name followed by a type
        boolean bare;
        try {
            Types.postgres(a, enums);
            bare = a.atEnd() || a.is("DEFAULT") || a.is("=");
        } catch (RuntimeException e) {
            bare = false;
        }
        a.i = save;
        if (!bare) {
            name = Types.pgId(a.name()) + " ";
        }
        String type = Types.postgres(a, enums).nativeType();
        String dflt = "";
        if (a.accept("DEFAULT") || a.accept("=")) {
            dflt = " DEFAULT " + pgExpr(a.textFrom(a.i));
        }
        return mode + name + type + (identity ? "" : dflt);
    }

    private void mysqlRoutine(Cursor c, QName q, boolean procedure) {
        // the body is ROUTINE_DEFINITION: what follows the parameter list, RETURNS and the characteristics; the
        // statement that writes the routine again is built as the live reader builds it from information_schema
        SqlWriter w = SqlWriter.of(Dialect.MYSQL);
        List<String> parameters = new ArrayList<>();
        c.expect("(");
        while (!c.is(")")) {
            String mode = procedure ? "IN" : "";
            if (c.is("IN") || c.is("OUT") || c.is("INOUT")) {
                String m = SqlLexer.upper(c.next());
                mode = procedure ? m : "";
            }
            String name = c.name();
            String type = Types.mysql(c).nativeType();
            while (c.accept("CHARSET") || c.accept("CHARACTER", "SET") || c.accept("COLLATE")) {
                c.next();
            }
            parameters.add((mode.isEmpty() ? "" : mode + " ") + w.id(name) + " " + type);
            c.accept(",");
        }
        c.expect(")");
        String returns = null;
        if (c.accept("RETURNS")) {
            returns = Types.mysql(c).nativeType();
            while (c.accept("CHARSET") || c.accept("CHARACTER", "SET") || c.accept("COLLATE")) {
                c.next();
            }
        }
        boolean deterministic = false;
        String access = null;
        boolean invoker = false;
        String comment = null;
        while (!c.atEnd()) {
            if (c.accept("COMMENT")) {
                comment = c.next().value();
            } else if (c.accept("DETERMINISTIC")) {
                deterministic = true;
            } else if (c.accept("NOT", "DETERMINISTIC")) {
                deterministic = false;
            } else if (c.accept("NO", "SQL")) {
                access = "NO SQL";
            } else if (c.accept("READS", "SQL", "DATA")) {
                access = "READS SQL DATA";
            } else if (c.accept("MODIFIES", "SQL", "DATA")) {
                access = "MODIFIES SQL DATA";
            } else if (c.accept("LANGUAGE", "SQL") || c.accept("CONTAINS", "SQL")) {
                // the defaults
            } else if (c.accept("SQL", "SECURITY")) {
                invoker = c.next().is("INVOKER");
            } else {
                break;
            }
        }
        String body = c.textFrom(c.i).strip();
        String kind = procedure ? "procedure " : "function ";
        unmodelled.put("routine " + kind + q.name(), body);
        StringBuilder sql = new StringBuilder("CREATE ")
                .append(procedure ? "PROCEDURE " : "FUNCTION ")
                .append(w.id(q.name()))
                .append('(')
                .append(String.join(", ", parameters))
                .append(')');
        if (returns != null) {
            sql.append(" RETURNS ").append(returns);
        }
        if (deterministic) {
            sql.append(" DETERMINISTIC");
        }
        if (access != null) {
            sql.append(' ').append(access);
        }
        if (invoker) {
            sql.append(" SQL SECURITY INVOKER");
        }
        if (comment != null && !comment.isEmpty()) {
            sql.append(" COMMENT ").append(w.literal(comment));
        }
        String schema = schemaOf(q);
        sql.append('\n').append(schema == null ? body : Catalogs.withoutSchema(body, schema));
        unmodelled.put("routine statement " + kind + q.name(), sql.toString());
    }

    // ---------------------------------------------------------------- COMMENT

    private boolean comment(Cursor c, Statement s, String kind) {
        c.expect("COMMENT");
        c.expect("ON");
        if (c.accept("TABLE")) {
            Tab t = table(c.qname());
            c.expect("IS");
            t.comment = c.is("NULL") ? null : c.next().value();
            return true;
        }
        if (c.accept("COLUMN")) {
            List<String> parts = new ArrayList<>();
            parts.add(c.name());
            while (c.accept(".")) {
                parts.add(c.name());
            }
            if (parts.size() < 2) {
                throw new Unsupported("COMMENT ON COLUMN needs table.column");
            }
            String column = parts.get(parts.size() - 1);
            QName table = new QName(parts.size() > 2 ? parts.get(parts.size() - 3) : null, parts.get(parts.size() - 2));
            Tab t = table(table);
            c.expect("IS");
            t.col(column).comment = c.is("NULL") ? null : c.next().value();
            return true;
        }
        ignore(s, kind, "comments on objects other than tables and columns are not part of the model");
        return true;
    }

    // ---------------------------------------------------------------- ALTER

    private boolean alter(Cursor c, Statement s, String kind) {
        c.expect("ALTER");
        if (c.accept("TABLE")) {
            alterTable(c, s, kind);
            return true;
        }
        if (c.accept("SEQUENCE")) {
            c.accept("IF", "EXISTS");
            QName q = c.qname();
            if (c.accept("OWNER", "TO")) {
                ignore(s, kind, "ownership is not part of the model");
                return true;
            }
            String k = key(schemaOf(q), q.name());
            Seq base = sequences.get(k);
            if (base == null) {
                throw new Unsupported("sequence " + q.name() + " is not created earlier in the file");
            }
            sequences.put(k, sequenceOptions(c, base, false));
            return true;
        }
        boolean owner = c.tokens.stream().anyMatch(t -> t.is("OWNER"));
        if (owner) {
            ignore(s, kind, "ownership is not part of the model");
            return true;
        }
        if (c.accept("INDEX")) {
            c.accept("IF", "EXISTS");
            c.qname();
            if (c.accept("ATTACH", "PARTITION")) {
                ignore(s, kind, "attaches a partition's index to its parent's; the partition's index is read");
                return true;
            }
            return false;
        }
        if (c.accept("SCHEMA") || c.accept("DATABASE")) {
            ignore(s, kind, "namespace options are not part of the model");
            return true;
        }
        return false;
    }

    private void alterTable(Cursor c, Statement s, String kind) {
        c.accept("IF", "EXISTS");
        boolean only = c.accept("ONLY");
        QName q = c.qname();
        c.accept("*");
        if (c.accept("OWNER", "TO")) {
            ignore(s, kind, "ownership is not part of the model"); // also of sequences and views (pg_dump before 17)
            return;
        }
        Tab t = table(q);
        boolean changed = false;
        List<String> ignoredActions = new ArrayList<>();
        while (!c.atEnd()) {
            if (c.accept("ADD")) {
                if (c.is("CONSTRAINT")
                        || c.is("PRIMARY")
                        || c.is("UNIQUE")
                        || c.is("FOREIGN")
                        || c.is("CHECK")
                        || c.is("EXCLUDE")
                        || (dialect == Dialect.MYSQL
                                && (c.is("KEY") || c.is("INDEX") || c.is("FULLTEXT") || c.is("SPATIAL")))) {
                    int before = t.indexes.size();
                    tableConstraint(c, t, true);
                    if (!only && t.partitioned && t.pk != null && t.indexes.size() > before) {
                        // a key on a partitioned table is created on each partition too
                        for (Tab child : tables.values()) {
                            if (child.partitionOf != null
                                    && child.partitionOf.name().equals(t.name)
                                    && child.pk == null) {
                                primaryKey(child, child.name + "_pkey", t.pk.columns(), List.of());
                            }
                        }
                    }
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "NOT", "EXISTS");
                    column(c, t);
                    if (dialect == Dialect.MYSQL) {
                        mysqlPosition(c, t);
                    }
                }
                changed = true;
            } else if (c.accept("ALTER")) {
                c.accept("COLUMN");
                Col col = t.col(c.name());
                if (c.accept("SET", "DEFAULT")) {
                    col.dflt = defaultValue(c, col);
                } else if (c.accept("DROP", "DEFAULT")) {
                    col.dflt = null;
                } else if (c.accept("SET", "NOT", "NULL")) {
                    col.nullable = false;
                } else if (c.accept("DROP", "NOT", "NULL")) {
                    col.nullable = true;
                } else if (c.accept("SET", "DATA", "TYPE") || c.accept("TYPE")) {
                    col.type = Types.postgres(c, enums);
                    c.until();
                } else if (c.accept("ADD", "GENERATED")) {
                    col.identity = true;
                    col.nullable = false;
                    c.until();
                } else if (c.accept("DROP", "IDENTITY")) {
                    col.identity = false;
                    c.until();
                } else {
                    ignoredActions.add(
                            "ALTER COLUMN " + col.name + " " + c.peek().value());
                    c.until();
                }
                changed = true;
            } else if (c.accept("DROP")) {
                if (c.accept("CONSTRAINT")) {
                    c.accept("IF", "EXISTS");
                    String n = c.name();
                    dropConstraint(t, n);
                } else if (c.accept("PRIMARY", "KEY")) {
                    dropConstraint(t, t.pk == null ? "" : t.pk.name());
                } else if (c.accept("FOREIGN", "KEY") || c.accept("INDEX") || c.accept("KEY") || c.accept("CHECK")) {
                    dropConstraint(t, c.name());
                } else {
                    c.accept("COLUMN");
                    c.accept("IF", "EXISTS");
                    String n = c.name();
                    t.columns.removeIf(x -> x.name.equals(n));
                }
                c.until();
                changed = true;
            } else if (c.accept("ATTACH", "PARTITION")) {
                Tab child = table(c.qname());
                child.partitionOf = new Table.Name(t.schema, t.name);
                child.columns.forEach(col -> col.inherited = true);
                child.partitionBound = c.text(c.until());
                changed = true;
            } else if (c.accept("DETACH", "PARTITION")) {
                Tab child = table(c.qname());
                child.partitionOf = null;
                child.partitionBound = null;
                c.until();
                changed = true;
            } else if (c.accept("RENAME", "COLUMN") || (c.is("RENAME") && !c.isAt(1, "TO"))) {
                c.accept("RENAME");
                Col col = t.col(c.name());
                c.expect("TO");
                String renamed = c.name();
                renameColumn(t, col.name, renamed);
                col.name = renamed;
                changed = true;
            } else if (c.accept("RENAME", "TO")) {
                String n = c.name();
                tables.remove(key(t.schema, t.name));
                for (Tab other : tables.values()) {
                    other.fks.replaceAll(f -> f.referencedTable().equals(t.name)
                                    && java.util.Objects.equals(f.referencedSchema(), t.schema)
                            ? new ForeignKey(
                                    f.name(),
                                    f.columns(),
                                    f.referencedSchema(),
                                    n,
                                    f.referencedColumns(),
                                    f.onDelete(),
                                    f.onUpdate())
                            : f);
                    if (other.partitionOf != null
                            && other.partitionOf.name().equals(t.name)
                            && java.util.Objects.equals(other.partitionOf.schema(), t.schema)) {
                        other.partitionOf = new Table.Name(t.schema, n);
                    }
                    other.inherits.replaceAll(
                            p -> p.name().equals(t.name) && java.util.Objects.equals(p.schema(), t.schema)
                                    ? new Table.Name(t.schema, n)
                                    : p);
                }
                t.name = n;
                tables.put(key(t.schema, t.name), t);
                changed = true;
            } else if (dialect == Dialect.MYSQL && (c.accept("MODIFY") || c.accept("CHANGE"))) {
                boolean change = c.tokens.get(c.i - 1).is("CHANGE");
                c.accept("COLUMN");
                String old = change ? c.name() : null;
                int at = c.i;
                String n = c.name();
                Col existing = t.col(old != null ? old : n);
                int idx = t.columns.indexOf(existing);
                t.columns.remove(idx);
                c.i = at;
                column(c, t);
                Col fresh = t.columns.remove(t.columns.size() - 1);
                t.columns.add(idx, fresh);
                if (!existing.name.equals(fresh.name)) {
                    renameColumn(t, existing.name, fresh.name);
                }
                mysqlPosition(c, t);
                changed = true;
            } else {
                ignoredActions.add(c.peek().value());
                c.until();
            }
            c.accept(",");
        }
        if (!changed) {
            ignore(s, kind, "no effect on the model (" + String.join(", ", ignoredActions) + ")");
        } else if (!ignoredActions.isEmpty()) {
            ignore(s, kind, "parts without effect on the model: " + String.join(", ", ignoredActions));
        }
    }

    /** A renamed column keeps its keys, indexes and the foreign keys into it (as the servers do). */
    private void renameColumn(Tab t, String from, String to) {
        java.util.function.UnaryOperator<List<String>> names =
                l -> l.stream().map(x -> x.equals(from) ? to : x).toList();
        if (t.pk != null) {
            t.pk = new PrimaryKey(t.pk.name(), names.apply(t.pk.columns()));
        }
        t.uniques.replaceAll(u -> new UniqueConstraint(u.name(), names.apply(u.columns())));
        t.fks.replaceAll(f -> new ForeignKey(
                f.name(),
                names.apply(f.columns()),
                f.referencedSchema(),
                f.referencedTable(),
                f.referencedColumns(),
                f.onDelete(),
                f.onUpdate()));
        t.indexes.replaceAll(ix -> Index.of(
                ix.name(),
                ix.keyParts().stream()
                        .map(k -> from.equals(k.column()) ? new Index.KeyPart(to, null, k.prefixLength()) : k)
                        .toList(),
                ix.unique(),
                ix.primary(),
                ix.predicate(),
                ix.method(),
                names.apply(ix.include()),
                ix.valid()));
        for (Tab other : tables.values()) {
            other.fks.replaceAll(
                    f -> f.referencedTable().equals(t.name) && java.util.Objects.equals(f.referencedSchema(), t.schema)
                            ? new ForeignKey(
                                    f.name(),
                                    f.columns(),
                                    f.referencedSchema(),
                                    f.referencedTable(),
                                    names.apply(f.referencedColumns()),
                                    f.onDelete(),
                                    f.onUpdate())
                            : f);
        }
    }

    private void mysqlPosition(Cursor c, Tab t) {
        if (c.accept("FIRST")) {
            Col last = t.columns.remove(t.columns.size() - 1);
            t.columns.add(0, last);
        } else if (c.accept("AFTER")) {
            String after = c.name();
            Col last = t.columns.remove(t.columns.size() - 1);
            t.columns.add(t.columns.indexOf(t.col(after)) + 1, last);
        }
    }

    private void dropConstraint(Tab t, String n) {
        if (t.pk != null && t.pk.name().equals(n)) {
            t.pk = null;
        }
        t.fks.removeIf(x -> x.name().equals(n));
        t.uniques.removeIf(x -> x.name().equals(n));
        t.checks.removeIf(x -> x.name().equals(n));
        t.indexes.removeIf(x -> x.name().equals(n));
    }

    // ---------------------------------------------------------------- DROP

    private boolean drop(Cursor c, Statement s, String kind) {
        c.expect("DROP");
        String firstWord = SqlLexer.upper(c.next());
        String what = firstWord.equals("MATERIALIZED") ? SqlLexer.upper(c.next()) : firstWord;
        boolean ifExists = c.accept("IF", "EXISTS");
        List<QName> names = new ArrayList<>();
        while (!c.atEnd() && !c.is("CASCADE") && !c.is("RESTRICT") && !c.is("ON")) {
            names.add(c.qname());
            if (c.is("(")) {
                c.skipGroup();
            }
            c.accept(",");
        }
        boolean any = false;
        for (QName q : names) {
            String k = key(schemaOf(q), q.name());
            boolean removed = switch (what) {
                case "TABLE" -> tables.remove(k) != null;
                case "VIEW" -> views.remove(k) != null;
                case "SEQUENCE" -> sequences.remove(k) != null;
                case "INDEX" -> {
                    boolean r = false;
                    for (Tab t : tables.values()) {
                        r |= t.indexes.removeIf(ix -> ix.name().equals(q.name()));
                    }
                    yield r;
                }
                case "TRIGGER" ->
                    unmodelled.keySet().removeIf(x -> x.startsWith("trigger ") && x.endsWith("." + q.name()));
                case "FUNCTION", "PROCEDURE" ->
                    unmodelled
                            .keySet()
                            .removeIf(x -> x.startsWith("function " + q.name() + "(")
                                    || x.equals("routine " + what.toLowerCase(Locale.ROOT) + " " + q.name()));
                case "TYPE" -> unmodelled.remove("enum type " + q.name()) != null;
                case "DOMAIN" -> unmodelled.remove("domain " + q.name()) != null;
                case "SCHEMA", "DATABASE", "EXTENSION" -> true;
                default -> throw new Unsupported("DROP " + what + " is not modelled");
            };
            any |= removed;
        }
        if (!any && !ifExists) {
            throw new Unsupported("drops what the file did not create");
        }
        if (!any) {
            ignore(s, kind, "drops nothing the file created (IF EXISTS)");
        }
        return true;
    }

    // ---------------------------------------------------------------- MySQL column attributes

    private void mysqlAttributes(Tab t, Col c) {
        String charset = null;
        String collation = null;
        ColumnType type = c.type.type();
        boolean character =
                type.isText() || type == ColumnType.ENUM || c.type.nativeType().startsWith("set(");
        if (character) {
            charset = c.charset != null ? c.charset : t.charset != null ? t.charset : mysqlDatabaseCharset;
            collation = c.collation != null
                    ? c.collation
                    : c.binaryCollation
                            ? charset + "_bin"
                            : c.charset == null && t.collation != null ? t.collation : defaultCollation(charset);
        }
        if (c.onUpdate == null && charset == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (c.onUpdate != null) {
            parts.add("on update " + c.onUpdate);
        }
        if (charset != null) {
            parts.add("charset " + charset);
            parts.add("collate " + collation);
        }
        unmodelled.put("column attributes " + t.name + "." + c.name, String.join(" ", parts));
    }

    /** MariaDB's default collation of a character set. */
    private static String defaultCollation(String charset) {
        return switch (charset) {
            case "latin1" -> "latin1_swedish_ci";
            case "binary" -> "binary";
            case "ascii" -> "ascii_general_ci";
            case "ucs2", "utf16", "utf32", "utf8mb3", "utf8mb4" -> charset + "_general_ci";
            default -> charset + "_general_ci";
        };
    }
}
