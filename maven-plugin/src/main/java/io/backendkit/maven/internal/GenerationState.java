package io.backendkit.maven.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What the last {@code generate} wrote into one output directory: the fingerprint of its inputs and the files, each
 * with its hash, so that an unchanged build skips and a changed one deletes what it no longer generates.
 *
 * <p>The file format is line based: {@code fingerprint <hex>}, then {@code file <hex> <relative path>} per file.
 */
public record GenerationState(String fingerprint, List<Entry> files) {

    /** A generated file: its path relative to the output directory ({@code /} separated) and its SHA-256. */
    public record Entry(String path, String sha256) {}

    public GenerationState {
        files = List.copyOf(files);
    }

    /** Reads a state file; empty when it is missing or unreadable (then everything is generated again). */
    public static Optional<GenerationState> read(Path stateFile) {
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        try {
            String fingerprint = null;
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(stateFile, StandardCharsets.UTF_8)) {
                if (line.startsWith("fingerprint ")) {
                    fingerprint = line.substring("fingerprint ".length()).trim();
                } else if (line.startsWith("file ")) {
                    String rest = line.substring("file ".length());
                    int space = rest.indexOf(' ');
                    if (space > 0) {
                        entries.add(new Entry(rest.substring(space + 1), rest.substring(0, space)));
                    }
                }
            }
            return fingerprint == null ? Optional.empty() : Optional.of(new GenerationState(fingerprint, entries));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes this state. */
    public void write(Path stateFile) throws IOException {
        Files.createDirectories(stateFile.toAbsolutePath().getParent());
        StringBuilder text =
                new StringBuilder("fingerprint ").append(fingerprint).append('\n');
        for (Entry e : files) {
            text.append("file ").append(e.sha256()).append(' ').append(e.path()).append('\n');
        }
        Files.writeString(stateFile, text, StandardCharsets.UTF_8);
    }

    /** True when every file of this state is under {@code outputDirectory} with the content it was written with. */
    public boolean intact(Path outputDirectory) {
        for (Entry e : files) {
            Path file = outputDirectory.resolve(e.path());
            try {
                if (!Files.isRegularFile(file)
                        || !sha256(Files.readAllBytes(file)).equals(e.sha256())) {
                    return false;
                }
            } catch (IOException ex) {
                return false;
            }
        }
        return true;
    }

    /** The hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** A fresh SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
