package backendkit.template.model;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The Bean Validation constraints of the schema that Jakarta Bean Validation has no annotation for:
 * known enum values, {@code uniqueItems} and {@code multipleOf}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiConstraints {

    private ApiConstraints() {}

    /**
     * The value of a generated enum must be one the API defines: a value this version does not know
     * is read as the enum's unrecognized constant (its {@code value()} is null), which this constraint
     * rejects with {@code must be one of [...]}.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Constraint(validatedBy = KnownValueValidator.class)
    public @interface KnownValue {

        /** The message when no list of values can be given. */
        String message() default "must be one of the values the API defines";

        /** Validation groups. */
        Class<?>[] groups() default {};

        /** Payload. */
        Class<? extends Payload>[] payload() default {};
    }

    /** The items of a list must be distinct ({@code uniqueItems: true}). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Constraint(validatedBy = UniqueItemsValidator.class)
    public @interface UniqueItems {

        /** The message. */
        String message() default "items must be unique";

        /** Validation groups. */
        Class<?>[] groups() default {};

        /** Payload. */
        Class<? extends Payload>[] payload() default {};
    }

    /** A number must be a multiple of {@link #value()} ({@code multipleOf}). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Constraint(validatedBy = MultipleOfValidator.class)
    public @interface MultipleOf {

        /** The divisor, as a decimal. */
        String value();

        /** The message. */
        String message();

        /** Validation groups. */
        Class<?>[] groups() default {};

        /** Payload. */
        Class<? extends Payload>[] payload() default {};
    }

    /** Checks {@link KnownValue}. */
    public static final class KnownValueValidator implements ConstraintValidator<KnownValue, Enum<?>> {

        /** Created by the validation provider. */
        public KnownValueValidator() {}

        @Override
        public boolean isValid(Enum<?> constant, ConstraintValidatorContext context) {
            if (constant == null || value(constant) != null) {
                return true;
            }
            List<String> values = new ArrayList<>();
            for (Enum<?> c : constant.getDeclaringClass().getEnumConstants()) {
                Object v = value(c);
                if (v != null) {
                    values.add(String.valueOf(v));
                }
            }
            String message = "must be one of " + values;
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message.replaceAll("([\\\\{}$])", "\\\\$1"))
                    .addConstraintViolation();
            return false;
        }

        private static Object value(Enum<?> constant) {
            try {
                return constant.getDeclaringClass().getMethod("value").invoke(constant);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return constant.name();
            }
        }
    }

    /** Checks {@link UniqueItems}, comparing numbers by value as {@code Validation.hasDuplicates} does. */
    public static final class UniqueItemsValidator implements ConstraintValidator<UniqueItems, Collection<?>> {

        /** Created by the validation provider. */
        public UniqueItemsValidator() {}

        @Override
        public boolean isValid(Collection<?> items, ConstraintValidatorContext context) {
            return items == null || !Validation.hasDuplicates(new ArrayList<>(items));
        }
    }

    /** Checks {@link MultipleOf}. */
    public static final class MultipleOfValidator implements ConstraintValidator<MultipleOf, Number> {

        private BigDecimal divisor;

        /** Created by the validation provider. */
        public MultipleOfValidator() {}

        @Override
        public void initialize(MultipleOf annotation) {
            divisor = new BigDecimal(annotation.value());
        }

        @Override
        public boolean isValid(Number value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                BigDecimal decimal = value instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(value));
                return decimal.remainder(divisor).signum() == 0;
            } catch (NumberFormatException notFinite) {
                return false;
            }
        }
    }
}
