package io.backendkit.decision.internal;

import io.backendkit.decision.DecisionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses enum constants from their kebab-case wire names. */
public final class WireNames {

    private WireNames() {}

    /**
     * The constant of {@code type} whose wire name or constant name equals {@code text}, ignoring case.
     *
     * @throws DecisionException located at {@code inputName}, listing the accepted values
     */
    public static <E extends Enum<E>> E parse(
            Class<E> type, String text, String inputName, Function<E, String> wireName) {
        E[] constants = type.getEnumConstants();
        if (text != null) {
            String wanted = text.strip().toLowerCase(Locale.ROOT);
            for (E constant : constants) {
                if (wireName.apply(constant).equals(wanted)
                        || constant.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                    return constant;
                }
            }
        }
        String accepted = Arrays.stream(constants).map(wireName).collect(Collectors.joining(", "));
        throw new DecisionException(
                inputName,
                (text == null ? "no value given" : "unknown value '" + text + "'") + "; accepted: " + accepted);
    }
}
