package io.backendkit.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/** Compiles generated sources in process with {@code javac --release 21}, Jackson on the class path. */
final class JavaSourceCompiler {

    /** The outcome of one compilation. */
    record Result(Path classes, List<String> errors, List<String> warnings) {

        /** A class loader over the compiled classes and the test class path. */
        URLClassLoader classLoader() {
            try {
                return new URLClassLoader(
                        new URL[] {classes.toUri().toURL()}, JavaSourceCompiler.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private JavaSourceCompiler() {}

    static Result compile(List<GeneratedFile> files, Path classesDir, String... extraOptions) {
        return compileAgainst(files, classesDir, System.getProperty("java.class.path"), extraOptions);
    }

    /** Compiles against exactly {@code classPath} (the JDK aside). */
    static Result compileWithClassPath(List<GeneratedFile> files, Path classesDir, List<Path> classPath) {
        return compileAgainst(
                files,
                classesDir,
                String.join(
                        java.io.File.pathSeparator,
                        classPath.stream().map(Path::toString).toList()));
    }

    private static Result compileAgainst(
            List<GeneratedFile> files, Path classesDir, String classPath, String... extraOptions) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm =
                compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Files.createDirectories(classesDir);
            fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classesDir.toFile()));
            List<JavaFileObject> units = new ArrayList<>();
            for (GeneratedFile f : files) {
                units.add(new SimpleJavaFileObject(URI.create("string:///" + f.path()), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return f.content();
                    }
                });
            }
            List<String> options = new ArrayList<>(List.of(
                    "--release",
                    "21",
                    "-encoding",
                    "UTF-8",
                    "-proc:none",
                    "-Xlint:all",
                    "-Xlint:-serial",
                    "-Xmaxerrs",
                    "10000",
                    "-Xmaxwarns",
                    "10000",
                    "-classpath",
                    classPath));
            options.addAll(List.of(extraOptions));
            compiler.getTask(null, fm, diagnostics, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String text = (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                    + d.getMessage(Locale.ROOT);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(text);
            } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                warnings.add(text);
            }
        }
        return new Result(classesDir, errors, warnings);
    }
}
