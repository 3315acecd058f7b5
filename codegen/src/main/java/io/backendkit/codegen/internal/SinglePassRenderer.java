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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.lang.model.element.Modifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a {@link JavaFile} with one emitting pass instead of JavaPoet's two, to the same text.
 *
 * <p>{@link JavaFile#toString()} emits the whole file twice: first into a writer that discards its
 * output, only to learn which types to import, then for real with those imports; and every fragment
 * of each pass is split at line breaks with a regular expression. Here the imports are learnt
 * without emitting anything: the file's types are walked in the order JavaPoet emits them, and every
 * class name JavaPoet would look up is looked up, in the same scope (types entered, type variables
 * in force), on a JavaPoet {@code CodeWriter} of its own, so that JavaPoet's own code decides what
 * is importable, what a nested type or the file's package shadows and which of two types with one
 * simple name wins ({@link Walk}). Then the file is written once ({@link Emit}), fragment by fragment
 * as JavaPoet's emitting methods write it (the same line breaks, indentation, comment prefixes,
 * string escapes and wrapping at column 100), taking every type's name from JavaPoet's {@code
 * lookupName} on a second {@code CodeWriter} that holds the imports and follows the same scope.
 * The text is byte for byte what {@code toString()} returns: {@code SinglePassRendererTest} renders
 * every file of every test document and target both ways, and hand-built types for what the import
 * choice depends on.
 *
 * <p>{@code CodeWriter}, {@code lookupName} and some fields of the specs are package-private or
 * private in JavaPoet, so they are reached by deep reflection (JavaPoet is an automatic module,
 * open to it; on the class path everything is). That ties this class to JavaPoet {@value
 * #JAVAPOET_VERSION}: with any other version, or if a member it needs is missing, rendering fails
 * with an {@link IllegalStateException} naming the version found, rather than risk writing other
 * text than JavaPoet would. After each file the write is checked against the walk: it must have
 * used every import the walk chose, and JavaPoet's lookups must have met no further type they
 * would import; a file that fails the check is rendered again by {@code JavaFile.toString()} (so
 * the text stays JavaPoet's) and counted ({@link #fallbacks()}, which the tests require to stay 0).
 */
final class SinglePassRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(SinglePassRenderer.class);

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
            LOG.warn(
                    "{}.{}: single-pass imports disagree with JavaPoet {}, rendered by JavaFile instead",
                    file.packageName(),
                    file.typeSpec().name(),
                    JAVAPOET_VERSION);
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
            MethodHandle formatParts,
            MethodHandle args,
            VarHandle fileComment,
            VarHandle staticImports,
            VarHandle alwaysQualify,
            VarHandle indent,
            VarHandle recordConstructor,
            VarHandle permittedSubclasses,
            VarHandle compactConstructor,
            MethodHandle lookupNameText,
            VarHandle skipJavaLangImports,
            VarHandle keyword,
            Map<TypeSpec.Kind, Kind> kinds) {

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
                    block.findVirtual(CodeBlock.class, "formatParts", MethodType.methodType(List.class)),
                    block.findVirtual(CodeBlock.class, "args", MethodType.methodType(List.class)),
                    file.findVarHandle(JavaFile.class, "fileComment", CodeBlock.class),
                    file.findVarHandle(JavaFile.class, "staticImports", Set.class),
                    file.findVarHandle(JavaFile.class, "alwaysQualify", Set.class),
                    file.findVarHandle(JavaFile.class, "indent", String.class),
                    type.findVarHandle(TypeSpec.class, "recordConstructor", MethodSpec.class),
                    type.findVarHandle(TypeSpec.class, "permittedSubclasses", List.class),
                    method.findVarHandle(MethodSpec.class, "compactConstructor", boolean.class),
                    erase(poet.findVirtual(w, "lookupName", MethodType.methodType(String.class, ClassName.class))),
                    file.findVarHandle(JavaFile.class, "skipJavaLangImports", boolean.class),
                    MethodHandles.privateLookupIn(TypeName.class, self)
                            .findVarHandle(TypeName.class, "keyword", String.class),
                    kinds(MethodHandles.privateLookupIn(TypeSpec.Kind.class, self)));
        }

        @SuppressWarnings("unchecked")
        private static Map<TypeSpec.Kind, Kind> kinds(MethodHandles.Lookup lookup) throws ReflectiveOperationException {
            VarHandle keyword = lookup.findVarHandle(TypeSpec.Kind.class, "keyword", String.class);
            VarHandle field = lookup.findVarHandle(TypeSpec.Kind.class, "implicitFieldModifiers", Set.class);
            VarHandle method = lookup.findVarHandle(TypeSpec.Kind.class, "implicitMethodModifiers", Set.class);
            VarHandle type = lookup.findVarHandle(TypeSpec.Kind.class, "implicitTypeModifiers", Set.class);
            VarHandle member = lookup.findVarHandle(TypeSpec.Kind.class, "asMemberModifiers", Set.class);
            Map<TypeSpec.Kind, Kind> kinds = new EnumMap<>(TypeSpec.Kind.class);
            for (TypeSpec.Kind k : TypeSpec.Kind.values()) {
                kinds.put(
                        k,
                        new Kind(
                                (String) keyword.get(k),
                                Set.copyOf((Set<Modifier>) field.get(k)),
                                Set.copyOf((Set<Modifier>) method.get(k)),
                                Set.copyOf((Set<Modifier>) type.get(k)),
                                Set.copyOf((Set<Modifier>) member.get(k))));
            }
            return Collections.unmodifiableMap(kinds);
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
            Object names = (Object) newWriterWithImports.invokeExact(
                    (Object) DISCARD, (Object) ind, (Object) imports, (Object) noStatics, (Object) qualify);
            pushPackage.invokeExact(names, (Object) file.packageName());
            new Emit(names, ind, out).file(file, imports, (boolean) skipJavaLangImports.get(file), qualify);
            popPackage.invokeExact(names);
            // every import chosen was used, and JavaPoet met no type it would have imported
            if (!imports.allUsed() || !((Map<?, ?>) (Object) suggestedImports.invokeExact(names)).isEmpty()) {
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

    /**
     * The real pass: writes the file's text as JavaPoet's {@code JavaFile.emit} and the emitting
     * methods it calls write it (the same fragments, line breaks, indentation, comment prefixes and
     * line wrapping at column 100), without JavaPoet's per-fragment regular expression and format
     * parsing. Names of types come from JavaPoet's own {@code lookupName}, on a {@code CodeWriter}
     * that holds the imports and is kept in the same scope (types entered, type variables in force).
     * Each method is named after the JavaPoet method whose output it reproduces.
     */
    private static final class Emit {
        private static final int COLUMN_LIMIT = 100;
        private static final int NONE = 0;
        private static final int WRAP = 1;
        private static final int SPACE = 2;
        private static final int EMPTY = 3;

        private final Object names; // JavaPoet CodeWriter with the imports: scope and lookupName
        private final String indent;
        private final StringBuilder out;

        // CodeWriter's state
        private int indentLevel;
        private boolean javadoc;
        private boolean comment;
        private boolean trailingNewline;
        private int statementLine = -1;

        // LineWrapper's state
        private final StringBuilder buffer = new StringBuilder();
        private int column;
        private int wrapIndentLevel = -1;
        private int nextFlush = NONE;
        private char lastChar;

        Emit(Object names, String indent, StringBuilder out) {
            this.names = names;
            this.indent = indent;
            this.out = out;
        }

        // --- LineWrapper ---

        private void write(CharSequence s) {
            int n = s.length();
            if (n != 0) {
                lastChar = s.charAt(n - 1);
                out.append(s);
            }
        }

        private void write(char c) {
            lastChar = c;
            out.append(c);
        }

        /** {@code LineWrapper.append}. */
        private void append(String s) {
            if (nextFlush != NONE) {
                int nextNewline = s.indexOf('\n');
                if (nextNewline == -1 && column + s.length() <= COLUMN_LIMIT) {
                    buffer.append(s);
                    column += s.length();
                    return;
                }
                boolean wrap = nextNewline == -1 || column + nextNewline > COLUMN_LIMIT;
                flush(wrap ? WRAP : nextFlush);
            }
            write(s);
            int lastNewline = s.lastIndexOf('\n');
            column = lastNewline != -1 ? s.length() - lastNewline - 1 : column + s.length();
        }

        /** {@code LineWrapper.wrappingSpace}. */
        private void wrappingSpace(int level) {
            if (nextFlush != NONE) {
                flush(nextFlush);
            }
            column++;
            nextFlush = SPACE;
            wrapIndentLevel = level;
        }

        /** {@code LineWrapper.zeroWidthSpace}. */
        private void zeroWidthSpace(int level) {
            if (column == 0) {
                return;
            }
            if (nextFlush != NONE) {
                flush(nextFlush);
            }
            nextFlush = EMPTY;
            wrapIndentLevel = level;
        }

        private void flush(int type) {
            if (type == WRAP) {
                write('\n');
                for (int i = 0; i < wrapIndentLevel; i++) {
                    write(indent);
                }
                column = wrapIndentLevel * indent.length() + buffer.length();
            } else if (type == SPACE) {
                write(' ');
            }
            write(buffer);
            buffer.setLength(0);
            wrapIndentLevel = -1;
            nextFlush = NONE;
        }

        // --- CodeWriter ---

        /** {@code CodeWriter.emitAndIndent}: {@code s} split at every {@code \R}. */
        private void text(String s) {
            int n = s.length();
            int start = 0;
            boolean first = true;
            while (true) {
                int end = start;
                while (end < n && !isLineBreak(s.charAt(end))) {
                    end++;
                }
                line(s, start, end, first);
                first = false;
                if (end >= n) {
                    return;
                }
                start = end + (s.charAt(end) == '\r' && end + 1 < n && s.charAt(end + 1) == '\n' ? 2 : 1);
                if (start > n) {
                    return;
                }
            }
        }

        private static boolean isLineBreak(char c) {
            return c == '\n'
                    || c == '\u000B'
                    || c == '\u000C'
                    || c == '\r'
                    || c == '\u0085'
                    || c == '\u2028'
                    || c == '\u2029';
        }

        private void line(String s, int start, int end, boolean first) {
            if (!first) {
                if ((javadoc || comment) && trailingNewline) {
                    emitIndentation();
                    append(javadoc ? " *" : "//");
                }
                append("\n");
                trailingNewline = true;
                if (statementLine != -1) {
                    if (statementLine == 0) {
                        indentLevel += 2;
                    }
                    statementLine++;
                }
            }
            if (start == end) {
                return;
            }
            if (trailingNewline) {
                emitIndentation();
                if (javadoc) {
                    append(" * ");
                } else if (comment) {
                    append("// ");
                }
            }
            append(start == 0 && end == s.length() ? s : s.substring(start, end));
            trailingNewline = false;
        }

        private void emitIndentation() {
            for (int j = 0; j < indentLevel; j++) {
                append(indent);
            }
        }

        private void unindent(int levels) {
            if (indentLevel - levels < 0) {
                throw new IllegalArgumentException("cannot unindent " + levels + " from " + indentLevel);
            }
            indentLevel -= levels;
        }

        /** {@code CodeWriter.emit(CodeBlock, ensureTrailingNewline)}. */
        void code(CodeBlock block, boolean ensureTrailingNewline) throws Throwable {
            parts(block);
            if (ensureTrailingNewline && lastChar != '\n') {
                text("\n");
            }
        }

        @SuppressWarnings("unchecked")
        private void parts(CodeBlock block) throws Throwable {
            List<String> parts = (List<String>) Poet.P.formatParts().invokeExact(block);
            if (parts.isEmpty()) {
                return;
            }
            List<Object> values = (List<Object>) Poet.P.args().invokeExact(block);
            int a = 0;
            for (int i = 0, n = parts.size(); i < n; i++) {
                String part = parts.get(i);
                if (part.charAt(0) != '$') {
                    text(part);
                    continue;
                }
                switch (part.charAt(1)) {
                    case 'L' -> literal(values.get(a++));
                    case 'N' -> text((String) values.get(a++));
                    case 'S' -> {
                        String s = (String) values.get(a++);
                        text(s != null ? stringLiteral(s) : "null");
                    }
                    case 'T' -> typeName((TypeName) values.get(a++));
                    case '$' -> text("$");
                    case '>' -> indentLevel++;
                    case '<' -> unindent(1);
                    case '[' -> {
                        if (statementLine != -1) {
                            throw new IllegalStateException("statement enter $[ followed by statement enter $[");
                        }
                        statementLine = 0;
                    }
                    case ']' -> {
                        if (statementLine == -1) {
                            throw new IllegalStateException("statement exit $] has no matching statement enter $[");
                        }
                        if (statementLine > 0) {
                            unindent(2);
                        }
                        statementLine = -1;
                    }
                    case 'W' -> wrappingSpace(indentLevel + 2);
                    case 'Z' -> zeroWidthSpace(indentLevel + 2);
                    default -> throw new IllegalStateException("unknown JavaPoet format part " + part);
                }
            }
        }

        /** {@code CodeWriter.emitLiteral}. */
        private void literal(Object o) throws Throwable {
            if (o instanceof TypeSpec t) {
                type(t, null, Set.of());
            } else if (o instanceof AnnotationSpec a) {
                annotation(a, true);
            } else if (o instanceof CodeBlock c) {
                code(c, false);
            } else {
                text(String.valueOf(o));
            }
        }

        /** {@code Util.stringLiteralWithDoubleQuotes}. */
        private String stringLiteral(String value) {
            StringBuilder result = new StringBuilder(value.length() + 2);
            result.append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\'' -> result.append('\'');
                    case '"' -> result.append("\\\"");
                    case '\b' -> result.append("\\b");
                    case '\t' -> result.append("\\t");
                    case '\n' -> {
                        result.append("\\n");
                        if (i + 1 < value.length()) {
                            result.append("\"\n").append(indent).append(indent).append("+ \"");
                        }
                    }
                    case '\f' -> result.append("\\f");
                    case '\r' -> result.append("\\r");
                    case '\\' -> result.append("\\\\");
                    default -> {
                        if (Character.isISOControl(c)) {
                            result.append(String.format("\\u%04x", (int) c));
                        } else {
                            result.append(c);
                        }
                    }
                }
            }
            return result.append('"').toString();
        }

        /** {@code CodeWriter.emitJavadoc}, with {@code CodeWriter.emitJavadocWithParameters}'s tags. */
        private void javadoc(CodeBlock doc, List<ParameterSpec> parameters) throws Throwable {
            boolean tags = false;
            for (ParameterSpec p : parameters) {
                if (!p.javadoc().isEmpty()) {
                    tags = true;
                    break;
                }
            }
            if (doc.isEmpty() && !tags) {
                return;
            }
            text("/**\n");
            javadoc = true;
            try {
                parts(doc);
                boolean tagNewline = true;
                for (ParameterSpec p : parameters) {
                    if (!p.javadoc().isEmpty()) {
                        if (tagNewline && !doc.isEmpty()) {
                            text("\n");
                        }
                        tagNewline = false;
                        text("@param ");
                        text(p.name());
                        text(" ");
                        code(p.javadoc(), false);
                    }
                }
                if (lastChar != '\n') {
                    text("\n");
                }
            } finally {
                javadoc = false;
            }
            text(" */\n");
        }

        /** {@code CodeWriter.emitAnnotations}. */
        private void annotations(List<AnnotationSpec> annotations, boolean inline) throws Throwable {
            for (AnnotationSpec a : annotations) {
                annotation(a, inline);
                text(inline ? " " : "\n");
            }
        }

        /** {@code AnnotationSpec.emit}. */
        private void annotation(AnnotationSpec a, boolean inline) throws Throwable {
            String whitespace = inline ? "" : "\n";
            String memberSeparator = inline ? ", " : ",\n";
            Map<String, List<CodeBlock>> members = a.members();
            text("@");
            typeName(a.type());
            if (members.isEmpty()) {
                return;
            }
            if (members.size() == 1 && members.containsKey("value")) {
                text("(");
                annotationValues(whitespace, memberSeparator, members.get("value"));
                text(")");
                return;
            }
            text("(" + whitespace);
            indentLevel += 2;
            Iterator<Map.Entry<String, List<CodeBlock>>> i = members.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<String, List<CodeBlock>> member = i.next();
                text(member.getKey());
                text(" = ");
                annotationValues(whitespace, memberSeparator, member.getValue());
                if (i.hasNext()) {
                    text(memberSeparator);
                }
            }
            unindent(2);
            text(whitespace + ")");
        }

        private void annotationValues(String whitespace, String memberSeparator, List<CodeBlock> values)
                throws Throwable {
            if (values.size() == 1) {
                indentLevel += 2;
                code(values.get(0), false);
                unindent(2);
                return;
            }
            text("{" + whitespace);
            indentLevel += 2;
            boolean first = true;
            for (CodeBlock v : values) {
                if (!first) {
                    text(memberSeparator);
                }
                code(v, false);
                first = false;
            }
            unindent(2);
            text(whitespace + "}");
        }

        /** {@code CodeWriter.emitModifiers}. */
        private void modifiers(Set<Modifier> modifiers, Set<Modifier> implicit, Set<Modifier> alsoImplicit) {
            if (modifiers.isEmpty()) {
                return;
            }
            for (Modifier m : EnumSet.copyOf(modifiers)) {
                if (implicit.contains(m) || alsoImplicit.contains(m)) {
                    continue;
                }
                text(m.toString());
                text(" ");
            }
        }

        /** {@code CodeWriter.emitTypeVariables}: brings them into scope, then writes them. */
        private void typeVariables(List<TypeVariableName> variables) throws Throwable {
            if (variables.isEmpty()) {
                return;
            }
            Poet.P.emitTypeVariables().invokeExact(names, (Object) variables);
            text("<");
            boolean first = true;
            for (TypeVariableName v : variables) {
                if (!first) {
                    text(", ");
                }
                annotations(v.annotations(), true);
                text(v.name());
                boolean firstBound = true;
                for (TypeName bound : v.bounds()) {
                    text(firstBound ? " extends " : " & ");
                    typeName(bound);
                    firstBound = false;
                }
                first = false;
            }
            text(">");
        }

        /** {@code CodeWriter.emitParameters} and {@code ParameterSpec.emit}. */
        private void parameters(List<ParameterSpec> parameters, boolean varargs) throws Throwable {
            text("(");
            zeroWidthSpace(indentLevel + 2);
            for (int i = 0, n = parameters.size(); i < n; i++) {
                ParameterSpec p = parameters.get(i);
                if (i > 0) {
                    text(",");
                    wrappingSpace(indentLevel + 2);
                }
                annotations(p.annotations(), true);
                modifiers(p.modifiers(), Set.of(), Set.of());
                if (i == n - 1 && varargs) {
                    if (!(p.type() instanceof ArrayTypeName array)) {
                        throw new IllegalStateException("a varargs parameter that is not an array: " + p.name());
                    }
                    arrayType(array, true);
                } else {
                    typeName(p.type());
                }
                text(" ");
                text(p.name());
            }
            text(")");
        }

        // --- specs ---

        /** {@code JavaFile.emit}, after {@code pushPackage}. */
        void file(JavaFile file, Map<String, ClassName> imports, boolean skipJavaLang, Set<String> qualify)
                throws Throwable {
            CodeBlock fileComment = (CodeBlock) Poet.P.fileComment().get(file);
            if (!fileComment.isEmpty()) {
                trailingNewline = true;
                comment = true;
                try {
                    code(fileComment, false);
                    text("\n");
                } finally {
                    comment = false;
                }
            }
            String packageName = file.packageName();
            if (!packageName.isEmpty()) {
                text("package ");
                text(packageName);
                text(";\n");
                text("\n");
            }
            int importedTypes = 0;
            for (ClassName c : new TreeSet<>(imports.values())) {
                if (skipJavaLang && c.packageName().equals("java.lang") && !qualify.contains(c.simpleName())) {
                    continue;
                }
                text("import ");
                text(String.valueOf(c.withoutAnnotations()));
                text(";\n");
                importedTypes++;
            }
            if (importedTypes > 0) {
                text("\n");
            }
            type(file.typeSpec(), null, Set.of());
        }

        /** {@code TypeSpec.emit}. */
        void type(TypeSpec t, String enumName, Set<Modifier> implicitModifiers) throws Throwable {
            int previousStatementLine = statementLine;
            statementLine = -1;
            try {
                typeInScope(t, enumName, implicitModifiers);
            } finally {
                statementLine = previousStatementLine;
            }
        }

        private void typeInScope(TypeSpec t, String enumName, Set<Modifier> implicitModifiers) throws Throwable {
            Kind kind = Poet.P.kinds().get(t.kind());
            CodeBlock anonymousArgs = t.anonymousTypeArguments();
            if (enumName != null) {
                javadoc(t.javadoc(), List.of());
                annotations(t.annotations(), false);
                text(enumName);
                @SuppressWarnings("unchecked")
                List<String> parts = (List<String>) Poet.P.formatParts().invokeExact(anonymousArgs);
                if (!parts.isEmpty()) {
                    text("(");
                    code(anonymousArgs, false);
                    text(")");
                }
                if (t.fieldSpecs().isEmpty()
                        && t.methodSpecs().isEmpty()
                        && t.typeSpecs().isEmpty()) {
                    return;
                }
                text(" {\n");
            } else if (anonymousArgs != null) {
                text("new ");
                typeName(
                        t.superinterfaces().isEmpty()
                                ? t.superclass()
                                : t.superinterfaces().get(0));
                text("(");
                code(anonymousArgs, false);
                text(") {\n");
            } else {
                TypeSpec header = (TypeSpec) Poet.P.headerCopy().invokeExact(t);
                Poet.P.pushType().invokeExact(names, (Object) header);
                MethodSpec record = (MethodSpec) Poet.P.recordConstructor().get(t);
                javadoc(t.javadoc(), record != null ? record.parameters() : List.of());
                annotations(t.annotations(), false);
                modifiers(t.modifiers(), implicitModifiers, kind.asMember);
                text(kind.keyword);
                text(" ");
                text(t.name());
                typeVariables(t.typeVariables());
                if (t.kind() == TypeSpec.Kind.RECORD) {
                    if (record != null) {
                        parameters(record.parameters(), record.varargs());
                    } else {
                        parameters(List.of(), false);
                    }
                }
                List<TypeName> extendsTypes;
                List<TypeName> implementsTypes;
                if (t.kind() == TypeSpec.Kind.INTERFACE) {
                    extendsTypes = t.superinterfaces();
                    implementsTypes = List.of();
                } else {
                    extendsTypes = t.superclass().equals(ClassName.OBJECT) ? List.of() : List.of(t.superclass());
                    implementsTypes = t.superinterfaces();
                }
                if (!extendsTypes.isEmpty()) {
                    text(" extends");
                    typeList(extendsTypes);
                }
                if (!implementsTypes.isEmpty()) {
                    text(" implements");
                    typeList(implementsTypes);
                }
                @SuppressWarnings("unchecked")
                List<TypeName> permitted =
                        (List<TypeName>) Poet.P.permittedSubclasses().get(t);
                if (!permitted.isEmpty()) {
                    text(" permits");
                    boolean first = true;
                    for (TypeName p : permitted) {
                        if (!first) {
                            text(",");
                        }
                        text(" ");
                        typeName(p);
                        first = false;
                    }
                }
                Poet.P.popType().invokeExact(names);
                text(" {\n");
            }

            Poet.P.pushType().invokeExact(names, (Object) t);
            indentLevel++;
            boolean firstMember = true;
            boolean needsSeparator = t.kind() == TypeSpec.Kind.ENUM
                    && (!t.fieldSpecs().isEmpty()
                            || !t.methodSpecs().isEmpty()
                            || !t.typeSpecs().isEmpty());
            Iterator<Map.Entry<String, TypeSpec>> constants =
                    t.enumConstants().entrySet().iterator();
            while (constants.hasNext()) {
                Map.Entry<String, TypeSpec> constant = constants.next();
                if (!firstMember) {
                    text("\n");
                }
                type(constant.getValue(), constant.getKey(), Set.of());
                firstMember = false;
                if (constants.hasNext()) {
                    text(",\n");
                } else if (!needsSeparator) {
                    text("\n");
                }
            }
            if (needsSeparator) {
                text(";\n");
            }
            for (FieldSpec f : t.fieldSpecs()) {
                if (f.modifiers().contains(Modifier.STATIC)) {
                    if (!firstMember) {
                        text("\n");
                    }
                    field(f, kind.implicitField);
                    firstMember = false;
                }
            }
            if (!t.staticBlock().isEmpty()) {
                if (!firstMember) {
                    text("\n");
                }
                code(t.staticBlock(), false);
                firstMember = false;
            }
            for (FieldSpec f : t.fieldSpecs()) {
                if (!f.modifiers().contains(Modifier.STATIC)) {
                    if (!firstMember) {
                        text("\n");
                    }
                    field(f, kind.implicitField);
                    firstMember = false;
                }
            }
            if (!t.initializerBlock().isEmpty()) {
                if (!firstMember) {
                    text("\n");
                }
                code(t.initializerBlock(), false);
                firstMember = false;
            }
            MethodSpec record = (MethodSpec) Poet.P.recordConstructor().get(t);
            if (record != null && !record.code().isEmpty()) {
                if (!firstMember) {
                    text("\n");
                }
                method(record, t.name(), kind.implicitMethod);
                firstMember = false;
            }
            for (MethodSpec m : t.methodSpecs()) {
                if (m.isConstructor()) {
                    if (!firstMember) {
                        text("\n");
                    }
                    method(m, t.name(), kind.implicitMethod);
                    firstMember = false;
                }
            }
            for (MethodSpec m : t.methodSpecs()) {
                if (!m.isConstructor()) {
                    if (!firstMember) {
                        text("\n");
                    }
                    method(m, t.name(), kind.implicitMethod);
                    firstMember = false;
                }
            }
            for (TypeSpec nested : t.typeSpecs()) {
                if (!firstMember) {
                    text("\n");
                }
                type(nested, null, kind.implicitType);
                firstMember = false;
            }
            unindent(1);
            Poet.P.popType().invokeExact(names);
            Poet.P.popTypeVariables().invokeExact(names, (Object) t.typeVariables());
            text("}");
            if (enumName == null && anonymousArgs == null) {
                text("\n");
            }
        }

        /** {@code TypeSpec.typeList}. */
        private void typeList(List<TypeName> types) throws Throwable {
            boolean wrap = types.size() > 3;
            indentLevel += 2;
            boolean first = true;
            for (TypeName type : types) {
                if (!first) {
                    text(",");
                    text(wrap ? "\n" : " ");
                } else {
                    text(" ");
                }
                typeName(type);
                first = false;
            }
            unindent(2);
        }

        /** {@code FieldSpec.emit}. */
        private void field(FieldSpec f, Set<Modifier> implicit) throws Throwable {
            javadoc(f.javadoc(), List.of());
            annotations(f.annotations(), false);
            modifiers(f.modifiers(), implicit, Set.of());
            typeName(f.type());
            text(" ");
            text(f.name());
            if (!f.initializer().isEmpty()) {
                text(" = ");
                code(f.initializer(), false);
            }
            text(";\n");
        }

        /** {@code MethodSpec.emit}. */
        private void method(MethodSpec m, String enclosingName, Set<Modifier> implicit) throws Throwable {
            javadoc(m.javadoc(), m.parameters());
            annotations(m.annotations(), false);
            modifiers(m.modifiers(), implicit, Set.of());
            if (!m.typeVariables().isEmpty()) {
                typeVariables(m.typeVariables());
                text(" ");
            }
            boolean compact = (boolean) Poet.P.compactConstructor().get(m);
            if (compact) {
                text(enclosingName);
            } else if (m.isConstructor()) {
                text(enclosingName);
                parameters(m.parameters(), m.varargs());
            } else {
                typeName(m.returnType());
                text(" ");
                text(m.name());
                parameters(m.parameters(), m.varargs());
            }
            if (m.defaultValue() != null && !m.defaultValue().isEmpty()) {
                text(" default ");
                code(m.defaultValue(), false);
            }
            if (!m.exceptions().isEmpty()) {
                wrappingSpace(indentLevel + 2);
                text("throws");
                boolean first = true;
                for (TypeName e : m.exceptions()) {
                    if (!first) {
                        text(",");
                    }
                    wrappingSpace(indentLevel + 2);
                    typeName(e);
                    first = false;
                }
            }
            if (m.modifiers().contains(Modifier.ABSTRACT)) {
                text(";\n");
            } else if (m.modifiers().contains(Modifier.NATIVE)) {
                code(m.code(), false);
                text(";\n");
            } else {
                text(" {\n");
                indentLevel++;
                code(m.code(), true);
                unindent(1);
                text("}\n");
            }
            Poet.P.popTypeVariables().invokeExact(names, (Object) m.typeVariables());
        }

        // --- TypeName and its kinds ---

        void typeName(TypeName type) throws Throwable {
            if (type instanceof ClassName c) {
                className(c);
            } else if (type instanceof ParameterizedTypeName p) {
                if (p.enclosingType() != null) {
                    typeName(p.enclosingType());
                    text(".");
                    if (p.isAnnotated()) {
                        text(" ");
                        typeAnnotations(p);
                    }
                    text(p.rawType().simpleName());
                } else {
                    className(p.rawType());
                }
                List<TypeName> arguments = p.typeArguments();
                if (!arguments.isEmpty()) {
                    text("<");
                    for (int i = 0; i < arguments.size(); i++) {
                        if (i > 0) {
                            text(", ");
                        }
                        typeName(arguments.get(i));
                    }
                    text(">");
                }
            } else if (type instanceof ArrayTypeName array) {
                arrayType(array, false);
            } else if (type instanceof WildcardTypeName w) {
                if (w.lowerBounds().size() == 1) {
                    text("? super ");
                    typeName(w.lowerBounds().get(0));
                } else if (w.upperBounds().get(0).equals(ClassName.OBJECT)) {
                    text("?");
                } else {
                    text("? extends ");
                    typeName(w.upperBounds().get(0));
                }
            } else if (type instanceof TypeVariableName v) {
                typeAnnotations(v);
                text(v.name());
            } else if (type.getClass() == TypeName.class) {
                if (type.isAnnotated()) {
                    typeAnnotations(type);
                }
                text((String) Poet.P.keyword().get(type));
            } else {
                throw new IllegalStateException("a JavaPoet type name of an unknown kind: " + type.getClass());
            }
        }

        /** {@code TypeName.emitAnnotations}. */
        private void typeAnnotations(TypeName type) throws Throwable {
            for (AnnotationSpec a : type.annotations()) {
                annotation(a, true);
                text(" ");
            }
        }

        /** {@code ClassName.emit}. */
        private void className(ClassName c) throws Throwable {
            if (!c.isAnnotated()) {
                String name = (String) (Object) Poet.P.lookupNameText().invokeExact(names, (Object) c);
                int dot = name.lastIndexOf('.');
                if (dot != -1) {
                    text(name.substring(0, dot + 1));
                    text(name.substring(dot + 1));
                } else {
                    text(name);
                }
                return;
            }
            List<ClassName> chain = new ArrayList<>();
            for (ClassName e = c; e != null; e = e.enclosingClassName()) {
                chain.add(0, e);
            }
            boolean charsEmitted = false;
            for (ClassName e : chain) {
                String simpleName;
                if (charsEmitted) {
                    text(".");
                    simpleName = e.simpleName();
                } else {
                    if (!e.isAnnotated() && e != c) {
                        continue;
                    }
                    String name = (String) (Object) Poet.P.lookupNameText().invokeExact(names, (Object) e);
                    int dot = name.lastIndexOf('.');
                    if (dot != -1) {
                        text(name.substring(0, dot + 1));
                        simpleName = name.substring(dot + 1);
                        charsEmitted = true;
                    } else {
                        simpleName = name;
                    }
                }
                if (e.isAnnotated()) {
                    if (charsEmitted) {
                        text(" ");
                    }
                    typeAnnotations(e);
                }
                text(simpleName);
                charsEmitted = true;
            }
        }

        /** {@code ArrayTypeName.emit(CodeWriter, boolean)}. */
        private void arrayType(ArrayTypeName array, boolean varargs) throws Throwable {
            TypeName leaf = array.componentType();
            while (leaf instanceof ArrayTypeName a) {
                leaf = a.componentType();
            }
            typeName(leaf);
            for (ArrayTypeName level = array; ; ) {
                if (level.isAnnotated()) {
                    text(" ");
                    typeAnnotations(level);
                }
                if (!(level.componentType() instanceof ArrayTypeName next)) {
                    text(varargs ? "..." : "[]");
                    return;
                }
                text("[]");
                level = next;
            }
        }
    }

    /** What JavaPoet's {@code TypeSpec.Kind} holds privately. */
    private record Kind(
            String keyword,
            Set<Modifier> implicitField,
            Set<Modifier> implicitMethod,
            Set<Modifier> implicitType,
            Set<Modifier> asMember) {}
}
