package io.backendkit.codegen.internal;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.backendkit.codegen.internal.OperationPlanner.HeaderDecl;
import io.backendkit.codegen.internal.OperationPlanner.OperationDecl;
import io.backendkit.codegen.internal.OperationPlanner.StatusDecl;
import io.backendkit.codegen.internal.Shape.ListOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.lang.model.element.Modifier;

/**
 * The per-operation result types of the JDK server and the client: for an operation whose handler
 * chooses among several documented responses (or sets documented headers), a sealed interface with
 * one record per documented status, carrying the body, the documented headers and further headers,
 * and a factory method per status ({@code created(body, location)}).
 */
final class ResultTypes {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "Ok"),
            Map.entry(201, "Created"),
            Map.entry(202, "Accepted"),
            Map.entry(203, "NonAuthoritative"),
            Map.entry(204, "NoContent"),
            Map.entry(205, "ResetContent"),
            Map.entry(206, "PartialContent"),
            Map.entry(207, "MultiStatus"),
            Map.entry(208, "AlreadyReported"),
            Map.entry(226, "ImUsed"),
            Map.entry(300, "MultipleChoices"),
            Map.entry(301, "MovedPermanently"),
            Map.entry(302, "Found"),
            Map.entry(303, "SeeOther"),
            Map.entry(304, "NotModified"),
            Map.entry(307, "TemporaryRedirect"),
            Map.entry(308, "PermanentRedirect"));

    static final TypeName HEADERS =
            ParameterizedTypeName.get(JavaPoets.MAP, JavaPoets.STRING, JavaPoets.listOf(JavaPoets.STRING));

    private ResultTypes() {}

    /** The simple name of the result type of {@code op}, nested in its API interface or client. */
    static String name(OperationDecl op) {
        String m = op.methodName();
        return Character.toUpperCase(m.charAt(0)) + m.substring(1) + "Result";
    }

    /** The record of {@code status} in the result type. */
    static String recordName(int status) {
        return REASONS.getOrDefault(status, "Status" + status);
    }

    /** The factory method of {@code status}. */
    static String factoryName(int status) {
        String r = recordName(status);
        return Character.toLowerCase(r.charAt(0)) + r.substring(1);
    }

    /**
     * The body type of one documented response: the JSON type ({@code Page<Item>} for the paged
     * one), {@code byte[]} for raw text, {@code binary} for a streamed body, null for none.
     */
    static TypeName bodyType(OperationDecl op, StatusDecl s, ClassName page, ClassName binary) {
        if (s.binary()) {
            return binary;
        }
        if (s.raw()) {
            return com.palantir.javapoet.ArrayTypeName.of(TypeName.BYTE);
        }
        if (s.shape() == null) {
            return null;
        }
        if (op.response().paged() && s.status() == op.response().status()) {
            return ParameterizedTypeName.get(page, ((ListOf) s.shape()).item().type());
        }
        return s.shape().type();
    }

    /**
     * The sealed result interface of {@code op} named {@code self}.
     *
     * @param bodyType the Java body type of a documented response, null for none
     * @param extra members added to the interface (the client's reader)
     */
    static TypeSpec type(
            OperationDecl op, ClassName self, Function<StatusDecl, TypeName> bodyType, List<MethodSpec> extra) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(self)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.SEALED)
                .addJavadoc(
                        "The responses of {@code $L} ($L $L) the document describes: one record per status,"
                                + " with the body, the documented headers and further headers to send.\n",
                        op.methodName(),
                        op.method(),
                        Docs.escape(op.path()));
        t.addMethod(MethodSpec.methodBuilder("status")
                .addJavadoc("The HTTP status.\n\n@return the status\n")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(TypeName.INT)
                .build());
        t.addMethod(MethodSpec.methodBuilder("headers")
                .addJavadoc("Further headers, each with its values: in a response a handler builds, those beyond the"
                        + " documented ones; in one the client read, every header of the response.\n\n"
                        + "@return an unmodifiable map\n")
                .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                .returns(HEADERS)
                .build());
        for (StatusDecl s : op.response().statuses()) {
            ClassName record = self.nestedClass(recordName(s.status()));
            TypeName body = bodyType.apply(s);
            String description = Docs.escape(s.description());
            if (!description.isEmpty() && ".!?:".indexOf(description.charAt(description.length() - 1)) < 0) {
                description = description + ".";
            }
            MethodSpec.Builder ctor = MethodSpec.compactConstructorBuilder()
                    .addModifiers(Modifier.PUBLIC)
                    .addStatement(
                            "headers = headers == null ? $T.of() : headers.entrySet().stream()"
                                    + ".collect($T.toUnmodifiableMap($T.Entry::getKey, e -> $T.copyOf(e.getValue())))",
                            Map.class,
                            java.util.stream.Collectors.class,
                            Map.class,
                            List.class);
            MethodSpec.Builder factory = MethodSpec.methodBuilder(factoryName(s.status()))
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(self);
            CodeBlock.Builder doc =
                    CodeBlock.builder().add("$L$L\n\n", s.status(), description.isEmpty() ? "." : ": " + description);
            List<CodeBlock> args = new ArrayList<>();
            List<com.palantir.javapoet.ParameterSpec> components = new ArrayList<>();
            if (body != null) {
                components.add(com.palantir.javapoet.ParameterSpec.builder(body, "body")
                        .build());
                factory.addParameter(body, "body");
                args.add(CodeBlock.of("body"));
                doc.add("@param body the body ($L)\n", Docs.escape(s.mediaType()));
            }
            for (HeaderDecl h : s.headers()) {
                components.add(
                        com.palantir.javapoet.ParameterSpec.builder(h.shape().type(), h.javaName())
                                .build());
                factory.addParameter(h.shape().type(), h.javaName());
                args.add(CodeBlock.of("$L", h.javaName()));
                String d = Docs.escape(h.description());
                doc.add(
                        "@param $L header {@code $L}$L$L\n",
                        h.javaName(),
                        Docs.escape(h.wireName()),
                        h.required() ? ", required" : ", null to leave it out",
                        d.isEmpty() ? "" : ": " + d);
            }
            components.add(com.palantir.javapoet.ParameterSpec.builder(HEADERS, "headers")
                    .build());
            args.add(CodeBlock.of("$T.of()", Map.class));
            CodeBlock recordDoc = doc.build();
            t.addType(TypeSpec.recordBuilder(record)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addJavadoc(recordDoc)
                    .addJavadoc("@param headers further headers, null for none\n")
                    .addSuperinterface(self)
                    .recordConstructor(MethodSpec.constructorBuilder()
                            .addModifiers(Modifier.PUBLIC)
                            .addParameters(components)
                            .build())
                    .addMethod(ctor.addJavadoc("Copies the headers.\n").build())
                    .addMethod(MethodSpec.methodBuilder("status")
                            .addAnnotation(Override.class)
                            .addModifiers(Modifier.PUBLIC)
                            .returns(TypeName.INT)
                            .addStatement("return $L", s.status())
                            .build())
                    .build());
            t.addMethod(factory.addJavadoc(recordDoc)
                    .addJavadoc("@return the response\n")
                    .addStatement("return new $T($L)", record, CodeBlock.join(args, ", "))
                    .build());
        }
        extra.forEach(t::addMethod);
        return t.build();
    }
}
