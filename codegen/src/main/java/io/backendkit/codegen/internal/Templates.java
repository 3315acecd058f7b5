package io.backendkit.codegen.internal;

import io.backendkit.codegen.GeneratedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Support classes that do not depend on the document, kept as source templates. */
final class Templates {

    private Templates() {}

    /**
     * The template {@code name} with {@code ${key}} placeholders replaced, as a file in {@code
     * packageName}.
     */
    static GeneratedFile file(String name, String packageName, Map<String, String> values) {
        String text = read(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        return new GeneratedFile(packageName.replace('.', '/') + "/" + name + ".java", text);
    }

    private static String read(String name) {
        String resource = "templates/" + name + ".java.txt";
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the codegen jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + resource, e);
        }
    }
}
