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
import java.util.function.Supplier;
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
    private final RefPolicy refPolicy;

    /** A run with the given configuration. */
    public CodegenRun(
            SpecSource source,
            String basePackage,
            Target target,
            boolean client,
            boolean envelope,
            RefPolicy refPolicy) {
        this.refPolicy = refPolicy;
        this.source = source;
        this.basePackage = basePackage;
        this.target = target;
        this.client = client;
        this.envelope = envelope;
    }

    /** Generates the sources. */
    public GeneratedSources run() {
        long start = System.nanoTime();
        SpecLoader.LoadedSpec spec;
        try {
            spec = SpecLoader.loadOnLoaderThread(source, refPolicy);
        } catch (BackendKitException e) {
            throw e;
        } catch (RuntimeException e) {
            // swagger-parser's own failures (its Swagger 2.0 converter parses integer enum values of
            // parameters with Integer.parseInt); the message is left out, it may quote the document
            throw new SpecException(
                    source.displayName(),
                    "swagger-parser failed on the document (" + e.getClass().getName() + " at " + parserFrame(e) + ")",
                    e);
        }
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

    /** Where in swagger-parser {@code e} was thrown: its first swagger frame, else the top one. */
    private static String parserFrame(RuntimeException e) {
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            if (f.getClassName().startsWith("io.swagger.")) {
                return f.toString();
            }
        }
        return frames.length == 0 ? "an unknown place" : frames[0].toString();
    }

    private GeneratedSources generate(SpecLoader.LoadedSpec spec) {
        Findings findings = new Findings(spec.displayName(), spec.swagger2());
        findings.addAll(spec.findings());
        OpenAPI api = spec.api();
        String modelPackage = basePackage + ".model";
        ModelPlanner planner = new ModelPlanner(
                api.getComponents() == null ? null : api.getComponents().getSchemas(),
                api.getPaths(),
                modelPackage,
                findings);
        planner.otherComponents(api.getComponents());
        planner.rawDocument(new RawDocument(spec.document()));
        planner.planComponents();
        List<OperationPlanner.TagGroup> groups = new OperationPlanner(api, planner, findings).plan();
        SecurityPlanner security = new SecurityPlanner(api, findings).plan();
        List<ModelDecl> decls = planner.finish();
        int operations = groups.stream().mapToInt(g -> g.operations().size()).sum();

        // every file is an independent task; emitting and rendering them dominates the run on large
        // documents, so they all go into one parallel stream (models, server and client together keep
        // both cores busy to the end); toList keeps encounter order, so the result does not depend on
        // the threads
        List<Supplier<GeneratedFile>> tasks = new ArrayList<>();
        String serverPackage = basePackage + ".server";
        String clientPackage = basePackage + ".client";
        boolean forms = groups.stream()
                .flatMap(g -> g.operations().stream())
                .anyMatch(op -> op.body() != null && op.body().form());
        Map<String, String> values = Map.ofEntries(
                Map.entry("modelPackage", modelPackage),
                Map.entry("serverPackage", serverPackage),
                Map.entry("clientPackage", clientPackage),
                Map.entry("apiPackage", basePackage + ".api"),
                Map.entry("envelope", Boolean.toString(envelope)),
                Map.entry("forms", Boolean.toString(forms)));
        for (String support : List.of("Violation", "Validatable", "Validation", "ApiJson", "Page")) {
            tasks.add(() -> Templates.file(support, modelPackage, values));
        }
        if (forms) {
            tasks.add(() -> Templates.file("FormData", modelPackage, values));
        }
        ModelEmitter models = new ModelEmitter(modelPackage, planner::decl)
                .beanValidation(target == Target.SPRING_MVC || target == Target.JAKARTA_REST);
        for (ModelDecl decl : decls) {
            tasks.add(() -> models.emit(decl));
        }
        if (target == Target.JDK_HTTP_SERVER) {
            for (String support : List.of(
                    "ApiException",
                    "ApiServer",
                    "HttpSupport",
                    "Route",
                    "Guard",
                    "BinaryBody",
                    "Authenticator",
                    "RateLimiter",
                    "SecurityContext")) {
                tasks.add(() -> Templates.file(support, serverPackage, values));
            }
            tasks.addAll(new ServerEmitter(basePackage, models)
                    .envelope(envelope)
                    .security(security)
                    .tasks(groups));
        }
        if (target == Target.SPRING_MVC) {
            tasks.add(() -> Templates.file("ApiConstraints", modelPackage, values));
            for (String support : List.of(
                    "ApiException",
                    "ApiExceptionHandler",
                    "ApiResponseAdvice",
                    "Authenticator",
                    "ApiSecured",
                    "ApiSecurityInterceptor",
                    "ApiOperation",
                    "RateLimiter",
                    "ApiRateLimitInterceptor")) {
                tasks.add(() -> Templates.file(support, serverPackage, values));
            }
            if (forms) {
                tasks.add(() -> Templates.file("ApiForm", serverPackage, values));
                tasks.add(() -> Templates.file("ApiFormArgumentResolver", serverPackage, values));
            }
            for (GeneratedFile f :
                    new SpringEmitter(basePackage, models).security(security).emit(groups)) {
                tasks.add(() -> f);
            }
        }
        if (target == Target.JAKARTA_REST) {
            tasks.add(() -> Templates.file("ApiConstraints", modelPackage, values));
            for (String support : List.of(
                    "ApiException",
                    "ApiExceptionMappers",
                    "ApiFeature",
                    "ApiResponseFilter",
                    "ApiStatus",
                    "Authenticator",
                    "Secured",
                    "ApiSecurityFilter",
                    "ApiOperation",
                    "RateLimiter",
                    "ApiRateLimitFilter")) {
                tasks.add(() -> Templates.file(support, serverPackage, values));
            }
            if (forms) {
                tasks.add(() -> Templates.file("ApiForm", serverPackage, values));
                tasks.add(() -> Templates.file("ApiFormReader", serverPackage, values));
            }
            for (GeneratedFile f :
                    new JakartaEmitter(basePackage, models).security(security).emit(groups)) {
                tasks.add(() -> f);
            }
        }
        if (client) {
            for (String support : List.of("ApiClient", "ApiClientException", "ApiRequest", "BinaryStream")) {
                tasks.add(() -> Templates.file(support, clientPackage, values));
            }
            tasks.addAll(new ClientEmitter(basePackage).security(security).tasks(groups));
        }
        List<GeneratedFile> files = tasks.parallelStream().map(Supplier::get).toList();
        return new GeneratedSources(files, findings.all(), decls.size(), operations);
    }
}
