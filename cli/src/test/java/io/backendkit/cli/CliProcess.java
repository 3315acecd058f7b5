package io.backendkit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code backendkit} command through {@code bin/backendkit} as its own process. */
final class CliProcess {

    /** What a finished process left. */
    record Result(int exitCode, String stdout, String stderr) {}

    private CliProcess() {}

    static Path launcher() {
        String jar = System.getProperty("backendkit.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the packaged CLI jar is missing (backendkit.cli.jar=" + jar + ")");
        }
        Path bin = Path.of("").toAbsolutePath().getParent().resolve("bin/backendkit");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " is missing or not executable");
        }
        return bin;
    }

    static Process start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("BACKENDKIT_CLI_JAR", System.getProperty("backendkit.cli.jar"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectOutput(workDir.resolve("stdout-" + System.nanoTime()).toFile());
        return pb.redirectErrorStream(false).start();
    }

    static Result run(Path workDir, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("BACKENDKIT_CLI_JAR", System.getProperty("backendkit.cli.jar"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "backendkit " + String.join(" ", args) + " ran longer than " + timeoutSeconds + " s");
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
