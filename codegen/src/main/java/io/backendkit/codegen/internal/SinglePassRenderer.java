package io.backendkit.codegen.internal;

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
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.lang.model.element.Modifier;

/**
 * Renders a {@link JavaFile} with one emitting pass instead of JavaPoet's two.
 *
 * <p>{@link JavaFile#toString()} emits the whole file twice: first into a writer that discards its
 * output, only to learn which types to import, then for real with those imports. That first pass
 * costs as much as the second (every fragment is split at line breaks, wrapped, escaped). Here the
 * imports are learnt without emitting anything: the file's types are walked in the order
 * JavaPoet emits them, and every class name JavaPoet would look up is looked up, in the same scope
 * (enclosing types, type variables in force), on a JavaPoet {@code CodeWriter} of its own, so that
 * JavaPoet's own code decides what is importable, what a nested type or the file's package
 * shadows and which of two types with one simple name wins. The real pass then runs JavaPoet's
 * file emission once, on a {@code CodeWriter} given those imports: the text is JavaPoet's,
 * byte for byte what {@code toString()} returns (the equivalence test renders every file of the
 * test documents both ways).
 *
 * <p>{@code CodeWriter} and the methods used here are package-private in JavaPoet, so they are
 * reached by deep reflection (JavaPoet is an automatic module, open to it; on the class path
 * everything is). That ties this class to JavaPoet {@value #JAVAPOET_VERSION}: with any other
 * version, or if a member it needs is missing, the first rendering fails with an {@link
 * IllegalStateException} naming the version found, rather than risk emitting different code. After
 * each file the real pass is checked against the walk: it must have used every import the walk
 * chose and found no further type it would import; a file that fails the check is rendered again
 * by {@code JavaFile.toString()} (so the output stays JavaPoet's) and the miss is counted.
 */
final class SinglePassRenderer {

    /** The JavaPoet version whose emission order the walk follows. */
    static final String JAVAPOET_VERSION = "0.22.0";

    /**
     * Test hook: when set, called with each rendered file and its single-pass text (on the rendering
     * thread, possibly several at once).
     */
    static volatile BiConsumer<JavaFile, String> observer;

    private static final Appendable DISCARD = new Appendable() {
        @Override
        public Appendable append(CharSequence csq) {
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return this;
        }

        @Override
        public Appendable append(char c) {
            return this;
        }
    };

    private SinglePassRenderer() {}

    /** The source of {@code file}, as {@code file.toString()} writes it. */
    static String render(JavaFile file) {
        Poet poet = Poet.get();
        String text;
        try {
            text = poet.render(file);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(
                    "rendering " + file.typeSpec().name() + " with JavaPoet " + JAVAPOET_VERSION + " internals failed",
                    e);
        }
        if (text == null) {
            Poet.FALLBACKS.incrementAndGet();
            text = file.toString();
        }
        BiConsumer<JavaFile, String> o = observer;
        if (o != null) {
            o.accept(file, text);
        }
        return text;
    }

    /** How many files failed the after-check and were rendered by {@code JavaFile.toString()}. */
    static int fallbacks() {
        return Poet.FALLBACKS.get();
    }

    /** The imports map of the real pass: remembers which simple names were resolved through it. */
    private static final class Imports extends HashMap<String, ClassName> {
        private static final long serialVersionUID = 1L;
        private final transient Set<Object> used = new HashSet<>();

        Imports(Map<String, ClassName> imports) {
            super(imports);
        }

        @Override
        public ClassName get(Object key) {
            ClassName c = super.get(key);
            if (c != null) {
                used.add(key);
            }
            return c;
        }

        boolean allUsed() {
            return used.size() == size();
        }
    }

