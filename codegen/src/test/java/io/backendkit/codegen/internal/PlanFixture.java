package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import io.backendkit.codegen.internal.ModelDecl.EnumDecl;
import io.backendkit.codegen.internal.ModelDecl.RecordDecl;
import io.backendkit.codegen.internal.ModelDecl.UnionDecl;
import io.backendkit.core.Finding;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small document loaded as a generation run loads it (swagger-parser through {@link SpecLoader}),
 * with the model planners set up over it as {@link CodegenRun} sets them up.
 */
final class PlanFixture {

    static final String MODEL_PACKAGE = "t.model";
    private static final String HEAD = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    final SpecLoader.LoadedSpec spec;
    final OpenAPI api;
    final Findings findings;

    private PlanFixture(String document) {
        spec = SpecLoader.load(new SpecSource.FromText(document, null), RefPolicy.ownTreeOnly());
        api = spec.api();
        findings = new Findings(spec.displayName(), spec.swagger2());
    }

    /** An OpenAPI 3.0 document with no paths and these component schemas (YAML, unindented). */
    static PlanFixture schemas(String schemasYaml) {
        return new PlanFixture(HEAD + "paths: {}\ncomponents:\n  schemas:\n" + schemasYaml.indent(4));
    }

    /** An OpenAPI 3.1 document with no paths and these component schemas (YAML, unindented). */
    static PlanFixture schemas31(String schemasYaml) {
        return new PlanFixture("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                + schemasYaml.indent(4));
    }

    /** A whole document (YAML). */
    static PlanFixture document(String yaml) {
        return new PlanFixture(yaml);
    }

    /** The component schemas, in document order. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Map<String, Schema<?>> components() {
        Map schemas = api.getComponents() == null ? null : api.getComponents().getSchemas();
        return schemas == null ? Map.of() : new LinkedHashMap<>(schemas);
    }

    Schema<?> schema(String component) {
        return components().get(component);
    }

    RefResolver refs() {
        return new RefResolver(
                components(), api.getPaths() == null ? Map.of() : api.getPaths(), api.getComponents(), findings);
    }

    EnumPlanner enums() {
        return new EnumPlanner(new RawDocument(spec.document()), findings);
    }

    /** A model planner configured as a run configures it, before planning. */
    ModelPlanner planner() {
        return new ModelPlanner(
                        api.getComponents() == null ? null : api.getComponents().getSchemas(),
                        api.getPaths(),
                        MODEL_PACKAGE,
                        findings)
                .otherComponents(api.getComponents())
                .rawDocument(new RawDocument(spec.document()));
    }

    /** A model planner with the components planned, ready for inline schemas. */
    ModelPlanner planned() {
        ModelPlanner planner = planner();
        planner.planComponents();
        return planner;
    }

    /** Components planned and finished. */
    Plan plan() {
        return new Plan(planned().finish());
    }

    /** The codes of the findings so far, in the order they were made. */
    List<String> codes() {
        return findings.all().stream().map(Finding::code).toList();
    }

    /** The findings with {@code code}. */
    List<Finding> findings(String code) {
        return findings.all().stream().filter(f -> f.code().equals(code)).toList();
    }

    static ClassName type(String simpleName) {
        return ClassName.get(MODEL_PACKAGE, simpleName);
    }

    /** The declarations of a finished plan. */
    record Plan(List<ModelDecl> decls) {

        List<String> names() {
            return decls.stream().map(d -> d.name().simpleName()).toList();
        }

        ModelDecl decl(String simpleName) {
            return decls.stream()
                    .filter(d -> d.name().simpleName().equals(simpleName))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + simpleName + " in " + names()));
        }

        RecordDecl record(String simpleName) {
            return (RecordDecl) decl(simpleName);
        }

        UnionDecl union(String simpleName) {
            return (UnionDecl) decl(simpleName);
        }

        EnumDecl enumDecl(String simpleName) {
            return (EnumDecl) decl(simpleName);
        }

        /** The Java names of a record's components, in order. */
        List<String> fields(String record) {
            return record(record).fields.stream().map(ModelDecl.Field::javaName).toList();
        }
    }
}
