package io.backendkit.maven;

import io.backendkit.core.BackendKitException;
import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.schema.Catalog;
import io.backendkit.schema.Schema;
import io.backendkit.schema.SchemaAnalyzer;
import io.backendkit.schema.SchemaReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code backendkit:analyze}: reads the live schema, logs the analyzer's findings with their ready fixes, and fails
 * the build when a finding is at least {@link #failOn} severe.
 */
@Mojo(name = "analyze", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class AnalyzeMojo extends DatabaseMojo {

    /** Created by Maven, which then injects the parameters. */
    public AnalyzeMojo() {}

    /** Schemas to read (default: every user schema). */
    @Parameter(property = "backendkit.schemas")
    List<String> schemas;

    /** {@code error}, {@code warning} or {@code info}: fail the build at this severity or above. Default: never. */
    @Parameter(property = "backendkit.failOn")
    String failOn;

    /** Also writes the report as JSON to this file. */
    @Parameter(property = "backendkit.reportFile")
    File reportFile;

    /**
     * Reads the schemas, logs the report and a summary line, writes {@code reportFile} if set, and applies
     * {@code failOn}.
     *
     * @throws MojoExecutionException when {@code failOn} is not a severity, the database cannot be reached or read,
     *     or the report file cannot be written
     * @throws MojoFailureException when a finding is at least as severe as {@code failOn}; the message names the
     *     first one
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("backendkit: skipped (backendkit.skip)");
            return;
        }
        Severity threshold = null;
        if (failOn != null && !failOn.isBlank()) {
            try {
                threshold = Severity.valueOf(failOn.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("failOn " + failOn + ": expected error, warning or info");
            }
        }
        SchemaReport report;
        try {
            Schema reader = Schema.connect(dataSource());
            if (schemas != null && !schemas.isEmpty()) {
                reader = reader.schemas(schemas.toArray(String[]::new));
            }
            Catalog catalog = reader.read();
            report = SchemaAnalyzer.withDefaults().analyze(catalog);
        } catch (BackendKitException e) {
            throw new MojoExecutionException(safeUrl() + ": " + e.getMessage(), e);
        }
        for (String line : report.toText().split("\n", -1)) {
            if (!line.isEmpty()) {
                getLog().info(line);
            }
        }
        getLog().info("backendkit: " + report.tables() + " tables analyzed in " + safeUrl() + ": "
                + report.count(Severity.ERROR) + " errors, " + report.count(Severity.WARNING) + " warnings, "
                + report.count(Severity.INFO) + " infos");
        if (reportFile != null) {
            try {
                File dir = reportFile.getAbsoluteFile().getParentFile();
                if (dir != null) {
                    Files.createDirectories(dir.toPath());
                }
                Files.writeString(reportFile.toPath(), report.toJson(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MojoExecutionException(
                        "reportFile " + reportFile + ": cannot write (" + e.getMessage() + ")");
            }
        }
        if (threshold != null) {
            Severity t = threshold;
            List<Finding> failing = report.findings().stream()
                    .filter(f -> f.severity().compareTo(t) >= 0)
                    .toList();
            if (!failing.isEmpty()) {
                throw new MojoFailureException("backendkit: " + failing.size() + " findings at "
                        + t.name().toLowerCase(Locale.ROOT) + " or above in " + safeUrl() + " (failOn=" + failOn
                        + "), first: "
                        + failing.get(0).code() + " "
                        + failing.get(0).locationIfPresent().orElse("") + ": "
                        + failing.get(0).message());
            }
        }
    }
}
