package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.backendkit.codegen.GeneratedFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * GIVEN template sources in the template packages WHEN rewritten for a generation THEN packages, imports,
 * qualified names and markers become the generation's, literals stay as written, and what cannot be rewritten
 * exactly fails.
 */
class TemplatesTest {

    private static final Map<String, String> VALUES = Map.of(
            "modelPackage", "com.acme.model",
            "serverPackage", "com.acme.server",
            "clientPackage", "com.acme.client",
            "apiPackage", "com.acme.api",
            "envelope", "true",
            "forms", "true");

    private static String rewrite(String text, Set<String> required) {
        return Templates.rewrite("T", text, VALUES, required).text();
    }

    private static String rewrite(String text) {
        return rewrite(text, Set.of());
    }

    @Test
    void packageImportsAndQualifiedNamesInCodeAreRewritten() {
        String source = """
                // the template
                package backendkit.template.server;

                import backendkit.template.model.Violation;
                import static backendkit.template.model.Validation.check;
                import java.util.List;

                class T {
                    backendkit.template.model.Page<String> page;
                    java.util.List<backendkit . template . client.ApiClient> clients;
                    Object o = backendkit.template.server.T.class;
                }
                """;
        Templates.Rewritten r = Templates.rewrite("T", source, VALUES, Set.of());
        assertThat(r.templatePackage()).isEqualTo("backendkit.template.server");
        assertThat(r.packageName()).isEqualTo("com.acme.server");
        assertThat(r.text()).isEqualTo("""
                // the template
                package com.acme.server;

                import com.acme.model.Violation;
                import static com.acme.model.Validation.check;
                import java.util.List;

                class T {
                    com.acme.model.Page<String> page;
                    java.util.List<com.acme.client.ApiClient> clients;
                    Object o = com.acme.server.T.class;
                }
                """);
    }

