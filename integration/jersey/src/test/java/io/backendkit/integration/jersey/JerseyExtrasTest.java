package io.backendkit.integration.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.extra.api.JobsApi;
import com.acme.extra.api.SessionsApi;
import com.acme.extra.api.WordsApi;
import com.acme.extra.client.ApiClient;
import com.acme.extra.client.WordsClient;
import com.acme.extra.model.Page;
import com.acme.extra.model.SubmitJobRequest;
import com.acme.extra.server.ApiFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.SeBootstrap;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GIVEN a document with a required cookie, a constrained header, a form body, a 202 without body and
 * a paged list, generated for JAKARTA_REST without the envelope and served by Jersey WHEN raw HTTP
 * requests and the generated client call it THEN the bindings, constraints, statuses and bodies are
 * the document's.
 */
class JerseyExtrasTest {

    static final List<String> JOBS = new CopyOnWriteArrayList<>();
    static SeBootstrap.Instance server;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Echoes the session cookie. */
    public static class Sessions implements SessionsApi {
        @Override
        public String whoAmI(String sid, Integer xCount) {
            return sid + "/" + xCount;
        }
    }

    /** Keeps the submitted forms. */
    public static class Jobs implements JobsApi {
        @Override
        public void submitJob(SubmitJobRequest body) {
            JOBS.add("name=" + body.name());
        }
    }

    /** Pages through five words. */
    public static class Words implements WordsApi {
        @Override
        public Page<String> listWords(Integer page, Integer limit) {
            int p = page == null ? 1 : page;
            int l = limit == null ? 2 : limit;
            List<String> all = List.of("a", "b", "c", "d", "e");
            int from = Math.min(all.size(), (p - 1) * l);
            return Page.of(all.subList(from, Math.min(all.size(), from + l)), p, l, all.size());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ResourceConfig app = new ResourceConfig()
                .register(ApiFeature.class)
                .register(Sessions.class)
                .register(Jobs.class)
                .register(Words.class);
        server = SeBootstrap.start(
                        app,
                        SeBootstrap.Configuration.builder()
                                .protocol("HTTP")
                                .host("127.0.0.1")
                                .port(0)
                                .rootPath("/")
                                .build())
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.configuration().port());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    static HttpResponse<String> send(String method, String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> fields(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("VALIDATION_ERROR");
        List<String> out = new ArrayList<>();
        error.get("details").forEach(d -> out.add(d.get("field").asText()));
        return out;
    }

    @Test
    void cookiesAndHeadersAreBoundAndChecked() throws Exception {
        HttpResponse<String> ok = send("GET", "/sessions", null, null, "Cookie", "sid=abc", "X-Count", "2");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("\"abc/2\"");

        assertThat(fields(send("GET", "/sessions", null, null))).containsExactly("sid");
        assertThat(fields(send("GET", "/sessions", null, null, "Cookie", "sid=ab")))
                .containsExactly("sid");
        assertThat(fields(send("GET", "/sessions", null, null, "Cookie", "sid=abc", "X-Count", "9")))
                .containsExactly("X-Count");
    }

    @Test
    void aFormBodyIsAcceptedWithTheDocumentedStatus() throws Exception {
        HttpResponse<String> r = send("POST", "/jobs", "application/x-www-form-urlencoded", "name=nightly");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        assertThat(JOBS).contains("name=nightly");

        HttpResponse<String> json = send("POST", "/jobs", "application/json", "{\"name\":\"x\"}");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(json.body()).get("error").get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void pagesWithoutTheEnvelopeAreTheItemsAndAPaginationHeader() throws Exception {
        HttpResponse<String> r = send("GET", "/words?page=2&limit=2", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[\"c\",\"d\"]");
        JsonNode pagination =
                JSON.readTree(r.headers().firstValue("X-Pagination").orElseThrow());
        assertThat(pagination.get("total").asLong()).isEqualTo(5);
        try (ApiClient client = ApiClient.create(base)) {
            Page<String> page = new WordsClient(client).listWords(3, 2);
            assertThat(page.items()).containsExactly("e");
            assertThat(page.pagination().total()).isEqualTo(5L);
        }
    }
}
