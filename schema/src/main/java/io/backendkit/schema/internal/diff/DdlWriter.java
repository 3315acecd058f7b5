package io.backendkit.schema.internal.diff;

import io.backendkit.schema.Column;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.ForeignKey;
import io.backendkit.schema.Index;
import io.backendkit.schema.SchemaChange;
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
import io.backendkit.schema.SchemaException;
import io.backendkit.schema.Table;
import io.backendkit.schema.View;
import io.backendkit.schema.internal.sql.SqlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders {@link SchemaChange}s as DDL statements. Every name goes through {@link SqlWriter} (always quoted); index
 * expressions, predicates, check expressions and types are the text the database printed in its catalog; defaults are
 * the catalog readers' SQL text (string literals written again through {@link SqlWriter#literal}, expressions as printed).
 * Table names are written unqualified: a diff's DDL runs in the schema its migration is applied to.
 */
public final class DdlWriter {

    private final Dialect dialect;
    private final SqlWriter sql;

    /** A writer for {@code dialect} (POSTGRESQL or MYSQL; others are written like PostgreSQL). */
    public DdlWriter(Dialect dialect) {
        this(dialect, Map.of());
    }

    /**
     * A writer for {@code dialect} that writes MySQL columns with the attributes the target catalog's {@link
     * io.backendkit.schema.Catalog#unmodelled()} holds for them ({@code column attributes table.column}: {@code ON
     * UPDATE}, character set, collation), so that {@code MODIFY} keeps them.
     */
    public DdlWriter(Dialect dialect, Map<String, String> unmodelled) {
        this.dialect = dialect;
        this.sql = SqlWriter.of(dialect);
        this.unmodelled = Map.copyOf(unmodelled);
    }

    private final Map<String, String> unmodelled;

    /** One statement per change, without terminating semicolons. */
    public List<String> write(List<SchemaChange> changes) {
        List<String> out = new ArrayList<>();
        for (SchemaChange c : changes) {
            out.add(write(c));
        }
        return out;
    }

