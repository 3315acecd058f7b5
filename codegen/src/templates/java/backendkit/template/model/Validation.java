package backendkit.template.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;

/** Helpers for generated validation and variant selection. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class Validation {

    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");

    private Validation() {}

    /** {@code parent.name}, or {@code name} at the root. */
    public static String field(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code parent[index]}. */
    public static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }

    /** The length of a string in code points, as JSON Schema counts it. */
    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Whether {@code s} looks like an email address (local part, {@code @}, host name). */
    public static boolean isEmail(String s) {
        return s.length() <= 254 && EMAIL.matcher(s).matches();
    }

    /** Whether a list holds two equal items. */
    public static boolean hasDuplicates(List<?> items) {
        Set<Object> seen = new HashSet<>();
        for (Object item : items) {
            if (!seen.add(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * How well a JSON object fits a record: -1 when it is not an object or lacks a required
     * property, otherwise higher for more known and fewer unknown properties.
     */
    public static int objectScore(JsonNode node, Set<String> required, Set<String> known) {
        if (!node.isObject()) {
            return -1;
        }
        for (String name : required) {
            if (!node.has(name)) {
                return -1;
            }
        }
        int score = 1000;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            score += known.contains(names.next()) ? 2 : -1;
        }
        return Math.max(score, 1);
    }

    /** Fits a JSON string. */
    public static int textScore(JsonNode node) {
        return node.isTextual() ? 10 : -1;
    }

    /** Fits a JSON integer. */
    public static int integerScore(JsonNode node) {
        return node.isIntegralNumber() ? 10 : -1;
    }

    /** Fits any JSON number. */
    public static int numberScore(JsonNode node) {
        return node.isNumber() ? 9 : -1;
    }

    /** Fits a JSON boolean. */
    public static int booleanScore(JsonNode node) {
        return node.isBoolean() ? 10 : -1;
    }

    /** Fits a JSON array. */
    public static int arrayScore(JsonNode node) {
        return node.isArray() ? 10 : -1;
    }

    /** Fits a JSON object, as a map. */
    public static int mapScore(JsonNode node) {
        return node.isObject() ? 500 : -1;
    }

    /** Fits anything, weakly. */
    public static int anyScore(JsonNode node) {
        return 0;
    }

    /** Fits one of the enum's values (strongly) or another scalar (weakly). */
    public static int enumScore(JsonNode node, Set<String> values) {
        if (!node.isValueNode() || node.isNull()) {
            return -1;
        }
        return values.contains(node.asText()) ? 20 : 1;
    }

    /**
     * Thrown by the deserializer of a oneOf/anyOf without a discriminator when the JSON value fits
     * none of the variants. Its message names the variants in the document's terms, for example
     * {@code must match one of: CardPayment, BankTransfer}.
     */
    public static final class NoMatchingVariantException extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        /**
         * A value that fits no variant.
         *
         * @param parser the parser positioned at the value
         * @param union the sealed interface that was read
         * @param variants the variants, as the document names them
         */
        public NoMatchingVariantException(JsonParser parser, Class<?> union, String variants) {
            super(parser, "must match one of: " + variants, union);
        }
    }
}
