package io.backendkit.integration.resp;

import com.acme.resp.api.FilesApi;
import com.acme.resp.api.WidgetsApi;
import com.acme.resp.model.Job;
import com.acme.resp.model.JobState;
import com.acme.resp.model.NewWidget;
import com.acme.resp.model.Problem;
import com.acme.resp.model.Widget;
import com.acme.resp.server.ApiException;
import com.acme.resp.server.ApiWebConfiguration;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import scenario.GatedStream;

/** A Spring Boot application serving responses.yaml as the client scenario expects it. */
@SpringBootApplication
@Import(ApiWebConfiguration.class)
public class ResponsesApplication {

    /** The widgets. */
    @RestController
    public static class Widgets implements WidgetsApi {
        private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
        private final AtomicInteger widgetIds = new AtomicInteger();
        private final AtomicInteger jobIds = new AtomicInteger();

        @Override
        public ResponseEntity<Widget> createWidget(NewWidget body) {
            if (body.name().equals("taken")) {
                throw ApiException.withBody(409, new Problem("reserved name: taken", 409, null));
            }
            for (Widget w : widgets.values()) {
                if (w.name().equals(body.name())) {
                    return ResponseEntity.ok(w);
                }
            }
            String id = "w" + widgetIds.incrementAndGet();
            Widget w = new Widget(id, body.name());
            widgets.put(id, w);
            return ResponseEntity.created(URI.create("/widgets/" + id)).body(w);
        }

        @Override
        public ResponseEntity<Widget> getWidget(String id, String ifNoneMatch) {
            Widget w = widgets.get(id);
            if (w == null) {
                throw ApiException.withBody(404, new Problem("no widget " + id, 404, null));
            }
            String etag = "\"" + id + "-v1\"";
            if (etag.equals(ifNoneMatch)) {
                return ResponseEntity.status(304).build();
            }
            return ResponseEntity.ok()
                    .eTag(etag)
                    .header("X-Rate-Remaining", "42")
                    .body(w);
        }

        @Override
        public ResponseEntity<Job> deleteWidget(String id) {
            if (id.startsWith("slow")) {
                String job = "j" + jobIds.incrementAndGet();
                return ResponseEntity.accepted()
                        .location(URI.create("/jobs/" + job))
                        .body(new Job(job, JobState.QUEUED));
            }
            if (id.equals("gone")) {
                throw ApiException.notFound("no widget gone");
            }
            widgets.remove(id);
            return ResponseEntity.noContent().build();
        }

        @Override
        public ResponseEntity<Job> startJob() {
            String job = "j" + jobIds.incrementAndGet();
            return ResponseEntity.accepted()
                    .location(URI.create("/jobs/" + job))
                    .body(new Job(job, JobState.RUNNING));
        }
    }

    /** The files. */
    @RestController
    public static class Files implements FilesApi {
        @Override
        public Resource downloadFile(String name, Long size) {
            long n = size == null ? 0 : size;
            if (name.equals("missing")) {
                throw ApiException.withBody(404, new Problem("no file missing", 404, null));
            }
            InputStream in = new GatedStream(n, name.equals("gated") ? 1024 * 1024 : -1);
            if (name.equals("chunked") || name.equals("gated")) {
                return new InputStreamResource(in);
            }
            // a known length goes out as Content-Length
            return new InputStreamResource(in) {
                @Override
                public long contentLength() {
                    return n;
                }
            };
        }

        @Override
        public ResponseEntity<Resource> getImage(String id, String ifNoneMatch) {
            if ("\"logo-1\"".equals(ifNoneMatch)) {
                return ResponseEntity.status(304).build();
            }
            return ResponseEntity.ok()
                    .contentType(MediaType.IMAGE_PNG)
                    .header(HttpHeaders.CACHE_CONTROL, "max-age=60")
                    .eTag("\"logo-1\"")
                    .body(new InputStreamResource(new GatedStream(1024, -1)));
        }

        @Override
        public byte[] health() {
            return "ok".getBytes(StandardCharsets.UTF_8);
        }
    }
}
