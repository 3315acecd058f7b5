package io.backendkit.schema;

/**
 * One difference between two catalogs, as {@link SchemaDiff} finds it. Every change names the table
 * it belongs to; {@link #describe()} says what it does in a line.
 */
public sealed interface SchemaChange {

    /**
     * The table the change applies to: for a view change the view, for a trigger the table (or view) it is on, for a
     * function or procedure the routine itself.
     *
     * @return the name, without schema
     */
    String table();

    /**
     * One line, e.g. {@code add column orders.note}.
     *
     * @return a lower-case description naming the table and the object changed
     */
    String describe();

    /**
     * A table to create, with columns, primary key, unique and check constraints (indexes and FKs follow).
     *
     * @param definition the table as the target has it
     */
    record CreateTable(Table definition) implements SchemaChange {
        @Override
        public String table() {
            return definition.name();
        }

        @Override
        public String describe() {
            return "create table " + definition.name();
        }
    }

    /**
     * A table to drop.
     *
     * @param definition the table as the current catalog has it
     */
    record DropTable(Table definition) implements SchemaChange {
        @Override
        public String table() {
            return definition.name();
        }

        @Override
        public String describe() {
            return "drop table " + definition.name();
        }
    }

    /**
     * A column to add.
     *
     * @param table the name of the table the change applies to
     * @param column the column to add, as the target has it
     */
    record AddColumn(String table, Column column) implements SchemaChange {
        @Override
        public String describe() {
            return "add column " + table + "." + column.name();
        }
    }

    /**
     * A column to drop.
     *
     * @param table the name of the table the change applies to
     * @param column the column to drop, as the current catalog has it
     */
    record DropColumn(String table, Column column) implements SchemaChange {
        @Override
        public String describe() {
            return "drop column " + table + "." + column.name();
        }
    }

    /**
     * A column whose type, nullability or default changes.
     *
     * @param table the name of the table the change applies to
     * @param from the column as the current catalog has it
     * @param to the column as the target has it
     */
    record AlterColumn(String table, Column from, Column to) implements SchemaChange {
        @Override
        public String describe() {
            return "alter column " + table + "." + to.name() + " (" + from.nativeType()
                    + (from.nullable() ? "" : " not null") + " -> " + to.nativeType()
                    + (to.nullable() ? "" : " not null") + ")";
        }
    }

    /**
     * A primary key to add.
     *
     * @param table the name of the table the change applies to
     * @param key the key to add
     */
    record AddPrimaryKey(String table, PrimaryKey key) implements SchemaChange {
        @Override
        public String describe() {
            return "add primary key " + table + " " + key.columns();
        }
    }

    /**
     * A primary key to drop.
     *
     * @param table the name of the table the change applies to
     * @param key the key to drop
     */
    record DropPrimaryKey(String table, PrimaryKey key) implements SchemaChange {
        @Override
        public String describe() {
            return "drop primary key " + table;
        }
    }

    /**
     * A foreign key to add.
     *
     * @param table the name of the table the change applies to
     * @param key the key to add
     */
    record AddForeignKey(String table, ForeignKey key) implements SchemaChange {
        @Override
        public String describe() {
            return "add foreign key " + table + "." + key.name();
        }
    }

    /**
     * A foreign key to drop.
     *
     * @param table the name of the table the change applies to
     * @param key the key to drop
     */
    record DropForeignKey(String table, ForeignKey key) implements SchemaChange {
        @Override
        public String describe() {
            return "drop foreign key " + table + "." + key.name();
        }
    }

    /**
     * A unique constraint to add.
     *
     * @param table the name of the table the change applies to
     * @param constraint the constraint to add
     */
    record AddUnique(String table, UniqueConstraint constraint) implements SchemaChange {
        @Override
        public String describe() {
            return "add unique " + table + "." + constraint.name();
        }
    }

    /**
     * A unique constraint to drop.
     *
     * @param table the name of the table the change applies to
     * @param constraint the constraint to drop
     */
    record DropUnique(String table, UniqueConstraint constraint) implements SchemaChange {
        @Override
        public String describe() {
            return "drop unique " + table + "." + constraint.name();
        }
    }

    /**
     * A check constraint to add.
     *
     * @param table the name of the table the change applies to
     * @param constraint the constraint to add
     */
    record AddCheck(String table, CheckConstraint constraint) implements SchemaChange {
        @Override
        public String describe() {
            return "add check " + table + "." + constraint.name();
        }
    }

    /**
     * A check constraint to drop.
     *
     * @param table the name of the table the change applies to
     * @param constraint the constraint to drop
     */
    record DropCheck(String table, CheckConstraint constraint) implements SchemaChange {
        @Override
        public String describe() {
            return "drop check " + table + "." + constraint.name();
        }
    }

