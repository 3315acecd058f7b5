package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    private static String output;

    /** The demo runs once (it compiles code and puts load on a server); the tests read its output. */
    private static synchronized String run() {
        if (output == null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            Demo.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            output = buffer.toString(StandardCharsets.UTF_8);
        }
        return output;
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

    @Test
    void demoGeneratesCompilesServesAndLoadsTheOrderService() {
        String out = run();

        assertThat(out)
                .contains("== codegen")
                .contains("demo/orders/api/OrdersApi.java")
                .contains("compiled with javac and serving on http://127.0.0.1:")
                // the generated validation answers bad input with every violation and its field
                .contains("-> 400 ")
                .contains("customerEmail")
                .contains("lines[0].sku")
                .contains("lines[0].quantity")
                .contains("-> 201 ")
                .contains("== loadgen")
                .contains("GET /orders/1")
                .contains("POST /orders");
        assertThat(out).doesNotContain("HTTP_4XX").doesNotContain("HTTP_5XX");
    }
}