    /**
     * JavaPoet's package-private members, resolved once, or why they cannot be. The handles are
     * record components of a static final instance, so the JIT treats them as constants.
     */
    private record Poet(
            MethodHandle newWriter, // (Appendable, String, Set, Set) -> CodeWriter as Object
            MethodHandle newWriterWithImports, // (Appendable, String, Map, Set, Set) -> Object
            MethodHandle pushPackage,
            MethodHandle popPackage,
            MethodHandle pushType,
            MethodHandle popType,
            MethodHandle emitTypeVariables,
            MethodHandle popTypeVariables,
            MethodHandle lookupName,
            MethodHandle suggestedImports,
            MethodHandle headerCopy, // TypeSpec(TypeSpec): the type as its own header sees it
            MethodHandle fileEmit, // JavaFile.emit(CodeWriter)
            MethodHandle formatParts,
            MethodHandle args,
            VarHandle fileComment,
            VarHandle staticImports,
            VarHandle alwaysQualify,
            VarHandle indent,
            VarHandle recordConstructor,
            VarHandle permittedSubclasses,
            VarHandle compactConstructor) {

        private static final AtomicInteger FALLBACKS = new AtomicInteger();
        private static final Object STATE = load();
        static final Poet P = STATE instanceof Poet p ? p : null;

        static Poet get() {
            if (P == null) {
                IllegalStateException e = (IllegalStateException) STATE;
                throw new IllegalStateException(e.getMessage(), e);
            }
            return P;
        }

        /** The handles, or the exception that says why there are none. */
        private static Object load() {
            String found = version();
            if (!JAVAPOET_VERSION.equals(found)) {
                return new IllegalStateException("backendkit codegen renders through JavaPoet " + JAVAPOET_VERSION
                        + " internals, but JavaPoet " + (found == null ? "of an unknown version" : found)
                        + " is on the path: use com.palantir.javapoet:javapoet:" + JAVAPOET_VERSION);
            }
            try {
                return resolve();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new IllegalStateException(
                        "backendkit codegen cannot reach the JavaPoet " + JAVAPOET_VERSION
                                + " internals it renders through (" + e + ")",
                        e);
            }
        }

        private static Poet resolve() throws ReflectiveOperationException {
            Class<?> w = Class.forName("com.palantir.javapoet.CodeWriter", false, JavaFile.class.getClassLoader());
            MethodHandles.Lookup self = MethodHandles.lookup();
            MethodHandles.Lookup poet = MethodHandles.privateLookupIn(w, self);
            MethodHandles.Lookup file = MethodHandles.privateLookupIn(JavaFile.class, self);
            MethodHandles.Lookup type = MethodHandles.privateLookupIn(TypeSpec.class, self);
            MethodHandles.Lookup block = MethodHandles.privateLookupIn(CodeBlock.class, self);
            MethodHandles.Lookup method = MethodHandles.privateLookupIn(MethodSpec.class, self);
            return new Poet(
                    erase(poet.findConstructor(
                            w,
                            MethodType.methodType(void.class, Appendable.class, String.class, Set.class, Set.class))),
                    erase(poet.findConstructor(
                            w,
                            MethodType.methodType(
                                    void.class, Appendable.class, String.class, Map.class, Set.class, Set.class))),
                    eraseVoid(poet.findVirtual(w, "pushPackage", MethodType.methodType(w, String.class))),
                    eraseVoid(poet.findVirtual(w, "popPackage", MethodType.methodType(w))),
                    eraseVoid(poet.findVirtual(w, "pushType", MethodType.methodType(w, TypeSpec.class))),
                    eraseVoid(poet.findVirtual(w, "popType", MethodType.methodType(w))),
                    erase(poet.findVirtual(w, "emitTypeVariables", MethodType.methodType(void.class, List.class))),
                    erase(poet.findVirtual(w, "popTypeVariables", MethodType.methodType(void.class, List.class))),
                    eraseVoid(poet.findVirtual(w, "lookupName", MethodType.methodType(String.class, ClassName.class))),
                    erase(poet.findVirtual(w, "suggestedImports", MethodType.methodType(Map.class))),
                    type.findConstructor(TypeSpec.class, MethodType.methodType(void.class, TypeSpec.class)),
                    erase(file.findVirtual(JavaFile.class, "emit", MethodType.methodType(void.class, w))),
                    block.findVirtual(CodeBlock.class, "formatParts", MethodType.methodType(List.class)),
                    block.findVirtual(CodeBlock.class, "args", MethodType.methodType(List.class)),
                    file.findVarHandle(JavaFile.class, "fileComment", CodeBlock.class),
                    file.findVarHandle(JavaFile.class, "staticImports", Set.class),
                    file.findVarHandle(JavaFile.class, "alwaysQualify", Set.class),
                    file.findVarHandle(JavaFile.class, "indent", String.class),
                    type.findVarHandle(TypeSpec.class, "recordConstructor", MethodSpec.class),
                    type.findVarHandle(TypeSpec.class, "permittedSubclasses", List.class),
                    method.findVarHandle(MethodSpec.class, "compactConstructor", boolean.class));
        }

        /** {@code h} returning nothing, erased as {@link #erase}. */
        private static MethodHandle eraseVoid(MethodHandle h) {
            return erase(MethodHandles.dropReturn(h));
        }

        /** {@code h} with JavaPoet's {@code CodeWriter} (not visible here) as {@code Object}. */
        private static MethodHandle erase(MethodHandle h) {
            return h.asType(h.type().erase());
        }

        /** JavaPoet's version: its jar's manifest, else (module path) its module's version. */
        private static String version() {
            String v = JavaFile.class.getPackage().getImplementationVersion();
            if (v == null) {
                ModuleDescriptor d = JavaFile.class.getModule().getDescriptor();
                if (d != null) {
                    v = d.rawVersion().orElse(null);
                }
            }
            return v;
        }

        /** The file's text, or null if the real pass disagreed with the walk. */
        String render(JavaFile file) throws Throwable {
            if (!((Set<?>) staticImports.get(file)).isEmpty()) {
                // static imports let JavaPoet skip the lookup of a type followed by a member name;
                // codegen adds none, so the walk does not follow that rule
                throw new IllegalStateException("single-pass rendering does not support static imports");
            }
            String ind = (String) indent.get(file);
            @SuppressWarnings("unchecked")
            Set<String> qualify = (Set<String>) alwaysQualify.get(file);
            Set<String> noStatics = Collections.emptySet();

            Object collector = (Object)
                    newWriter.invokeExact((Object) DISCARD, (Object) ind, (Object) noStatics, (Object) qualify);
            pushPackage.invokeExact(collector, (Object) file.packageName());
            new Walk(collector).file(file);
            popPackage.invokeExact(collector);
            @SuppressWarnings("unchecked")
            Map<String, ClassName> suggested =
                    (Map<String, ClassName>) (Object) suggestedImports.invokeExact(collector);

            StringBuilder out = new StringBuilder(8192);
            Imports imports = new Imports(suggested);
            Object writer = (Object) newWriterWithImports.invokeExact(
                    (Object) out, (Object) ind, (Object) imports, (Object) noStatics, (Object) qualify);
            fileEmit.invokeExact((Object) file, writer);
            // every import chosen was used, and JavaPoet met no type it would have imported
            if (!imports.allUsed() || !((Map<?, ?>) (Object) suggestedImports.invokeExact(writer)).isEmpty()) {
                return null;
            }
            return out.toString();
        }
    }

