package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN small documents cut down from the real-world ones that failed WHEN generated (server and
 * client) and compiled by javac THEN they compile without warnings and the types behave.
 */
class RealWorldBugsTest {

    @TempDir
    Path classes;

    static String doc(String components, String paths) {
        return """
                openapi: 3.0.3
                info: {title: t, version: '1'}
                paths:
                """ + paths.indent(2) + """
                components:
                """ + components.indent(2);
    }

    GeneratedSources generate(String yaml) {
        return OpenApiCodegen.fromSpecText(yaml)
                .basePackage("com.acme.bug")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
    }

    URLClassLoader compile(GeneratedSources sources) {
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(sources.files(), classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        return compiled.classLoader();
    }

    static ObjectMapper mapper(ClassLoader loader) throws Exception {
        return (ObjectMapper) Class.forName("com.acme.bug.model.ApiJson", true, loader)
                .getMethod("newMapper")
                .invoke(null);
    }

    @Test
    void int32IntegerEnumsCompileAndRoundTrip() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Level: {type: integer, format: int32, enum: [1, 2, 3]}
                  Holder:
                    type: object
                    properties:
                      level: {$ref: '#/components/schemas/Level'}
                      inline: {type: integer, format: int32, enum: [10, 20]}
                      big: {type: integer, enum: [5000000000]}
                """, """
                /levels/{level}:
                  get:
                    parameters:
                      - {name: level, in: path, required: true, schema: {type: integer, format: int32, enum: [1, 2]}}
                      - {name: q, in: query, schema: {type: integer, format: int32, enum: [7, 8]}, example: 7}
                    responses:
                      '200':
                        description: ok
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Holder'}
                """));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> holder = Class.forName("com.acme.bug.model.Holder", true, loader);
            ObjectMapper mapper = mapper(loader);
            Object read = mapper.readValue("{\"level\": 2, \"inline\": 20, \"big\": 5000000000}", holder);
            assertThat(mapper.writeValueAsString(read)).isEqualTo("{\"level\":2,\"inline\":20,\"big\":5000000000}");
        }
    }

    @Test
    void aRefToASchemaInsideAParameterResolves() throws Exception {
        GeneratedSources sources = generate(doc("""
                parameters:
                  companyId:
                    name: companyId
                    in: path
                    required: true
                    schema: {type: string, format: uuid}
                schemas:
                  Company:
                    type: object
                    properties:
                      id: {$ref: '#/components/parameters/companyId/schema'}
                """, """
                /companies/{companyId}:
                  get:
                    parameters:
                      - $ref: '#/components/parameters/companyId'
                    responses:
                      '200':
                        description: ok
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Company'}
                """));
        assertThat(sources.file("com/acme/bug/model/Company.java").orElseThrow().content())
                .contains("UUID id");
        compile(sources).close();
    }

    @Test
    void anAllOfPartThatPointsIntoAnotherSchemaResolves() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Owner:
                    type: object
                    properties:
                      name: {type: string, maxLength: 20}
                  Pet:
                    type: object
                    properties:
                      owner: {$ref: '#/components/schemas/Owner'}
                      details:
                        type: object
                        properties:
                          colour: {type: string}
                  Keeper:
                    allOf:
                      - $ref: '#/components/schemas/Pet/properties/owner'
                      - $ref: '#/components/schemas/Pet/properties/details'
                      - type: object
                        properties:
                          since: {type: integer}
                  Choice:
                    oneOf:
                      - $ref: '#/components/schemas/Pet/properties/details'
                      - $ref: '#/components/schemas/Pet/properties/owner'
                """, """
                /choices:
                  get:
                    responses:
                      '200':
                        description: ok
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Choice'}
                /keepers:
                  get:
                    responses:
                      '200':
                        description: ok
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Keeper'}
                """));
        assertThat(sources.file("com/acme/bug/model/Keeper.java").orElseThrow().content())
                .contains("String name")
                .contains("String colour")
                .contains("since");
        compile(sources).close();
    }

    @Test
    void lineSeparatorsInNamesValuesAndDescriptionsCompile() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Odd:
                    type: object
                    description: "first\\u2028second\\u0085third\\u2029"
                    properties:
                      "a\\u2028b": {type: string, description: "x\\u2028y"}
                      kind: {type: string, enum: ["p\\u2028q", "r\\u0085s"], default: "p\\u2028q"}
                """, "{}"));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> odd = Class.forName("com.acme.bug.model.Odd", true, loader);
            ObjectMapper mapper = mapper(loader);
            String json = "{\"a\\u2028b\":\"v\",\"kind\":\"r\\u0085s\"}";
            assertThat(mapper.writeValueAsString(mapper.readValue(json, odd)))
                    .isEqualTo("{\"a\u2028b\":\"v\",\"kind\":\"r\u0085s\"}");
        }
    }

    @Test
    void everyLineBreakCharacterInNamesValuesAndDescriptionsCompiles() throws Exception {
        // each character Java's \\R matches besides \\n: NEL, vertical tab, form feed, a lone CR
        GeneratedSources sources = generate(doc("""
                schemas:
                  Odd:
                    type: object
                    description: "a\\u0085b\\u000bc\\u000cd\\re"
                    required: ["n\\u0085el"]
                    properties:
                      "n\\u0085el": {type: string, description: "x\\u0085y"}
                      "v\\u000bt": {type: string}
                      "f\\u000cf": {type: string}
                      "c\\rr": {type: integer, description: "p\\rq"}
                      kind: {type: string, enum: ["p\\u0085q", "r\\u000bs", "t\\u000cu", "v\\rw"], default: "p\\u0085q"}
                """, """
                "/odd/{n\\u0085id}":
                  get:
                    summary: "s\\u0085t"
                    parameters:
                      - {name: "n\\u0085id", in: path, required: true, schema: {type: string}, description: "d\\u0085e"}
                      - {name: "q\\u0085x", in: query, schema: {type: string, enum: ["m\\u0085n"]}}
                    responses:
                      '200':
                        description: "o\\u0085k"
                        content:
                          application/json:
                            schema: {$ref: '#/components/schemas/Odd'}
                """));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> odd = Class.forName("com.acme.bug.model.Odd", true, loader);
            ObjectMapper mapper = mapper(loader);
            String json = "{\"n\\u0085el\":\"a\",\"v\\u000bt\":\"b\",\"f\\u000cf\":\"c\",\"c\\rr\":1,"
                    + "\"kind\":\"v\\rw\"}";
            assertThat(mapper.readTree(mapper.writeValueAsString(mapper.readValue(json, odd))))
                    .isEqualTo(mapper.readTree(json));
        }
    }

    @Test
    void lineBreakCharactersInDiscriminatorMappingsCompile() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Shape:
                    oneOf:
                      - $ref: '#/components/schemas/Circle'
                      - $ref: '#/components/schemas/Square'
                      - $ref: '#/components/schemas/Dot'
                    discriminator:
                      propertyName: kind
                      mapping:
                        "c\\u2028ircle": '#/components/schemas/Circle'
                        "s\\u2029quare": '#/components/schemas/Square'
                        "d\\u0085ot": '#/components/schemas/Dot'
                  Circle: {type: object, required: [kind], properties: {kind: {type: string}, r: {type: integer}}}
                  Square: {type: object, required: [kind], properties: {kind: {type: string}, side: {type: integer}}}
                  Dot: {type: object, required: [kind], properties: {kind: {type: string}}}
                """, "{}"));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> shape = Class.forName("com.acme.bug.model.Shape", true, loader);
            ObjectMapper mapper = mapper(loader);
            assertThat(mapper.readValue("{\"kind\":\"c\\u2028ircle\",\"r\":2}", shape)
                            .getClass()
                            .getSimpleName())
                    .isEqualTo("Circle");
            assertThat(mapper.readValue("{\"kind\":\"d\\u0085ot\"}", shape)
                            .getClass()
                            .getSimpleName())
                    .isEqualTo("Dot");
        }
    }

    @Test
    void anEnumValueNamedUnrecognizedKeepsTheSentinelApart() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  State: {type: string, enum: [ok, UNRECOGNIZED]}
                """, "{}"));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> state = Class.forName("com.acme.bug.model.State", true, loader);
            ObjectMapper mapper = mapper(loader);
            Object literal = mapper.readValue("\"UNRECOGNIZED\"", state);
            Object unknown = mapper.readValue("\"other\"", state);
            assertThat(literal).isNotEqualTo(unknown);
            assertThat(mapper.writeValueAsString(literal)).isEqualTo("\"UNRECOGNIZED\"");
            assertThat(((Enum<?>) unknown).name()).isEqualTo("UNRECOGNIZED");
            assertThat(((Enum<?>) literal).name()).isNotEqualTo("UNRECOGNIZED");
        }
    }

    @Test
    void numberEnumsAreKeptOrNamedInAFinding() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Ratio: {type: number, enum: [1.5, 2.5]}
                """, "{}"));
        try (URLClassLoader loader = compile(sources)) {
            // kept: a Java enum over BigDecimal values (NumberEnumsTest has the round trips)
            assertThat(Class.forName("com.acme.bug.model.Ratio", true, loader).isEnum())
                    .isTrue();
        }
    }

    @Test
    void aSelfReferencingOneOfDoesNotOverflowTheStack() throws Exception {
        GeneratedSources sources = generate(doc("""
                schemas:
                  Loop:
                    oneOf:
                      - {type: string}
                      - $ref: '#/components/schemas/Loop'
                """, "{}"));
        try (URLClassLoader loader = compile(sources)) {
            Class<?> loop = Class.forName("com.acme.bug.model.Loop", true, loader);
            ObjectMapper mapper = mapper(loader);
            assertThat(mapper.writeValueAsString(mapper.readValue("\"x\"", loop)))
                    .isEqualTo("\"x\"");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.readValue("{}", loop))
                    .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
        }
        assertThat(sources.findings().stream().map(Object::toString))
                .anyMatch(f -> f.contains("RECURSIVE_VARIANT") && f.contains("/components/schemas/Loop/oneOf/1"));
    }
}
