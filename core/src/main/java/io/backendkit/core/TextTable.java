package io.backendkit.core;

import io.backendkit.core.internal.DisplayWidth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for reports printed to a terminal or a log.
 *
 * <pre>{@code
 * String text = TextTable.builder("endpoint", "p50 ms", "p99 ms")
 *         .alignRight(1, 2)
 *         .row("GET /users", 1.2, 8.9)
 *         .row("POST /users", 2.0, 12.4)
 *         .build()
 *         .render();
 * }</pre>
 *
 * renders as
 *
 * <pre>
 * endpoint     p50 ms  p99 ms
 * -----------  ------  ------
 * GET /users      1.2     8.9
 * POST /users     2.0    12.4
 * </pre>
 *
 * <p>Columns are sized by display width, so CJK text and emoji line up. Null cells print as {@code
 * -}; line breaks and other control characters inside a cell become spaces; cells wider than the
 * maximum column width (default 60, see {@link Builder#maxColumnWidth}) are cut with {@code …}.
 * Every line ends with {@code \n} and carries no trailing spaces. Immutable and thread-safe.
 */
public final class TextTable {

    /** Default widest a column gets before its cells are cut. */
    public static final int DEFAULT_MAX_COLUMN_WIDTH = 60;

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows;
    private final int maxColumnWidth;

    private TextTable(Builder b) {
        this.headers = List.copyOf(b.headers);
        this.rightAligned = b.rightAligned.clone();
        this.rows = b.rows.stream().map(List::copyOf).toList();
        this.maxColumnWidth = b.maxColumnWidth;
    }

    /**
     * Starts a table with the given column headers.
     *
     * @param headers one per column, at least one, none null; control characters become spaces
     * @return a builder with every column left-aligned and no rows
     * @throws IllegalArgumentException if there is no header or a header is null
     */
    public static Builder builder(String... headers) {
        return new Builder(headers);
    }

    /**
     * The column headers, as given to {@link #builder} after control characters were replaced.
     *
     * @return an unmodifiable list, one entry per column
     */
    public List<String> headers() {
        return headers;
    }

    /**
     * The rows as cell text, excluding the header. Cells are not cut to the maximum column width;
     * that happens only in {@link #render()}.
     *
     * @return an unmodifiable list of unmodifiable rows, in the order they were added; null cells
     *     appear as {@code -}
     */
    public List<List<String>> rows() {
        return rows;
    }

    /**
     * The table as text, one line per row after a header and an underline.
     *
     * @return the rendered table; every line ends with {@code \n} and has no trailing spaces
     */
    public String render() {
        int columns = headers.size();
        int[] widths = new int[columns];
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers.stream().map(this::fit).toList());
        for (List<String> row : rows) {
            cells.add(row.stream().map(this::fit).toList());
        }
        for (List<String> row : cells) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(row.get(c)));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, cells.get(0), widths);
        List<String> underline = new ArrayList<>();
        for (int width : widths) {
            underline.add("-".repeat(width));
        }
        appendLine(out, underline, widths);
        for (List<String> row : cells.subList(1, cells.size())) {
            appendLine(out, row, widths);
        }
        return out.toString();
    }

    /**
     * The same text as {@link #render()}.
     *
     * @return the rendered table
     */
    @Override
    public String toString() {
        return render();
    }

    private String fit(String cell) {
        return DisplayWidth.truncate(cell, maxColumnWidth, "…");
    }

    private void appendLine(StringBuilder out, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
            String cell = row.get(c);
            int pad = widths[c] - DisplayWidth.of(cell);
            if (c > 0) {
                line.append("  ");
            }
            if (rightAligned[c]) {
                line.append(" ".repeat(pad)).append(cell);
            } else {
                line.append(cell).append(" ".repeat(pad));
            }
        }
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(line, 0, end).append('\n');
    }

    /** Collects headers, alignment and rows; not thread-safe. */
    public static final class Builder {
        private final List<String> headers;
        private final boolean[] rightAligned;
        private final List<List<String>> rows = new ArrayList<>();
        private int maxColumnWidth = DEFAULT_MAX_COLUMN_WIDTH;

        private Builder(String... headers) {
            if (headers == null || headers.length == 0) {
                throw new IllegalArgumentException("a table needs at least one column header");
            }
            for (int i = 0; i < headers.length; i++) {
                if (headers[i] == null) {
                    throw new IllegalArgumentException("column header " + i + " must not be null");
                }
            }
            this.headers = Arrays.stream(headers).map(Builder::clean).toList();
            this.rightAligned = new boolean[headers.length];
        }

        /**
         * Right-aligns the given columns, as suits numbers. Default: all columns left-aligned.
         *
         * @param columns zero-based column indexes; repeating one is harmless
         * @return this builder
         * @throws IllegalArgumentException if an index is outside {@code [0, columns - 1]}
         */
        public Builder alignRight(int... columns) {
            for (int c : columns) {
                if (c < 0 || c >= headers.size()) {
                    throw new IllegalArgumentException(
                            "column index must be in [0, " + (headers.size() - 1) + "] (was " + c + ")");
                }
                rightAligned[c] = true;
            }
            return this;
        }

        /**
         * Widest a column gets, in display columns; longer cells (and headers) are cut with {@code …}.
         * Default {@value TextTable#DEFAULT_MAX_COLUMN_WIDTH}.
         *
         * @param width the maximum display width, at least 2
         * @return this builder
         * @throws IllegalArgumentException if {@code width} is less than 2
         */
        public Builder maxColumnWidth(int width) {
            if (width < 2) {
                throw new IllegalArgumentException("maxColumnWidth must be >= 2 (was " + width + ")");
            }
            this.maxColumnWidth = width;
            return this;
        }

        /**
         * Adds a row; cells are converted with {@link String#valueOf(Object)}, nulls print as {@code -}.
         *
         * @param cells exactly one per column; control characters inside a cell become spaces
         * @return this builder
         * @throws IllegalArgumentException if the number of cells differs from the number of columns
         */
        public Builder row(Object... cells) {
            if (cells == null || cells.length != headers.size()) {
                throw new IllegalArgumentException("row " + rows.size() + " has "
                        + (cells == null ? 0 : cells.length) + " cells, the table has "
                        + headers.size() + " columns");
            }
            rows.add(Arrays.stream(cells)
                    .map(cell -> cell == null ? "-" : clean(String.valueOf(cell)))
                    .toList());
            return this;
        }

        /**
         * Builds the table; later changes to this builder do not affect it.
         *
         * @return the immutable table
         */
        public TextTable build() {
            return new TextTable(this);
        }

        private static String clean(String s) {
            StringBuilder out = new StringBuilder(s.length());
            s.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029) {
                    out.append(' ');
                } else {
                    out.appendCodePoint(cp);
                }
            });
            return out.toString().strip();
        }
    }
}