    private String write(SchemaChange change) {
        boolean my = dialect == Dialect.MYSQL;
        return switch (change) {
            case CreateTable c -> createTable(c.definition());
            case DropTable d -> "DROP TABLE " + q(d.definition().name());
            case AddColumn a -> "ALTER TABLE " + q(a.table()) + " ADD COLUMN " + column(a.table(), a.column(), true);
            case DropColumn d ->
                "ALTER TABLE " + q(d.table()) + " DROP COLUMN " + q(d.column().name());
            case AlterColumn a -> alterColumn(a);
            case AddPrimaryKey a ->
                "ALTER TABLE " + q(a.table()) + " ADD "
                        + (my ? "" : "CONSTRAINT " + q(a.key().name()) + " ") + "PRIMARY KEY ("
                        + list(a.key().columns()) + ")";
            case DropPrimaryKey d ->
                "ALTER TABLE " + q(d.table())
                        + (my
                                ? " DROP PRIMARY KEY"
                                : " DROP CONSTRAINT " + q(d.key().name()));
            case AddForeignKey a -> "ALTER TABLE " + q(a.table()) + " ADD " + foreignKey(a.key());
            case DropForeignKey d ->
                "ALTER TABLE " + q(d.table()) + (my ? " DROP FOREIGN KEY " : " DROP CONSTRAINT ")
                        + q(d.key().name());
            case AddUnique a ->
                "ALTER TABLE " + q(a.table()) + " ADD CONSTRAINT "
                        + q(a.constraint().name()) + " UNIQUE ("
                        + list(a.constraint().columns()) + ")";
            case DropUnique d ->
                "ALTER TABLE " + q(d.table()) + (my ? " DROP INDEX " : " DROP CONSTRAINT ")
                        + q(d.constraint().name());
            case AddCheck a ->
                "ALTER TABLE " + q(a.table()) + " ADD CONSTRAINT "
                        + q(a.constraint().name()) + " CHECK (" + a.constraint().expression() + ")";
            case DropCheck d ->
                "ALTER TABLE " + q(d.table()) + " DROP CONSTRAINT "
                        + q(d.constraint().name());
            case CreateIndex c -> createIndex(c.table(), c.index());
            case DropIndex d -> "DROP INDEX " + q(d.index().name()) + (my ? " ON " + q(d.table()) : "");
            case SetComment c -> comment(c);
            case CreateView c -> createView(c.view());
            case DropView d ->
                "DROP " + (d.view().materialized() ? "MATERIALIZED " : "") + "VIEW "
                        + q(d.view().name());
            case CreateTrigger c -> createTrigger(c);
            case DropTrigger d -> "DROP TRIGGER " + q(d.name()) + (my ? "" : " ON " + q(d.table()));
            case CreateFunction c -> c.definition().strip();
            case DropFunction d ->
                "DROP " + (d.procedure() ? "PROCEDURE " : "FUNCTION ") + q(d.name())
                        + (my ? "" : "(" + d.arguments() + ")");
            case SchemaChange.CreateEnumType c ->
                "CREATE TYPE " + q(c.type().name()) + " AS ENUM ("
                        + c.type().labels().stream().map(sql::literal).collect(Collectors.joining(", ")) + ")";
            case SchemaChange.DropEnumType d -> "DROP TYPE " + q(d.type().name());
            case SchemaChange.AddEnumLabel a ->
                "ALTER TYPE " + q(a.type()) + " ADD VALUE " + sql.literal(a.label())
                        + (a.before() != null
                                ? " BEFORE " + sql.literal(a.before())
                                : a.after() != null ? " AFTER " + sql.literal(a.after()) : "");
            case SchemaChange.CreateDomain c -> createDomain(c.domain());
            case SchemaChange.DropDomain d -> "DROP DOMAIN " + q(d.domain().name());
            case SchemaChange.SetDomainDefault s ->
                "ALTER DOMAIN " + q(s.domain())
                        + (s.defaultValue() == null ? " DROP DEFAULT" : " SET DEFAULT " + s.defaultValue());
            case SchemaChange.SetDomainNotNull s ->
                "ALTER DOMAIN " + q(s.domain()) + (s.notNull() ? " SET NOT NULL" : " DROP NOT NULL");
            case SchemaChange.AddDomainCheck a ->
                "ALTER DOMAIN " + q(a.domain()) + " ADD CONSTRAINT "
                        + q(a.constraint().name()) + " CHECK " + a.constraint().expression();
            case SchemaChange.DropDomainCheck d ->
                "ALTER DOMAIN " + q(d.domain()) + " DROP CONSTRAINT "
                        + q(d.constraint().name());
        };
    }

    /**
     * {@code CREATE DOMAIN name AS type [DEFAULT ...] [NOT NULL] [CONSTRAINT name CHECK (...)]...}, the base type,
     * default and checks as the server printed them.
     */
    private String createDomain(io.backendkit.schema.Domain d) {
        StringBuilder out = new StringBuilder("CREATE DOMAIN ")
                .append(q(d.name()))
                .append(" AS ")
                .append(d.baseType());
        if (d.defaultValue() != null) {
            out.append(" DEFAULT ").append(d.defaultValue());
        }
        if (d.notNull()) {
            out.append(" NOT NULL");
        }
        for (io.backendkit.schema.CheckConstraint c : d.checks()) {
            out.append(" CONSTRAINT ").append(q(c.name())).append(" CHECK ").append(c.expression());
        }
        return out.toString();
    }

    /**
     * {@code CREATE VIEW name AS query}, the query as the server printed it, with the view's own schema taken out of
     * its names (MySQL qualifies every name), so it is created in the schema the migration runs in.
     */
    private String createView(View v) {
        if (v.definition() == null) {
            throw new SchemaException("view " + v.name(), "its definition was not read: write this step by hand");
        }
        String options = unmodelled.get("view options " + v.name());
        if (options == null) {
            return "CREATE " + (v.materialized() ? "MATERIALIZED " : "") + "VIEW " + q(v.name()) + " AS "
                    + viewQuery(v);
        }
        if (dialect == Dialect.MYSQL) {
            // "check cascaded|local" and "security invoker", as the catalog reader wrote them
            Matcher check = Pattern.compile("check (cascaded|local)").matcher(options);
            return "CREATE " + (options.contains("security invoker") ? "SQL SECURITY INVOKER " : "") + "VIEW "
                    + q(v.name()) + " AS " + viewQuery(v)
                    + (check.find()
                            ? " WITH " + check.group(1).toUpperCase(java.util.Locale.ROOT) + " CHECK OPTION"
                            : "");
        }
        // PostgreSQL reloptions as the server lists them (check_option=local, security_barrier=true, ...)
        return "CREATE " + (v.materialized() ? "MATERIALIZED " : "") + "VIEW " + q(v.name()) + " WITH (" + options
                + ") AS " + viewQuery(v);
    }

