package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    private static String run() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoListsEveryModule() {
        String out = run();

        for (String artifact : new String[] {
            "backendkit-core", "backendkit-codegen", "backendkit-schema", "backendkit-loadgen", "backendkit-decision"
        }) {
            assertThat(out).contains(artifact);
        }
    }

    @Test
    void demoMigratesLintsAndRollsBack() {
        String out = run();

        assertThat(out)
                .contains("schema version none -> 2 (2 migration(s))")
                .contains("UP V2__link_orders_to_customers.sql")
                .contains("TABLE_WITHOUT_PRIMARY_KEY")
                .contains("MONEY_AS_FLOAT")
                .contains("schema version 2 -> 1 (1 migration(s))");
    }

    @Test
    void demoRecommendsWithoutApproving() {
        String out = run();

        assertThat(out).contains("== decision").contains("jvm-modular-monolith").containsIgnoringCase("approv");
    }
}
