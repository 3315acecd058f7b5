package io.backendkit.decision;

import io.backendkit.decision.internal.ProfileJson;
import io.backendkit.decision.internal.ProfileSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads architecture profiles: the built-in ones, a directory of {@code *.json} files, or a
 * classpath directory. Every file is validated on load: unknown keys, wrong types and impossible
 * values are {@link DecisionException}s whose location is the file and whose message names each bad
 * key as a JSON pointer, for example {@code profiles/acme.json: /constraints/team_size_mn: unknown
 * key (did you mean 'team_size_min'?)}.
 *
 * <p>The format is the original decision engine's, so existing profile files load unchanged:
 * {@code profile_name}, {@code description}, {@code version}, {@code constraints}, {@code stack}
 * (and variants {@code stack_<name>}), {@code anti_recommendations}, {@code success_thresholds},
 * {@code named_approver_chain}, {@code canon_references}, and an ignored {@code $schema}. backendkit
 * additionally requires what a recommendation must state: {@code constraints}, the latency, uptime,
 * RPO and RTO entries of {@code success_thresholds}, and at least one approver. A file without
 * {@code profile_name} is named after the file, as in the original.
 *
 * <p>Stateless and thread-safe.
 */
public final class Profiles {

    private Profiles() {}

    /**
     * Names of the built-in profiles: the original engine's four ({@code node-express}, {@code
     * fastapi-python}, {@code django-monolith}, {@code go-or-rust-microservice}) and two for JVM
     * teams ({@code jvm-modular-monolith}, {@code jvm-extracted-service}).
     *
     * @return an unmodifiable list of the six names, in the order above
     */
    public static List<String> builtInNames() {
        return ProfileSources.BUILT_IN_NAMES;
    }

    /**
     * All built-in profiles, read from this jar's resources on each call.
     *
     * @return an unmodifiable list in {@link #builtInNames()} order
     */
    public static List<Profile> builtIn() {
        List<Profile> profiles = new ArrayList<>();
        for (String name : ProfileSources.BUILT_IN_NAMES) {
            profiles.add(ProfileSources.builtIn(name));
        }
        return List.copyOf(profiles);
    }

    /**
     * One built-in profile.
     *
     * @param name one of {@link #builtInNames()}, matched exactly
     * @return the profile, with source {@code built-in:<name>.json}
     * @throws DecisionException naming the available profiles when there is no such profile
     */
    public static Profile builtIn(String name) {
        return ProfileSources.builtIn(name);
    }

    /**
     * Every {@code *.json} file directly in {@code directory}, in file-name order. Subdirectories
     * are not searched.
     *
     * @param directory the directory, not null
     * @return an unmodifiable, non-empty list; each profile's source is its file path
     * @throws DecisionException when the directory is null, does not exist or is not a directory,
     *     holds no {@code *.json} file, or a file is invalid (located at the file, naming the key)
     */
    public static List<Profile> fromDirectory(Path directory) {
        if (directory == null) {
            throw new DecisionException("directory", "must not be null");
        }
        return List.copyOf(ProfileSources.directory(directory));
    }

    /**
     * One profile file.
     *
     * @param file the file, not null
     * @return the profile; its source is the file path, its name the file name without {@code .json}
     *     when the file has no {@code profile_name}
     * @throws DecisionException when the file is null, missing or invalid (located at the file, naming the key)
     */
    public static Profile fromFile(Path file) {
        if (file == null) {
            throw new DecisionException("file", "must not be null");
        }
        return ProfileSources.file(file);
    }

    /**
     * Every {@code *.json} resource directly under a classpath directory, looked up through the
     * thread's context class loader (or this class's loader when there is none). Directories and
     * jars on the classpath are both listed; when several entries hold the same resource name, the
     * first wins.
     *
     * @param directory a resource directory such as {@code architecture-profiles}, not null
     * @return an unmodifiable, non-empty list in resource-name order
     * @throws DecisionException when the directory is null or not on the classpath, holds no
     *     profile, or a profile is invalid
     */
    public static List<Profile> fromClasspath(String directory) {
        return fromClasspath(directory, defaultLoader());
    }

    /**
     * Every {@code *.json} resource directly under a classpath directory of {@code loader}; otherwise
     * like {@link #fromClasspath(String)}.
     *
     * @param directory a resource directory such as {@code architecture-profiles}, not null
     * @param loader the class loader whose resources are listed, not null
     * @return an unmodifiable, non-empty list in resource-name order
     * @throws DecisionException when an argument is null, the directory is not visible to {@code
     *     loader}, holds no profile, or a profile is invalid
     * @see #fromClasspath(String)
     */
    public static List<Profile> fromClasspath(String directory, ClassLoader loader) {
        if (directory == null) {
            throw new DecisionException("directory", "must not be null");
        }
        if (loader == null) {
            throw new DecisionException("loader", "must not be null");
        }
        return List.copyOf(ProfileSources.classpath(directory, loader));
    }

    /**
     * One profile resource, looked up like {@link #fromClasspath(String)}.
     *
     * @param resource for example {@code architecture-profiles/acme.json}, not null
     * @return the profile
     * @throws DecisionException when the resource is null, missing or invalid
     */
    public static Profile fromClasspathResource(String resource) {
        if (resource == null) {
            throw new DecisionException("resource", "must not be null");
        }
        return ProfileSources.classpathResource(resource, defaultLoader());
    }

    /**
     * Parses one profile document.
     *
     * @param json the profile text
     * @param sourceName what the text is (a file name, "request body"), used in error messages, as
     *     {@link Profile#source()}, and (without a directory and a {@code .json} ending) as the name
     *     when {@code profile_name} is absent
     * @return the profile
     * @throws DecisionException when {@code sourceName} is blank, {@code json} is null, or the
     *     document is not a valid profile (located at {@code sourceName}, naming each bad key)
     */
    public static Profile parse(String json, String sourceName) {
        if (sourceName == null || sourceName.isBlank()) {
            throw new DecisionException("sourceName", "must not be blank");
        }
        if (json == null) {
            throw new DecisionException(sourceName, "profile text is null");
        }
        String stem = sourceName.substring(sourceName.lastIndexOf('/') + 1).replaceAll("\\.json$", "");
        return ProfileJson.parse(json, sourceName, stem);
    }

    private static ClassLoader defaultLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Profiles.class.getClassLoader();
    }
}