    /** MySQL's trigger parts (timing, event, statement) of the catalog's value. */
    private static final Pattern MYSQL_TRIGGER = Pattern.compile("(?s)^(BEFORE|AFTER) (INSERT|UPDATE|DELETE) (.+)$");

    /**
     * PostgreSQL: the server's own {@code CREATE TRIGGER} statement (names quoted by the server). MySQL: {@code CREATE
     * TRIGGER name timing event ON table FOR EACH ROW statement}, built from the catalog's parts.
     */
    private String createTrigger(CreateTrigger c) {
        if (dialect != Dialect.MYSQL) {
            return c.definition().strip();
        }
        Matcher m = MYSQL_TRIGGER.matcher(c.definition().strip());
        if (!m.matches()) {
            throw new SchemaException(
                    "trigger " + c.table() + "." + c.name(),
                    "cannot read its timing and event: write this step by hand");
        }
        return "CREATE TRIGGER " + q(c.name()) + " " + m.group(1) + " " + m.group(2) + " ON " + q(c.table())
                + " FOR EACH ROW " + m.group(3);
    }

    /**
     * A view's query without its own schema's qualifier, surrounding blanks and a trailing semicolon.
     *
     * @param v the view
     * @return the query text
     */
    public static String viewQuery(View v) {
        String d = v.definition().strip();
        if (v.schema() != null) {
            d = d.replace("`" + v.schema().replace("`", "``") + "`.", "")
                    .replace("\"" + v.schema().replace("\"", "\"\"") + "\".", "");
            if (v.schema().matches("[A-Za-z_][A-Za-z0-9_$]*")) {
                d = d.replaceAll("(?<![\\w$\"`.])" + Pattern.quote(v.schema()) + "\\.(?=[A-Za-z_\"`])", "");
            }
        }
        while (d.endsWith(";")) {
            d = d.substring(0, d.length() - 1).strip();
        }
        return d;
    }

    private String createTable(Table t) {
        List<String> parts = new ArrayList<>();
        t.columns().forEach(c -> parts.add(column(t.name(), c, false)));
        if (t.primaryKey() != null) {
            parts.add((dialect == Dialect.MYSQL
                            ? ""
                            : "CONSTRAINT " + q(t.primaryKey().name()) + " ") + "PRIMARY KEY ("
                    + list(t.primaryKey().columns()) + ")");
        }
        t.uniqueConstraints()
                .forEach(u -> parts.add("CONSTRAINT " + q(u.name()) + " UNIQUE (" + list(u.columns()) + ")"));
        t.checkConstraints().forEach(c -> parts.add("CONSTRAINT " + q(c.name()) + " CHECK (" + c.expression() + ")"));
        String bound = unmodelled.get("partition bound " + t.name());
        if (dialect == Dialect.POSTGRESQL && t.partitionOf() != null && bound != null) {
            // the columns come from the parent; only the partition's own constraints are written
            List<String> own = parts.subList(t.columns().size(), parts.size());
            return "CREATE TABLE " + q(t.name()) + " PARTITION OF "
                    + q(t.partitionOf().name()) + (own.isEmpty() ? "" : " (\n  " + String.join(",\n  ", own) + "\n)")
                    + " " + bound;
        }
        String key = unmodelled.get("partition key " + t.name());
        return "CREATE TABLE " + q(t.name()) + " (\n  " + String.join(",\n  ", parts) + "\n)"
                + (dialect == Dialect.POSTGRESQL && t.partitioned() && key != null ? " PARTITION BY " + key : "");
    }

