package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void demoListsEveryModule() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Demo.print(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out.lines().skip(3)).hasSize(Demo.MODULES.size());
        for (String artifact : new String[] {
            "backendkit-core", "backendkit-codegen", "backendkit-schema", "backendkit-loadgen", "backendkit-decision"
        }) {
            assertThat(out).contains(artifact);
        }
    }
}
