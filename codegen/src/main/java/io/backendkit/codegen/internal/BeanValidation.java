package io.backendkit.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jakarta Bean Validation annotations for a shape: the constraints of the schema as NotNull, Size,
 * Pattern, Min, Max, DecimalMin, DecimalMax, Email and Valid, with the messages the generated
 * validation uses.
 * Referenced by name only: codegen itself does not depend on the validation API. Stateless.
 */
final class BeanValidation {

    static final String PACKAGE = "jakarta.validation.constraints";
    static final ClassName VALID = ClassName.get("jakarta.validation", "Valid");
    static final ClassName NOT_NULL = ClassName.get(PACKAGE, "NotNull");
    static final ClassName SIZE = ClassName.get(PACKAGE, "Size");
    static final ClassName PATTERN = ClassName.get(PACKAGE, "Pattern");
    static final ClassName MIN = ClassName.get(PACKAGE, "Min");
    static final ClassName MAX = ClassName.get(PACKAGE, "Max");
    static final ClassName DECIMAL_MIN = ClassName.get(PACKAGE, "DecimalMin");
    static final ClassName DECIMAL_MAX = ClassName.get(PACKAGE, "DecimalMax");
    static final ClassName EMAIL = ClassName.get(PACKAGE, "Email");

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private BeanValidation() {}

    /**
     * The declaration annotations of a value of {@code shape}: {@code @NotNull} when it must be
     * present, the shape's own constraints and {@code @Valid} where validation cascades.
     */
    static List<AnnotationSpec> annotations(Shape shape, boolean notNull, String modelPackage) {
        List<AnnotationSpec> out = new ArrayList<>();
        if (notNull) {
            out.add(withMessage(NOT_NULL, "is required"));
        }
        own(shape, out, modelPackage);
        if (cascades(shape)) {
            out.add(AnnotationSpec.builder(VALID).build());
        }
        return out;
    }

    /**
     * The type of a value of {@code shape} with the constraints of list items and map values as
     * type-use annotations ({@code List<@Size(max = 5) String>}); the top level is left bare.
     */
    static TypeName annotatedType(Shape shape, String modelPackage) {
        return switch (shape) {
            case ListOf l -> ParameterizedTypeName.get(JavaPoets.LIST, element(l.item(), modelPackage));
            case MapOf m ->
                ParameterizedTypeName.get(JavaPoets.MAP, JavaPoets.STRING, element(m.value(), modelPackage));
            default -> shape.type();
        };
    }

    private static TypeName element(Shape item, String modelPackage) {
        List<AnnotationSpec> own = new ArrayList<>();
        own(item, own, modelPackage);
        TypeName type = annotatedType(item, modelPackage);
        // items that cascade are covered by @Valid on the container (legacy cascading)
        return own.isEmpty() ? type : type.annotated(own);
    }

    private static boolean cascades(Shape shape) {
        return switch (shape) {
            case Named n -> n.kind() != NamedKind.ENUM;
            case ListOf l -> cascades(l.item());
            case MapOf m -> cascades(m.value());
            case Scalar s -> false;
        };
    }