    private String comment(SetComment c) {
        String text = c.comment() == null ? (dialect == Dialect.MYSQL ? "''" : "NULL") : sql.literal(c.comment());
        if (c.column() == null) {
            return dialect == Dialect.MYSQL
                    ? "ALTER TABLE " + q(c.table()) + " COMMENT = " + text
                    : "COMMENT ON TABLE " + q(c.table()) + " IS " + text;
        }
        // MySQL has no statement for a column's comment alone: the diff writes it into MODIFY COLUMN instead
        return "COMMENT ON COLUMN " + q(c.table()) + "." + q(c.column()) + " IS " + text;
    }

    private static final Pattern ON_UPDATE = Pattern.compile("on update (.+?)(?= charset | collate |$)");
    private static final Pattern CHARSET = Pattern.compile("(?:^| )charset ([A-Za-z0-9_]+)");
    private static final Pattern COLLATE = Pattern.compile("(?:^| )collate ([A-Za-z0-9_]+)");

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** An {@code ON UPDATE} expression is written only when it is a timestamp function, as the server printed it. */
    private static final Pattern TIMESTAMP_FUNCTION =
            Pattern.compile("(?i)(current_timestamp|now|localtimestamp|localtime)(\\(\\d?\\))?");

    private String column(String table, Column c, boolean standalone) {
        if (dialect == Dialect.MYSQL) {
            return mysqlColumn(table, c, standalone);
        }
        return column(c, standalone);
    }

    /**
     * A MySQL/MariaDB column definition with everything the column has: type, character set and collation,
     * generation, {@code AUTO_INCREMENT}, default, nullability, {@code ON UPDATE} and comment.
     */
    private String mysqlColumn(String table, Column c, boolean standalone) {
        String attributes = unmodelled.getOrDefault("column attributes " + table + "." + c.name(), "");
        StringBuilder s = new StringBuilder(q(c.name())).append(' ').append(c.nativeType());
        String charset = group(CHARSET, attributes);
        String collate = group(COLLATE, attributes);
        if (charset != null) {
            s.append(" CHARACTER SET ").append(charset);
        }
        if (collate != null) {
            s.append(" COLLATE ").append(collate);
        }
        if (c.generatedExpression() != null) {
            s.append(" GENERATED ALWAYS AS (").append(c.generatedExpression()).append(")");
            s.append(attributes.contains("stored generated") ? " STORED" : " VIRTUAL");
        } else {
            if (c.identity()) {
                s.append(" AUTO_INCREMENT");
                if (standalone) {
                    s.append(" UNIQUE"); // MySQL wants a key on an auto-increment column added later
                }
            }
            if (c.defaultValue() != null) {
                s.append(" DEFAULT ").append(c.defaultValue());
            }
            s.append(c.nullable() ? " NULL" : " NOT NULL");
            String onUpdate = group(ON_UPDATE, attributes);
            if (onUpdate != null) {
                if (!TIMESTAMP_FUNCTION.matcher(onUpdate.strip()).matches()) {
                    throw new SchemaException(
                            table + "." + c.name(), "cannot write ON UPDATE " + onUpdate + ": write this step by hand");
                }
                s.append(" ON UPDATE ").append(onUpdate.strip());
            }
        }
        if (c.comment() != null) {
            s.append(" COMMENT ").append(sql.literal(c.comment()));
        }
        return s.toString();
    }

    private String column(Column c, boolean standalone) {
        StringBuilder s = new StringBuilder(q(c.name())).append(' ');
        if (dialect == Dialect.POSTGRESQL
                && c.identity()
                && c.defaultValue() != null
                && c.defaultValue().startsWith("nextval(")) {
            // a serial column: its sequence is created with it
            s.append(
                    c.type() == io.backendkit.schema.ColumnType.BIGINT
                            ? "bigserial"
                            : c.type() == io.backendkit.schema.ColumnType.SMALLINT ? "smallserial" : "serial");
            return s.toString();
        }
        s.append(c.nativeType());
        if (c.generatedExpression() != null) {
            s.append(" GENERATED ALWAYS AS (")
                    .append(c.generatedExpression())
                    .append(")")
                    .append(dialect == Dialect.MYSQL ? " VIRTUAL" : " STORED");
            return s.toString();
        }
        if (c.identity()) {
            s.append(dialect == Dialect.MYSQL ? " AUTO_INCREMENT" : " GENERATED BY DEFAULT AS IDENTITY");
            if (dialect == Dialect.MYSQL && standalone) {
                s.append(" UNIQUE"); // MySQL wants a key on an auto-increment column added later
            }
        }
        if (c.defaultValue() != null) {
            s.append(" DEFAULT ").append(c.defaultValue());
        }
        if (!c.nullable()) {
            s.append(" NOT NULL");
        }
        return s.toString();
    }

