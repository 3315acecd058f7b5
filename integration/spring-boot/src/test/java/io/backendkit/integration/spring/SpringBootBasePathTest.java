package io.backendkit.integration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * GIVEN the generated interfaces served with {@code backendkit.api.base-path=/v1} WHEN paths are
 * requested with and without the prefix THEN only the prefixed ones reach the handlers.
 */
class SpringBootBasePathTest {

    @Test
    void thePropertyPrefixesEveryMappedPath() throws Exception {
        SpringApplication app = new SpringApplication(ZooApplication.class);
        app.setDefaultProperties(Map.of(
                "server.address", "127.0.0.1",
                "server.port", "0",
                "spring.main.banner-mode", "off",
                "backendkit.api.base-path", "/v1"));
        try (ConfigurableApplicationContext context = app.run();
                HttpClient http = HttpClient.newHttpClient()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            URI base = URI.create("http://127.0.0.1:" + port);
            HttpResponse<String> prefixed = http.send(
                    HttpRequest.newBuilder(base.resolve("/v1/pets/7")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(prefixed.statusCode()).isEqualTo(200);
            assertThat(prefixed.body()).contains("\"id\":7");
            HttpResponse<String> bare = http.send(
                    HttpRequest.newBuilder(base.resolve("/pets/7")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bare.statusCode()).isEqualTo(404);
            assertThat(bare.body()).contains("\"code\":\"NOT_FOUND\"");
        }
    }
}
