package io.backendkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.core.internal.DisplayWidth;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void rendersAlignedColumnsWithUnderline() {
        String text = TextTable.builder("endpoint", "p50 ms", "p99 ms")
                .alignRight(1, 2)
                .row("GET /users", 1.2, 8.9)
                .row("POST /users", 2.0, 12.4)
                .build()
                .render();

        assertThat(text).isEqualTo("""
                        endpoint     p50 ms  p99 ms
                        -----------  ------  ------
                        GET /users      1.2     8.9
                        POST /users     2.0    12.4
                        """);
    }

    @Test
    void nullCellsPrintAsDashAndLinesHaveNoTrailingSpaces() {
        String text = TextTable.builder("a", "b")
                .row("x", null)
                .row(null, "y")
                .build()
                .render();

        assertThat(text).isEqualTo("a  b\n-  -\nx  -\n-  y\n");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotEndWith(" "));
    }

    @Test
    void wideCharactersAndEmojiAreMeasuredInColumns() {
        String text = TextTable.builder("name", "n")
                .alignRight(1)
                .row("東京", 1)
                .row("ab", 22)
                .row("🚀x", 3)
                .row("e\u0301", 4)
                .build()
                .render();

        assertThat(text).isEqualTo("""
                        name   n
                        ----  --
                        東京   1
                        ab    22
                        🚀x    3
                        e\u0301      4
                        """);
        assertThat(DisplayWidth.of("東京")).isEqualTo(4);
        assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1);
        assertThat(DisplayWidth.of("\uFEFFa\u200B")).isEqualTo(1);
    }

    @Test
    void longCellsAreCutToMaxWidthOnCodePointBoundaries() {
        String longCell = "x".repeat(10_000);
        String text = TextTable.builder("c")
                .maxColumnWidth(8)
                .row(longCell)
                .row("語語語語語")
                .build()
                .render();

        assertThat(text).isEqualTo("c\n--------\nxxxxxxx…\n語語語…\n");
        assertThat(TextTable.builder("c").row(longCell).build().render().lines())
                .allSatisfy(line -> assertThat(DisplayWidth.of(line)).isLessThanOrEqualTo(60));
        // a surrogate pair is never split
        assertThat(DisplayWidth.truncate("ab🚀🚀", 4, "…")).isEqualTo("ab…");
    }

    @Test
    void controlCharactersInsideCellsBecomeSpaces() {
        String text =
                TextTable.builder("msg").row("line1\nline2\tend\u0000").build().render();

        assertThat(text)
                .isEqualTo("msg\n----------------\nline1 line2 end\n".replace("----------------", "-".repeat(15)));
    }

    @Test
    void tableIsImmutableAfterBuild() {
        TextTable.Builder b = TextTable.builder("a").row("1");
        TextTable t = b.build();
        b.row("2");

        assertThat(t.rows()).hasSize(1);
        assertThatThrownBy(() -> t.rows().add(java.util.List.of("x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void badShapesAreRejectedWithExactMessages() {
        assertThatThrownBy(() -> TextTable.builder()).hasMessage("a table needs at least one column header");
        assertThatThrownBy(() -> TextTable.builder("a", null)).hasMessage("column header 1 must not be null");
        assertThatThrownBy(() -> TextTable.builder("a", "b").row("only one"))
                .hasMessage("row 0 has 1 cells, the table has 2 columns");
        assertThatThrownBy(() -> TextTable.builder("a").alignRight(3))
                .hasMessage("column index must be in [0, 0] (was 3)");
        assertThatThrownBy(() -> TextTable.builder("a").maxColumnWidth(1))
                .hasMessage("maxColumnWidth must be >= 2 (was 1)");
    }
}
