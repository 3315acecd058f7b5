package io.backendkit.codegen;

import io.backendkit.core.BackendKitException;
import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The result of {@link OpenApiCodegen#generate()}: Java source files in memory plus the warnings
 * the generator raised about the document.
 *
 * <p>Immutable and thread-safe. Files are sorted by path and findings in {@link
 * Finding#REPORT_ORDER}, so the same document always gives an equal value.
 *
 * <pre>{@code
 * GeneratedSources sources = OpenApiCodegen.fromSpec(Path.of("api.yaml")).basePackage("com.acme").generate();
 * sources.writeTo(Path.of("target/generated-sources/openapi"));
 * sources.findings().forEach(f -> log.warn("{}", f));
 * }</pre>
 *
 * @param files the generated files, sorted by path
 * @param findings warnings and notes about constructs that were approximated or skipped
 * @param modelCount how many model types (records, enums, sealed interfaces) were generated
 * @param operationCount how many operations were turned into handler/client methods
 */
public record GeneratedSources(List<GeneratedFile> files, List<Finding> findings, int modelCount, int operationCount) {

    /** Copies and sorts the lists. */
    public GeneratedSources {
        if (files == null || findings == null) {
            throw new IllegalArgumentException("files and findings must not be null");
        }
        files = files.stream().sorted(Comparator.comparing(GeneratedFile::path)).toList();
        findings = findings.stream().sorted(Finding.REPORT_ORDER).toList();
        if (modelCount < 0 || operationCount < 0) {
            throw new IllegalArgumentException("counts must be >= 0 (were " + modelCount + ", " + operationCount + ")");
        }
    }

    /**
     * The file at {@code path} (relative, {@code /}-separated), if it was generated.
     *
     * @param path for example {@code com/acme/model/Pet.java}
     * @return the file, or empty when no file with that path was generated
     */
    public Optional<GeneratedFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /**
     * The findings of at least {@code severity}.
     *
     * @param severity the lowest severity to include, not null
     * @return those findings, in report order; empty when there are none
     */
    public List<Finding> findings(Severity severity) {
        return findings.stream().filter(f -> f.severity().isAtLeast(severity)).toList();
    }

    /**
     * Writes every file below {@code sourceRoot}, creating directories as needed and replacing files
     * that exist. Files that are not part of this result are left alone.
     *
     * @param sourceRoot the source root, for example {@code target/generated-sources/openapi}
     * @return the written paths, in the order of {@link #files()}
     * @throws BackendKitException naming the file that could not be written
     */
    public List<Path> writeTo(Path sourceRoot) {
        if (sourceRoot == null) {
            throw new IllegalArgumentException("sourceRoot must not be null");
        }
        List<Path> written = new ArrayList<>(files.size());
        // directories first, each once, in the order of the files; then the files, in parallel (on
        // large results writing one file after the other leaves the cores waiting on the file system),
        // unless two files share a path: then in order, so the later one wins as it always did
        Map<Path, Path> directories = new LinkedHashMap<>();
        Set<Path> distinct = new HashSet<>();
        for (GeneratedFile file : files) {
            Path target = sourceRoot.resolve(file.path());
            directories.putIfAbsent(target.getParent(), target);
            distinct.add(target);
            written.add(target);
        }
        directories.forEach((directory, firstFile) -> {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new BackendKitException(firstFile.toString(), "cannot write generated file: " + e, e);
            }
        });
        IOException[] failures = new IOException[files.size()];
        IntStream indices = IntStream.range(0, files.size());
        (distinct.size() == files.size() ? indices.parallel() : indices).forEach(i -> {
            try {
                Files.writeString(written.get(i), files.get(i).content(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                failures[i] = e;
            }
        });
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                throw new BackendKitException(
                        written.get(i).toString(), "cannot write generated file: " + failures[i], failures[i]);
            }
        }
        return List.copyOf(written);
    }

    /**
     * A one-line summary: files, models, operations and findings by severity.
     *
     * @return for example {@code 12 files, 5 models, 7 operations, 1 warnings}
     */
    public String summary() {
        return files.size() + " files, " + modelCount + " models, " + operationCount + " operations, "
                + findings(Severity.WARNING).size() + " warnings";
    }
}