    /**
     * Looks up, on {@code writer}, every class name JavaPoet's emission of a file looks up, in the same
     * order and scope. Each method follows the emitting method of the same JavaPoet type.
     */
    private record Walk(Object writer) {

        void file(JavaFile file) throws Throwable {
            CodeBlock comment = (CodeBlock) Poet.P.fileComment().get(file);
            if (!comment.isEmpty()) {
                code(comment);
            }
            type(file.typeSpec(), null);
        }

        /** {@code TypeSpec.emit}: {@code enumName} is set for an enum constant's body. */
        void type(TypeSpec t, String enumName) throws Throwable {
            CodeBlock anonymousArgs = t.anonymousTypeArguments();
            if (enumName != null) {
                code(t.javadoc());
                annotations(t.annotations());
                if (!formatParts(anonymousArgs).isEmpty()) {
                    code(anonymousArgs);
                }
                if (t.fieldSpecs().isEmpty()
                        && t.methodSpecs().isEmpty()
                        && t.typeSpecs().isEmpty()) {
                    return;
                }
            } else if (anonymousArgs != null) {
                typeName(
                        t.superinterfaces().isEmpty()
                                ? t.superclass()
                                : t.superinterfaces().get(0));
                code(anonymousArgs);
            } else {
                TypeSpec header = (TypeSpec) Poet.P.headerCopy().invokeExact(t);
                Poet.P.pushType().invokeExact(writer, (Object) header);
                MethodSpec record = (MethodSpec) Poet.P.recordConstructor().get(t);
                code(t.javadoc());
                if (record != null) {
                    parameterDocs(record.parameters());
                }
                annotations(t.annotations());
                Poet.P.emitTypeVariables().invokeExact(writer, (Object) t.typeVariables());
                if (t.kind() == TypeSpec.Kind.RECORD && record != null) {
                    parameters(record.parameters());
                }
                if (t.kind() != TypeSpec.Kind.INTERFACE && !t.superclass().equals(ClassName.OBJECT)) {
                    typeName(t.superclass());
                }
                for (TypeName s : t.superinterfaces()) {
                    typeName(s);
                }
                @SuppressWarnings("unchecked")
                List<TypeName> permitted =
                        (List<TypeName>) Poet.P.permittedSubclasses().get(t);
                for (TypeName p : permitted) {
                    typeName(p);
                }
                Poet.P.popType().invokeExact(writer);
            }

            Poet.P.pushType().invokeExact(writer, (Object) t);
            for (Map.Entry<String, TypeSpec> constant : t.enumConstants().entrySet()) {
                type(constant.getValue(), constant.getKey());
            }
            for (FieldSpec f : t.fieldSpecs()) {
                if (f.modifiers().contains(Modifier.STATIC)) {
                    field(f);
                }
            }
            code(t.staticBlock());
            for (FieldSpec f : t.fieldSpecs()) {
                if (!f.modifiers().contains(Modifier.STATIC)) {
                    field(f);
                }
            }
            code(t.initializerBlock());
            MethodSpec record = (MethodSpec) Poet.P.recordConstructor().get(t);
            if (record != null && !record.code().isEmpty()) {
                method(record);
            }
            for (MethodSpec m : t.methodSpecs()) {
                if (m.isConstructor()) {
                    method(m);
                }
            }
            for (MethodSpec m : t.methodSpecs()) {
                if (!m.isConstructor()) {
                    method(m);
                }
            }
            for (TypeSpec nested : t.typeSpecs()) {
                type(nested, null);
            }
            Poet.P.popType().invokeExact(writer);
            Poet.P.popTypeVariables().invokeExact(writer, (Object) t.typeVariables());
        }