    private static void own(Shape shape, List<AnnotationSpec> out, String modelPackage) {
        ClassName constraints = ClassName.get(modelPackage, "ApiConstraints");
        Constraints c = shape.constraints();
        switch (shape) {
            case ListOf l -> {
                size(c.minItems(), c.maxItems(), "items", out);
                if (c.uniqueItems()) {
                    out.add(AnnotationSpec.builder(constraints.nestedClass("UniqueItems"))
                            .build());
                }
            }
            case Named n
            when n.kind() == NamedKind.ENUM ->
                // a generated enum reads unknown values as its unrecognized constant: reject that
                out.add(AnnotationSpec.builder(constraints.nestedClass("KnownValue"))
                        .build());
            case Scalar s
            when s.kind() == ScalarKind.STRING -> {
                size(c.minLength(), c.maxLength(), "length", out);
                if (c.pattern() != null) {
                    // Bean Validation matches the whole value; an OpenAPI pattern only has to occur in it
                    out.add(AnnotationSpec.builder(PATTERN)
                            .addMember("regexp", "$S", "(?s).*(?:" + c.pattern() + ").*")
                            .addMember("message", "$S", escape("must match pattern " + c.pattern()))
                            .build());
                }
                if (c.email()) {
                    out.add(withMessage(EMAIL, "must be a valid email address"));
                }
                if (!c.allowedValues().isEmpty()) {
                    List<String> quoted =
                            c.allowedValues().stream().map(Pattern::quote).toList();
                    out.add(AnnotationSpec.builder(PATTERN)
                            .addMember("regexp", "$S", String.join("|", quoted))
                            .addMember("message", "$S", escape("must be one of " + c.allowedValues()))
                            .build());
                }
            }
            case Scalar s
            when s.kind().numeric() -> {
                if (c.minimum() != null) {
                    out.add(bound(s.kind(), c.minimum(), c.exclusiveMinimum(), true));
                }
                if (c.maximum() != null) {
                    out.add(bound(s.kind(), c.maximum(), c.exclusiveMaximum(), false));
                }
                if (c.multipleOf() != null) {
                    String divisor = c.multipleOf().toPlainString();
                    out.add(AnnotationSpec.builder(constraints.nestedClass("MultipleOf"))
                            .addMember("value", "$S", divisor)
                            .addMember("message", "$S", "must be a multiple of " + divisor)
                            .build());
                }
            }
            default -> {}
        }
    }

    private static void size(Integer min, Integer max, String what, List<AnnotationSpec> out) {
        boolean hasMin = min != null && min > 0;
        if (!hasMin && max == null) {
            return;
        }
        String message = what.equals("items")
                ? (hasMin && max != null
                        ? "must have " + min + " to " + max + " items"
                        : hasMin ? "must have at least " + min + " items" : "must have at most " + max + " items")
                : (hasMin && max != null
                        ? "length must be between " + min + " and " + max
                        : hasMin ? "length must be at least " + min : "length must be at most " + max);
        AnnotationSpec.Builder a = AnnotationSpec.builder(SIZE);
        if (hasMin) {
            a.addMember("min", "$L", min);
        }
        if (max != null) {
            a.addMember("max", "$L", max);
        }
        out.add(a.addMember("message", "$S", message).build());
    }

    private static AnnotationSpec bound(ScalarKind kind, BigDecimal value, boolean exclusive, boolean lower) {
        String message =
                "must be " + (lower ? (exclusive ? "> " : ">= ") : (exclusive ? "< " : "<= ")) + value.toPlainString();
        boolean integral = (kind == ScalarKind.INT || kind == ScalarKind.LONG)
                && value.stripTrailingZeros().scale() <= 0
                && value.compareTo(LONG_MIN) >= 0
                && value.compareTo(LONG_MAX) <= 0;
        if (integral && !exclusive) {
            return AnnotationSpec.builder(lower ? MIN : MAX)
                    .addMember("value", "$LL", value.longValueExact())
                    .addMember("message", "$S", escape(message))
                    .build();
        }
        AnnotationSpec.Builder a = AnnotationSpec.builder(lower ? DECIMAL_MIN : DECIMAL_MAX)
                .addMember("value", "$S", value.toPlainString());
        if (exclusive) {
            a.addMember("inclusive", "false");
        }
        return a.addMember("message", "$S", escape(message)).build();
    }

    private static AnnotationSpec withMessage(ClassName type, String message) {
        return AnnotationSpec.builder(type).addMember("message", "$S", message).build();
    }

    /** A message with Bean Validation's interpolation characters escaped, so it is shown as written. */
    static String escape(String message) {
        StringBuilder sb = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char ch = message.charAt(i);
            if (ch == '\\' || ch == '{' || ch == '}' || ch == '$') {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
