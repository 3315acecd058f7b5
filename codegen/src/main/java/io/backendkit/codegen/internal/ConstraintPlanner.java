package io.backendkit.codegen.internal;

import io.backendkit.codegen.internal.Shape.Constraints;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The validation constraints of a scalar or array schema: lengths, pattern, bounds (3.0 boolean and
 * 3.1 numeric exclusive bounds), item counts, uniqueness, e-mail format and multipleOf. What cannot be
 * checked is left out and reported: a pattern that is no Java regular expression, {@code not}.
 */
final class ConstraintPlanner {

    private final Findings findings;

    /** A planner reporting to {@code findings}. */
    ConstraintPlanner(Findings findings) {
        this.findings = findings;
    }

    /** The constraints of {@code s} at {@code pointer}. */
    Constraints of(Schema<?> s, String pointer) {
        if (s.getNot() != null) {
            findings.info("NOT_IGNORED", pointer + "/not", "'not' is not checked by generated validation");
        }
        String pattern = s.getPattern();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                findings.warn(
                        "PATTERN_NOT_CHECKED",
                        pointer + "/pattern",
                        "pattern is not a valid Java regular expression and is not checked: " + e.getDescription());
                pattern = null;
            }
        }
        BigDecimal minimum = s.getMinimum();
        boolean exclusiveMin = Boolean.TRUE.equals(s.getExclusiveMinimum());
        if (s.getExclusiveMinimumValue() != null) {
            minimum = s.getExclusiveMinimumValue();
            exclusiveMin = true;
        }
        BigDecimal maximum = s.getMaximum();
        boolean exclusiveMax = Boolean.TRUE.equals(s.getExclusiveMaximum());
        if (s.getExclusiveMaximumValue() != null) {
            maximum = s.getExclusiveMaximumValue();
            exclusiveMax = true;
        }
        boolean email = "email".equals(s.getFormat()) || "idn-email".equals(s.getFormat());
        return new Constraints(
                nonNegative(s.getMinLength()),
                nonNegative(s.getMaxLength()),
                pattern,
                minimum,
                exclusiveMin,
                maximum,
                exclusiveMax,
                nonNegative(s.getMinItems()),
                nonNegative(s.getMaxItems()),
                Boolean.TRUE.equals(s.getUniqueItems()),
                email,
                List.of(),
                s.getMultipleOf() != null && s.getMultipleOf().signum() > 0 ? s.getMultipleOf() : null);
    }

    private static Integer nonNegative(Integer i) {
        return i == null || i < 0 ? null : i;
    }
}