        /** {@code FieldSpec.emit}. */
        void field(FieldSpec f) throws Throwable {
            code(f.javadoc());
            annotations(f.annotations());
            typeName(f.type());
            code(f.initializer());
        }

        /** {@code MethodSpec.emit}. */
        void method(MethodSpec m) throws Throwable {
            code(m.javadoc());
            parameterDocs(m.parameters());
            annotations(m.annotations());
            if (!m.typeVariables().isEmpty()) {
                Poet.P.emitTypeVariables().invokeExact(writer, (Object) m.typeVariables());
            }
            boolean compact = (boolean) Poet.P.compactConstructor().get(m);
            if (!compact) {
                if (!m.isConstructor()) {
                    typeName(m.returnType());
                }
                parameters(m.parameters());
            }
            if (m.defaultValue() != null) {
                code(m.defaultValue());
            }
            for (TypeName e : m.exceptions()) {
                typeName(e);
            }
            if (!m.modifiers().contains(Modifier.ABSTRACT)) {
                code(m.code());
            }
            Poet.P.popTypeVariables().invokeExact(writer, (Object) m.typeVariables());
        }

        /** The {@code @param} lines {@code CodeWriter.emitJavadocWithParameters} appends. */
        void parameterDocs(List<ParameterSpec> parameters) throws Throwable {
            for (ParameterSpec p : parameters) {
                code(p.javadoc());
            }
        }

        /** {@code CodeWriter.emitParameters} and {@code ParameterSpec.emit} (varargs: the same type). */
        void parameters(List<ParameterSpec> parameters) throws Throwable {
            for (ParameterSpec p : parameters) {
                annotations(p.annotations());
                typeName(p.type());
            }
        }

