package io.backendkit.cli.internal;

import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import io.backendkit.core.Finding;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backendkit codegen}: OpenAPI to Java sources. */
@Command(
        name = "codegen",
        mixinStandardHelpOptions = true,
        description = "Generate Java (records, validation, a server, a client) from an OpenAPI 3.0/3.1 or Swagger 2.0"
                + " document.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  backendkit codegen openapi.yaml --package com.acme.orders --output src/main/java --client",
            "  backendkit codegen https://example.com/openapi.json --target models --package com.acme.api --output gen"
        })
public final class CodegenCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "A file path or an http(s) URL.")
    String specLocation;

    @Option(names = "--package", required = true, description = "Base Java package of the generated code.")
    String basePackage;

    @Option(names = "--output", required = true, description = "Source root to write into.")
    Path output;

    @Option(
            names = "--target",
            defaultValue = "jdk",
            description = "jdk (JDK HttpServer router), spring-mvc (Spring MVC interfaces with Bean Validation),"
                    + " jakarta-rest (Jakarta REST resource interfaces with Bean Validation) or models (default:"
                    + " ${DEFAULT-VALUE}).")
    String target;

    @Option(names = "--client", description = "Also generate a java.net.http client per tag.")
    boolean client;

    @Option(
            names = "--no-envelope",
            description = "Serve the response shapes the document describes, without the" + " {data, meta} envelope.")
    boolean noEnvelope;

    @Override
    public Integer call() {
        Target t = switch (target) {
            case "jdk" -> Target.JDK_HTTP_SERVER;
            case "models" -> Target.MODELS_ONLY;
            case "spring-mvc", "spring" -> Target.SPRING_MVC;
            case "jakarta-rest", "jakarta" -> Target.JAKARTA_REST;
            default ->
                throw new Failures.UsageException(
                        "--target " + target + ": expected jdk, spring-mvc, jakarta-rest or models");
        };
        OpenApiCodegen codegen;
        if (specLocation.startsWith("http://") || specLocation.startsWith("https://")) {
            codegen = OpenApiCodegen.fromSpec(URI.create(specLocation));
        } else {
            Path p = Path.of(specLocation);
            if (!Files.isReadable(p)) {
                throw new Failures.UsageException(specLocation + ": no such readable file");
            }
            codegen = OpenApiCodegen.fromSpec(p);
        }
        GeneratedSources sources = codegen.basePackage(basePackage)
                .target(t)
                .client(client)
                .envelope(!noEnvelope)
                .generate();
        List<Path> written = sources.writeTo(output);
        var out = spec.commandLine().getOut();
        for (Finding f : sources.findings()) {
            out.println(f.severity() + " " + f.code() + " " + f.location() + ": " + f.message());
        }
        out.println(sources.summary());
        out.println(written.size() + " files written under " + output);
        out.flush();
        return ExitCodes.OK;
    }
}
