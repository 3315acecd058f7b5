package io.backendkit.codegen.internal;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.backendkit.codegen.GeneratedFile;

/** Shared JavaPoet helpers and the type names generated code refers to. */
final class JavaPoets {

    static final String JACKSON_ANNOTATION = "com.fasterxml.jackson.annotation";
    static final String JACKSON_DATABIND = "com.fasterxml.jackson.databind";

    static final ClassName JSON_PROPERTY = ClassName.get(JACKSON_ANNOTATION, "JsonProperty");
    static final ClassName JSON_INCLUDE = ClassName.get(JACKSON_ANNOTATION, "JsonInclude");
    static final ClassName JSON_INCLUDE_INCLUDE = JSON_INCLUDE.nestedClass("Include");
    static final ClassName JSON_CREATOR = ClassName.get(JACKSON_ANNOTATION, "JsonCreator");
    static final ClassName JSON_VALUE = ClassName.get(JACKSON_ANNOTATION, "JsonValue");
    static final ClassName JSON_TYPE_INFO = ClassName.get(JACKSON_ANNOTATION, "JsonTypeInfo");
    static final ClassName JSON_SUB_TYPES = ClassName.get(JACKSON_ANNOTATION, "JsonSubTypes");
    static final ClassName JSON_IGNORE_PROPERTIES = ClassName.get(JACKSON_ANNOTATION, "JsonIgnoreProperties");
    static final ClassName JSON_ANY_SETTER = ClassName.get(JACKSON_ANNOTATION, "JsonAnySetter");
    static final ClassName JSON_ANY_GETTER = ClassName.get(JACKSON_ANNOTATION, "JsonAnyGetter");
    static final ClassName JSON_DESERIALIZE = ClassName.get(JACKSON_DATABIND + ".annotation", "JsonDeserialize");
    static final ClassName JSON_DESERIALIZER = ClassName.get(JACKSON_DATABIND, "JsonDeserializer");
    static final ClassName STD_DESERIALIZER = ClassName.get(JACKSON_DATABIND + ".deser.std", "StdDeserializer");
    static final ClassName JSON_NODE = ClassName.get(JACKSON_DATABIND, "JsonNode");
    static final ClassName JAVA_TYPE = ClassName.get(JACKSON_DATABIND, "JavaType");
    static final ClassName TYPE_FACTORY = ClassName.get(JACKSON_DATABIND + ".type", "TypeFactory");
    static final ClassName OBJECT_MAPPER = ClassName.get(JACKSON_DATABIND, "ObjectMapper");
    static final ClassName DESERIALIZATION_CONTEXT = ClassName.get(JACKSON_DATABIND, "DeserializationContext");
    static final ClassName JSON_PARSER = ClassName.get("com.fasterxml.jackson.core", "JsonParser");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName LIST = ClassName.get("java.util", "List");
    static final ClassName MAP = ClassName.get("java.util", "Map");
    static final ClassName STRING = ClassName.get("java.lang", "String");

    private JavaPoets() {}

    /** {@code @Generated("io.backendkit.codegen.OpenApiCodegen")}: no date, so output stays byte-identical. */
    static AnnotationSpec generated() {
        return AnnotationSpec.builder(GENERATED)
                .addMember("value", "$S", "io.backendkit.codegen.OpenApiCodegen")
                .build();
    }

    /** {@code List<item>}. */
    static TypeName listOf(TypeName item) {
        return ParameterizedTypeName.get(LIST, item);
    }

    /**
     * A file for a top-level type: the text {@code JavaFile.toString()} would give (java.lang not
     * imported, 4-space indent), rendered in one pass by {@link SinglePassRenderer}.
     */
    static GeneratedFile file(String packageName, TypeSpec type) {
        JavaFile javaFile = JavaFile.builder(packageName, type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        String path = packageName.replace('.', '/') + "/" + type.name() + ".java";
        return new GeneratedFile(path, LineBreaks.reveal(SinglePassRenderer.render(javaFile)));
    }

    /**
     * An expression building a Jackson {@code JavaType} for {@code type}, using the {@code
     * TypeFactory} expression {@code factory}.
     */
    static CodeBlock javaType(TypeName type, CodeBlock factory) {
        if (type instanceof ParameterizedTypeName p) {
            if (p.rawType().equals(LIST)) {
                return CodeBlock.of(
                        "$L.constructCollectionType($T.class, $L)",
                        factory,
                        LIST,
                        javaType(p.typeArguments().get(0), factory));
            }
            if (p.rawType().equals(MAP)) {
                return CodeBlock.of(
                        "$L.constructMapType($T.class, $L, $L)",
                        factory,
                        MAP,
                        javaType(p.typeArguments().get(0), factory),
                        javaType(p.typeArguments().get(1), factory));
            }
            return CodeBlock.of("$L.constructType($T.class)", factory, p.rawType());
        }
        if (type instanceof ArrayTypeName) {
            return CodeBlock.of("$L.constructType(byte[].class)", factory);
        }
        return CodeBlock.of("$L.constructType($T.class)", factory, type);
    }
}
