package io.backendkit.integration.resp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import scenario.ResponsesScenario;

/**
 * GIVEN responses.yaml generated for SPRING_MVC and served by a real Spring Boot application on
 * 127.0.0.1 WHEN the generated client runs the scenario the JDK server passes THEN it sees the same
 * statuses, headers, bodies, documented error bodies and streamed downloads.
 */
class SpringBootResponsesTest {

    static ConfigurableApplicationContext context;
    static URI base;

    @BeforeAll
    static void start() {
        SpringApplication app = new SpringApplication(ResponsesApplication.class);
        app.setDefaultProperties(java.util.Map.of(
                "server.address", "127.0.0.1",
                "server.port", "0",
                "spring.main.banner-mode", "off"));
        context = app.run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theGeneratedClientReadsEveryDocumentedResponseIntoItsType() throws Exception {
        assertThat(ResponsesScenario.run(base))
                .containsExactlyElementsOf(ResponsesScenario.expected(ResponsesScenario.BIG));
    }

    @Test
    void aMultiMegabyteDownloadStreamsToTheClientBeforeTheHandlersStreamEnds() throws Exception {
        assertThat(ResponsesScenario.streaming(base)).containsExactlyElementsOf(ResponsesScenario.streamingExpected());
    }
}