    /**
     * An index to create.
     *
     * @param table the name of the table the change applies to
     * @param index the index to create
     */
    record CreateIndex(String table, Index index) implements SchemaChange {
        @Override
        public String describe() {
            return "create index " + index.name() + " on " + table;
        }
    }

    /**
     * An index to drop.
     *
     * @param table the name of the table the change applies to
     * @param index the index to drop
     */
    record DropIndex(String table, Index index) implements SchemaChange {
        @Override
        public String describe() {
            return "drop index " + index.name() + " on " + table;
        }
    }

    /**
     * A table or column comment to set (or remove, when {@code comment} is null). MySQL carries a column's comment in
     * its definition, so there this change is only made for table comments.
     *
     * @param table the name of the table the change applies to
     * @param column the column whose comment changes, or null for the table's own comment
     * @param comment the comment the target has, or null to remove it
     */
    record SetComment(String table, String column, String comment) implements SchemaChange {
        @Override
        public String describe() {
            return "set comment on " + (column == null ? "table " + table : "column " + table + "." + column);
        }
    }

    /**
     * A view to create, after every table change: one only the target has, one whose definition changes, or one that
     * reads a column whose type changes or which is dropped (recreated from the target's definition).
     *
     * @param view the view as the target has it
     */
    record CreateView(View view) implements SchemaChange {
        @Override
        public String table() {
            return view.name();
        }

        @Override
        public String describe() {
            return "create " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    /**
     * A view to drop, before every table change: one the target does not have, one whose definition changes, or one
     * that reads a column whose type changes or which is dropped (it is created again afterwards).
     *
     * @param view the view as the current catalog has it
     */
    record DropView(View view) implements SchemaChange {
        @Override
        public String table() {
            return view.name();
        }

        @Override
        public String describe() {
            return "drop " + (view.materialized() ? "materialized " : "") + "view " + view.name();
        }
    }

    /**
     * A trigger to create, after every table and view change. Triggers are compared by the definition the server
     * prints (PostgreSQL {@code pg_get_triggerdef}; MySQL timing, event and statement), without the schema's name.
     *
     * @param table the table (or view) the trigger is on
     * @param name the trigger's name
     * @param definition the definition as the target's catalog holds it
     */
    record CreateTrigger(String table, String name, String definition) implements SchemaChange {
        @Override
        public String describe() {
            return "create trigger " + table + "." + name;
        }
    }

    /**
     * A trigger to drop (one the target does not have, or whose definition differs), before every table change.
     *
     * @param table the table (or view) the trigger is on
     * @param name the trigger's name
     * @param definition the definition as the current catalog holds it
     */
    record DropTrigger(String table, String name, String definition) implements SchemaChange {
        @Override
        public String describe() {
            return "drop trigger " + table + "." + name;
        }
    }

    /**
     * A function or procedure to create, after the table changes and before views and triggers (which may use it).
     * PostgreSQL: compared by {@code pg_get_functiondef} without the schema's name, written as that {@code CREATE OR
     * REPLACE} statement. MySQL/MariaDB: compared by the body the server keeps, written as a {@code CREATE} statement
     * built from {@code information_schema} (a changed routine is dropped first).
     *
     * @param name the routine's name
     * @param arguments its identity arguments as PostgreSQL prints them, e.g. {@code p_film_id integer}; empty on MySQL
     * @param definition the {@code CREATE [OR REPLACE] FUNCTION} (or {@code PROCEDURE}) statement
     */
    record CreateFunction(String name, String arguments, String definition) implements SchemaChange {
        /**
         * The routine's name (a routine belongs to no table).
         *
         * @return the name
         */
        @Override
        public String table() {
            return name;
        }

        @Override
        public String describe() {
            String head = definition.strip().toLowerCase(java.util.Locale.ROOT);
            return (head.startsWith("create or replace ") ? "create or replace " : "create ")
                    + (head.matches("(?s)create (or replace )?procedure .*") ? "procedure " : "function ") + name + "("
                    + arguments + ")";
        }
    }

    /**
     * A function or procedure the target does not have, dropped after every other change (on MySQL/MariaDB also one
     * whose body changes, dropped just before it is created again).
     *
     * @param name the routine's name
     * @param arguments its identity arguments as PostgreSQL prints them; empty on MySQL
     * @param procedure whether it is a procedure
     */
    record DropFunction(String name, String arguments, boolean procedure) implements SchemaChange {
        /**
         * The routine's name (a routine belongs to no table).
         *
         * @return the name
         */
        @Override
        public String table() {
            return name;
        }

        @Override
        public String describe() {
            return "drop " + (procedure ? "procedure " : "function ") + name + "(" + arguments + ")";
        }
    }
}
