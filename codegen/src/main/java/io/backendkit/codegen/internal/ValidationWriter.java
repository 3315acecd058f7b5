package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.ListOf;
import io.backendkit.codegen.internal.Shape.MapOf;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes validation statements for a shape: plain comparisons, no reflection. Every check adds a
 * {@code Violation(path, message)} to a list named {@code violations}; paths are built lazily, only
 * when a check fails.
 */
final class ValidationWriter {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ClassName violation;
    private final ClassName validation;
    private final Function<ClassName, String> unknownEnumConstant;
    private final Map<String, String> patterns = new LinkedHashMap<>();

    /**
     * A writer for one generated class (patterns become static fields of that class).
     *
     * @param modelPackage where {@code Violation} and {@code Validation} live
     * @param unknownEnumConstant the "unrecognized" constant of each generated enum
     */
    ValidationWriter(String modelPackage, Function<ClassName, String> unknownEnumConstant) {
        this.violation = ClassName.get(modelPackage, "Violation");
        this.validation = ClassName.get(modelPackage, "Validation");
        this.unknownEnumConstant = unknownEnumConstant;
    }

    /** The static {@code Pattern} fields the written checks refer to. */
    List<FieldSpec> staticFields() {
        List<FieldSpec> out = new ArrayList<>();
        ClassName patternType = ClassName.get(Pattern.class);
        for (Map.Entry<String, String> e : patterns.entrySet()) {
            out.add(FieldSpec.builder(patternType, e.getValue(), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.compile($S)", patternType, e.getKey())
                    .build());
        }
        return out;
    }

    /** {@code Validation.field(parent, "name")}. */
    CodeBlock fieldPath(CodeBlock parent, String jsonName) {
        return CodeBlock.of("$T.field($L, $S)", validation, parent, jsonName);
    }

    /**
     * Checks a possibly null value: "is required" when null and {@code mustBePresent}, otherwise the
     * shape's checks.
     */
    void checkValue(CodeBlock.Builder b, Shape shape, CodeBlock value, CodeBlock path, boolean mustBePresent) {
        if (mustBePresent) {
            b.beginControlFlow("if ($L == null)", value);
            violation(b, path, CodeBlock.of("$S", "is required"));
            if (shape.needsChecks()) {
                b.nextControlFlow("else");
                checks(b, shape, value, path, 0);
            }
            b.endControlFlow();
        } else if (shape.needsChecks()) {
            b.beginControlFlow("if ($L != null)", value);
            checks(b, shape, value, path, 0);
            b.endControlFlow();
        }
    }

    /** Checks a non-null value. */
    void checks(CodeBlock.Builder b, Shape shape, CodeBlock value, CodeBlock path, int depth) {
        switch (shape) {
            case Scalar s -> scalarChecks(b, s.kind(), s.constraints(), value, path);
            case Named n -> namedChecks(b, n, value, path);
            case ListOf l -> listChecks(b, l, value, path, depth);
            case MapOf m -> mapChecks(b, m, value, path, depth);
        }
    }

    private void namedChecks(CodeBlock.Builder b, Named n, CodeBlock value, CodeBlock path) {
        switch (n.kind()) {
            case RECORD, UNION -> b.addStatement("$L.validateInto($L, violations)", value, path);
            case ENUM -> {
                b.beginControlFlow("if ($L == $T.$L)", value, n.type(), unknownEnumConstant.apply(n.type()));
                violation(b, path, CodeBlock.of("$S", "must be one of " + n.enumValues()));
                b.endControlFlow();
            }
        }
    }

    private void listChecks(CodeBlock.Builder b, ListOf l, CodeBlock value, CodeBlock path, int depth) {
        Constraints c = l.constraints();
        if (c.minItems() != null && c.minItems() > 0) {
            check(
                    b,
                    CodeBlock.of("$L.size() < $L", value, c.minItems()),
                    path,
                    "must have at least " + c.minItems() + " items");
        }
        if (c.maxItems() != null) {
            check(
                    b,
                    CodeBlock.of("$L.size() > $L", value, c.maxItems()),
                    path,
                    "must have at most " + c.maxItems() + " items");
        }
        if (c.uniqueItems()) {
            check(b, CodeBlock.of("$T.hasDuplicates($L)", validation, value), path, "items must be unique");
        }
        if (l.item().needsChecks()) {
            String i = "i" + depth;
            String e = "e" + depth;
            b.beginControlFlow("for (int $L = 0; $L < $L.size(); $L++)", i, i, value, i);
            b.addStatement("var $L = $L.get($L)", e, value, i);
            b.beginControlFlow("if ($L != null)", e);
            checks(
                    b,
                    l.item(),
                    CodeBlock.of("$L", e),
                    CodeBlock.of("$T.index($L, $L)", validation, path, i),
                    depth + 1);
            b.endControlFlow();
            b.endControlFlow();
        }
    }

    private void mapChecks(CodeBlock.Builder b, MapOf m, CodeBlock value, CodeBlock path, int depth) {
        if (!m.value().needsChecks()) {
            return;
        }
        String e = "m" + depth;
        b.beginControlFlow("for (var $L : $L.entrySet())", e, value);
        b.beginControlFlow("if ($L.getValue() != null)", e);
        checks(
                b,
                m.value(),
                CodeBlock.of("$L.getValue()", e),
                CodeBlock.of("$T.field($L, $L.getKey())", validation, path, e),
                depth + 1);
        b.endControlFlow();
        b.endControlFlow();
    }

    private void scalarChecks(CodeBlock.Builder b, ScalarKind kind, Constraints c, CodeBlock value, CodeBlock path) {
        if (kind == ScalarKind.STRING) {
            if (c.minLength() != null && c.minLength() > 0) {
                check(
                        b,
                        CodeBlock.of("$T.length($L) < $L", validation, value, c.minLength()),
                        path,
                        "length must be at least " + c.minLength());
            }
            if (c.maxLength() != null) {
                check(
                        b,
                        CodeBlock.of("$T.length($L) > $L", validation, value, c.maxLength()),
                        path,
                        "length must be at most " + c.maxLength());
            }
            if (c.pattern() != null) {
                String field = patterns.computeIfAbsent(c.pattern(), p -> "PATTERN_" + patterns.size());
                check(
                        b,
                        CodeBlock.of("!$L.matcher($L).find()", field, value),
                        path,
                        "must match pattern " + c.pattern());
            }
            if (c.email()) {
                check(b, CodeBlock.of("!$T.isEmail($L)", validation, value), path, "must be a valid email address");
            }
            if (!c.allowedValues().isEmpty()) {
                CodeBlock.Builder set = CodeBlock.builder();
                for (int i = 0; i < c.allowedValues().size(); i++) {
                    set.add(i == 0 ? "$S" : ", $S", c.allowedValues().get(i));
                }
                check(
                        b,
                        CodeBlock.of("!$T.of($L).contains($L)", java.util.Set.class, set.build(), value),
                        path,
                        "must be one of " + c.allowedValues());
            }
        } else if (kind.numeric()) {
            if (c.multipleOf() != null) {
                CodeBlock decimal = kind == ScalarKind.DECIMAL
                        ? value
                        : CodeBlock.of("new $T($T.valueOf($L))", BigDecimal.class, String.class, value);
                check(
                        b,
                        CodeBlock.of(
                                "$L.remainder(new $T($S)).signum() != 0",
                                decimal,
                                BigDecimal.class,
                                c.multipleOf().toPlainString()),
                        path,
                        "must be a multiple of " + c.multipleOf().toPlainString());
            }
            if (c.minimum() != null) {
                String op = c.exclusiveMinimum() ? "<=" : "<";
                check(
                        b,
                        compare(kind, value, op, c.minimum()),
                        path,
                        "must be " + (c.exclusiveMinimum() ? "> " : ">= ")
                                + c.minimum().toPlainString());
            }
            if (c.maximum() != null) {
                String op = c.exclusiveMaximum() ? ">=" : ">";
                check(
                        b,
                        compare(kind, value, op, c.maximum()),
                        path,
                        "must be " + (c.exclusiveMaximum() ? "< " : "<= ")
                                + c.maximum().toPlainString());
            }
        }
    }

    /** {@code value op bound}, written in the cheapest form that is exact for the value's type. */
    private static CodeBlock compare(ScalarKind kind, CodeBlock value, String op, BigDecimal bound) {
        boolean integralBound = bound.stripTrailingZeros().scale() <= 0
                && bound.compareTo(LONG_MIN) >= 0
                && bound.compareTo(LONG_MAX) <= 0;
        return switch (kind) {
            case INT, LONG ->
                integralBound
                        ? CodeBlock.of("$L $L $LL", value, op, bound.longValueExact())
                        : CodeBlock.of("$L $L $Ld", value, op, bound.toString());
            case FLOAT, DOUBLE -> CodeBlock.of("$L $L $Ld", value, op, bound.toString());
            default ->
                CodeBlock.of("$L.compareTo(new $T($S)) $L 0", value, BigDecimal.class, bound.toPlainString(), op);
        };
    }

    private void check(CodeBlock.Builder b, CodeBlock failsWhen, CodeBlock path, String message) {
        b.beginControlFlow("if ($L)", failsWhen);
        violation(b, path, CodeBlock.of("$S", message));
        b.endControlFlow();
    }

    private void violation(CodeBlock.Builder b, CodeBlock path, CodeBlock message) {
        b.addStatement("violations.add(new $T($L, $L))", violation, path, message);
    }
}
