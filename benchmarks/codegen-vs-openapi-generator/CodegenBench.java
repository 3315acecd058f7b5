import io.backendkit.codegen.GeneratedSources;
import io.backendkit.codegen.OpenApiCodegen;
import io.backendkit.codegen.Target;
import java.nio.file.Path;

/** One backendkit generation in a fresh JVM: spec, output directory. Prints "files models operations". */
public final class CodegenBench {
    public static void main(String[] args) {
        GeneratedSources sources = OpenApiCodegen.fromSpec(Path.of(args[0]))
                .basePackage("com.github.ghes")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .envelope(false)
                .generate();
        sources.writeTo(Path.of(args[1]));
        System.out.println(sources.files().size() + " " + sources.modelCount() + " " + sources.operationCount());
    }
}
