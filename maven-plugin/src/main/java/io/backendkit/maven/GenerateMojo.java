package io.backendkit.maven;

import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import io.backendkit.core.BackendKitException;
import io.backendkit.core.Finding;
import io.backendkit.core.Severity;
import io.backendkit.maven.internal.GenerationState;
import io.backendkit.maven.internal.SpecFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code backendkit:generate}: OpenAPI 3.0/3.1 or Swagger 2.0 to Java sources at {@code generate-sources}, added as
 * a compile source root.
 *
 * <p>Incremental: when the document, every local file its {@code $ref}s reach, the options and the plugin version
 * are unchanged and the files written last time are intact, nothing is generated again. When something changed,
 * files the previous run wrote and this one does not are deleted; files in the output directory that the plugin
 * did not write are never touched. A document with remote references is generated on every build.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** Created by Maven, which then injects the parameters. */
    public GenerateMojo() {}

    /** The OpenAPI document (YAML or JSON). */
    @Parameter(property = "backendkit.spec", required = true)
    File spec;

    /** The base Java package of the generated code. */
    @Parameter(property = "backendkit.package", required = true)
    String packageName;

    /**
     * {@code jdk} (models plus a JDK HttpServer router and server, the default), {@code spring-mvc}
     * (models with Bean Validation plus Spring MVC interfaces), {@code jakarta-rest} (models with Bean
     * Validation plus Jakarta REST resource interfaces and {@code ApiFeature}) or {@code models}.
     */
    @Parameter(property = "backendkit.target", defaultValue = "jdk")
    String target;

    /** Also generates a {@code java.net.http} client per tag. */
    @Parameter(property = "backendkit.client", defaultValue = "false")
    boolean client;

    /**
     * Wraps responses in the {@code {data, meta}} envelope. Turn it off to serve exactly the response shapes the
     * document describes.
     */
    @Parameter(property = "backendkit.envelope", defaultValue = "true")
    boolean envelope;

    /** The source root to write into; added to the project's compile source roots. */
    @Parameter(
            property = "backendkit.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/backendkit")
    File outputDirectory;

    /** Fails the build when generation reports a warning (errors always fail it). */
    @Parameter(property = "backendkit.failOnWarnings", defaultValue = "false")
    boolean failOnWarnings;

    /** Skips the goal. */
    @Parameter(property = "backendkit.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    File buildDirectory;

    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor plugin;

    /**
     * Adds {@code outputDirectory} as a compile source root and generates into it unless nothing changed since the
     * last run. Generation findings are logged at their severity.
     *
     * @throws MojoExecutionException when the spec file does not exist, {@code target} is unknown, or a file cannot be
     *     read or written
     * @throws MojoFailureException when the document cannot be generated, generation reports an error, or it reports a
     *     warning and {@code failOnWarnings} is set
     */
    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("backendkit: generate skipped (backendkit.skip)");
            return;
        }
        Path specPath = spec.toPath().toAbsolutePath().normalize();
        if (!Files.isRegularFile(specPath)) {
            throw new MojoExecutionException("spec " + spec + ": no such file");
        }
        Target t = switch (target == null ? "jdk" : target.trim().toLowerCase(Locale.ROOT)) {
            case "jdk" -> Target.JDK_HTTP_SERVER;
            case "models" -> Target.MODELS_ONLY;
            case "spring-mvc" -> Target.SPRING_MVC;
            case "jakarta-rest" -> Target.JAKARTA_REST;
            default ->
                throw new MojoExecutionException(
                        "target " + target + ": expected jdk, spring-mvc, jakarta-rest or models");
        };
        Path out = outputDirectory.toPath().toAbsolutePath().normalize();
        Path stateFile = buildDirectory
                .toPath()
                .resolve("backendkit-generate")
                .resolve(GenerationState.sha256(out.toString().getBytes(StandardCharsets.UTF_8))
                                .substring(0, 16)
                        + ".state");

        SpecFiles inputs = SpecFiles.of(specPath);
        String fingerprint = fingerprint(inputs, t);
        Optional<GenerationState> previous = GenerationState.read(stateFile);
        addSourceRoot(out);
        if (inputs.remoteRefs().isEmpty()
                && previous.isPresent()
                && previous.get().fingerprint().equals(fingerprint)
                && previous.get().intact(out)) {
            getLog().info("backendkit: generate skipped, nothing changed ("
                    + inputs.files().size() + " input files, "
                    + previous.get().files().size() + " generated files in " + out + ")");
            return;
        }
        if (!inputs.remoteRefs().isEmpty()) {
            getLog().info("backendkit: " + spec.getName() + " has remote references ("
                    + inputs.remoteRefs().get(0) + "), so it is generated on every build");
        }

        GeneratedSources sources;
        try {
            sources = OpenApiCodegen.fromSpec(specPath)
                    .basePackage(packageName)
                    .target(t)
                    .client(client)
                    .envelope(envelope)
                    .generate();
        } catch (BackendKitException e) {
            throw new MojoFailureException("backendkit: " + e.getMessage(), e);
        }
        for (Finding f : sources.findings()) {
            String line = f.code() + " " + f.locationIfPresent().orElse(spec.getName()) + ": " + f.message();
            switch (f.severity()) {
                case ERROR -> getLog().error(line);
                case WARNING -> getLog().warn(line);
                default -> getLog().info(line);
            }
        }
        if (!sources.findings(Severity.ERROR).isEmpty()) {
            throw new MojoFailureException(
                    "backendkit: " + sources.findings(Severity.ERROR).size() + " errors in " + spec);
        }
        if (failOnWarnings && !sources.findings(Severity.WARNING).isEmpty()) {
            throw new MojoFailureException("backendkit: "
                    + sources.findings(Severity.WARNING).size() + " warnings in " + spec + " (failOnWarnings)");
        }

        List<GenerationState.Entry> entries = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (GeneratedFile f : sources.files()) {
            String path = f.path().replace('\\', '/');
            now.add(path);
            entries.add(new GenerationState.Entry(
                    path, GenerationState.sha256(f.content().getBytes(StandardCharsets.UTF_8))));
        }
        int removed = 0;
        if (previous.isPresent()) {
            for (GenerationState.Entry old : previous.get().files()) {
                if (!now.contains(old.path())) {
                    Path stale = out.resolve(old.path()).normalize();
                    if (stale.startsWith(out) && deleteWithEmptyParents(stale, out)) {
                        removed++;
                    }
                }
            }
        }
        try {
            sources.writeTo(out);
            new GenerationState(fingerprint, entries).write(stateFile);
        } catch (BackendKitException | IOException e) {
            throw new MojoExecutionException("backendkit: " + e.getMessage(), e);
        }
        getLog().info("backendkit: " + sources.summary() + " written to " + out
                + (removed > 0 ? ", " + removed + " files no longer generated removed" : ""));
    }

    private void addSourceRoot(Path out) {
        if (project != null) {
            project.addCompileSourceRoot(out.toString());
        }
    }

    private String fingerprint(SpecFiles inputs, Target t) throws MojoExecutionException {
        MessageDigest digest = GenerationState.digest();
        String options = "plugin=" + (plugin == null ? "?" : plugin.getVersion()) + "\npackage=" + packageName
                + "\ntarget=" + t + "\nclient=" + client + "\nenvelope=" + envelope + "\n";
        digest.update(options.getBytes(StandardCharsets.UTF_8));
        for (Path file : inputs.files()) {
            digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                digest.update(Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0]);
            } catch (IOException e) {
                throw new MojoExecutionException("spec " + file + ": cannot read (" + e.getMessage() + ")");
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static boolean deleteWithEmptyParents(Path file, Path root) {
        try {
            if (!Files.deleteIfExists(file)) {
                return false;
            }
            Path dir = file.getParent();
            while (dir != null && dir.startsWith(root) && !dir.equals(root)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    if (entries.iterator().hasNext()) {
                        break;
                    }
                }
                Files.delete(dir);
                dir = dir.getParent();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