        void annotations(List<AnnotationSpec> annotations) throws Throwable {
            for (AnnotationSpec a : annotations) {
                annotation(a);
            }
        }

        /** {@code AnnotationSpec.emit}. */
        void annotation(AnnotationSpec a) throws Throwable {
            typeName(a.type());
            for (List<CodeBlock> values : a.members().values()) {
                for (CodeBlock v : values) {
                    code(v);
                }
            }
        }

        /** {@code CodeWriter.emit(CodeBlock)} (no static imports, so every {@code $T} is looked up). */
        void code(CodeBlock block) throws Throwable {
            List<String> parts = formatParts(block);
            if (parts.isEmpty()) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<Object> values = (List<Object>) Poet.P.args().invokeExact(block);
            int a = 0;
            for (int i = 0, n = parts.size(); i < n; i++) {
                String part = parts.get(i);
                if (part.charAt(0) != '$') {
                    continue; // text: JavaPoet starts no text part with $
                }
                switch (part.charAt(1)) {
                    case 'L' -> {
                        Object o = values.get(a++);
                        if (o instanceof TypeSpec t) {
                            type(t, null);
                        } else if (o instanceof AnnotationSpec an) {
                            annotation(an);
                        } else if (o instanceof CodeBlock c) {
                            code(c);
                        }
                    }
                    case 'T' -> typeName((TypeName) values.get(a++));
                    case 'N', 'S' -> a++;
                    default -> {
                        // $$, $>, $<, $[, $], $W, $Z take no argument
                    }
                }
            }
        }

        @SuppressWarnings("unchecked")
        private List<String> formatParts(CodeBlock block) throws Throwable {
            return (List<String>) Poet.P.formatParts().invokeExact(block);
        }

        /** {@code TypeName.emit} and its overrides. */
        void typeName(TypeName type) throws Throwable {
            if (type instanceof ClassName c) {
                className(c);
            } else if (type instanceof ParameterizedTypeName p) {
                if (p.enclosingType() != null) {
                    typeName(p.enclosingType());
                    if (p.isAnnotated()) {
                        annotations(p.annotations());
                    }
                } else {
                    className(p.rawType());
                }
                for (TypeName argument : p.typeArguments()) {
                    typeName(argument);
                }
            } else if (type instanceof ArrayTypeName array) {
                List<ArrayTypeName> levels = new ArrayList<>();
                TypeName leaf = array;
                while (leaf instanceof ArrayTypeName level) {
                    levels.add(level);
                    leaf = level.componentType();
                }
                typeName(leaf);
                for (ArrayTypeName level : levels) {
                    if (level.isAnnotated()) {
                        annotations(level.annotations());
                    }
                }
            } else if (type instanceof WildcardTypeName w) {
                if (w.lowerBounds().size() == 1) {
                    typeName(w.lowerBounds().get(0));
                } else if (!w.upperBounds().get(0).equals(ClassName.OBJECT)) {
                    typeName(w.upperBounds().get(0));
                }
            } else if (type instanceof TypeVariableName v) {
                annotations(v.annotations());
            } else if (type.getClass() == TypeName.class) {
                // a primitive or void
                annotations(type.annotations());
            } else {
                throw new IllegalStateException("a JavaPoet type name of an unknown kind: " + type.getClass());
            }
        }

        /** {@code ClassName.emit}: one lookup, of the outermost annotated enclosing class or the class. */
        private void className(ClassName c) throws Throwable {
            if (!c.isAnnotated()) {
                Poet.P.lookupName().invokeExact(writer, (Object) c);
                return;
            }
            List<ClassName> chain = new ArrayList<>();
            for (ClassName e = c; e != null; e = e.enclosingClassName()) {
                chain.add(0, e);
            }
            boolean looked = false;
            for (ClassName e : chain) {
                if (!looked) {
                    if (!e.isAnnotated() && e != c) {
                        continue;
                    }
                    Poet.P.lookupName().invokeExact(writer, (Object) e);
                    looked = true;
                }
                if (e.isAnnotated()) {
                    annotations(e.annotations());
                }
            }
        }
    }
}
