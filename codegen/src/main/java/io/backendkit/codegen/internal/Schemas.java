package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a schema says, read without any state: its type, whether it is an enum, an object or a union,
 * which of its parts carry types. Shared by the model planners; nothing here reports findings.
 */
final class Schemas {

    private Schemas() {}

    /** The schema's single type: 3.0 {@code type}, or the one non-null entry of 3.1 {@code type: [...]}. */
    static String typeOf(Schema<?> s) {
        if (s.getType() != null) {
            return s.getType();
        }
        Set<String> types = s.getTypes();
        if (types == null || types.isEmpty()) {
            return null;
        }
        List<String> nonNull =
                types.stream().filter(t -> !"null".equals(t)).sorted().toList();
        if (nonNull.isEmpty()) {
            return "null";
        }
        return nonNull.size() == 1 ? nonNull.get(0) : "mixed";
    }

    static boolean hasProperties(Schema<?> s) {
        return s.getProperties() != null && !s.getProperties().isEmpty();
    }

    static boolean hasAllOf(Schema<?> s) {
        return s.getAllOf() != null && !s.getAllOf().isEmpty();
    }

    /** Parts of allOf that carry types (not only a description or nullable flag). */
    @SuppressWarnings("rawtypes") // swagger-parser's model exposes List<Schema>
    static List<Schema<?>> meaningful(List<Schema> parts) {
        List<Schema<?>> out = new ArrayList<>();
        for (Schema<?> p : parts) {
            if (p != null && !annotationOnly(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Whether the schema carries no type: only a description, a nullable flag, constraints. */
    static boolean annotationOnly(Schema<?> s) {
        return s.get$ref() == null
                && typeOf(s) == null
                && !hasProperties(s)
                && s.getItems() == null
                && !hasAllOf(s)
                && (s.getOneOf() == null || s.getOneOf().isEmpty())
                && (s.getAnyOf() == null || s.getAnyOf().isEmpty())
                && (s.getEnum() == null || s.getEnum().isEmpty())
                && s.getAdditionalProperties() == null;
    }

    /** The oneOf/anyOf variants that carry types (constraint-only variants are ignored), nulls removed. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<Schema<?>> variantsOf(Schema<?> s) {
        List<Schema> all = new ArrayList<>();
        if (s.getOneOf() != null) {
            all.addAll(s.getOneOf());
        }
        if (s.getAnyOf() != null) {
            all.addAll(s.getAnyOf());
        }
        if (all.isEmpty()) {
            return List.of();
        }
        List<Schema<?>> typed = new ArrayList<>();
        for (Schema<?> v : (List<Schema<?>>) (List) all) {
            if (v != null && !annotationOnly(v) && !"null".equals(typeOf(v))) {
                typed.add(v);
            }
        }
        return typed;
    }

    /** Schemas that would become a type of their own: objects, enums, unions. */
    static boolean becomesType(Schema<?> s) {
        return hasProperties(s)
                || isEnum(s)
                || hasAllOf(s)
                || (s.getOneOf() != null && !s.getOneOf().isEmpty())
                || (s.getAnyOf() != null && !s.getAnyOf().isEmpty());
    }

    static boolean isEnum(Schema<?> s) {
        return enumKind(s) != null;
    }

    /**
     * The JSON value kind of the generated enum for {@code s}: STRING, INT (int32 values that fit),
     * LONG (integers within a long), DECIMAL (numbers, and integers beyond a long, as BigDecimal);
     * null when {@code s} has no enum or one a Java enum cannot hold.
     */
    static ScalarKind enumKind(Schema<?> s) {
        if (s.getEnum() == null || s.getEnum().isEmpty()) {
            return null;
        }
        List<Object> values = s.getEnum().stream()
                .filter(Objects::nonNull)
                .map(v -> (Object) v)
                .toList();
        if (values.isEmpty()) {
            return null;
        }
        String type = typeOf(s);
        if ((type == null || "string".equals(type)) && values.stream().allMatch(v -> v instanceof String)) {
            return ScalarKind.STRING;
        }
        if (type != null && !"integer".equals(type) && !"number".equals(type)) {
            return null;
        }
        List<BigDecimal> numbers = new ArrayList<>();
        for (Object v : values) {
            BigDecimal d = decimal(v);
            if (d == null) {
                return null;
            }
            numbers.add(d);
        }
        boolean integral = numbers.stream().allMatch(Schemas::isIntegral);
        if ("number".equals(type) || !integral) {
            // an integer schema listing 1.5 still gets a number enum: such values can never be valid
            // integers, but they are kept rather than dropped
            return ScalarKind.DECIMAL;
        }
        if (!numbers.stream().allMatch(Schemas::fitsLong)) {
            return ScalarKind.DECIMAL;
        }
        if ("int32".equals(s.getFormat()) && numbers.stream().allMatch(Schemas::fitsInt)) {
            return ScalarKind.INT;
        }
        return ScalarKind.LONG;
    }

    /** A number value as a BigDecimal; null for anything else, NaN and infinity. */
    static BigDecimal decimal(Object v) {
        if (!(v instanceof Number n)) {
            return null;
        }
        try {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            return null; // NaN, infinity
        }
    }

    private static boolean isIntegral(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fitsLong(BigDecimal d) {
        try {
            d.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean fitsInt(BigDecimal d) {
        try {
            d.intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** The scalar kind of a schema of JSON {@code type} by its format; ANY for non-scalar types. */
    static ScalarKind scalarKind(Schema<?> s, String type) {
        String format = s.getFormat() == null ? "" : s.getFormat();
        return switch (type) {
            case "string" ->
                switch (format) {
                    case "date" -> ScalarKind.DATE;
                    case "date-time" -> ScalarKind.DATE_TIME;
                    case "uuid" -> ScalarKind.UUID;
                    case "uri" -> ScalarKind.URI;
                    case "byte", "binary" -> ScalarKind.BYTES;
                    default -> ScalarKind.STRING;
                };
            case "integer" -> "int32".equals(format) ? ScalarKind.INT : ScalarKind.LONG;
            case "number" ->
                switch (format) {
                    case "float" -> ScalarKind.FLOAT;
                    case "double" -> ScalarKind.DOUBLE;
                    case "int32" -> ScalarKind.INT;
                    case "int64" -> ScalarKind.LONG;
                    default -> ScalarKind.DECIMAL;
                };
            case "boolean" -> ScalarKind.BOOLEAN;
            default -> ScalarKind.ANY;
        };
    }

    /** When every variant is an inline scalar of the same Java type, that type; otherwise null. */
    static ScalarKind commonScalar(List<Schema<?>> variants) {
        ScalarKind common = null;
        for (Schema<?> v : variants) {
            String type = typeOf(v);
            if (v.get$ref() != null
                    || isEnum(v)
                    || type == null
                    || "array".equals(type)
                    || "object".equals(type)
                    || "mixed".equals(type)
                    || hasProperties(v)) {
                return null;
            }
            ScalarKind k = scalarKind(v, type);
            if (common != null && common != k) {
                return null;
            }
            common = k;
        }
        return common;
    }

    /** Copies the schema's description (or else its title) and deprecation onto the declaration. */
    static void describe(ModelDecl decl, Schema<?> s) {
        decl.description = s.getDescription() != null ? s.getDescription() : s.getTitle();
        decl.deprecated = Boolean.TRUE.equals(s.getDeprecated());
    }
}
