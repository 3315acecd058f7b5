package io.backendkit.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;

/**
 * JSON the way every backendkit module writes and reads it.
 *
 * <p>The mapper {@link #newMapper()} returns has java.time and {@code Optional} support, writes
 * dates as ISO-8601 strings (never epoch numbers), orders map entries by key and properties in
 * declaration order (so the same value always gives the same bytes), and fails on unknown
 * properties when reading. {@link #read} wraps every parse error in a {@link BackendKitException}
 * whose location names the source, the line and column, and the JSON pointer of the bad value.
 *
 * <p>Thread-safe: the static helpers use a private mapper that is configured once and never
 * exposed; {@link #newMapper()} returns a fresh instance the caller may change.
 */
public final class Json {

    private static final ObjectMapper MAPPER = newMapper();

    private Json() {}

    /**
     * A new mapper with backendkit's settings; the caller owns it and may reconfigure it.
     *
     * @return a new, independent {@link ObjectMapper}
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
    }

    /**
     * Writes {@code value} as compact JSON.
     *
     * @param value the value to write; null gives {@code null}
     * @return the JSON text, on one line
     * @throws BackendKitException naming the value's type when it cannot be serialised
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new BackendKitException(typeName(value), "cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code value} as indented JSON with a trailing newline, suitable for files people read.
     *
     * @param value the value to write; null gives {@code null}
     * @return the indented JSON text, ending with {@code \n}
     * @throws BackendKitException naming the value's type when it cannot be serialised
     */
    public static String writePretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new BackendKitException(typeName(value), "cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code json} as a {@code type}.
     *
     * @param <T> the type of the value read
     * @param json the document, not null
     * @param type the target type, not null
     * @param sourceName what the document is (a file name, "request body"), used in error messages
     * @return the value; null when the document is the JSON literal {@code null}
     * @throws BackendKitException if {@code json} is null, or whose location is {@code sourceName line
     *     L, column C at /json/pointer} when the document is malformed or does not fit {@code type}
     * @throws IllegalArgumentException if {@code type} is null
     */
    public static <T> T read(String json, Class<T> type, String sourceName) {
        if (json == null) {
            throw new BackendKitException(sourceName == null ? "JSON input" : sourceName, "JSON text is null");
        }
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw parseError(sourceName, e);
        }
    }

    private static BackendKitException parseError(String sourceName, JsonProcessingException e) {
        StringBuilder where = new StringBuilder(sourceName == null || sourceName.isBlank() ? "JSON input" : sourceName);
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where.append(" line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where.append(" at ").append(pointer(mapping));
        }
        return new BackendKitException(where.toString(), e.getOriginalMessage(), e);
    }

    private static String pointer(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null
                        ? "/" + ref.getFieldName().replace("~", "~0").replace("/", "~1")
                        : "/" + ref.getIndex())
                .collect(Collectors.joining());
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
