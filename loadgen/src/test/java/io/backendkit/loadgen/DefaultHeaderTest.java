package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 18: a header for every endpoint (auth), unless the endpoint sets its own. */
class DefaultHeaderTest {

    @ParameterizedTest
    @EnumSource(
            value = HttpTransport.class,
            names = {"HTTP1", "JDK_HTTP1_1"})
    void theDefaultHeaderArrivesAtEveryEndpointThatDoesNotSetItsOwn(HttpTransport transport) {
        Map<String, Set<String>> authByPath = new ConcurrentHashMap<>();
        Map<String, Set<String>> tenantByPath = new ConcurrentHashMap<>();
        try (TestServers.Jdk server = new TestServers.Jdk(ex -> {
            String path = ex.getRequestURI().getPath();
            authByPath
                    .computeIfAbsent(path, k -> ConcurrentHashMap.newKeySet())
                    .add(String.valueOf(ex.getRequestHeaders().get("Authorization")));
            tenantByPath
                    .computeIfAbsent(path, k -> ConcurrentHashMap.newKeySet())
                    .add(String.valueOf(ex.getRequestHeaders().get("X-Tenant")));
            TestServers.reply(ex, 200, "ok");
        })) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/before"))
                    .defaultHeader("Authorization", "Bearer first")
                    .defaultHeader("Authorization", "Bearer T")
                    .defaultHeader("X-Tenant", "acme")
                    .get(server.uri("/own"))
                    .header("authorization", "Basic b3du")
                    .endpoint(HttpEndpoint.post(server.uri("/built")).body("{}").build())
                    .transport(transport)
                    .requests(60)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(r.total().errors()).isZero();
            assertThat(authByPath)
                    .containsOnlyKeys("/before", "/own", "/built")
                    .containsEntry("/before", Set.of("[Bearer T]"))
                    .containsEntry("/own", Set.of("[Basic b3du]"))
                    .containsEntry("/built", Set.of("[Bearer T]"));
            assertThat(tenantByPath.values()).allSatisfy(v -> assertThat(v).containsExactly("[acme]"));
        }
    }

    @Test
    void aBadDefaultHeaderIsRejectedAtOnceByName() {
        assertThatThrownBy(() -> LoadTest.http().defaultHeader("X-Bad", "a\r\nInjected: 1"))
                .hasMessageContaining("header X-Bad: value must not be null or contain line breaks");
        assertThatThrownBy(() -> LoadTest.http().defaultHeader("Content-Length", "3"))
                .hasMessageContaining("header Content-Length: is computed by the transport");
    }
}