    @Test
    void aBlockMarkerKeepsItsStatementsWhenTrueAndBecomesACommentWhenFalse() {
        String source = """
                package backendkit.template.server;

                class T {
                    void f(java.util.List<Object> context) {
                        /*$forms*/ {
                            context.add(T.class);
                        }
                        context.add(this);
                    }
                }
                """;
        Map<String, String> on = new java.util.HashMap<>(VALUES);
        on.put("forms", "true");
        assertThat(Templates.rewrite("T", source, on, Set.of("forms")).text())
                .contains("        context.add(T.class);\n        context.add(this);")
                .doesNotContain("forms")
                .doesNotContain("{\n            context");
        Map<String, String> off = new java.util.HashMap<>(VALUES);
        off.put("forms", "false");
        assertThat(Templates.rewrite("T", source, off, Set.of("forms")).text())
                .contains("        // no forms\n        context.add(this);")
                .doesNotContain("T.class");
        Map<String, String> text = new java.util.HashMap<>(VALUES);
        text.put("forms", "yes");
        assertThatThrownBy(() -> Templates.rewrite("T", source, text, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a boolean");
    }

    @Test
    void aBlockMarkerRefusesABlockWithLiteralsOrNestedBraces() {
        Map<String, String> on = new java.util.HashMap<>(VALUES);
        on.put("forms", "true");
        for (String body : List.of("x(\"}\");", "if (a) { b(); }", "// c", "backendkit.template.model.X.y();")) {
            String source = "package backendkit.template.server;\nclass T { void f() { /*$forms*/ {" + body + "} } }\n";
            assertThatThrownBy(() -> Templates.rewrite("T", source, on, Set.of()))
                    .as(body)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("block after the marker");
        }
    }

    @Test
    void literalsAndLookAlikesAreLeftAlone() {
        String source = """
                package backendkit.template.model;

                class T {
                    String s = "backendkit.template.model.Page and ${envelope} and /*$envelope*/ false";
                    char c = '"';
                    String t = \"""
                        backendkit.template.server.ApiServer "quoted" /*$apiPackage*/ "x"
                        \""";
                    String escaped = "a \\" backendkit.template.client.ApiClient";
                    Object a = other.backendkit.template.model.Page.class;
                    Object b = backendkit.templates.model.Page.class;
                    Object c2 = mybackendkit.template.model.Page.class;
                }
                """;
        String expected = source.replace("package backendkit.template.model;", "package com.acme.model;");
        assertThat(rewrite(source)).isEqualTo(expected);
    }

    @Test
    void commentsGetPackagesAndPlaceholders() {
        String source = """
                package backendkit.template.server;

                /**
                 * Applies to {@code backendkit.template.api} ({@link backendkit.template.model.Page}); envelope ${envelope}.
                 * Not {@code xbackendkit.template.api} nor {@code a.backendkit.template.api}.
                 */
                class T {} // ${apiPackage}
                """;
        assertThat(rewrite(source)).isEqualTo("""
                package com.acme.server;

                /**
                 * Applies to {@code com.acme.api} ({@link com.acme.model.Page}); envelope true.
                 * Not {@code xbackendkit.template.api} nor {@code a.backendkit.template.api}.
                 */
                class T {} // com.acme.api
                """);
    }

    @Test
    void markersReplaceTheirLiteral() {
        String source = """
                package backendkit.template.server;

                class T {
                    static final boolean ENVELOPE = /*$envelope*/ false;
                    static final String API = /*$apiPackage*/ "backendkit.template.api";
                    static final String SPLIT = /*$apiPackage*/
                            "x\\"y";
                }
                """;
        Templates.Rewritten r = Templates.rewrite("T", source, VALUES, Set.of("envelope", "apiPackage"));
        assertThat(r.markers()).containsExactlyInAnyOrder("envelope", "apiPackage");
        assertThat(r.text()).isEqualTo("""
                package com.acme.server;

                class T {
                    static final boolean ENVELOPE = true;
                    static final String API = "com.acme.api";
                    static final String SPLIT = "com.acme.api";
                }
                """);
    }

    @Test
    void aMissingRequiredMarkerFails() {
        String source = """
                package backendkit.template.client;

                class T {
                    boolean envelope = false; // someone dropped /*$envelope*/
                }
                """;
        assertThat(rewrite(source)).contains("boolean envelope = false;");
        assertThatThrownBy(() -> rewrite(source, Set.of("envelope")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("template T: the marker(s) /*$key*/ for [envelope] are missing");
    }

    @Test
    void whatCannotBeRewrittenExactlyFails() {
        assertThatThrownBy(() -> rewrite("class T {}\n")).hasMessageContaining("no package declaration before 'class'");
        assertThatThrownBy(() -> rewrite("// only a comment\n")).hasMessageContaining("no package declaration");
        assertThatThrownBy(() -> rewrite("package com.acme;\nclass T {}\n"))
                .hasMessageContaining("the package declaration is not in backendkit.template");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model.sub;\n"))
                .hasMessageContaining("is not backendkit.template.<role>");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\nimport backendkit.template.db.X;\n"))
                .hasMessageContaining("unknown template package backendkit.template.db");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\nclass T { int x = /*$nope*/ 1; }\n"))
                .hasMessageContaining("no value for the marker /*$nope*/");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\nclass T { int x = /*$envelope*/ 1; }\n"))
                .hasMessageContaining("is not followed by a boolean or string literal");
        assertThatThrownBy(() ->
                        rewrite("package backendkit.template.model;\nclass T { Object x = /*$envelope*/ null; }\n"))
                .hasMessageContaining("is followed by 'null', not a literal");
        assertThatThrownBy(() ->
                        rewrite("package backendkit.template.model;\nclass T { boolean x = /*$apiPackage*/ false; }\n"))
                .hasMessageContaining("needs a boolean, not 'com.acme.api'");
        assertThatThrownBy(() ->
                        rewrite("package backendkit.template.model;\nclass T { boolean x = /*$ envelope */ false; }\n"))
                .hasMessageContaining("malformed marker");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\n/** ${unknown} */\nclass T {}\n"))
                .hasMessageContaining("no value for the placeholder ${unknown}");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\n/** see backendkit.template.db */\n"))
                .hasMessageContaining("unknown template package backendkit.template.db");
        assertThatThrownBy(() -> rewrite("package backendkit.template.model;\nclass T { String s = \"open; }\n"))
                .hasMessageContaining("unterminated literal");
    }

    @Test
    void theRealTemplatesBecomeTheGenerationsOwnSources() throws IOException, URISyntaxException {
        Path root = Path.of(Templates.class.getResource("templates").toURI());
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(found::add);
        }
        assertThat(found).hasSizeGreaterThan(20);
        for (Path p : found) {
            String role = p.getParent().getFileName().toString();
            String name = p.getFileName().toString().replace(".java", "");
            GeneratedFile f = Templates.file(name, "com.acme." + role, VALUES);
            assertThat(f.path()).isEqualTo("com/acme/" + role + "/" + name + ".java");
            assertThat(f.content())
                    .as(name)
                    .startsWith("package com.acme." + role + ";\n")
                    .doesNotContain("backendkit.template")
                    .doesNotContain("${")
                    .doesNotContain("/*$");
        }
        String advice =
                Templates.file("ApiResponseAdvice", "com.acme.server", VALUES).content();
        assertThat(advice)
                .contains("private static final boolean ENVELOPE = true;")
                .contains("private static final String API_PACKAGE = \"com.acme.api\";")
                .contains("import com.acme.model.ApiJson;\nimport com.acme.model.Page;\n");
        assertThat(Templates.file(
                                "ApiClient",
                                "c",
                                Map.of(
                                        "modelPackage", "m",
                                        "serverPackage", "s",
                                        "clientPackage", "c",
                                        "apiPackage", "a",
                                        "envelope", "false"))
                        .content())
                .contains("private boolean envelope = false;")
                .contains("Default false.");
        assertThatThrownBy(() -> Templates.file("ApiClient", "com.acme.server", VALUES))
                .hasMessage(
                        "template ApiClient is emitted into com.acme.server but its package becomes com.acme.client");
        assertThatThrownBy(() -> Templates.file("NoSuchTemplate", "com.acme.server", VALUES))
                .hasMessage("template missing from the codegen jar: NoSuchTemplate");
    }
}
