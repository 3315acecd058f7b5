package io.backendkit.schema;

import io.backendkit.core.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements a block of code sent through a {@link QueryRecorder}, in order. Immutable.
 *
 * @param statements every execution, in order
 */
public record RecordedQueries(List<Execution> statements) {

    /** Default: a statement shape run this many times with different parameters is an N+1. */
    public static final int DEFAULT_N_PLUS_ONE_THRESHOLD = 3;

    /** Copies the list. */
    public RecordedQueries {
        statements = List.copyOf(statements);
    }

    /**
     * One statement execution.
     *
     * @param sql the SQL as sent
     * @param parameters the bound parameters in order (empty for plain statements)
     * @param batchSize the number of parameter sets in a batch, 1 otherwise
     */
    public record Execution(String sql, List<Object> parameters, int batchSize) {
        /** Copies the list (nulls allowed). */
        public Execution {
            parameters = java.util.Collections.unmodifiableList(new ArrayList<>(parameters));
        }

        /**
         * The statement with literals replaced by {@code ?}, whitespace collapsed and upper-cased keywords kept.
         *
         * @return the shape that {@link RecordedQueries#repeated(int)} groups by
         */
        public String shape() {
            return shapeOf(sql);
        }
    }

    /**
     * A statement shape run again and again with different parameters: the signature of an N+1.
     *
     * @param shape the statement shape
     * @param executions how many times it ran
     * @param distinctParameterSets how many different parameter sets it ran with
     */
    public record Repeated(String shape, int executions, int distinctParameterSets) {}

    /**
     * How many statements ran (a batch counts once).
     *
     * @return the number of recorded executions
     */
    public int count() {
        return statements.size();
    }

    /**
     * Shapes that ran at least {@code threshold} times with as many different parameter sets.
     *
     * @param threshold the smallest repeat count reported, at least 2
     * @return the repeated shapes in the order they first ran; empty when there are none
     * @throws IllegalArgumentException when {@code threshold} is less than 2
     */
    public List<Repeated> repeated(int threshold) {
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be >= 2 (was " + threshold + ")");
        }
        Map<String, List<Execution>> byShape = new LinkedHashMap<>();
        statements.forEach(
                e -> byShape.computeIfAbsent(e.shape(), k -> new ArrayList<>()).add(e));
        List<Repeated> out = new ArrayList<>();
        byShape.forEach((shape, runs) -> {
            Set<String> distinct = new LinkedHashSet<>();
            runs.forEach(r -> distinct.add(r.parameters() + "|" + literals(r.sql())));
            if (runs.size() >= threshold && distinct.size() >= threshold) {
                out.add(new Repeated(shape, runs.size(), distinct.size()));
            }
        });
        return List.copyOf(out);
    }

    /**
     * N+1 suspects with the default threshold of 3.
     *
     * @return as {@link #repeated(int)} with {@link #DEFAULT_N_PLUS_ONE_THRESHOLD}
     */
    public List<Repeated> nPlusOne() {
        return repeated(DEFAULT_N_PLUS_ONE_THRESHOLD);
    }

    /**
     * A table of statement shapes with their counts, most frequent first.
     *
     * @return the statement count on one line, then the table as text
     */
    public String toText() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        statements.forEach(e -> counts.merge(e.shape(), 1, Integer::sum));
        TextTable.Builder t =
                TextTable.builder("count", "statement").alignRight(0).maxColumnWidth(100);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> t.row(e.getValue(), e.getKey()));
        return statements.size() + " statement(s)\n" + t.build().render();
    }

    static String shapeOf(String sql) {
        String s = sql.replaceAll("'(?:[^']|'')*'", "?")
                .replaceAll("(?<![A-Za-z_0-9$])-?\\d+(\\.\\d+)?", "?")
                .replaceAll("\\s+", " ")
                .strip();
        s = s.replaceAll("(?i)\\bIN \\((\\?\\s*,\\s*)*\\?\\)", "IN (?...)");
        return s;
    }

    private static String literals(String sql) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'(?:[^']|'')*'|(?<![A-Za-z_0-9$])-?\\d+(\\.\\d+)?")
                .matcher(sql);
        while (m.find()) {
            out.append(m.group()).append(',');
        }
        return out.toString();
    }
}
