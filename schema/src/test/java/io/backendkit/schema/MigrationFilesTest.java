package io.backendkit.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.schema.internal.migrate.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTest {

    @TempDir
    Path dir;

    private MigrationScript parse(String name, String content) {
        return MigrationFiles.parse(name, "test:" + name, content);
    }

    @Test
    void parsesSectionsVersionDescriptionAndLines() {
        MigrationScript s = parse(
                "V2_1__add_users_table.sql",
                "-- header comment\r\n-- migrate:up\r\nCREATE TABLE users (id INT);\r\n\r\n-- migrate:down\r\nDROP TABLE users;\r\n");

        assertThat(s.version()).isEqualTo(MigrationVersion.of("2.1"));
        assertThat(s.description()).isEqualTo("add users table");
        assertThat(s.up()).isEqualTo("CREATE TABLE users (id INT);\n");
        assertThat(s.upLine()).isEqualTo(3);
        assertThat(s.down()).isEqualTo("DROP TABLE users;\n");
        assertThat(s.downLine()).isEqualTo(6);
        assertThat(s.checksum())
                .isEqualTo(parse(
                                "V2_1__add_users_table.sql",
                                "-- header comment\n-- migrate:up\nCREATE TABLE users (id INT);\n\n-- migrate:down\nDROP TABLE users;\n")
                        .checksum());
    }

    @Test
    void versionsCompareNumerically() {
        assertThat(MigrationVersion.of("10")).isGreaterThan(MigrationVersion.of("9"));
        assertThat(MigrationVersion.of("1.10")).isGreaterThan(MigrationVersion.of("1.9"));
        assertThat(MigrationVersion.of("1.0"))
                .isEqualTo(MigrationVersion.of("1"))
                .hasSameHashCodeAs(MigrationVersion.of("1"));
        assertThatThrownBy(() -> MigrationVersion.of("1a")).hasMessageContaining("'1a'");
    }

    @Test
    void badFilesAreRejectedWithFileAndLine() {
        assertThatThrownBy(() -> parse("V1__x.sql", "-- migrate:down\nDROP TABLE t;"))
                .isInstanceOf(MigrationException.class)
                .hasMessage("V1__x.sql: no up section: the file has a '-- migrate:down' line but no '-- migrate:up'"
                        + " line before its SQL");
        assertThatThrownBy(() -> parse("V1__x.sql", "DROP TABLE a;\n-- migrate:up\nSELECT 1;"))
                .hasMessageStartingWith("V1__x.sql:1: SQL before the '-- migrate:up' marker");
        assertThatThrownBy(() -> parse("V1__x.sql", "-- migrate:up\n-- only a comment\n-- migrate:down\nSELECT 1;"))
                .hasMessage("V1__x.sql:1: the up section has no SQL");
        assertThatThrownBy(() -> parse("V1__x.sql", "-- migrate:down\nSELECT 1;\n-- migrate:up\nSELECT 2;"))
                .hasMessage("V1__x.sql:1: the down section comes before the up section");
        assertThatThrownBy(() -> parse("V1__x.sql", "-- migrate:up\nSELECT 1;\n-- migrate:up\nSELECT 2;"))
                .hasMessage("V1__x.sql:3: second '-- migrate:up' marker (the first is on line 1)");
        assertThatThrownBy(() -> parse("1_x.sql", "-- migrate:up\nSELECT 1;"))
                .hasMessageContaining("test:1_x.sql")
                .hasMessageContaining("V<version>__<description>.sql");
    }

    @Test
    void directoryProblemsAreAllReportedAtOnce() throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), "-- migrate:up\nSELECT 1;");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/V1__b.sql"), "-- migrate:up\nSELECT 2;");
        Files.writeString(dir.resolve("V2__c.sql"), "-- migrate:down\nSELECT 3;");
        Files.write(dir.resolve("V3__d.sql"), new byte[] {'-', '-', ' ', (byte) 0xff, '\n'});
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        assertThatThrownBy(() -> MigrationFiles.load(
                        List.of("filesystem:" + dir), getClass().getClassLoader()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("V1__b.sql: version 1 is also used by filesystem:" + dir.resolve("V1__a.sql"))
                .hasMessageContaining("V2__c.sql: no up section")
                .hasMessageContaining("V3__d.sql: is not valid UTF-8");
    }

    @Test
    void flywayCallbackFilesAreNamedAsSuchNotAsBadMigrationNames() throws IOException {
        Files.writeString(dir.resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("beforeMigrate.sql"), "SELECT 2;");
        Files.writeString(dir.resolve("afterEachMigrate__notify.sql"), "SELECT 3;");
        Files.writeString(dir.resolve("before_everything.sql"), "SELECT 4;");
        assertThatThrownBy(() -> MigrationFiles.load(
                        List.of("filesystem:" + dir), getClass().getClassLoader()))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("3 problem(s)")
                .hasMessageContaining("beforeMigrate.sql: is a Flyway callback; backendkit runs no callbacks")
                .hasMessageContaining("afterEachMigrate__notify.sql: is a Flyway callback")
                .hasMessageContaining("before_everything.sql: migration file names must look like");
    }

    @Test
    void missingDirectoryAndClasspathLocationAreNamed() {
        assertThatThrownBy(() -> MigrationFiles.load(
                        List.of("filesystem:" + dir.resolve("nope")), getClass().getClassLoader()))
                .hasMessageContaining("nope")
                .hasMessageContaining("is not a readable directory");
        assertThatThrownBy(() -> MigrationFiles.load(
                        List.of("classpath:no/such/dir"), getClass().getClassLoader()))
                .hasMessage("classpath:no/such/dir: not found on the class path");
    }

    @Test
    void classpathLocationsLoadInVersionOrder() {
        List<MigrationScript> scripts =
                MigrationFiles.load(List.of("classpath:db/sample"), getClass().getClassLoader());

        assertThat(scripts)
                .extracting(MigrationScript::fileName)
                .containsExactly("V1__create_items.sql", "V10__add_price.sql");
        assertThat(scripts.get(0).source()).isEqualTo("classpath:db/sample/V1__create_items.sql");
    }
}
