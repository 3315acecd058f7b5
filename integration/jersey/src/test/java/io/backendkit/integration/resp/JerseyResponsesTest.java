package io.backendkit.integration.resp;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.resp.api.FilesApi;
import com.acme.resp.api.WidgetsApi;
import com.acme.resp.model.Job;
import com.acme.resp.model.JobState;
import com.acme.resp.model.NewWidget;
import com.acme.resp.model.Problem;
import com.acme.resp.model.Widget;
import com.acme.resp.server.ApiException;
import com.acme.resp.server.ApiFeature;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scenario.GatedStream;
import scenario.ResponsesScenario;

/**
 * GIVEN responses.yaml generated for JAKARTA_REST and served by Jersey on 127.0.0.1 WHEN the
 * generated client runs the scenario the JDK server passes THEN it sees the same statuses, headers,
 * bodies, documented error bodies and streamed downloads.
 */
class JerseyResponsesTest {

    static SeBootstrap.Instance server;
    static URI base;

    /** The widgets. */
    public static class Widgets implements WidgetsApi {
        private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
        private final AtomicInteger widgetIds = new AtomicInteger();
        private final AtomicInteger jobIds = new AtomicInteger();

        @Override
        public Response createWidget(NewWidget body) {
            if (body.name().equals("taken")) {
                throw ApiException.withBody(409, new Problem("reserved name: taken", 409, null));
            }
            for (Widget w : widgets.values()) {
                if (w.name().equals(body.name())) {
                    return Response.ok(w).build();
                }
            }
            String id = "w" + widgetIds.incrementAndGet();
            Widget w = new Widget(id, body.name());
            widgets.put(id, w);
            return Response.created(URI.create("/widgets/" + id)).entity(w).build();
        }

        @Override
        public Response getWidget(String id, String ifNoneMatch) {
            Widget w = widgets.get(id);
            if (w == null) {
                throw ApiException.withBody(404, new Problem("no widget " + id, 404, null));
            }
            String etag = id + "-v1";
            if (("\"" + etag + "\"").equals(ifNoneMatch)) {
                return Response.notModified().build();
            }
            return Response.ok(w)
                    .tag(new EntityTag(etag))
                    .header("X-Rate-Remaining", 42)
                    .build();
        }

        @Override
        public Response deleteWidget(String id) {
            if (id.startsWith("slow")) {
                String job = "j" + jobIds.incrementAndGet();
                return Response.status(202)
                        .header("Location", "/jobs/" + job)
                        .entity(new Job(job, JobState.QUEUED))
                        .build();
            }
            if (id.equals("gone")) {
                throw ApiException.notFound("no widget gone");
            }
            widgets.remove(id);
            return Response.noContent().build();
        }

        @Override
        public Response startJob() {
            String job = "j" + jobIds.incrementAndGet();
            return Response.status(202)
                    .header("Location", "/jobs/" + job)
                    .entity(new Job(job, JobState.RUNNING))
                    .build();
        }
    }

    /** The files. */
    public static class Files implements FilesApi {
        @Override
        public StreamingOutput downloadFile(String name, Long size) {
            long n = size == null ? 0 : size;
            if (name.equals("missing")) {
                throw ApiException.withBody(404, new Problem("no file missing", 404, null));
            }
            InputStream in = new GatedStream(n, name.equals("gated") ? 1024 * 1024 : -1);
            return out -> {
                try (in) {
                    byte[] buffer = new byte[16 * 1024];
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
            };
        }

        @Override
        public Response getImage(String id, String ifNoneMatch) {
            if ("\"logo-1\"".equals(ifNoneMatch)) {
                return Response.notModified().build();
            }
            InputStream in = new GatedStream(1024, -1);
            StreamingOutput body = out -> {
                try (in) {
                    in.transferTo(out);
                }
            };
            return Response.ok(body, "image/png")
                    .header("Cache-Control", "max-age=60")
                    .tag(new EntityTag("logo-1"))
                    .build();
        }

        @Override
        public byte[] health() {
            return "ok".getBytes(StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ResourceConfig app = new ResourceConfig()
                .register(ApiFeature.class)
                .register(new Widgets())
                .register(Files.class);
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
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGeneratedClientReadsEveryDocumentedResponseIntoItsType() throws Exception {
        assertThat(ResponsesScenario.run(base)).containsExactlyElementsOf(ResponsesScenario.expected(-1));
    }

    @Test
    void aMultiMegabyteDownloadStreamsToTheClientBeforeTheHandlersStreamEnds() throws Exception {
        assertThat(ResponsesScenario.streaming(base)).containsExactlyElementsOf(ResponsesScenario.streamingExpected());
    }
}
