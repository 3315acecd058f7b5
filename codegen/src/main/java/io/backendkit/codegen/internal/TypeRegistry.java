package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The Java types of one generation: which kind each component schema is, the class names handed out
 * (components and inline schemas share one case-insensitive name scope, with the support types
 * reserved), the declarations planned so far in planning order, and the sealed parents of each type.
 * Every name is assigned once; assigning one twice or asking for a component that was never added
 * fails at once.
 */
final class TypeRegistry {

    /** Support types generated into the model package. */
    static final Set<String> SUPPORT_TYPES =
            Set.of("Violation", "Validatable", "Validation", "ApiJson", "Page", "FormData", "ApiConstraints");

    /** What a component schema becomes. */
    enum Kind {
        /** A record of its properties. */
        RECORD,
        /** A Java enum of its values. */
        ENUM,
        /** A sealed interface of its variants. */
        UNION,
        /** No type of its own: it stands for another shape (a ref, a scalar, a list, a map). */
        ALIAS
    }

    private final String modelPackage;
    private final Names.Scope typeNames = new Names.Scope(true);
    private final Map<String, Kind> kinds = new HashMap<>();
    private final Map<String, ClassName> componentClasses = new HashMap<>();
    private final Map<ClassName, String> componentNames = new HashMap<>();
    private final Map<ClassName, ModelDecl> decls = new LinkedHashMap<>();
    private final Map<ClassName, Set<ClassName>> parentsOf = new HashMap<>();

    /** An empty registry for types in {@code modelPackage}. */
    TypeRegistry(String modelPackage) {
        this.modelPackage = modelPackage;
        SUPPORT_TYPES.forEach(typeNames::reserve);
        Names.RESERVED_TYPE_NAMES.forEach(typeNames::reserve);
    }

    /**
     * The type name a component (or a hint) asks for: its Java spelling, with {@code Model} appended
     * when that is a reserved or support type name. The name handed out may get a number on top.
     */
    static String typeNameFor(String name) {
        String base = Names.typeName(name, "Model");
        if (Names.RESERVED_TYPE_NAMES.contains(base) || SUPPORT_TYPES.contains(base)) {
            base = base + "Model";
        }
        return base;
    }

    /**
     * Adds a component schema of {@code kind}; every kind but ALIAS gets its class name now, so refs
     * and recursion resolve to it before it is planned.
     *
     * @throws IllegalStateException when the component was added already
     */
    void addComponent(String name, Kind kind) {
        if (kinds.putIfAbsent(name, kind) != null) {
            throw new IllegalStateException("component " + name + " added twice");
        }
        if (kind != Kind.ALIAS) {
            ClassName cn = ClassName.get(modelPackage, typeNames.allocate(typeNameFor(name)));
            componentClasses.put(name, cn);
            componentNames.put(cn, name);
        }
    }

    /**
     * The kind of a component.
     *
     * @throws IllegalStateException when no such component was added
     */
    Kind kind(String component) {
        Kind kind = kinds.get(component);
        if (kind == null) {
            throw new IllegalStateException("component " + component + " used before planning");
        }
        return kind;
    }

    /** Whether {@code component} was added as a union. */
    boolean isUnion(String component) {
        return kinds.get(component) == Kind.UNION;
    }

    /** The class of a component that has one, or null (an alias, or no such component). */
    ClassName classOf(String component) {
        return componentClasses.get(component);
    }

    /** The component a class was named for, or null when it is an inline schema's type. */
    String componentOf(ClassName type) {
        return componentNames.get(type);
    }

    /** A fresh class name for an inline type, from where it occurs ({@code hint}), made unique. */
    ClassName allocate(String hint) {
        return ClassName.get(modelPackage, typeNames.allocate(typeNameFor(hint)));
    }

    /**
     * Records a planned declaration.
     *
     * @throws IllegalStateException when a declaration with that name is registered already
     */
    void register(ModelDecl decl) {
        if (decls.putIfAbsent(decl.name, decl) != null) {
            throw new IllegalStateException(decl.name + " declared twice");
        }
    }

    /** The declaration of a generated type, or null. */
    ModelDecl decl(ClassName name) {
        return decls.get(name);
    }

    /** Every declaration, in planning order (a view). */
    Collection<ModelDecl> decls() {
        return Collections.unmodifiableCollection(decls.values());
    }

    /** Records that {@code child} implements or extends the sealed {@code parent}. */
    void addParent(ClassName child, ClassName parent) {
        parentsOf.computeIfAbsent(child, k -> new LinkedHashSet<>()).add(parent);
    }

    /** The sealed parents recorded for {@code type}, in the order they were added. */
    Set<ClassName> parentsOf(ClassName type) {
        return Collections.unmodifiableSet(parentsOf.getOrDefault(type, Set.of()));
    }

    /** Whether {@code candidate} is {@code of} or one of its parents, transitively. */
    boolean isAncestor(ClassName candidate, ClassName of) {
        if (candidate.equals(of)) {
            return true;
        }
        for (ClassName parent : parentsOf.getOrDefault(of, Set.of())) {
            if (isAncestor(candidate, parent)) {
                return true;
            }
        }
        return false;
    }
}
