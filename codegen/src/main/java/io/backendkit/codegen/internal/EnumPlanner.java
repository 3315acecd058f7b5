package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Enum schemas: recovers values the parser lost, reports enums no Java enum can hold, and plans the
 * constants (value kind, unique constant names, the {@code UNRECOGNIZED} sentinel) of those that become
 * Java enums.
 */
final class EnumPlanner {

    private final RawDocument rawDocument;
    private final Findings findings;

    /**
     * A planner.
     *
     * @param rawDocument the root document as written, or null when there is none to consult
     * @param findings where warnings go
     */
    EnumPlanner(RawDocument rawDocument, Findings findings) {
        this.rawDocument = rawDocument;
        this.findings = findings;
    }

    /**
     * Looks at the enum of a schema about to be planned at {@code pointer}: restores integer values
     * the parser dropped (from the document as written), and reports an enum that no Java enum can
     * hold.
     *
     * @return whether the schema becomes a Java enum
     */
    boolean inspect(Schema<?> s, String pointer) {
        recoverDroppedValues(s, pointer);
        if (Schemas.isEnum(s)) {
            return true;
        }
        if (s.getEnum() != null && s.getEnum().stream().anyMatch(Objects::nonNull)) {
            String type = Schemas.typeOf(s);
            findings.warn(
                    "ENUM_VALUES_DROPPED",
                    pointer,
                    "enum of " + (type == null ? "mixed values" : type + " values")
                            + " that a Java enum cannot hold (only strings, integers and numbers can);"
                            + " typed as the plain value, the allowed values are not checked");
        }
        return false;
    }

    /**
     * swagger-parser reads integer enum values beyond a long as null; they are taken from the
     * document as written, or named in an ENUM_VALUES_DROPPED finding when it cannot be read again.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void recoverDroppedValues(Schema<?> s, String pointer) {
        String type = Schemas.typeOf(s);
        if (s.getEnum() == null
                || !("integer".equals(type) || "number".equals(type))
                || !s.getEnum().contains(null)
                || Boolean.TRUE.equals(s.getNullable())
                || (s.getTypes() != null && s.getTypes().contains("null"))) {
            return;
        }
        List<Object> written = rawDocument == null ? null : rawDocument.enumAt(pointer);
        if (written != null && written.size() == s.getEnum().size()) {
            ((Schema) s).setEnum(new ArrayList<>(written));
            return;
        }
        findings.warn(
                "ENUM_VALUES_DROPPED",
                pointer,
                "enum values the parser could not read (integers beyond 64 bits) are missing from the generated"
                        + " type");
    }

    /** The declaration of the Java enum {@code name} for the enum schema {@code s}. */
    EnumDecl plan(ClassName name, Schema<?> s, String pointer) {
        EnumDecl decl = new EnumDecl(name, pointer);
        Schemas.describe(decl, s);
        decl.valueKind = Schemas.enumKind(s);
        if (decl.valueKind == null) {
            throw new IllegalArgumentException(pointer + " is no enum a Java enum can hold");
        }
        if ("int32".equals(s.getFormat()) && decl.valueKind == ScalarKind.LONG) {
            findings.info(
                    "ENUM_WIDENED", pointer, "int32 enum with values beyond 32 bits: its values are held as long");
        }
        Names.Scope constants = new Names.Scope(false);
        // the sentinel is named first so that a value spelled UNRECOGNIZED gets another name
        decl.unknownConstant = constants.allocate("UNRECOGNIZED");
        Set<Object> seen = new HashSet<>();
        for (Object v : s.getEnum()) {
            if (v == null) {
                continue;
            }
            // not a conditional expression: Integer : Long would unbox both and box a Long
            Object value;
            Object key;
            String constant;
            switch (decl.valueKind) {
                case INT -> {
                    value = Integer.valueOf(Schemas.decimal(v).intValueExact());
                    key = value;
                    constant = "value " + value;
                }
                case LONG -> {
                    value = Long.valueOf(Schemas.decimal(v).longValueExact());
                    key = value;
                    constant = "value " + value;
                }
                case DECIMAL -> {
                    BigDecimal d = Schemas.decimal(v);
                    value = d;
                    key = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
                    constant = "value " + (d.signum() < 0 ? "minus " : "")
                            + d.abs().toPlainString().replace('.', '_');
                }
                default -> {
                    value = v.toString();
                    key = value;
                    constant = value.toString();
                }
            }
            if (!seen.add(key)) {
                continue;
            }
            constant = Names.constantName(constant, "VALUE");
            if (Names.KEYWORDS.contains(constant)) {
                constant = constant + "_";
            }
            decl.constants.put(constants.allocate(constant), value);
        }
        return decl;
    }

    /** The enum's distinct values as strings, in document order (for a {@link Shape.Named} enum shape). */
    static List<String> values(Schema<?> s) {
        List<String> out = new ArrayList<>();
        for (Object v : s.getEnum()) {
            if (v != null && !out.contains(v.toString())) {
                out.add(v.toString());
            }
        }
        return out;
    }
}
