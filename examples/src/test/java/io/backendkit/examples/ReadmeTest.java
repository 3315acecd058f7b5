package io.backendkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Java blocks are the regions of {@link ReadmeSnippetsTest}: every {@code ```java} block is announced by
 * {@code <!-- snippet: NAME[, NAME...] -->} and shows exactly those regions (dedented, separated by a blank line).
 */
class ReadmeTest {

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*([\\w, -]+?)\\s*-->");

    record Block(int line, List<String> names, String code) {}

    @Test
    void everyJavaBlockOfTheReadmeIsCompiledAndRunByTheBuild() throws IOException {
        Map<String, String> regions = regions(Path.of("src/test/java/io/backendkit/examples/ReadmeSnippetsTest.java"));
        List<Block> blocks = javaBlocks(readme());
        Set<String> used = new LinkedHashSet<>();

        assertThat(blocks).as("java blocks in README.md").isNotEmpty();
        for (Block block : blocks) {
            assertThat(block.names())
                    .as(
                            "README.md:%d: a ```java block needs <!-- snippet: NAME --> on the line before it",
                            block.line())
                    .isNotEmpty();
            List<String> parts = new ArrayList<>();
            for (String name : block.names()) {
                assertThat(regions)
                        .as("README.md:%d: snippet %s is not a region of ReadmeSnippetsTest", block.line(), name)
                        .containsKey(name);
                parts.add(regions.get(name));
                used.add(name);
            }
            assertThat(block.code())
                    .as("README.md:%d: the block differs from ReadmeSnippetsTest's region(s) %s", block.line(), parts)
                    .isEqualTo(String.join("\n", parts));
        }
        assertThat(used).as("regions shown in the README").containsExactlyInAnyOrderElementsOf(regions.keySet());
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    }

    static List<Block> javaBlocks(String markdown) {
        String[] lines = markdown.split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```java")) {
                continue;
            }
            List<String> names = new ArrayList<>();
            int prev = i - 1;
            while (prev >= 0 && lines[prev].isBlank()) {
                prev--;
            }
            if (prev >= 0) {
                Matcher m = MARKER.matcher(lines[prev].strip());
                if (m.matches()) {
                    for (String n : m.group(1).split(",")) {
                        names.add(n.strip());
                    }
                }
            }
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].strip().equals("```")) {
                code.append(lines[j]).append('\n');
                j++;
            }
            blocks.add(new Block(i + 1, names, code.toString()));
            i = j;
        }
        return blocks;
    }

    static Map<String, String> regions(Path source) throws IOException {
        Map<String, String> regions = new LinkedHashMap<>();
        String name = null;
        List<String> body = new ArrayList<>();
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (s.startsWith("// readme:end")) {
                regions.put(name, dedent(body));
                name = null;
            } else if (s.startsWith("// readme:")) {
                name = s.substring("// readme:".length()).strip();
                body = new ArrayList<>();
            } else if (name != null) {
                body.add(line);
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
