package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ModelDecl.Field;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.Named;
import io.backendkit.codegen.internal.Shape.NamedKind;
import io.backendkit.codegen.internal.Shape.Scalar;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Object schemas as records: the properties of the schema and of its {@code allOf} parts merged in
 * order (a later part's property replaces an earlier one's), required-ness, nullability, Java member
 * names that clash with no record method, {@code additionalProperties}, and the record-size limit.
 * An {@code allOf} part that is a polymorphic parent makes the record one of its variants. Also plans
 * the {@code FileUpload} record of form bodies.
 */
final class RecordPlanner {

    /** Record component names that would clash with methods every record has or gets. */
    static final Set<String> RESERVED_MEMBERS = Set.of(
            "validate",
            "validateInto",
            "hashCode",
            "toString",
            "equals",
            "getClass",
            "notify",
            "notifyAll",
            "wait",
            "clone",
            "finalize");

    /** A record may have at most this many components (JVM limit of 255 parameter slots). */
    static final int MAX_RECORD_COMPONENTS = 240;

    private final ShapePlanner shapes;
    private final TypeRegistry registry;
    private final RefResolver refs;
    private final Set<String> polymorphicParents;
    private final Findings findings;
    /** The generated FileUpload record, once a form body has a file. */
    private ClassName fileUpload;

    /**
     * A planner.
     *
     * @param shapes plans the shapes of the properties
     * @param registry the types
     * @param refs the document's refs
     * @param polymorphicParents the components that are discriminator bases extended through allOf
     * @param findings where warnings go
     */
    RecordPlanner(
            ShapePlanner shapes,
            TypeRegistry registry,
            RefResolver refs,
            Set<String> polymorphicParents,
            Findings findings) {
        this.shapes = shapes;
        this.registry = registry;
        this.refs = refs;
        this.polymorphicParents = polymorphicParents;
        this.findings = findings;
    }

    private record Prop(String jsonName, Schema<?> schema, String pointer) {}

    /** What the schema and its allOf parts contribute, merged. */
    private static final class Collected {
        final Map<String, Prop> props = new LinkedHashMap<>();
        final Set<String> required = new LinkedHashSet<>();
        /** The last additionalProperties schema (or TRUE when only {@code true} was met) and its pointer. */
        Object additional;

        String additionalPointer;
        final Set<Schema<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** Fills in the record {@code decl} registered for the object schema {@code s}. */
    void plan(RecordDecl decl, Schema<?> s, String pointer) {
        Schemas.describe(decl, s);
        if (!Schemas.variantsOf(s).isEmpty()) {
            findings.warn(
                    "UNION_WITH_PROPERTIES_IGNORED",
                    pointer,
                    "oneOf/anyOf next to properties: " + decl.name.simpleName()
                            + " keeps the properties; the variants are not checked");
        }
        Collected all = new Collected();
        collect(decl, s, pointer, all);
        Names.Scope members = new Names.Scope(false);
        RESERVED_MEMBERS.forEach(members::reserve);
        String owner = decl.name.simpleName();
        List<Prop> overflow = new ArrayList<>();
        for (Prop p : all.props.values()) {
            if (decl.fields.size() >= MAX_RECORD_COMPONENTS) {
                overflow.add(p);
                continue;
            }
            Schema<?> ps = p.schema() == null ? new Schema<>() : p.schema();
            String javaName = members.allocate(Names.memberName(p.jsonName(), "value"));
            Shape shape = shapes.shapeOf(ps, owner + Names.typeName(p.jsonName(), "Property"), p.pointer());
            Schema<?> target = ps.get$ref() != null ? refs.resolve(ps, p.pointer()) : ps;
            boolean readOrWriteOnly = Boolean.TRUE.equals(ps.getReadOnly())
                    || Boolean.TRUE.equals(ps.getWriteOnly())
                    || Boolean.TRUE.equals(target.getReadOnly())
                    || Boolean.TRUE.equals(target.getWriteOnly());
            String description = ps.getDescription() != null ? ps.getDescription() : target.getDescription();
            decl.fields.add(new Field(
                    p.jsonName(),
                    javaName,
                    shape,
                    all.required.contains(p.jsonName()) && !readOrWriteOnly,
                    refs.isNullable(ps),
                    description,
                    Boolean.TRUE.equals(ps.getDeprecated()),
                    p.pointer()));
        }
        Shape additionalShape = null;
        if (all.additional instanceof Schema<?> as) {
            additionalShape = shapes.shapeOf(as, owner + "Value", all.additionalPointer);
        } else if (Boolean.TRUE.equals(all.additional)) {
            additionalShape = Shape.any();
        }
        if (!overflow.isEmpty()) {
            findings.warn(
                    "TOO_MANY_PROPERTIES",
                    pointer,
                    owner + " has " + all.props.size() + " properties; a record can hold " + MAX_RECORD_COMPONENTS
                            + ", the rest (from '" + overflow.get(0).jsonName()
                            + "') are kept in additionalProperties");
            additionalShape = Shape.any();
        }
        if (additionalShape != null) {
            decl.additional = additionalShape;
            decl.additionalJavaName = members.allocate("additionalProperties");
        }
    }

