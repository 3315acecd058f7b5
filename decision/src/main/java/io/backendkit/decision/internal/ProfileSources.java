package io.backendkit.decision.internal;

import io.backendkit.decision.DecisionException;
import io.backendkit.decision.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds and reads profile files: built-in resources, directories, classpath directories. */
public final class ProfileSources {

    /** The built-in profiles, by name; each is {@code io/backendkit/decision/profiles/<name>.json}. */
    public static final List<String> BUILT_IN_NAMES = List.of(
            "node-express",
            "fastapi-python",
            "django-monolith",
            "go-or-rust-microservice",
            "jvm-modular-monolith",
            "jvm-extracted-service");

    private ProfileSources() {}

    /** Reads one built-in profile. */
    public static Profile builtIn(String name) {
        if (!BUILT_IN_NAMES.contains(name)) {
            throw new DecisionException(
                    "built-in profile " + name,
                    "no such built-in profile; available: " + String.join(", ", BUILT_IN_NAMES));
        }
        String resource = "/io/backendkit/decision/profiles/" + name + ".json";
        try (InputStream in = ProfileSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in profile resource missing from the jar: " + resource);
            }
            return ProfileJson.parse(
                    decode(in.readAllBytes(), "built-in:" + name + ".json"), "built-in:" + name + ".json", name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in profile " + resource, e);
        }
    }

    /** Reads one profile file. */
    public static Profile file(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new DecisionException(source, "profile file not found");
        }
        try {
            return ProfileJson.parse(
                    decode(Files.readAllBytes(file), source),
                    source,
                    stem(file.getFileName().toString()));
        } catch (IOException e) {
            throw new DecisionException(source, "cannot read profile file: " + e.getMessage(), e);
        }
    }

    /** Reads every {@code *.json} file directly in {@code dir}, in file-name order. */
    public static List<Profile> directory(Path dir) {
        String location = dir.toString();
        if (!Files.exists(dir)) {
            throw new DecisionException(location, "profile directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new DecisionException(location, "not a directory; give the directory that holds the *.json profiles");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DecisionException(location, "cannot list profile directory: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DecisionException(location, "no *.json profile files in this directory");
        }
        List<Profile> profiles = new ArrayList<>();
        for (Path file : files) {
            profiles.add(file(file));
        }
        return profiles;
    }

    /**
     * Reads every {@code *.json} resource directly under {@code directory} in every classpath entry
     * of {@code loader} that has it (directories and jars), in resource-name order.
     */
    public static List<Profile> classpath(String directory, ClassLoader loader) {
        String dir = directory.replaceAll("^/+", "").replaceAll("/+$", "");
        String location = "classpath:" + dir;
        if (dir.isEmpty()) {
            throw new DecisionException(location, "give a resource directory such as 'architecture-profiles'");
        }
        TreeMap<String, byte[]> resources = new TreeMap<>();
        List<URL> roots;
        try {
            roots = Collections.list(loader.getResources(dir));
        } catch (IOException e) {
            throw new DecisionException(location, "cannot search the classpath: " + e.getMessage(), e);
        }
        if (roots.isEmpty()) {
            throw new DecisionException(location, "no such resource directory on the classpath");
        }
        for (URL root : roots) {
            switch (root.getProtocol()) {
                case "file" -> listDirectory(root, dir, resources, location);
                case "jar" -> listJar(root, dir, resources, location);
                default ->
                    throw new DecisionException(
                            location,
                            "cannot list resources served by '" + root.getProtocol() + "' (" + root
                                    + "); load the files one by one with Profiles.fromClasspathResource");
            }
        }
        if (resources.isEmpty()) {
            throw new DecisionException(location, "no *.json profile resources in this classpath directory");
        }
        List<Profile> profiles = new ArrayList<>();
        for (var entry : resources.entrySet()) {
            String source = "classpath:" + entry.getKey();
            String file = entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1);
            profiles.add(ProfileJson.parse(decode(entry.getValue(), source), source, stem(file)));
        }
        return profiles;
    }

    /** Reads one classpath resource. */
    public static Profile classpathResource(String resource, ClassLoader loader) {
        String name = resource.replaceAll("^/+", "");
        URL url = loader.getResource(name);
        if (url == null) {
            throw new DecisionException("classpath:" + name, "no such resource on the classpath");
        }
        return url(url, "classpath:" + name);
    }

    private static Profile url(URL url, String source) {
        String file = source.substring(source.lastIndexOf('/') + 1);
        try (InputStream in = url.openStream()) {
            return ProfileJson.parse(decode(in.readAllBytes(), source), source, stem(file));
        } catch (IOException e) {
            throw new DecisionException(source, "cannot read profile resource: " + e.getMessage(), e);
        }
    }

    private static void listDirectory(URL root, String dir, TreeMap<String, byte[]> out, String location) {
        Path path;
        try {
            path = Path.of(root.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new DecisionException(location, "cannot turn " + root + " into a path: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> listing = Files.list(path)) {
            for (Path p : listing.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") && Files.isRegularFile(p)) {
                    String key = dir + "/" + name;
                    if (!out.containsKey(key)) {
                        out.put(key, Files.readAllBytes(p));
                    }
                }
            }
        } catch (IOException e) {
            throw new DecisionException(location, "cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    private static void listJar(URL root, String dir, TreeMap<String, byte[]> out, String location) {
        try {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = dir + "/";
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory()
                            && name.startsWith(prefix)
                            && name.endsWith(".json")
                            && name.indexOf('/', prefix.length()) < 0) {
                        if (!out.containsKey(name)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                out.put(name, in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new DecisionException(location, "cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static String decode(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecisionException(source, "not UTF-8 text", e);
        }
    }

    private static String stem(String fileName) {
        return fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
    }
}
