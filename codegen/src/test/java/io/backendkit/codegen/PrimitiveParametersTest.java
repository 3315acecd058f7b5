package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN required integer, number and boolean parameters in path, query and header WHEN generated,
 * compiled by javac with a hand-written implementation and called over HTTP THEN the handler
 * interface and the client take primitives for them, optional ones stay boxed (null when absent) and
 * a missing required one is a 400 before the handler is called.
 */
class PrimitiveParametersTest {

    @TempDir
    Path classes;

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: t, version: '1'}
            paths:
              /orders/{orderId}/lines/{line}:
                get:
                  tags: [orders]
                  operationId: getLine
                  parameters:
                    - {name: orderId, in: path, required: true, schema: {type: integer}}
                    - {name: line, in: path, required: true, schema: {type: integer, format: int32}}
                    - {name: weight, in: query, required: true, schema: {type: number, format: double}}
                    - {name: ratio, in: query, required: true, schema: {type: number, format: float}}
                    - {name: X-Gift, in: header, required: true, schema: {type: boolean}}
                    - {name: limit, in: query, schema: {type: integer, format: int32}}
                    - {name: flag, in: query, schema: {type: boolean}}
                    - {name: note, in: query, required: true, schema: {type: string}}
                  responses:
                    '200':
                      description: ok
                      content:
                        application/json:
                          schema: {type: string}
            """;

    /** Implements the generated interface with primitives: this compiles only if they are primitives. */
    static final String IMPL = """
            package impl;

            import com.acme.prim.api.OrdersApi;
            import com.acme.prim.client.ApiClient;
            import com.acme.prim.client.OrdersClient;
            import com.acme.prim.server.ApiRouter;
            import com.acme.prim.server.ApiServer;
            import java.net.InetSocketAddress;
            import java.net.URI;

            public final class Impl implements OrdersApi {
                @Override
                public String getLine(long orderId, int line, double weight, float ratio, boolean xGift,
                        Integer limit, Boolean flag, String note) {
                    return orderId + "/" + line + "/" + weight + "/" + ratio + "/" + xGift + "/" + limit + "/"
                            + flag + "/" + note;
                }

                public static ApiServer start() throws java.io.IOException {
                    ApiRouter router = ApiRouter.builder().orders(new Impl()).envelope(false).build();
                    return ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
                }

                public static String viaClient(URI base) {
                    try (ApiClient api = ApiClient.builder(base).envelope(false).build()) {
                        OrdersClient orders = new OrdersClient(api);
                        return orders.getLine(5000000000L, 3, 1.5, 0.25f, true, null, null, "n") + " | "
                                + orders.getLine(1L, 2, 0.0, 1f, false, 7, Boolean.FALSE, "m");
                    }
                }
            }
            """;

    @Test
    void requiredScalarParametersArePrimitivesAndOptionalOnesStayBoxed() throws Exception {
        GeneratedSources sources = OpenApiCodegen.fromSpecText(SPEC)
                .basePackage("com.acme.prim")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile("impl/Impl.java", IMPL));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        try (URLClassLoader loader = compiled.classLoader()) {
            List<Class<?>> expected = List.of(
                    long.class,
                    int.class,
                    double.class,
                    float.class,
                    boolean.class,
                    Integer.class,
                    Boolean.class,
                    String.class);
            assertThat(parameterTypes(Class.forName("com.acme.prim.api.OrdersApi", true, loader)))
                    .containsExactlyElementsOf(expected);
            assertThat(parameterTypes(Class.forName("com.acme.prim.client.OrdersClient", true, loader)))
                    .containsExactlyElementsOf(expected);

            Class<?> impl = Class.forName("impl.Impl", true, loader);
            try (AutoCloseable server = (AutoCloseable) impl.getMethod("start").invoke(null)) {
                int port = (int) server.getClass().getMethod("port").invoke(server);
                URI base = URI.create("http://127.0.0.1:" + port);
                assertThat(impl.getMethod("viaClient", URI.class).invoke(null, base))
                        .isEqualTo("5000000000/3/1.5/0.25/true/null/null/n | 1/2/0.0/1.0/false/7/false/m");
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                try (http) {
                    java.net.http.HttpResponse<String> missing = http.send(
                            java.net.http.HttpRequest.newBuilder(URI.create(base + "/orders/1/lines/2?ratio=1&note=x"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    assertThat(missing.statusCode()).isEqualTo(400);
                    assertThat(missing.body()).contains("weight").contains("X-Gift");
                }
            }
        }
    }

    private static List<Class<?>> parameterTypes(Class<?> type) {
        Method m = List.of(type.getDeclaredMethods()).stream()
                .filter(x -> x.getName().equals("getLine"))
                .findFirst()
                .orElseThrow();
        return List.of(m.getParameterTypes());
    }
}
