package io.backendkit.decision;

/**
 * Something not to introduce on a profile (an entry of {@code anti_recommendations}). Immutable and
 * thread-safe.
 *
 * @param name short identifier, e.g. {@code shared-database-across-services}
 * @param level how firmly to avoid it, read from the start of the text
 * @param text the profile's explanation as written, e.g. {@code kill — defeats the point}
 */
public record AntiPattern(String name, Level level, String text) {

    /** How firmly to avoid an anti-pattern. */
    public enum Level {
        /** Text starts with "kill": do not do this on this profile. */
        KILL,
        /** Text starts with "warn": do it only with a written reason. */
        WARN,
        /** Any other text: advice. */
        NOTE
    }
}
