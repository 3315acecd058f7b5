package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BadInputTest {

    private static final String URI = "http://127.0.0.1:9/";

    @Test
    void nonPositiveConcurrencyRateAndDurationsAreRejectedByName() {
        assertThatThrownBy(() -> LoadTest.http().concurrency(0))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("concurrency: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().concurrency(-5)).hasMessage("concurrency: must be >= 1 (was -5)");
        assertThatThrownBy(() -> LoadTest.http().arrivalRate(0)).hasMessage("arrivalRate: must be > 0 (was 0.0)");
        assertThatThrownBy(() -> LoadTest.http().arrivalRate(-1)).hasMessage("arrivalRate: must be > 0 (was -1.0)");
        assertThatThrownBy(() -> LoadTest.http().arrivalRate(Double.NaN)).hasMessageStartingWith("arrivalRate");
        assertThatThrownBy(() -> LoadTest.http().arrivalRate(0, 0))
                .hasMessage("arrivalRate from and to: must not both be 0");
        assertThatThrownBy(() -> LoadTest.http().duration(Duration.ZERO))
                .hasMessage("duration: must be > 0 (was PT0S)");
        assertThatThrownBy(() -> LoadTest.http().duration(ofSeconds(-1)))
                .hasMessage("duration: must be > 0 (was PT-1S)");
        assertThatThrownBy(() -> LoadTest.http().duration(null)).hasMessage("duration: must be > 0 (was null)");
        assertThatThrownBy(() -> LoadTest.http().warmUp(ofMillis(-1)))
                .hasMessage("warmUp: must be >= 0 (was PT-0.001S)");
        assertThatThrownBy(() -> LoadTest.http().requests(0)).hasMessage("requests: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().maxInFlight(0)).hasMessage("maxInFlight: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().requestTimeout(Duration.ZERO))
                .hasMessageStartingWith("requestTimeout: must be > 0");
        assertThatThrownBy(() -> LoadTest.http().sampleInterval(ofMillis(1)))
                .hasMessageStartingWith("sampleInterval: must be >= 10ms");
        assertThatThrownBy(() -> LoadTest.of(() -> 1).concurrency(0)).hasMessage("concurrency: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().connections(0))
                .isInstanceOf(io.backendkit.core.BackendKitException.class)
                .isInstanceOf(RuntimeException.class)
                .hasMessage("connections: must be >= 1 (was 0)")
                .satisfies(e -> assertThat(((LoadTestException) e).location()).isEqualTo("connections"))
                .satisfies(e -> assertThat(((LoadTestException) e).problem()).isEqualTo("must be >= 1 (was 0)"));
        assertThatThrownBy(() -> LoadTest.http().get(URI).weight(0))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("weight: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().get(URI).expectStatus(99))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("expectStatus: must be in [100, 599] (was 99)");
        assertThatThrownBy(() -> LoadTest.of(() -> 1).and("b", 0, () -> 2))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("weight: must be >= 1 (was 0)");
        assertThatThrownBy(() -> LoadTest.http().progress(null))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("progress: must not be null (use ProgressListener.none())");
    }

    @Test
    void malformedOrUnsupportedUrisNameTheUri() {
        assertThatThrownBy(() -> LoadTest.http().get("http://exa mple.com/"))
                .isInstanceOf(LoadTestException.class)
                .hasMessageStartingWith("uri: is not a valid URI: Illegal character in authority at index 10")
                .hasMessageEndingWith("(was 'http://exa mple.com/')");
        assertThatThrownBy(() -> LoadTest.http().get("ftp://example.com/x"))
                .hasMessage("uri: must be absolute with scheme http or https (was 'ftp://example.com/x')");
        assertThatThrownBy(() -> LoadTest.http().get("/relative")).hasMessageStartingWith("uri: must be absolute");
        assertThatThrownBy(() -> LoadTest.http().get("")).hasMessage("uri: must not be blank");
        assertThatThrownBy(() -> LoadTest.http().get("http:///path"))
                .hasMessage("uri: must name a host (was 'http:///path')");
        assertThatThrownBy(() -> LoadTest.http().request("GE T", URI))
                .hasMessage("method: must be an HTTP token (was 'GE T')");
    }

    @Test
    void aPostThatDeclaresABodyButHasNoneIsRejectedNamingTheEndpointAndBody() {
        assertThatThrownBy(() -> LoadTest.http()
                        .post("http://127.0.0.1:9/orders")
                        .header("Content-Type", "application/json")
                        .run())
                .isInstanceOf(LoadTestException.class)
                .hasMessage("endpoint POST /orders body: header Content-Type: application/json declares a body but none"
                        + " was given; call body(...)")
                .satisfies(e -> assertThat(((LoadTestException) e).location()).isEqualTo("endpoint POST /orders body"));
        assertThatThrownBy(() -> LoadTest.http().post(URI).header("Content-Length", "3"))
                .hasMessage("header Content-Length: is computed by the transport");
        assertThatThrownBy(() -> LoadTest.http().get(URI).header("X-Bad", "a\r\nInjected: 1"))
                .hasMessage("header X-Bad: value must not be null or contain line breaks");
        assertThatThrownBy(() -> LoadTest.http().post(URI).body(Path.of("/no/such/body.json")))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("body file /no/such/body.json: not found");
    }

    @Test
    void inconsistentSettingsAreRejectedWhenTheRunStarts() {
        assertThatThrownBy(() ->
                        LoadTest.http().get(URI).concurrency(5).arrivalRate(10).run())
                .isInstanceOf(LoadTestException.class)
                .hasMessage(
                        "load model: choose concurrency(5) (closed model) or arrivalRate(...) (open model), not both");
        assertThatThrownBy(() -> LoadTest.http()
                        .get(URI)
                        .arrivalRate(10)
                        .thinkTime(ofMillis(5))
                        .run())
                .hasMessageStartingWith("load model: rampUp and thinkTime belong to the closed model");
        assertThatThrownBy(() -> LoadTest.http().get(URI).maxInFlight(5).run())
                .hasMessageStartingWith("load model: maxInFlight belongs to the open model");
        assertThatThrownBy(() ->
                        LoadTest.http().get(URI).scheduleTolerance(ofMillis(1)).run())
                .hasMessageStartingWith("load model: scheduleTolerance belongs to the open model");
        assertThatThrownBy(() -> LoadTest.http().scheduleTolerance(ofMillis(-1)))
                .hasMessage("scheduleTolerance: must be >= 0 (was PT-0.001S)");
        assertThatThrownBy(() -> LoadTest.http().scheduleTolerance(ofMillis(1001)))
                .hasMessage("scheduleTolerance: must be at most 1 s (was PT1.001S)");
        assertThatThrownBy(() -> LoadTest.http()
                        .get(URI)
                        .arrivalRate(10, 100)
                        .requests(10)
                        .run())
                .hasMessage("arrivalRate: a ramping rate needs duration(...) to ramp over");
        assertThatThrownBy(() -> LoadTest.http()
                        .get(URI)
                        .requests(5)
                        .duration(ofSeconds(1))
                        .run())
                .isInstanceOf(LoadTestException.class)
                .hasMessage("stop condition: choose duration(PT1S) or requests(5), not both; a run stops on exactly"
                        + " one of them (LoadRun.stop() ends a run early)");
        assertThatThrownBy(() ->
                        LoadTest.of(() -> 1).duration(ofSeconds(2)).requests(7).run())
                .hasMessageStartingWith("stop condition: choose duration(PT2S) or requests(7), not both");
        assertThatThrownBy(() -> LoadTest.http().header("Accept", "x"))
                .isInstanceOf(LoadTestException.class)
                .hasMessage(
                        "header(...): applies to the current endpoint: call get(...), post(...) or request(...) first");
        assertThatThrownBy(() -> LoadTest.http().run())
                .hasMessage("endpoints: no endpoint: call get(...), post(...), request(...) or endpoint(...)");
        assertThatThrownBy(() -> LoadTest.http().get(URI).get(URI).run())
                .hasMessage("endpoint GET /: name used twice; give one of them endpointName(...)");
        assertThatThrownBy(() -> LoadTest.http()
                        .get("https://127.0.0.1:9/")
                        .transport(HttpTransport.HTTP1)
                        .run())
                .hasMessageStartingWith("endpoint GET / transport: HTTP1 speaks plain HTTP only");
        assertThatThrownBy(() -> LoadTest.http()
                        .get(URI)
                        .header("Connection", "x")
                        .transport(HttpTransport.JDK_HTTP1_1)
                        .run())
                .hasMessageStartingWith(
                        "endpoint GET / headers: rejected by the JDK HTTP client: restricted header name");
        assertThatThrownBy(() -> LoadTest.of("a", () -> 1).and("a", () -> 2).run())
                .hasMessage("task a: name used twice");
    }

    @Test
    void unknownEndpointsInAReportAreNamedWithTheKnownOnes() {
        LoadReport r = LoadTest.of("a", () -> 1)
                .and("b", () -> 2)
                .requests(10)
                .progress(ProgressListener.none())
                .run();
        assertThatThrownBy(() -> r.endpoint("c"))
                .isInstanceOf(LoadTestException.class)
                .hasMessage("endpoint c: not in report 2 tasks (endpoints: a, b)");
    }
}
