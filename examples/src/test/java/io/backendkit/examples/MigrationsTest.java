package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.Dialect;
import io.backendkit.schema.MigrationLinter;
import io.backendkit.schema.MigrationState;
import io.backendkit.schema.Migrator;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A test a team copies: the bundled migrations lint clean of errors, apply on an empty database, validate against
 * their files, and roll back to nothing.
 */
class MigrationsTest {

    @Test
    void bundledMigrationsLintMigrateValidateAndRollBack() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migrations_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Migrator migrator = Migrator.configure()
                .dataSource(h2)
                .locations("classpath:db/demo")
                .load();

        List<Finding> lint = new MigrationLinter(Dialect.H2).lint(migrator.scripts());
        assertThat(lint).filteredOn(f -> f.severity() == Severity.ERROR).isEmpty();

        assertThat(migrator.migrate().count()).isEqualTo(2);
        assertThat(migrator.validate()).isEqualTo(2);
        assertThat(migrator.status().in(MigrationState.APPLIED)).hasSize(2);

        migrator.rollback(2);
        assertThat(migrator.status().pending()).hasSize(2);
    }
}
