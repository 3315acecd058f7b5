package io.backendkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class BackendKitExceptionTest {

    @Test
    void messageSaysWhereThenWhat() {
        IOException cause = new IOException("disk");
        BackendKitException e = new BackendKitException("V3__add_index.sql:12", "unterminated string", cause);

        assertThat(e).hasMessage("V3__add_index.sql:12: unterminated string").hasCause(cause);
        assertThat(e.location()).isEqualTo("V3__add_index.sql:12");
        assertThat(e.problem()).isEqualTo("unterminated string");
        assertThat(e).isInstanceOf(RuntimeException.class);
    }

    @Test
    void anExceptionWithoutLocationOrProblemCannotBeMade() {
        assertThatThrownBy(() -> new BackendKitException(null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("location must not be blank")
                .hasMessageContaining("x");
        assertThatThrownBy(() -> new BackendKitException("f.sql", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("problem must not be blank")
                .hasMessageContaining("f.sql");
    }
}
