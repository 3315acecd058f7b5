package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN a deeply nested document WHEN loaded from a caller whose stack is small THEN it loads: the
 * recursion happens on the loader's own thread with its large stack, not on the caller's.
 */
class SpecLoaderThreadTest {

    @TempDir
    Path tmp;

    /** A 3.1 document with one schema nested {@code levels} objects deep. */
    static String deep(int levels) {
        StringBuilder yaml = new StringBuilder(
                "openapi: 3.1.0\ninfo: {title: deep, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Deep:\n");
        String indent = "      ";
        for (int i = 0; i < levels; i++) {
            yaml.append(indent).append("type: object\n").append(indent).append("properties:\n");
            yaml.append(indent).append("  p:\n");
            indent += "    ";
        }
        yaml.append(indent).append("type: string\n");
        return yaml.toString();
    }

    /** What loading on a fresh thread with a {@code stackBytes} stack ends in. */
    private static String outcome(Runnable load) throws InterruptedException {
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread caller = new Thread(
                null,
                () -> {
                    try {
                        load.run();
                        outcome.set("loaded");
                    } catch (StackOverflowError e) {
                        outcome.set("StackOverflowError");
                    } catch (RuntimeException e) {
                        outcome.set(e.toString());
                    }
                },
                "small-stack",
                192 * 1024);
        caller.start();
        caller.join();
        return outcome.get();
    }

    @Test
    void deepDocumentsLoadEvenFromACallerWithASmallStack() throws IOException {
        Path doc = Files.writeString(tmp.resolve("deep.yaml"), deep(400));
        SpecSource source = new SpecSource.FromPath(doc);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            // the same load on the caller's own small stack overflows: the test can tell the difference
            assertThat(outcome(() -> SpecLoader.load(source, RefPolicy.ownTreeOnly())))
                    .isEqualTo("StackOverflowError");
            assertThat(outcome(() -> SpecLoader.loadOnLoaderThread(source, RefPolicy.ownTreeOnly())))
                    .isEqualTo("loaded");
        });
    }
}
