package io.backendkit.codegen.internal;

import io.backendkit.codegen.GeneratedFile;
import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.SpecException;
import io.backendkit.codegen.Target;
import io.backendkit.core.BackendKitException;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One generation: load, plan, emit. Single use. */
public final class CodegenRun {

    private static final Logger LOG = LoggerFactory.getLogger(CodegenRun.class);

    private final SpecSource source;
    private final String basePackage;
    private final Target target;
    private final boolean client;
    private final boolean envelope;

    /** A run with the given configuration. */
    public CodegenRun(SpecSource source, String basePackage, Target target, boolean client, boolean envelope) {
        this.source = source;
        this.basePackage = basePackage;
        this.target = target;
        this.client = client;
        this.envelope = envelope;
    }

    /** Generates the sources. */
    public GeneratedSources run() {
        long start = System.nanoTime();
        SpecLoader.LoadedSpec spec = SpecLoader.load(source);
        long loaded = System.nanoTime();
        try {
            GeneratedSources result = generate(spec);
            LOG.debug(
                    "{}: parsed in {} ms, generated in {} ms: {}",
                    spec.displayName(),
                    (loaded - start) / 1_000_000,
                    (System.nanoTime() - loaded) / 1_000_000,
                    result.summary());
            return result;
        } catch (BackendKitException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SpecException(spec.displayName(), "cannot generate code: " + e, e);
        }
    }

    private GeneratedSources generate(SpecLoader.LoadedSpec spec) {
        Findings findings = new Findings(spec.displayName(), spec.swagger2());
        findings.addAll(spec.findings());
        OpenAPI api = spec.api();
        String modelPackage = basePackage + ".model";
        ModelPlanner planner = new ModelPlanner(
                api.getComponents() == null ? null : api.getComponents().getSchemas(), modelPackage, findings);
        planner.planComponents();
        List<ModelDecl> decls = planner.finish();

        List<GeneratedFile> files = new ArrayList<>();
        Map<String, String> values = Map.of("modelPackage", modelPackage, "basePackage", basePackage);
        for (String support : List.of("Violation", "Validatable", "Validation", "ApiJson")) {
            files.add(Templates.file(support, modelPackage, values));
        }
        ModelEmitter models = new ModelEmitter(modelPackage, planner::decl);
        for (ModelDecl decl : decls) {
            files.add(models.emit(decl));
        }
        return new GeneratedSources(files, findings.all(), decls.size(), 0);
    }
}
