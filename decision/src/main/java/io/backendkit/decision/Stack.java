package io.backendkit.decision;

import java.util.List;

/**
 * A profile's technology picks: the {@code stack} object of a profile file, or one of several
 * variants such as {@code stack_go} and {@code stack_rust}. Immutable and thread-safe.
 *
 * @param key the profile key, {@code stack} or {@code stack_<variant>}
 * @param picks the components in file order
 */
public record Stack(String key, List<Pick> picks) {

    /**
     * Copies the pick list, so later changes to the caller's list do not show here.
     *
     * @throws NullPointerException if {@code picks} is null or holds a null
     */
    public Stack {
        picks = List.copyOf(picks);
    }

    /**
     * The variant named by the key.
     *
     * @return the part after {@code stack_} (e.g. {@code go} for {@code stack_go}), or an empty
     *     string for plain {@code stack}
     */
    public String variant() {
        return key.startsWith("stack_") ? key.substring("stack_".length()) : "";
    }

    /**
     * One component of a stack. Immutable and thread-safe.
     *
     * @param component what is picked, e.g. {@code database}
     * @param choices the pick, or the options in the order the profile ranks them
     * @param optionList whether the profile gives a list of options rather than one pick
     */
    public record Pick(String component, List<String> choices, boolean optionList) {

        /**
         * Copies the choices, so later changes to the caller's list do not show here.
         *
         * @throws NullPointerException if {@code choices} is null or holds a null
         */
        public Pick {
            choices = List.copyOf(choices);
        }

        /**
         * The choices joined for display.
         *
         * @return the choices joined with {@code " | "}, e.g. {@code drizzle | prisma}
         */
        public String choicesText() {
            return String.join(" | ", choices);
        }
    }
}
