package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.SchemaChange.DropColumn;
import io.backendkit.schema.SchemaChange.DropTable;
import io.backendkit.schema.TestDatabase.Target;
import io.backendkit.schema.internal.migrate.MigrationFiles;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A generated migration drops tables and columns only after every additive step, marks a NOT NULL column without a
 * default as a backfill the linter reports as an error, and says in its down section which data cannot come back.
 */
class DataRespectingDiffTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(
            value = Target.class,
            names = {"POSTGRESQL", "MARIADB"})
    void destructiveStepsRunLastAndAFailureBeforeThemKeepsEveryRow(Target target) throws Exception {
        Dialect d = target == Target.POSTGRESQL ? Dialect.POSTGRESQL : Dialect.MYSQL;
        try (TestDatabase db = TestDatabase.open(target, temp)) {
            db.execute("CREATE TABLE keep_me (id INT PRIMARY KEY, v INT)");
            db.execute("CREATE TABLE gone (id INT PRIMARY KEY, note VARCHAR(20))");
            db.execute("CREATE TABLE t (id INT PRIMARY KEY, old_col INT)");
            db.execute("INSERT INTO keep_me VALUES (1, 7), (2, 7)"); // duplicates: the new UNIQUE below fails
            db.execute("INSERT INTO gone VALUES (1, 'precious')");
            db.execute("INSERT INTO t VALUES (1, 42)");
            Catalog live = Schema.connect(db.dataSource).read();
            Catalog wanted = TargetSchema.fromSql(
                    db.dataSource,
                    "CREATE TABLE keep_me (id INT PRIMARY KEY, v INT, CONSTRAINT uq_keep_me_v UNIQUE (v));\n"
                            + "CREATE TABLE t (id INT PRIMARY KEY, new_col INT NOT NULL, other INT);\n"
                            + "CREATE TABLE fresh (id INT PRIMARY KEY);\n",
                    "target.sql");
            SchemaDiff diff = SchemaDiff.between(live, wanted);

            List<SchemaChange> changes = diff.changes();
            int firstDrop = -1;
            for (int i = 0; i < changes.size(); i++) {
                boolean destructive = changes.get(i) instanceof DropTable || changes.get(i) instanceof DropColumn;
                if (destructive && firstDrop < 0) {
                    firstDrop = i;
                }
                if (!destructive && firstDrop >= 0) {
                    throw new AssertionError("an additive step after a drop: " + changes);
                }
            }
            assertThat(firstDrop).isPositive();

            String migration = diff.toMigration();
            String down = migration.substring(migration.indexOf(MigrationScript.DOWN_MARKER));
            assertThat(migration).contains("-- BACKFILL NEEDED: t.new_col is added NOT NULL without a default");
            assertThat(down)
                    .contains("-- DATA NOT RESTORED: the up section dropped table gone with its rows")
                    .contains("-- DATA NOT RESTORED: the up section dropped column t.old_col with its values");
            List<Finding> lint = new MigrationLinter(d)
                    .lint(MigrationFiles.parse("V2__to_target.sql", "test:V2__to_target.sql", migration));
            assertThat(lint)
                    .filteredOn(f -> f.code().equals("NOT_NULL_WITHOUT_DEFAULT"))
                    .singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));

            // run it as it is: the UNIQUE on duplicated data fails, and nothing was dropped before it
            SQLException failed = null;
            for (String s : diff.upStatements()) {
                try {
                    db.execute(s);
                } catch (SQLException e) {
                    failed = e;
                    break;
                }
            }
            assertThat(failed != null)
                    .as("the unique constraint on duplicated values fails")
                    .isTrue();
            assertThat(db.count("SELECT COUNT(*) FROM gone WHERE note = 'precious'"))
                    .isEqualTo(1);
            assertThat(db.count("SELECT old_col FROM t WHERE id = 1")).isEqualTo(42);
            assertThat(db.count("SELECT COUNT(*) FROM keep_me")).isEqualTo(2);
        }
    }
}
