package io.backendkit.examples;

import io.backendkit.core.TextTable;
import java.io.PrintStream;
import java.util.List;

/**
 * The runnable demo. For now it lists the modules and what state each is in; it grows into the
 * end-to-end walk through codegen, schema, loadgen and decision as those modules land.
 */
public final class Demo {

    /** One backendkit module as the demo presents it. */
    record ModuleInfo(String artifact, String job, String status) {}

    static final List<ModuleInfo> MODULES = List.of(
            new ModuleInfo("backendkit-core", "findings, exception root, JSON mapper, text tables", "available"),
            new ModuleInfo("backendkit-codegen", "OpenAPI / Swagger 2.0 to compilable Java", "skeleton (issue 6)"),
            new ModuleInfo(
                    "backendkit-schema", "schema lint, index advice, diff and migrations", "skeleton (issues 4, 5)"),
            new ModuleInfo("backendkit-loadgen", "virtual-thread load generator", "skeleton (issue 3)"),
            new ModuleInfo("backendkit-decision", "architecture profile scoring", "skeleton (issue 7)"));

    private Demo() {}

    /** Prints the module table to standard output. */
    public static void main(String[] args) {
        print(System.out);
    }

    static void print(PrintStream out) {
        TextTable.Builder table = TextTable.builder("module", "job", "status");
        MODULES.forEach(m -> table.row(m.artifact(), m.job(), m.status()));
        out.println("backendkit: modules and their state");
        out.print(table.build().render());
    }
}
