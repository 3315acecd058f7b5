package io.backendkit.loadgen;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 18: "less than 0.0100 but was 1" alone does not say why; the error breakdown must be in the message. */
class ErrorRateMessageTest {

    @Test
    void aRunWhoseEveryAnswerIsAFailureNamesTheErrorKindCountAndFirstMessage() {
        try (TestServers.Jdk server = new TestServers.Jdk(ex -> TestServers.reply(ex, 503, "database down"))) {
            LoadReport r = LoadTest.http()
                    .get(server.uri("/orders"))
                    .requests(7)
                    .progress(ProgressListener.none())
                    .run();
            assertThatThrownBy(() -> LoadAssertions.assertThat(r).errorRate().isLessThan(0.01))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected error rate of the run to be less than 0.0100 but was 1")
                    .hasMessageContaining("7 of 7 requests failed, 0 due were never sent")
                    .hasMessageMatching("(?s).*GET /orders +HTTP_5XX +7 +status 503 \\(GET /orders\\).*")
                    .hasMessageContaining("latency (ms)");
        }
    }
}
