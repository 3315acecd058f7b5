package io.backendkit.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.SpecException;
import io.backendkit.codegen.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * GIVEN files rendered in one pass by {@link SinglePassRenderer} WHEN JavaPoet's own two-pass {@link
 * JavaFile#toString()} renders them too THEN the text is the same, byte for byte: for every file of
 * every test document and target, and for hand-built types using what JavaPoet's import choice
 * depends on (simple-name clashes, same-package and nested types, type variables, annotated types).
 */
class SinglePassRendererTest {

    private final AtomicInteger compared = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> differences = new ConcurrentLinkedQueue<>();

    @AfterEach
    void removeObserver() {
        SinglePassRenderer.observer = null;
    }

    private void compareEveryRendering() {
        SinglePassRenderer.observer = (file, text) -> {
            compared.incrementAndGet();
            String expected = file.toString();
            if (!expected.equals(text)) {
                differences.add(
                        file.packageName() + "." + file.typeSpec().name() + ": " + firstDifference(expected, text));
            }
        };
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return "line " + (i + 1) + ": expected [" + e[i] + "] but was [" + a[i] + "]";
            }
        }
        return "expected " + e.length + " lines but was " + a.length;
    }

    /** Generates {@code doc} for every target, with client; the number of documents that generated. */
    private static boolean generateAllTargets(Path doc, String basePackage) {
        boolean generated = false;
        for (Target target : Target.values()) {
            for (boolean envelope : new boolean[] {true, false}) {
                try {
                    GeneratedSources sources = OpenApiCodegen.fromSpec(doc)
                            .basePackage(basePackage)
                            .target(target)
                            .client(true)
                            .envelope(envelope)
                            .generate();
                    assertThat(sources.files()).isNotEmpty();
                    generated = true;
                } catch (SpecException e) {
                    // a document the tests use to show a refusal: nothing is rendered
                }
            }
        }
        return generated;
    }

    private static List<Path> documents(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().matches(".*\\.(json|ya?ml)$"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyFileOfEveryTestDocumentAndTargetIsRenderedAsJavaFileRendersIt() throws IOException {
        int fallbacks = SinglePassRenderer.fallbacks();
        compareEveryRendering();
        List<Path> docs = documents(Path.of("src/test/resources/specs"));
        int generated = 0;
        for (Path doc : docs) {
            if (generateAllTargets(doc, "eq.d" + generated)) {
                generated++;
            }
        }
        assertThat(docs).hasSizeGreaterThanOrEqualTo(12);
        assertThat(generated).as("documents generated").isGreaterThanOrEqualTo(docs.size() - 3);
        assertThat(differences).as("files that differ").isEmpty();
        assertThat(compared.get()).as("files compared").isGreaterThan(500);
        assertThat(SinglePassRenderer.fallbacks()).as("after-check fallbacks").isEqualTo(fallbacks);
    }

    /**
     * The same over every document in {@code $BACKENDKIT_SPECS_DIR}; slow (every target of GitHub's
     * description, twice), so it runs only with {@code BACKENDKIT_RENDER_EQUIVALENCE=all}.
     */
    @Test
    void everyRealWorldDocumentIsRenderedAsJavaFileRendersIt() throws IOException {
        String dir = System.getenv("BACKENDKIT_SPECS_DIR");
        Assumptions.assumeTrue(
                "all".equals(System.getenv("BACKENDKIT_RENDER_EQUIVALENCE")) && dir != null && !dir.isBlank(),
                "set BACKENDKIT_RENDER_EQUIVALENCE=all and BACKENDKIT_SPECS_DIR to compare every real-world document");
        int fallbacks = SinglePassRenderer.fallbacks();
        compareEveryRendering();
        List<Path> docs = documents(Path.of(dir));
        int generated = 0;
        for (Path doc : docs) {
            if (generateAllTargets(doc, "eq.r" + generated)) {
                generated++;
            }
        }
        System.err.printf(
                "render equivalence: %d documents, %d generated, %d files compared, %d differ%n",
                docs.size(), generated, compared.get(), differences.size());
        assertThat(differences).as("files that differ").isEmpty();
        assertThat(SinglePassRenderer.fallbacks()).as("after-check fallbacks").isEqualTo(fallbacks);
    }

    private static void assertSameAsJavaFile(String packageName, TypeSpec type) {
        JavaFile file = JavaFile.builder(packageName, type)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        int fallbacks = SinglePassRenderer.fallbacks();
        assertThat(SinglePassRenderer.render(file)).isEqualTo(file.toString());
        assertThat(SinglePassRenderer.fallbacks()).isEqualTo(fallbacks);
    }

    @Test
    void aClashOfSimpleNamesImportsTheFirstLikeJavaFile() {
        ClassName utilList = ClassName.get("java.util", "List");
        ClassName awtList = ClassName.get("java.awt", "List");
        ClassName samePackageMap = ClassName.get("p", "Map");
        TypeSpec type = TypeSpec.classBuilder("Clash")
                .addJavadoc("Uses {@link $T} only in Javadoc.\n", ClassName.get("java.util.concurrent", "Executor"))
                .addField(awtList, "first")
                .addField(utilList, "second")
                .addField(ClassName.get("java.util", "Map"), "third")
                .addField(samePackageMap, "fourth")
                .addField(ClassName.get("java.lang", "String"), "text")
                .addField(ClassName.get("q", "String"), "otherText")
                .addMethod(MethodSpec.methodBuilder("m")
                        .returns(ParameterizedTypeName.get(utilList, awtList))
                        .addStatement("return $T.of(new $T())", utilList, awtList)
                        .build())
                .build();
        assertSameAsJavaFile("p", type);
    }

    @Test
    void nestedTypesTypeVariablesAndTheTypeItselfShadowImportsLikeJavaFile() {
        ClassName entry = ClassName.get("java.util", "Map", "Entry");
        TypeVariableName t = TypeVariableName.get("T", ClassName.get("java.lang", "Comparable"));
        TypeSpec nested = TypeSpec.classBuilder("Entry")
                .addModifiers(Modifier.STATIC)
                .addField(entry, "outer")
                .build();
        TypeSpec type = TypeSpec.classBuilder("Holder")
                .addTypeVariable(t)
                .addField(t, "value")
                .addField(ClassName.get("x", "T"), "shadowedByTheVariable")
                .addField(ClassName.get("x", "Holder"), "shadowedByTheType")
                .addField(ClassName.get("p", "Holder", "Entry"), "ownNested")
                .addField(entry, "mapEntry")
                .addType(nested)
                .addMethod(MethodSpec.methodBuilder("pick")
                        .addTypeVariable(TypeVariableName.get("U", ClassName.get("y", "Bound")))
                        .returns(TypeVariableName.get("U"))
                        .addParameter(ClassName.get("z", "U"), "u")
                        .addStatement("return null")
                        .build())
                .build();
        assertSameAsJavaFile("p", type);
    }

    @Test
    void annotatedTypesArraysWildcardsAndVarargsAreLookedUpLikeJavaFile() {
        AnnotationSpec valid = AnnotationSpec.builder(ClassName.get("jakarta.validation", "Valid"))
                .build();
        AnnotationSpec size = AnnotationSpec.builder(ClassName.get("jakarta.validation.constraints", "Size"))
                .addMember("min", "$L", 1)
                .addMember("groups", "{$T.class, $T.class}", ClassName.get("g", "A"), ClassName.get("g", "B"))
                .build();
        ClassName outer = ClassName.get("o", "Outer");
        TypeName annotatedNested = outer.annotated(valid).nestedClass("Inner");
        TypeSpec type = TypeSpec.classBuilder("Annotated")
                .addField(
                        ParameterizedTypeName.get(
                                ClassName.get("java.util", "List"),
                                ClassName.get("m", "Item").annotated(valid)),
                        "items")
                .addField(
                        ArrayTypeName.of(
                                ArrayTypeName.of(ClassName.get("m", "Cell")).annotated(size)),
                        "grid")
                .addField(TypeName.INT.annotated(size), "count")
                .addField(annotatedNested, "inner")
                .addField(
                        ParameterizedTypeName.get(
                                ClassName.get("java.util", "Map"),
                                WildcardTypeName.subtypeOf(ClassName.get("n", "Key")),
                                WildcardTypeName.supertypeOf(ClassName.get("n", "Value"))),
                        "map")
                .addField(
                        ParameterizedTypeName.get(outer, ClassName.get("n", "Arg"))
                                .nestedClass("Inner", List.of(ClassName.get("n", "Arg2"))),
                        "nestedGeneric")
                .addMethod(MethodSpec.methodBuilder("all")
                        .addParameter(ParameterSpec.builder(ArrayTypeName.of(ClassName.get("v", "Vararg")), "xs")
                                .addAnnotation(valid)
                                .build())
                        .varargs()
                        .addException(ClassName.get("e", "Failure"))
                        .addCode("$T.run();\n", ClassName.get("r", "Runner"))
                        .build())
                .build();
        assertSameAsJavaFile("p", type);
    }

    @Test
    void enumsRecordsInterfacesAndAnonymousClassesAreWalkedLikeJavaFile() {
        TypeSpec anonymous = TypeSpec.anonymousClassBuilder("$T.VALUE", ClassName.get("c", "Constants"))
                .addSuperinterface(ClassName.get("java.util.function", "Supplier"))
                .addMethod(MethodSpec.methodBuilder("get")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ClassName.get("a", "FromAnonymous"))
                        .addStatement("return null")
                        .build())
                .build();
        TypeSpec kind = TypeSpec.enumBuilder("Kind")
                .addEnumConstant("PLAIN")
                .addEnumConstant(
                        "SPECIAL",
                        TypeSpec.anonymousClassBuilder("$T.class", ClassName.get("k", "Arg"))
                                .addMethod(MethodSpec.methodBuilder("toString")
                                        .addModifiers(Modifier.PUBLIC)
                                        .returns(ClassName.get("java.lang", "String"))
                                        .addStatement("return $T.NAME", ClassName.get("k", "Names"))
                                        .build())
                                .build())
                .addField(ClassName.get("k", "Field"), "field", Modifier.PRIVATE)
                .addMethod(MethodSpec.constructorBuilder()
                        .addParameter(
                                ParameterizedTypeName.get(
                                        ClassName.get("java.lang", "Class"), WildcardTypeName.subtypeOf(Object.class)),
                                "c")
                        .addStatement("this.field = null")
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addStatement("this(null)")
                        .build())
                .build();
        TypeSpec record = TypeSpec.recordBuilder("Pair")
                .addJavadoc("A pair.\n")
                .recordConstructor(MethodSpec.compactConstructorBuilder()
                        .addParameter(ParameterSpec.builder(ClassName.get("r", "Left"), "left")
                                .addJavadoc("the left, see {@link $T}", ClassName.get("r", "Doc"))
                                .build())
                        .addParameter(ClassName.get("r", "Right"), "right")
                        .addStatement("$T.requireNonNull(left)", ClassName.get("java.util", "Objects"))
                        .build())
                .addSuperinterface(ClassName.get("r", "Marker"))
                .build();
        TypeSpec sealed = TypeSpec.interfaceBuilder("Shape")
                .addModifiers(Modifier.SEALED)
                .addPermittedSubclass(ClassName.get("p", "Shape", "Pair"))
                .addSuperinterface(ClassName.get("s", "Base"))
                .addStaticBlock(CodeBlock.of("$T.init();\n", ClassName.get("s", "Init")))
                .addField(FieldSpec.builder(ClassName.get("s", "Constant"), "C")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", anonymous)
                        .build())
                .addMethod(MethodSpec.methodBuilder("area")
                        .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                        .returns(ClassName.get("s", "Area"))
                        .build())
                .addMethod(MethodSpec.methodBuilder("name")
                        .addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .returns(ClassName.get("java.lang", "String"))
                        .addAnnotation(AnnotationSpec.builder(ClassName.get("s", "Note"))
                                .addMember(
                                        "value",
                                        "$L",
                                        AnnotationSpec.builder(ClassName.get("s", "Inner"))
                                                .build())
                                .build())
                        .addStatement("return $S", "shape")
                        .build())
                .addType(record.toBuilder()
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .build())
                .addType(kind.toBuilder()
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .build())
                .build();
        assertSameAsJavaFile("p", sealed);
        assertSameAsJavaFile("p", kind);
        assertSameAsJavaFile(
                "",
                TypeSpec.classBuilder("NoPackage")
                        .addField(ClassName.get("", "Other"), "other")
                        .addField(ClassName.get("java.util", "List"), "list")
                        .addField(Map.Entry.class, "entry")
                        .build());
    }

    @Test
    void literalsCommentsWrappingAndAnnotationMembersAreWrittenLikeJavaFile() {
        AnnotationSpec members = AnnotationSpec.builder(ClassName.get("a", "Members"))
                .addMember("names", "$S", "one")
                .addMember("names", "$S", "two")
                .addMember("type", "$T.class", ClassName.get("a", "Type"))
                .build();
        StringBuilder longName = new StringBuilder("very");
        for (int i = 0; i < 12; i++) {
            longName.append("LongName");
        }
        MethodSpec.Builder wide = MethodSpec.methodBuilder(longName.toString())
                .addAnnotation(members)
                .addTypeVariable(TypeVariableName.get(
                        "V", ClassName.get("java.lang", "Comparable"), ClassName.get("java.io", "Serializable")))
                .returns(TypeName.VOID)
                .addException(ClassName.get("e", "FirstFailure"))
                .addException(ClassName.get("e", "SecondFailure"));
        for (int i = 0; i < 6; i++) {
            wide.addParameter(ParameterSpec.builder(ClassName.get("w", "Parameter" + i), "parameterNumber" + i)
                    .addModifiers(Modifier.FINAL)
                    .addJavadoc("the $L. one\n\nwith a blank line", i)
                    .build());
        }
        wide.addJavadoc("Does it.\n\n<p>Second paragraph.\n");
        wide.addComment("a comment with a $T", ClassName.get("c", "Commented"));
        wide.addStatement(
                "$T.call($S, $S, $L)",
                ClassName.get("c", "Callee"),
                "line one\nline two\n",
                "quote \" apostrophe ' backslash \\ tab \t nel \u0085 bell \u0007 ls \u2028",
                CodeBlock.of("$W$T.VALUE +$Wmore", ClassName.get("c", "Constants")));
        wide.beginControlFlow("if ($L)", true).addStatement("return").endControlFlow();
        TypeSpec type = TypeSpec.interfaceBuilder("Wide")
                .addSuperinterface(ClassName.get("i", "One"))
                .addSuperinterface(ClassName.get("i", "Two"))
                .addSuperinterface(ClassName.get("i", "Three"))
                .addSuperinterface(ClassName.get("i", "Four"))
                .addMethod(wide.addModifiers(Modifier.PUBLIC, Modifier.DEFAULT).build())
                .addType(TypeSpec.annotationBuilder("Marker")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addMethod(MethodSpec.methodBuilder("value")
                                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                                .returns(ClassName.get("java.lang", "String"))
                                .defaultValue("$S", "none")
                                .build())
                        .build())
                .addType(TypeSpec.classBuilder("Blocks")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .superclass(ClassName.get("b", "Base"))
                        .addInitializerBlock(CodeBlock.of("$T.init();\n", ClassName.get("b", "Init")))
                        .addField(FieldSpec.builder(TypeName.LONG, "id", Modifier.PRIVATE)
                                .addJavadoc("The id.\n")
                                .initializer("$L", 1L)
                                .build())
                        .build())
                .build();
        JavaFile file = JavaFile.builder("p", type)
                .addFileComment("Generated for $T; do not edit.\nSecond line.", ClassName.get("g", "Origin"))
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        int fallbacks = SinglePassRenderer.fallbacks();
        assertThat(SinglePassRenderer.render(file)).isEqualTo(file.toString());
        assertThat(SinglePassRenderer.fallbacks()).isEqualTo(fallbacks);
        assertSameAsJavaFile("p", type);
    }

    @Test
    void emptyListsOfEveryKindRender() {
        List<TypeSpec> types = new ArrayList<>();
        types.add(TypeSpec.classBuilder("Empty").build());
        types.add(TypeSpec.interfaceBuilder("EmptyInterface").build());
        types.add(TypeSpec.recordBuilder("EmptyRecord").build());
        types.add(TypeSpec.annotationBuilder("EmptyAnnotation").build());
        for (TypeSpec t : types) {
            assertSameAsJavaFile("p", t);
        }
    }
}
