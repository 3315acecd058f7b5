package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A model type to generate. Filled in by {@link ModelPlanner}, read by {@link ModelEmitter}. */
public abstract sealed class ModelDecl {

    final ClassName name;
    final String pointer;
    String description;
    boolean deprecated;
    /** How many later inline schemas, structurally identical to this one's, share the type. */
    int sharedBy;
    /** Sealed interfaces this type implements (records, wrappers) or extends (unions). */
    final Set<ClassName> parents = new LinkedHashSet<>();

    ModelDecl(ClassName name, String pointer) {
        this.name = name;
        this.pointer = pointer;
    }

    /** The generated type's name. */
    public ClassName name() {
        return name;
    }

    /** The JSON pointer of the schema. */
    public String pointer() {
        return pointer;
    }

    /** One property of a record. */
    record Field(
            String jsonName,
            String javaName,
            Shape shape,
            boolean required,
            boolean nullable,
            String description,
            boolean deprecated,
            String pointer) {}

    /** An object schema: a record. */
    static final class RecordDecl extends ModelDecl {
        final List<Field> fields = new ArrayList<>();
        /** The value shape of {@code additionalProperties}, or null when the record has none. */
        Shape additional;

        String additionalJavaName;
        /** Whether a sealed parent picks variants by discriminator (the record then opts out of type info). */
        boolean discriminatorVariant;
        /** Whether a sealed parent has a custom deserializer (the record then opts out of it). */
        boolean deductionVariant;

        RecordDecl(ClassName name, String pointer) {
            super(name, pointer);
        }

        Field field(String jsonName) {
            return fields.stream()
                    .filter(f -> f.jsonName().equals(jsonName))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A string, integer or number enum. */
    static final class EnumDecl extends ModelDecl {
        /** Constant name → JSON value (String, Integer, Long or BigDecimal). */
        final Map<String, Object> constants = new LinkedHashMap<>();

        Shape.ScalarKind valueKind = Shape.ScalarKind.STRING;
        String unknownConstant = "UNRECOGNIZED";

        EnumDecl(ClassName name, String pointer) {
            super(name, pointer);
        }
    }

    /** oneOf/anyOf, or a discriminator base: a sealed interface. */
    static final class UnionDecl extends ModelDecl {
        /** Variants in declaration order. */
        final List<ClassName> variants = new ArrayList<>();
        /** Discriminator property, or null for deduction by shape. */
        String discriminator;
        /** Variant → the discriminator values that select it. */
        final Map<ClassName, List<String>> discriminatorValues = new LinkedHashMap<>();

        UnionDecl(ClassName name, String pointer) {
            super(name, pointer);
        }
    }

    /** A non-object variant of a union wrapped in a record with one component. */
    static final class WrapperDecl extends ModelDecl {
        final Shape inner;

        WrapperDecl(ClassName name, String pointer, Shape inner) {
            super(name, pointer);
            this.inner = inner;
        }
    }
}