    private String alterColumn(AlterColumn a) {
        if (dialect == Dialect.MYSQL) {
            return "ALTER TABLE " + q(a.table()) + " MODIFY COLUMN " + column(a.table(), a.to(), false);
        }
        Column from = a.from();
        Column to = a.to();
        List<String> actions = new ArrayList<>();
        String col = q(to.name());
        if (!from.nativeType().equals(to.nativeType())) {
            actions.add("ALTER COLUMN " + col + " TYPE " + to.nativeType() + " USING " + col + "::" + to.nativeType());
        }
        if (!Objects.equals(from.defaultValue(), to.defaultValue())) {
            actions.add(
                    to.defaultValue() == null
                            ? "ALTER COLUMN " + col + " DROP DEFAULT"
                            : "ALTER COLUMN " + col + " SET DEFAULT " + to.defaultValue());
        }
        if (from.nullable() != to.nullable()) {
            actions.add("ALTER COLUMN " + col + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
        }
        if (from.identity() != to.identity()) {
            if (!to.identity()) {
                actions.add("ALTER COLUMN " + col + " DROP IDENTITY");
            } else if (dialect == Dialect.H2) {
                actions.add("ALTER COLUMN " + col + " SET GENERATED BY DEFAULT");
            } else {
                actions.add("ALTER COLUMN " + col + " ADD GENERATED BY DEFAULT AS IDENTITY");
            }
        }
        if (actions.isEmpty()) {
            // a difference this writer cannot express must not become an empty (or missing) statement
            throw new SchemaException(
                    a.table() + "." + to.name(),
                    "cannot write the change of this column (" + from.nativeType() + " -> " + to.nativeType()
                            + "; generated " + from.generatedExpression() + " -> " + to.generatedExpression()
                            + "): write this step by hand");
        }
        return "ALTER TABLE " + q(a.table()) + " " + String.join(", ", actions);
    }

    private String foreignKey(ForeignKey fk) {
        StringBuilder s = new StringBuilder("CONSTRAINT ")
                .append(q(fk.name()))
                .append(" FOREIGN KEY (")
                .append(list(fk.columns()))
                .append(") REFERENCES ")
                .append(fk.referencedSchema() == null ? "" : q(fk.referencedSchema()) + ".")
                .append(q(fk.referencedTable()))
                .append(" (")
                .append(list(fk.referencedColumns()))
                .append(")");
        if (fk.onDelete() != ForeignKey.ReferentialAction.NO_ACTION) {
            s.append(" ON DELETE ").append(fk.onDelete().sql());
        }
        if (fk.onUpdate() != ForeignKey.ReferentialAction.NO_ACTION) {
            s.append(" ON UPDATE ").append(fk.onUpdate().sql());
        }
        return s.toString();
    }

    private String createIndex(String table, Index ix) {
        if (dialect == Dialect.MYSQL && ix.method() != null && ix.method().equals("fulltext")) {
            return "CREATE FULLTEXT INDEX " + q(ix.name()) + " ON " + q(table) + " (" + sql.keyParts(ix) + ")";
        }
        StringBuilder s = new StringBuilder("CREATE ")
                .append(ix.unique() ? "UNIQUE " : "")
                .append("INDEX ")
                .append(q(ix.name()))
                .append(" ON ")
                .append(q(table));
        if (dialect != Dialect.MYSQL && ix.method() != null && !ix.method().equals("btree")) {
            s.append(" USING ").append(q(ix.method()));
        }
        s.append(" (").append(sql.keyParts(ix)).append(")");
        if (!ix.include().isEmpty()) {
            s.append(" INCLUDE (").append(list(ix.include())).append(")");
        }
        if (ix.predicate() != null) {
            s.append(" WHERE ").append(ix.predicate());
        }
        return s.toString();
    }

    private String list(List<String> names) {
        return names.stream().map(this::q).collect(Collectors.joining(", "));
    }

    private String q(String name) {
        return sql.id(name);
    }
}
