package io.backendkit.schema.internal.migrate;

import io.backendkit.schema.MigrationException;
import io.backendkit.schema.MigrationScript;
import io.backendkit.schema.MigrationVersion;
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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Finds migration files in {@code classpath:} and {@code filesystem:} locations and parses them. Two formats are read
 * side by side: backendkit's own ({@code V<version>__<description>.sql} with {@code -- migrate:up} and {@code --
 * migrate:down} sections) and Flyway's ({@code V<version>__<description>.sql} whose whole content is the up section,
 * {@code U<version>__<description>.sql} its down section, {@code R__<description>.sql} repeatable migrations).
 */
public final class MigrationFiles {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern UNDO = Pattern.compile("U(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    private static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    /** Flyway's SQL callbacks: beforeMigrate.sql, afterEachMigrate__notify.sql, createSchema.sql ... */
    private static final Pattern FLYWAY_CALLBACK =
            Pattern.compile("(?:(?:before|after)[A-Z][A-Za-z]*|createSchema)(?:__.*)?\\.sql");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\n]*)}");

    private MigrationFiles() {}

    /**
     * Every migration found: versioned ones in version order, repeatable ones in description order.
     *
     * @param versioned the {@code V} files, with their {@code U} files as down sections
     * @param repeatable the {@code R__} files
     */
    public record Loaded(List<MigrationScript> versioned, List<RepeatableScript> repeatable) {
        /** Copies the lists. */
        public Loaded {
            versioned = List.copyOf(versioned);
            repeatable = List.copyOf(repeatable);
        }
    }

    /**
     * A Flyway repeatable migration ({@code R__<description>.sql}): run after the versioned ones, again whenever its
     * checksum changes.
     *
     * @param description from the file name, underscores as spaces
     * @param fileName the file name
     * @param source where it was loaded from
     * @param checksum Flyway's CRC32 of the file, placeholders replaced (as Flyway computes it for repeatables)
     * @param sql the content, placeholders replaced
     */
    public record RepeatableScript(String description, String fileName, String source, int checksum, String sql) {}

    /** {@link #load(List, ClassLoader, Map)} without placeholders, versioned migrations only. */
    public static List<MigrationScript> load(List<String> locations, ClassLoader loader) {
        return load(locations, loader, null).versioned();
    }

    /**
     * Loads every {@code .sql} file under the locations.
     *
     * @param placeholders values for {@code ${name}} in the files, or null to leave {@code ${...}} text alone
     * @throws MigrationException for unreadable locations, badly named files, duplicate versions, files without an up
     *     section, undo files without their migration and placeholders without a value, all problems found listed at
     *     once
     */
    public static Loaded load(List<String> locations, ClassLoader loader, Map<String, String> placeholders) {
        Map<MigrationVersion, MigrationScript> byVersion = new TreeMap<>();
        Map<MigrationVersion, Source> undo = new TreeMap<>();
        Map<String, RepeatableScript> repeatable = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String location : locations) {
            for (Source source : list(location, loader)) {
                try {
                    Matcher u = UNDO.matcher(source.name());
                    Matcher r = REPEATABLE.matcher(source.name());
                    if (u.matches()) {
                        Source clash = undo.putIfAbsent(MigrationVersion.of(u.group(1)), source);
                        if (clash != null) {
                            problems.add(source.origin() + ": undo version " + u.group(1) + " is also used by "
                                    + clash.origin());
                        }
                    } else if (r.matches()) {
                        RepeatableScript script = repeatable(source, r.group(1), placeholders);
                        RepeatableScript clash = repeatable.putIfAbsent(script.description(), script);
                        if (clash != null) {
                            problems.add(script.source() + ": repeatable '" + script.description()
                                    + "' is also defined by " + clash.source());
                        }
                    } else if (FLYWAY_CALLBACK.matcher(source.name()).matches()) {
                        problems.add(source.origin() + ": is a Flyway callback; backendkit runs no callbacks, so"
                                + " move it out of the migration locations (or make its SQL part of a migration)");
                    } else {
                        MigrationScript script = parse(source.name(), source.origin(), source.read(), placeholders);
                        MigrationScript clash = byVersion.putIfAbsent(script.version(), script);
                        if (clash != null) {
                            problems.add(script.source() + ": version " + script.version() + " is also used by "
                                    + clash.source());
                        }
                    }
                } catch (MigrationException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        for (Map.Entry<MigrationVersion, Source> e : undo.entrySet()) {
            MigrationScript script = byVersion.get(e.getKey());
            Source source = e.getValue();
            if (script == null) {
                problems.add(source.origin() + ": undoes version " + e.getKey() + ", which has no V file");
            } else if (script.down() != null) {
                problems.add(source.origin() + ": " + script.fileName()
                        + " has its own '-- migrate:down' section; keep one down section");
            } else {
                try {
                    String down = placeholders(source.name(), normalise(source.read()), 1, placeholders);
                    if (!isBlankSql(down)) {
                        byVersion.put(
                                e.getKey(),
                                new MigrationScript(
                                        script.version(),
                                        script.description(),
                                        script.fileName(),
                                        script.source(),
                                        script.checksum(),
                                        script.up(),
                                        script.upLine(),
                                        down,
                                        1,
                                        source.name()));
                    }
                } catch (MigrationException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException(
                    String.join(", ", locations),
                    problems.size() + " problem(s) with migration files:\n  " + String.join("\n  ", problems));
        }
        return new Loaded(List.copyOf(byVersion.values()), List.copyOf(repeatable.values()));
    }

    private static RepeatableScript repeatable(Source source, String description, Map<String, String> placeholders) {
        String raw = source.read();
        String sql = placeholders(source.name(), normalise(raw), 1, placeholders);
        // as Flyway does, a repeatable file's checksum covers its placeholders' values: a changed value re-runs it
        return new RepeatableScript(
                description.replace('_', ' '), source.name(), source.origin(), flywayChecksum(sql), sql);
    }

    /**
     * Flyway's checksum of a file: CRC32 over the UTF-8 bytes of its lines without their terminators (so the line
     * ending style does not matter), a leading byte order mark dropped. Versioned files: computed on the file as
     * written, before placeholders are replaced; repeatable files: after (both as Flyway does).
     */
    public static int flywayChecksum(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        CRC32 crc = new CRC32();
        for (String line : text.split("\r\n|\r|\n", -1)) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    private static String normalise(String content) {
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Replaces {@code ${name}} with its value; with {@code values} null the text is returned as it is.
     *
     * @throws MigrationException naming file and line of a placeholder without a value
     */
    static String placeholders(String fileName, String text, int firstLine, Map<String, String> values) {
        if (values == null || text.indexOf("${") < 0) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                int line = firstLine
                        + (int) text.substring(0, m.start())
                                .chars()
                                .filter(c -> c == '\n')
                                .count();
                throw new MigrationException(
                        fileName + ":" + line,
                        "no value for placeholder ${" + m.group(1) + "} (configured: "
                                + String.join(", ", new TreeMap<>(values).keySet()) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Parses one migration file's content, leaving {@code ${...}} alone. */
    public static MigrationScript parse(String fileName, String origin, String content) {
        return parse(fileName, origin, content, null);
    }

    /** Parses one versioned migration file's content, replacing placeholders when {@code placeholders} is given. */
    public static MigrationScript parse(
            String fileName, String origin, String content, Map<String, String> placeholders) {
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            throw new MigrationException(
                    origin,
                    "migration file names must look like V<version>__<description>.sql (or Flyway's"
                            + " U<version>__<description>.sql and R__<description>.sql)");
        }
        String text = normalise(content);
        String[] lines = text.split("\n", -1);
        int upMarker = -1;
        int downMarker = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip().toLowerCase(Locale.ROOT);
            if (l.equals(MigrationScript.UP_MARKER)) {
                if (upMarker >= 0) {
                    throw new MigrationException(
                            fileName + ":" + (i + 1),
                            "second '" + MigrationScript.UP_MARKER + "' marker (the first is on line " + (upMarker + 1)
                                    + ")");
                }
                upMarker = i;
            } else if (l.equals(MigrationScript.DOWN_MARKER)) {
                if (downMarker >= 0) {
                    throw new MigrationException(
                            fileName + ":" + (i + 1),
                            "second '" + MigrationScript.DOWN_MARKER + "' marker (the first is on line "
                                    + (downMarker + 1) + ")");
                }
                downMarker = i;
            }
        }
        MigrationVersion version = MigrationVersion.of(m.group(1));
        String description = m.group(2).replace('_', ' ');
        if (upMarker < 0 && downMarker < 0) {
            // Flyway's format: the whole file is the up section, Flyway's checksum
            return new MigrationScript(
                    version,
                    description,
                    fileName,
                    origin,
                    flywayChecksum(content),
                    placeholders(fileName, text, 1, placeholders),
                    1,
                    null,
                    0,
                    null);
        }
        if (upMarker < 0) {
            throw new MigrationException(
                    fileName,
                    "no up section: the file has a '" + MigrationScript.DOWN_MARKER + "' line but no '"
                            + MigrationScript.UP_MARKER + "' line before its SQL");
        }
        if (downMarker >= 0 && downMarker < upMarker) {
            throw new MigrationException(
                    fileName + ":" + (downMarker + 1), "the down section comes before the up section");
        }
        for (int i = 0; i < upMarker; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("--")) {
                throw new MigrationException(
                        fileName + ":" + (i + 1),
                        "SQL before the '" + MigrationScript.UP_MARKER + "' marker would belong to no section");
            }
        }
        int upEnd = downMarker >= 0 ? downMarker : lines.length;
        String up = placeholders(fileName, join(lines, upMarker + 1, upEnd), upMarker + 2, placeholders);
        if (isBlankSql(up)) {
            throw new MigrationException(fileName + ":" + (upMarker + 1), "the up section has no SQL");
        }
        String down = downMarker >= 0
                ? placeholders(fileName, join(lines, downMarker + 1, lines.length), downMarker + 2, placeholders)
                : null;
        if (down != null && isBlankSql(down)) {
            down = null;
        }
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return new MigrationScript(
                version,
                description,
                fileName,
                origin,
                (int) crc.getValue(),
                up,
                upMarker + 2,
                down,
                down == null ? 0 : downMarker + 2,
                null);
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, to));
    }

    private static boolean isBlankSql(String sql) {
        return sql.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
    }

    private interface Reader {
        String read() throws IOException;
    }

    private record Source(String name, String origin, Reader reader) {
        String read() {
            try {
                return reader.read();
            } catch (CharacterCodingException e) {
                throw new MigrationException(origin, "is not valid UTF-8", e);
            } catch (IOException e) {
                throw new MigrationException(origin, "cannot be read: " + e.getMessage(), e);
            }
        }
    }

    private static List<Source> list(String location, ClassLoader loader) {
        if (location.startsWith("classpath:")) {
            return listClasspath(location, location.substring("classpath:".length()), loader);
        }
        String dir = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
        return listDirectory(location, Path.of(dir));
    }

    private static List<Source> listDirectory(String location, Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new MigrationException(location, "is not a readable directory (" + dir.toAbsolutePath() + ")");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sql") && Files.isRegularFile(p))
                    .sorted()
                    .map(p -> new Source(
                            p.getFileName().toString(), "filesystem:" + p, () -> decode(Files.readAllBytes(p))))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MigrationException(location, "cannot be listed: " + e.getMessage(), e);
        }
    }

    private static List<Source> listClasspath(String location, String path, ClassLoader loader) {
        String base = path.replaceAll("^/+", "").replaceAll("/+$", "");
        List<Source> out = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(base);
            if (!roots.hasMoreElements()) {
                throw new MigrationException(location, "not found on the class path");
            }
            for (URL root : Collections.list(roots)) {
                if ("file".equals(root.getProtocol())) {
                    for (Source s : listDirectory(location, Path.of(root.toURI()))) {
                        out.add(new Source(s.name(), "classpath:" + base + "/" + s.name(), s.reader()));
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            String name = entry.getName();
                            if (!entry.isDirectory() && name.startsWith(base + "/") && name.endsWith(".sql")) {
                                byte[] bytes;
                                try (InputStream in = jar.getInputStream(entry)) {
                                    bytes = in.readAllBytes();
                                }
                                String fileName = name.substring(name.lastIndexOf('/') + 1);
                                out.add(new Source(fileName, "classpath:" + name, () -> decode(bytes)));
                            }
                        }
                    }
                } else {
                    throw new MigrationException(location, "unsupported class path URL " + root);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new MigrationException(location, "cannot be listed: " + e.getMessage(), e);
        }
        return out;
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
    }
}
