package io.backendkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(String name, Instant at, LocalDate day, OffsetDateTime local, Duration took, Optional<String> note) {}

    record Holder(List<Item> items) {}

    record Item(String id, int count) {}

    @Test
    void javaTimeValuesAreIsoStringsAndRoundTrip() {
        Sample s = new Sample(
                "a",
                Instant.parse("2026-11-22T10:15:30Z"),
                LocalDate.of(2026, 2, 28),
                OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)),
                Duration.ofMillis(1500),
                Optional.of("n"));

        String json = Json.write(s);

        assertThat(json)
                .isEqualTo("{\"name\":\"a\",\"at\":\"2026-11-22T10:15:30Z\",\"day\":\"2026-02-28\","
                        + "\"local\":\"2026-01-02T03:04:05+02:00\",\"took\":\"PT1.5S\",\"note\":\"n\"}");
        assertThat(Json.read(json, Sample.class, "sample")).isEqualTo(s);
    }

    @Test
    void mapKeysAreWrittenInSortedOrderWhateverTheInsertionOrder() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", 2);
        map.put("Mid", 3);

        assertThat(Json.write(map)).isEqualTo("{\"Mid\":3,\"alpha\":2,\"zeta\":1}");
    }

    @Test
    void prettyOutputEndsWithNewline() {
        assertThat(Json.writePretty(Map.of("a", 1))).isEqualTo("{\n  \"a\" : 1\n}\n");
    }

    @Test
    void unknownPropertyErrorNamesSourceLineAndPointer() {
        String json = "{\"items\": [\n {\"id\": \"x\", \"count\": 1},\n {\"id\": \"y\", \"cuont\": 2}\n]}";

        assertThatThrownBy(() -> Json.read(json, Holder.class, "inventory.json"))
                .isInstanceOfSatisfying(BackendKitException.class, e -> {
                    assertThat(e.location()).startsWith("inventory.json line 3").endsWith(" at /items/1/cuont");
                    assertThat(e.problem()).contains("cuont");
                });
    }

    @Test
    void wrongTypeErrorNamesPointer() {
        assertThatThrownBy(() -> Json.read("{\"items\":[{\"id\":\"x\",\"count\":\"many\"}]}", Holder.class, "in"))
                .isInstanceOf(BackendKitException.class)
                .hasMessageStartingWith("in line 1")
                .hasMessageContaining("at /items/0/count");
    }

    @Test
    void malformedJsonAndNullInputAreClearErrors() {
        assertThatThrownBy(() -> Json.read("{\"id\": ", Item.class, "body"))
                .isInstanceOf(BackendKitException.class)
                .hasMessageStartingWith("body line 1");
        assertThatThrownBy(() -> Json.read("{} {}", Item.class, "body"))
                .isInstanceOf(BackendKitException.class)
                .hasMessageContaining("body");
        assertThatThrownBy(() -> Json.read(null, Item.class, "body"))
                .isInstanceOf(BackendKitException.class)
                .hasMessage("body: JSON text is null");
    }

    @Test
    void pointerEscapesSlashAndTilde() {
        record Weird(Map<String, Item> byKey) {}
        assertThatThrownBy(() -> Json.read("{\"byKey\":{\"a/b~c\":{\"id\":1,\"nope\":0}}}", Weird.class, "w"))
                .hasMessageContaining("at /byKey/a~1b~0c/nope");
    }

    @Test
    void newMapperIsIndependentOfTheSharedOne() {
        var mine = Json.newMapper();
        mine.disable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

        assertThat(Json.write(new java.util.TreeMap<>(Map.of("b", 1, "a", 2)))).isEqualTo("{\"a\":2,\"b\":1}");
        assertThat(Json.newMapper()
                        .isEnabled(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS))
                .isTrue();
    }
}
