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

/** Finds migration files in {@code classpath:} and {@code filesystem:} locations and parses them. */
public final class MigrationFiles {

    private static final Pattern NAME = Pattern.compile("V(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

    private MigrationFiles() {}

    /**
     * Loads every {@code .sql} file under the locations, ordered by version.
     *
     * @throws MigrationException for unreadable locations, badly named files, duplicate versions and
     *     files without an up section, all problems found listed at once
     */
    public static List<MigrationScript> load(List<String> locations, ClassLoader loader) {
        Map<MigrationVersion, MigrationScript> byVersion = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String location : locations) {
            for (Source source : list(location, loader)) {
                try {
                    MigrationScript script = parse(source.name(), source.origin(), source.read());
                    MigrationScript clash = byVersion.putIfAbsent(script.version(), script);
                    if (clash != null) {
                        problems.add(script.source() + ": version " + script.version() + " is also used by "
                                + clash.source());
                    }
                } catch (MigrationException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MigrationException(
                    String.join(", ", locations),
                    problems.size() + " problem(s) with migration files:\n  " + String.join("\n  ", problems));
        }
        return List.copyOf(byVersion.values());
    }

    /** Parses one migration file's content. */
    public static MigrationScript parse(String fileName, String origin, String content) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new MigrationException(origin, "migration file names must look like V<version>__<description>.sql");
        }
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
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
        if (upMarker < 0) {
            throw new MigrationException(
                    fileName,
                    "no up section: the file needs a '" + MigrationScript.UP_MARKER + "' line before its SQL");
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
        String up = join(lines, upMarker + 1, upEnd);
        if (isBlankSql(up)) {
            throw new MigrationException(fileName + ":" + (upMarker + 1), "the up section has no SQL");
        }
        String down = downMarker >= 0 ? join(lines, downMarker + 1, lines.length) : null;
        if (down != null && isBlankSql(down)) {
            down = null;
        }
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return new MigrationScript(
                MigrationVersion.of(m.group(1)),
                m.group(2).replace('_', ' '),
                fileName,
                origin,
                (int) crc.getValue(),
                up,
                upMarker + 2,
                down,
                down == null ? 0 : downMarker + 2);
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
