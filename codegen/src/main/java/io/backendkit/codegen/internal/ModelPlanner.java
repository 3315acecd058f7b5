package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ComponentClassifier.Classification;
import io.backendkit.codegen.internal.Shape.Constraints;
import io.backendkit.codegen.internal.Shape.ScalarKind;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides which Java type every schema becomes: component schemas first (so {@code $ref}s and
 * recursion resolve to stable names), then inline schemas on demand, named after where they occur.
 *
 * <p>A facade over the small planners; its life has three phases, and a call out of its phase fails
 * with an {@link IllegalStateException}:
 *
 * <ol>
 *   <li>configuring: the constructor, {@link #otherComponents} and {@link #rawDocument};
 *   <li>{@link #planComponents()}, once, which runs the component phases in order: {@link
 *       ComponentClassifier classify} every component, name them in the {@link TypeRegistry}, index
 *       them for {@link ComponentTwins}, then plan each with the {@link ShapePlanner}; after it,
 *       {@link #shapeOf}, {@link #formShapeOf} and the other queries plan and answer inline schemas;
 *   <li>{@link #finish()}, once, completes unions and returns the declarations; after it nothing
 *       more is planned, and only the queries ({@link #decl}, {@link #fileUpload}, {@link #resolve},
 *       {@link #isNullable}) answer.
 * </ol>
 */
public final class ModelPlanner {

    static final String COMPONENTS = RefResolver.COMPONENTS;

    /** Support types generated into the model package. */
    static final Set<String> SUPPORT_TYPES = TypeRegistry.SUPPORT_TYPES;

    /** Record component names that would clash with methods every record has or gets. */
    static final Set<String> RESERVED_MEMBERS = RecordPlanner.RESERVED_MEMBERS;

    /** A record may have at most this many components (JVM limit of 255 parameter slots). */
    static final int MAX_RECORD_COMPONENTS = RecordPlanner.MAX_RECORD_COMPONENTS;

    private enum Phase {
        CONFIGURING,
        PLANNING,
        FINISHED
    }

    private final Map<String, Schema<?>> components;
    private final Map<String, PathItem> paths;
    private final Findings findings;
    private final TypeRegistry registry;
    private Components otherComponents;
    private RawDocument rawDocument;

    private Phase phase = Phase.CONFIGURING;
    // set by planComponents
    private RefResolver refs;
    private ComponentTwins twins;
    private InlineSharing sharing;
    private ShapePlanner shapes;

    /**
     * A planner.
     *
     * @param components the document's component schemas (may be null)
     * @param paths the document's paths (may be null)
     * @param modelPackage the package models go in
     * @param findings where warnings go
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public ModelPlanner(
            Map<String, Schema> components, Map<String, PathItem> paths, String modelPackage, Findings findings) {
        this.components = components == null ? Map.of() : (Map) components;
        this.paths = paths == null ? Map.of() : paths;
        this.findings = findings;
        this.registry = new TypeRegistry(modelPackage);
    }

    /** The root document as written, to recover enum values the parser could not read. */
    ModelPlanner rawDocument(RawDocument raw) {
        require(Phase.CONFIGURING, "rawDocument");
        this.rawDocument = raw;
        return this;
    }

    /** The document's other components, for refs to schemas inside parameters, headers, bodies and responses. */
    public ModelPlanner otherComponents(Components components) {
        require(Phase.CONFIGURING, "otherComponents");
        this.otherComponents = components;
        return this;
    }

    /** Plans every component schema. Call once, before {@link #shapeOf}. */
    public void planComponents() {
        require(Phase.CONFIGURING, "planComponents");
        phase = Phase.PLANNING;
        refs = new RefResolver(components, paths, otherComponents, findings);
        EnumPlanner enums = new EnumPlanner(rawDocument, findings);
        Classification classification = new ComponentClassifier(refs, enums).classify();
        classification.kinds().forEach(registry::addComponent);
        twins = new ComponentTwins(components, classification.kinds());
        sharing = new InlineSharing(registry);
        shapes = new ShapePlanner(registry, refs, enums, twins, sharing, classification, findings);
        shapes.planComponents();
    }

    /** Completes unions after every schema is planned; returns the declarations in planning order. */
    public List<ModelDecl> finish() {
        require(Phase.PLANNING, "finish");
        phase = Phase.FINISHED;
        if (sharing.sharedCount() > 0) {
            findings.info(
                    "INLINE_SCHEMAS_SHARED",
                    "#",
                    sharing.sharedCount() + " inline schema(s) are structurally identical to an earlier inline"
                            + " schema; they share its type");
        }
        if (twins.copies() > 0) {
            findings.info(
                    "INLINE_COPIES_OF_COMPONENTS",
                    "#",
                    twins.copies() + " inline schema(s) are copies of component schemas (a bundled document);"
                            + " they use the component types instead of new ones");
        }
        shapes.unions().finish();
        return List.copyOf(registry.decls());
    }

    /** The declaration of a generated type, or null. */
    public ModelDecl decl(ClassName name) {
        return registry.decl(name);
    }

    /**
     * The shape of {@code schema} at {@code pointer}; inline object, enum and union schemas become
     * new types named {@code hint} (made unique).
     */
    public Shape shapeOf(Schema<?> schema, String hint, String pointer) {
        require(Phase.PLANNING, "shapeOf");
        return shapes.shapeOf(schema, hint, pointer);
    }

    /**
     * The shape of a form body's schema: as {@link #shapeOf}, except that binary strings planned
     * inline become the generated {@code FileUpload} record (file name, media type, bytes).
     */
    public Shape formShapeOf(Schema<?> schema, String hint, String pointer) {
        require(Phase.PLANNING, "formShapeOf");
        return shapes.formShapeOf(schema, hint, pointer);
    }

    /** The generated FileUpload record, or null when no form body has a file. */
    ClassName fileUpload() {
        return shapes == null ? null : shapes.records().fileUploadType();
    }

    /** Whether the schema allows null (3.0 {@code nullable}, 3.1 {@code type: [.., "null"]}). */
    public boolean isNullable(Schema<?> schema) {
        requirePlanned("isNullable");
        return refs.isNullable(schema);
    }

    /** Resolves a {@code $ref} to a component schema. */
    public Schema<?> resolve(Schema<?> schema, String pointer) {
        requirePlanned("resolve");
        return refs.resolve(schema, pointer);
    }

    /** The schema a local JSON pointer reaches, or null (see {@link RefResolver#navigate}). */
    Schema<?> navigate(String ref) {
        requirePlanned("navigate");
        return refs.navigate(ref);
    }

    /** The validation constraints of {@code s} at {@code pointer}. */
    Constraints constraints(Schema<?> s, String pointer) {
        return new ConstraintPlanner(findings).of(s, pointer);
    }

    /** The value kind of the Java enum for {@code s}, or null (see {@link Schemas#enumKind}). */
    static ScalarKind enumKind(Schema<?> s) {
        return Schemas.enumKind(s);
    }

    /** The schema's single type (see {@link Schemas#typeOf}). */
    static String typeOf(Schema<?> s) {
        return Schemas.typeOf(s);
    }

    /** Fails unless the components are planned (refs can be resolved from then on). */
    private void requirePlanned(String call) {
        if (phase == Phase.CONFIGURING) {
            require(Phase.PLANNING, call);
        }
    }

    private void require(Phase expected, String call) {
        if (phase != expected) {
            throw new IllegalStateException(call + " is not allowed "
                    + switch (phase) {
                        case CONFIGURING -> "before planComponents()";
                        case PLANNING -> "after planComponents()";
                        case FINISHED -> "after finish()";
                    });
        }
    }
}
