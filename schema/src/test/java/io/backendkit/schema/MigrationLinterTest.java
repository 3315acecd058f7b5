package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.internal.migrate.MigrationFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationLinterTest {

    private static List<Finding> lint(Dialect dialect, String up) {
        MigrationScript script = MigrationFiles.parse(
                "V7__change.sql", "test", "-- migrate:up\n" + up + "\n-- migrate:down\nSELECT 1;\n");
        return new MigrationLinter(dialect).lint(script);
    }

    private static List<String> codes(Dialect dialect, String up) {
        return lint(dialect, up).stream().map(Finding::code).toList();
    }

    @Test
    void aDownSectionThatRecreatesDroppedTablesAndColumnsSaysTheDataIsNotRestored() {
        MigrationScript script = MigrationFiles.parse("V8__drop.sql", "test", """
                -- migrate:up
                DROP TABLE audit_log CASCADE;
                ALTER TABLE users DROP COLUMN legacy_id, ADD COLUMN nick TEXT;
                -- migrate:down
                ALTER TABLE users ADD COLUMN legacy_id BIGINT, DROP COLUMN nick;
                CREATE TABLE audit_log (id BIGINT PRIMARY KEY);
                CREATE TABLE unrelated (id BIGINT);
                """);

        List<Finding> findings = new MigrationLinter(Dialect.POSTGRESQL)
                .lint(script).stream()
                        .filter(f -> f.code().equals("DOWN_DOES_NOT_RESTORE_DATA"))
                        .toList();

        assertThat(findings)
                .extracting(Finding::location, Finding::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "V8__drop.sql:5",
                                "adds column users.legacy_id again, without the values the up section dropped"),
                        org.assertj.core.groups.Tuple.tuple(
                                "V8__drop.sql:6",
                                "creates table audit_log again, empty: the rows the up section dropped are not brought"
                                        + " back by a rollback"));
        assertThat(findings).allMatch(f -> f.severity() == Severity.WARNING);
    }

    @Test
    void aDownSectionForAMigrationThatDropsNothingRaisesNoDataWarning() {
        MigrationScript script = MigrationFiles.parse(
                "V9__add.sql",
                "test",
                "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE a;\nCREATE TABLE a_old (id INT);\n");

        assertThat(new MigrationLinter(Dialect.POSTGRESQL).lint(script))
                .extracting(Finding::code)
                .doesNotContain("DOWN_DOES_NOT_RESTORE_DATA");
    }

    @Test
    void dropsAreDestructive() {
        List<Finding> findings =
                lint(Dialect.POSTGRESQL, "DROP TABLE IF EXISTS orders;\nALTER TABLE users DROP COLUMN email;");

        assertThat(findings).extracting(Finding::code).containsExactly("DROP_TABLE", "DROP_COLUMN");
        assertThat(findings.get(0).location()).isEqualTo("V7__change.sql:2");
        assertThat(findings.get(1).location()).isEqualTo("V7__change.sql:3");
        assertThat(findings.get(1).message()).contains("users.email");
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE users DROP CONSTRAINT fk_x, DROP DEFAULT;"))
                .isEmpty();
    }

    @Test
    void indexBuildsOnExistingPostgresTablesShouldBeConcurrent() {
        List<Finding> findings = lint(Dialect.POSTGRESQL, "CREATE INDEX idx_users_email ON users (email);");

        assertThat(findings).extracting(Finding::code).containsExactly("BLOCKING_INDEX_BUILD");
        assertThat(findings.get(0).suggestedFix())
                .startsWith("CREATE INDEX CONCURRENTLY idx_users_email ON users (email)");
        assertThat(codes(Dialect.POSTGRESQL, "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);"))
                .isEmpty();
        assertThat(codes(Dialect.POSTGRESQL, "CREATE TABLE users (email TEXT);\nCREATE INDEX i ON users (email);"))
                .as("a table created in the same migration is empty")
                .isEmpty();
        assertThat(codes(Dialect.MYSQL, "CREATE INDEX idx_users_email ON users (email);"))
                .isEmpty();
    }

    @Test
    void enumLabelAddedInATransactionOrWithOtherStatementsIsFlagged() {
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TYPE \"odd \"\"m\"\"\" ADD VALUE 'x' AFTER 'y';"))
                .isEmpty();
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TYPE mood ADD VALUE 'x';\nALTER TABLE t ADD COLUMN m mood;"))
                .containsExactly("ENUM_VALUE_NOT_ALONE");
        assertThat(codes(Dialect.POSTGRESQL, "BEGIN;\nALTER TYPE mood ADD VALUE 'x';\nCOMMIT;"))
                .contains("ENUM_VALUE_IN_TRANSACTION", "ENUM_VALUE_NOT_ALONE");
        assertThat(codes(Dialect.MYSQL, "ALTER TYPE mood ADD VALUE 'x';\nSELECT 1;"))
                .isEmpty();
    }

    @Test
    void concurrentlyInsideATransactionIsAnError() {
        assertThat(codes(Dialect.POSTGRESQL, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (c);\nCOMMIT;"))
                .contains("CONCURRENTLY_IN_TRANSACTION", "CONCURRENTLY_NOT_ALONE");
        assertThat(codes(Dialect.POSTGRESQL, "CREATE INDEX CONCURRENTLY i ON t (c);"))
                .isEmpty();
    }

    @Test
    void typeChangesRewriteTables() {
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE t ALTER COLUMN c TYPE BIGINT;"))
                .containsExactly("TABLE_REWRITE");
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE t ALTER COLUMN c SET DATA TYPE BIGINT;"))
                .containsExactly("TABLE_REWRITE");
        assertThat(codes(Dialect.MYSQL, "ALTER TABLE t MODIFY COLUMN c BIGINT;"))
                .containsExactly("TABLE_REWRITE");
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE t ALTER COLUMN c SET DEFAULT 0;"))
                .isEmpty();
    }

    @Test
    void notNullColumnWithoutDefaultOnExistingTableIsAnError() {
        List<Finding> findings = lint(Dialect.MYSQL, "ALTER TABLE users ADD COLUMN tier VARCHAR(10) NOT NULL;");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("NOT_NULL_WITHOUT_DEFAULT");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("users.tier");
        });
        assertThat(codes(Dialect.MYSQL, "ALTER TABLE users ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'free';"))
                .isEmpty();
        assertThat(codes(Dialect.MYSQL, "ALTER TABLE users ADD COLUMN note TEXT;"))
                .isEmpty();
        assertThat(codes(Dialect.MYSQL, "CREATE TABLE users (id INT);\nALTER TABLE users ADD COLUMN t INT NOT NULL;"))
                .isEmpty();
    }

    @Test
    void postgresLockHeavyConstraintChanges() {
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE t ALTER COLUMN c SET NOT NULL;"))
                .containsExactly("SET_NOT_NULL");
        assertThat(codes(
                        Dialect.POSTGRESQL,
                        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);"))
                .containsExactly("FK_WITHOUT_NOT_VALID");
        assertThat(codes(
                        Dialect.POSTGRESQL,
                        "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"))
                .isEmpty();
    }

    @Test
    void renamesBreakRunningCode() {
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE users RENAME COLUMN mail TO email;"))
                .containsExactly("RENAME");
        assertThat(codes(Dialect.POSTGRESQL, "ALTER TABLE users RENAME TO accounts;"))
                .containsExactly("RENAME");
        assertThat(codes(Dialect.MYSQL, "RENAME TABLE users TO accounts;")).containsExactly("RENAME");
    }

    @Test
    void missingDownSectionIsReported() {
        MigrationScript script = MigrationFiles.parse("V1__a.sql", "t", "-- migrate:up\nCREATE TABLE a (id INT);\n");

        assertThat(new MigrationLinter(Dialect.H2).lint(script))
                .extracting(Finding::code)
                .containsExactly("MISSING_DOWN_SECTION");
    }

    @Test
    void keywordsInsideStringsAndCommentsDoNotTrigger() {
        assertThat(codes(Dialect.POSTGRESQL, "-- DROP TABLE users;\nINSERT INTO log VALUES ('DROP TABLE users');"))
                .isEmpty();
    }

    @Test
    void unterminatedSqlIsAnErrorFinding() {
        assertThat(lint(Dialect.POSTGRESQL, "SELECT 'oops;")).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("UNPARSEABLE");
            assertThat(f.location()).isEqualTo("V7__change.sql:2");
        });
        assertThatThrownBy(() -> new MigrationLinter(null)).hasMessage("dialect must not be null");
    }
}
