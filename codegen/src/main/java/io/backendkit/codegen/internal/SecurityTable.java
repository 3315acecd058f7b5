package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.backendkit.codegen.internal.OperationPlanner.OperationDecl;
import io.backendkit.codegen.internal.OperationPlanner.TagGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/** The generated {@code ApiSecurity} table of the Jakarta REST and Spring MVC targets. */
final class SecurityTable {

    private SecurityTable() {}

    static SecurityPlanner.Requirement requirement(SecurityPlanner security, OperationDecl op) {
        String id = op.method() + " " + op.path();
        return security == null
                ? new SecurityPlanner.Requirement(id, List.of())
                : security.requirement(op.pointer(), id);
    }

    /** Whether the operation gets {@code @Secured}: some alternative names a scheme. */
    static boolean bound(SecurityPlanner.Requirement r) {
        return r.alternatives().stream().anyMatch(a -> !a.isEmpty());
    }

    /** {@code ApiSecurity}: each bound operation's requirement, by operation id. */
    static TypeSpec type(String serverPackage, SecurityPlanner security, List<TagGroup> groups) {
        ClassName need = ClassName.get(serverPackage, "ApiSecurity", "Need");
        TypeName alternatives = JavaPoets.listOf(JavaPoets.listOf(need));
        List<CodeBlock> entries = new ArrayList<>();
        List<CodeBlock> secured = new ArrayList<>();
        for (TagGroup g : groups) {
            for (OperationDecl op : g.operations()) {
                SecurityPlanner.Requirement r = requirement(security, op);
                if (!bound(r)) {
                    continue;
                }
                List<CodeBlock> alts = new ArrayList<>();
                for (List<SecurityPlanner.Need> alternative : r.alternatives()) {
                    List<CodeBlock> needs = new ArrayList<>();
                    for (SecurityPlanner.Need n : alternative) {
                        List<CodeBlock> scopes = new ArrayList<>();
                        n.scopes().forEach(sc -> scopes.add(CodeBlock.of("$S", sc)));
                        needs.add(CodeBlock.of(
                                "new $T($S, $S, $S, $S, $T.of($L))",
                                need,
                                n.scheme(),
                                n.decl().kind(),
                                n.decl().in(),
                                n.decl().name(),
                                JavaPoets.LIST,
                                CodeBlock.join(scopes, ", ")));
                    }
                    alts.add(CodeBlock.of("$T.of($L)", JavaPoets.LIST, CodeBlock.join(needs, ", ")));
                }
                entries.add(CodeBlock.of(
                        "$T.entry($S, $T.of($L))",
                        Map.class,
                        r.operationId(),
                        JavaPoets.LIST,
                        CodeBlock.join(alts, ", ")));
                if (r.secured()) {
                    secured.add(CodeBlock.of("$S", r.operationId()));
                }
            }
        }
        CodeBlock init = entries.isEmpty()
                ? CodeBlock.of("$T.of()", Map.class)
                : CodeBlock.builder()
                        .add("$T.ofEntries(\n$>", Map.class)
                        .add(CodeBlock.join(entries, ",\n"))
                        .add(")$<")
                        .build();
        TypeSpec needType = TypeSpec.recordBuilder(need)
                .addModifiers(Modifier.PUBLIC)
                .addJavadoc("One scheme of a requirement's alternative.\n\n"
                        + "@param scheme the scheme's name in the document\n"
                        + "@param kind {@code http}, {@code apiKey} or {@code other}\n"
                        + "@param in for apiKey: {@code header}, {@code query} or {@code cookie}\n"
                        + "@param name for http: the lower-case authentication scheme; for apiKey: the header,"
                        + " query parameter or cookie name\n"
                        + "@param scopes the scopes required\n")
                .recordConstructor(MethodSpec.constructorBuilder()
                        .addParameter(String.class, "scheme")
                        .addParameter(String.class, "kind")
                        .addParameter(String.class, "in")
                        .addParameter(String.class, "name")
                        .addParameter(JavaPoets.listOf(ClassName.get(String.class)), "scopes")
                        .build())
                .build();
        return TypeSpec.classBuilder(ClassName.get(serverPackage, "ApiSecurity"))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(JavaPoets.generated())
                .addJavadoc("The security requirement of each operation the document secures, read by the"
                        + " generated security filter: alternatives (any one suffices), each a list of schemes that"
                        + " must all pass; an empty alternative makes credentials optional.\n")
                .addType(needType)
                .addField(com.palantir.javapoet.FieldSpec.builder(
                                ParameterizedTypeName.get(
                                        ClassName.get(Map.class), ClassName.get(String.class), alternatives),
                                "REQUIREMENTS",
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer(init)
                        .build())
                .addField(com.palantir.javapoet.FieldSpec.builder(
                                JavaPoets.listOf(ClassName.get(String.class)),
                                "SECURED",
                                Modifier.PRIVATE,
                                Modifier.STATIC,
                                Modifier.FINAL)
                        .initializer("$T.of($L)", JavaPoets.LIST, CodeBlock.join(secured, ", "))
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("requirement")
                        .addJavadoc("The requirement of an operation.\n\n@param operationId the operation's id\n"
                                + "@return its alternatives; null when the operation is not secured\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(alternatives)
                        .addParameter(String.class, "operationId")
                        .addStatement("return REQUIREMENTS.get(operationId)")
                        .build())
                .addMethod(MethodSpec.methodBuilder("secured")
                        .addJavadoc("The operations that need credentials.\n\n@return their ids\n")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(JavaPoets.listOf(ClassName.get(String.class)))
                        .addStatement("return SECURED")
                        .build())
                .build();
    }
}
