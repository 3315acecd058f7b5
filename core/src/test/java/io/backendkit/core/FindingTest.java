package io.backendkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void factoriesAndWithersKeepEveryComponent() {
        Finding f = Finding.warning("FK_WITHOUT_INDEX", "no index on orders.customer_id")
                .withLocation("public.orders")
                .withSuggestedFix("CREATE INDEX idx_orders_customer_id ON orders (customer_id);");

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.code()).isEqualTo("FK_WITHOUT_INDEX");
        assertThat(f.locationIfPresent()).contains("public.orders");
        assertThat(f.suggestedFixIfPresent())
                .hasValueSatisfying(fix -> assertThat(fix).startsWith("CREATE INDEX"));
        assertThat(f).hasToString("WARNING FK_WITHOUT_INDEX public.orders: no index on orders.customer_id");
    }

    @Test
    void blankOptionalPartsAreAbsent() {
        Finding f = new Finding(Severity.INFO, "X", "m", "  ", "");

        assertThat(f.location()).isNull();
        assertThat(f.suggestedFixIfPresent()).isEmpty();
        assertThat(f).hasToString("INFO X: m");
    }

    @Test
    void missingRequiredPartsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> new Finding(null, "X", "m", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("severity");
        assertThatThrownBy(() -> Finding.error(" ", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("code");
        assertThatThrownBy(() -> Finding.error("X", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("message")
                .hasMessageContaining("X");
    }

    @Test
    void reportOrderPutsErrorsFirstThenLocation() {
        Finding info = Finding.info("I", "i");
        Finding warnB = Finding.warning("W", "w").withLocation("b");
        Finding warnA = Finding.warning("W", "w").withLocation("a");
        Finding error = Finding.error("E", "e").withLocation("z");
        List<Finding> list = new ArrayList<>(List.of(info, warnB, error, warnA));

        list.sort(Finding.REPORT_ORDER);

        assertThat(list).containsExactly(error, warnA, warnB, info);
    }

    @Test
    void severityOrderRanksErrorHighest() {
        assertThat(Severity.ERROR.isAtLeast(Severity.WARNING)).isTrue();
        assertThat(Severity.WARNING.isAtLeast(Severity.WARNING)).isTrue();
        assertThat(Severity.INFO.isAtLeast(Severity.WARNING)).isFalse();
        assertThatThrownBy(() -> Severity.INFO.isAtLeast(null)).hasMessageContaining("other severity");
    }

    @Test
    void findingsRoundTripThroughJson() {
        Finding f = Finding.error("E1", "broken \"quote\" ✓").withLocation("t.sql:3");

        String json = Json.write(f);
        Finding back = Json.read(json, Finding.class, "finding.json");

        assertThat(back).isEqualTo(f);
        assertThat(json)
                .isEqualTo("{\"severity\":\"ERROR\",\"code\":\"E1\",\"message\":\"broken \\\"quote\\\" ✓\","
                        + "\"location\":\"t.sql:3\",\"suggestedFix\":null}");
    }
}
