package io.backendkit.codegen.internal;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The Java view of a schema at one place of use: its type plus the constraints to validate. */
public sealed interface Shape {

    /** The Java type of a value of this shape. */
    TypeName type();

    /** The constraints a value of this shape must meet. */
    Constraints constraints();

    /** Whether generated validation has anything to check for a non-null value of this shape. */
    boolean needsChecks();

    /** Scalar kinds and their Java types. */
    enum ScalarKind {
        STRING(ClassName.get(String.class)),
        INT(ClassName.get(Integer.class)),
        LONG(ClassName.get(Long.class)),
        FLOAT(ClassName.get(Float.class)),
        DOUBLE(ClassName.get(Double.class)),
        DECIMAL(ClassName.get(BigDecimal.class)),
        BOOLEAN(ClassName.get(Boolean.class)),
        DATE(ClassName.get(LocalDate.class)),
        DATE_TIME(ClassName.get(OffsetDateTime.class)),
        UUID(ClassName.get(UUID.class)),
        URI(ClassName.get(URI.class)),
        BYTES(ArrayTypeName.of(TypeName.BYTE)),
        ANY(ClassName.get(Object.class));

        private final TypeName type;

        ScalarKind(TypeName type) {
            this.type = type;
        }

        /** The Java type. */
        public TypeName type() {
            return type;
        }

        /** Whether values are numbers. */
        public boolean numeric() {
            return this == INT || this == LONG || this == FLOAT || this == DOUBLE || this == DECIMAL;
        }
    }

    /** What a named (generated) type is. */
    enum NamedKind {
        RECORD,
        UNION,
        ENUM
    }

    /** A JDK type. */
    record Scalar(ScalarKind kind, Constraints constraints) implements Shape {
        @Override
        public TypeName type() {
            return kind.type();
        }

        @Override
        public boolean needsChecks() {
            return constraints.hasScalarChecks();
        }
    }

    /** A generated type. */
    record Named(ClassName type, NamedKind kind, List<String> enumValues, Constraints constraints) implements Shape {
        @Override
        public boolean needsChecks() {
            return true;
        }
    }

    /** A {@code List}. */
    record ListOf(Shape item, Constraints constraints) implements Shape {
        @Override
        public TypeName type() {
            return ParameterizedTypeName.get(ClassName.get(List.class), item.type());
        }

        @Override
        public boolean needsChecks() {
            return constraints.hasArrayChecks() || item.needsChecks();
        }
    }

    /** A {@code Map} with string keys. */
    record MapOf(Shape value, Constraints constraints) implements Shape {
        @Override
        public TypeName type() {
            return ParameterizedTypeName.get(ClassName.get(Map.class), ClassName.get(String.class), value.type());
        }

        @Override
        public boolean needsChecks() {
            return value.needsChecks();
        }
    }

    /** Any JSON value, as {@code Object}. */
    static Shape any() {
        return new Scalar(ScalarKind.ANY, Constraints.NONE);
    }

    /** A plain string. */
    static Shape string() {
        return new Scalar(ScalarKind.STRING, Constraints.NONE);
    }

    /**
     * Validation constraints from a schema. Null means "not set".
     *
     * @param minLength minimum string length in code points
     * @param maxLength maximum string length in code points
     * @param pattern a regular expression the string must contain a match of (Java syntax, checked)
     * @param minimum lower bound
     * @param exclusiveMinimum whether the lower bound itself is excluded
     * @param maximum upper bound
     * @param exclusiveMaximum whether the upper bound itself is excluded
     * @param minItems minimum array size
     * @param maxItems maximum array size
     * @param uniqueItems whether array items must be distinct
     * @param email whether the string must be an email address
     * @param allowedValues for strings with an {@code enum} but no generated enum type
     * @param multipleOf the number values must be a multiple of
     */
    record Constraints(
            Integer minLength,
            Integer maxLength,
            String pattern,
            BigDecimal minimum,
            boolean exclusiveMinimum,
            BigDecimal maximum,
            boolean exclusiveMaximum,
            Integer minItems,
            Integer maxItems,
            boolean uniqueItems,
            boolean email,
            List<String> allowedValues,
            BigDecimal multipleOf) {

        /** No constraints. */
        public static final Constraints NONE =
                new Constraints(null, null, null, null, false, null, false, null, null, false, false, List.of(), null);

        /** Copies the list. */
        public Constraints {
            allowedValues = List.copyOf(allowedValues);
        }

        boolean hasScalarChecks() {
            return minLength != null
                    || maxLength != null
                    || pattern != null
                    || minimum != null
                    || maximum != null
                    || email
                    || !allowedValues.isEmpty()
                    || multipleOf != null;
        }

        boolean hasArrayChecks() {
            return minItems != null || maxItems != null || uniqueItems;
        }
    }
}