    @SuppressWarnings("rawtypes") // swagger-parser's model exposes Map<String, Schema>
    private void collect(RecordDecl decl, Schema<?> s, String pointer, Collected all) {
        if (s == null || !all.visited.add(s)) {
            return;
        }
        if (s.get$ref() != null) {
            String name = refs.componentName(s.get$ref());
            Schema<?> target = refs.resolve(s, pointer);
            if (polymorphicParents.contains(name)) {
                registry.addParent(decl.name, registry.classOf(name));
            } else if (registry.isUnion(name)) {
                findings.warn(
                        "ALLOF_UNION_IGNORED",
                        pointer,
                        "allOf part " + s.get$ref() + " is a oneOf/anyOf; its properties are not merged into "
                                + decl.name.simpleName());
                return;
            }
            // a ref into another schema (#/components/schemas/Pet/properties/owner) names no component:
            // its own pointer says where the properties come from
            collect(decl, target, name == null ? s.get$ref() : RefResolver.pointerOf(name), all);
            return;
        }
        if (s.getAllOf() != null) {
            for (int i = 0; i < s.getAllOf().size(); i++) {
                collect(decl, s.getAllOf().get(i), pointer + "/allOf/" + i, all);
            }
        }
        if (s.getProperties() != null) {
            for (Map.Entry<String, Schema> e : s.getProperties().entrySet()) {
                all.props.put(
                        e.getKey(),
                        new Prop(e.getKey(), e.getValue(), pointer + "/properties/" + Names.pointerEscape(e.getKey())));
            }
        }
        if (s.getRequired() != null) {
            all.required.addAll(s.getRequired());
        }
        if (s.getAdditionalProperties() instanceof Schema<?> as) {
            all.additional = as;
            all.additionalPointer = pointer + "/additionalProperties";
        } else if (Boolean.TRUE.equals(s.getAdditionalProperties()) && all.additional == null) {
            all.additional = Boolean.TRUE;
        }
    }

    /** The shape of the FileUpload record, planned at its first use. */
    Shape fileUpload(String firstUse) {
        if (fileUpload == null) {
            RecordDecl decl = new RecordDecl(registry.allocate("FileUpload"), firstUse);
            decl.description = "A file of a multipart/form-data body: its file name and media type as sent"
                    + " (null when the part has none) and its content.";
            decl.fields.add(new Field(
                    "filename",
                    "filename",
                    Shape.string(),
                    false,
                    true,
                    "The file name the client sent.",
                    false,
                    firstUse));
            decl.fields.add(new Field(
                    "contentType",
                    "contentType",
                    Shape.string(),
                    false,
                    true,
                    "The part's media type.",
                    false,
                    firstUse));
            decl.fields.add(new Field(
                    "content",
                    "content",
                    new Scalar(ScalarKind.BYTES, Constraints.NONE),
                    true,
                    false,
                    "The file's bytes.",
                    false,
                    firstUse));
            registry.register(decl);
            fileUpload = decl.name;
        }
        return new Named(fileUpload, NamedKind.RECORD, List.of(), Constraints.NONE);
    }

    /** The FileUpload record, or null when no form body has a file. */
    ClassName fileUploadType() {
        return fileUpload;
    }
}
