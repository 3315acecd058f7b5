package respjdk;

import com.acme.resp.api.FilesApi;
import com.acme.resp.api.WidgetsApi;
import com.acme.resp.model.Job;
import com.acme.resp.model.JobState;
import com.acme.resp.model.NewWidget;
import com.acme.resp.model.Problem;
import com.acme.resp.model.Widget;
import com.acme.resp.server.ApiException;
import com.acme.resp.server.ApiRouter;
import com.acme.resp.server.ApiServer;
import com.acme.resp.server.BinaryBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import scenario.GatedStream;

/** The JDK server's implementation of responses.yaml, as the scenario expects it. */
public final class ResponsesJdk implements WidgetsApi, FilesApi {

    private final Map<String, Widget> widgets = new ConcurrentHashMap<>();
    private final AtomicInteger widgetIds = new AtomicInteger();
    private final AtomicInteger jobIds = new AtomicInteger();

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static ApiServer start() throws IOException {
        ResponsesJdk impl = new ResponsesJdk();
        return ApiServer.start(
                ApiRouter.builder().widgets(impl).files(impl).build(), new InetSocketAddress("127.0.0.1", 0));
    }

    @Override
    public CreateWidgetResult createWidget(NewWidget body) {
        if (body.name().equals("taken")) {
            throw ApiException.withBody(409, new Problem("reserved name: taken", 409, null));
        }
        if (body.name().equals("bad-header")) {
            return new CreateWidgetResult.Ok(new Widget("x", "y"), Map.of("X-Bad", List.of("line\r\nInjected: yes")));
        }
        if (body.name().equals("framing")) {
            return new CreateWidgetResult.Ok(new Widget("x", "y"), Map.of("Content-Length", List.of("1")));
        }
        for (Widget w : widgets.values()) {
            if (w.name().equals(body.name())) {
                return CreateWidgetResult.ok(w);
            }
        }
        String id = "w" + widgetIds.incrementAndGet();
        Widget w = new Widget(id, body.name());
        widgets.put(id, w);
        return new CreateWidgetResult.Created(w, URI.create("/widgets/" + id), Map.of("X-Extra", List.of("a", "b")));
    }

    @Override
    public GetWidgetResult getWidget(String id, String ifNoneMatch) {
        Widget w = widgets.get(id);
        if (w == null) {
            throw ApiException.withBody(404, new Problem("no widget " + id, 404, null));
        }
        String etag = "\"" + id + "-v1\"";
        if (etag.equals(ifNoneMatch)) {
            return GetWidgetResult.notModified();
        }
        return GetWidgetResult.ok(w, etag, 42);
    }

    @Override
    public DeleteWidgetResult deleteWidget(String id) {
        if (id.startsWith("slow")) {
            String job = "j" + jobIds.incrementAndGet();
            return DeleteWidgetResult.accepted(new Job(job, JobState.QUEUED), URI.create("/jobs/" + job));
        }
        if (id.equals("gone")) {
            throw ApiException.notFound("no widget gone");
        }
        widgets.remove(id);
        return DeleteWidgetResult.noContent();
    }

    @Override
    public StartJobResult startJob() {
        String job = "j" + jobIds.incrementAndGet();
        return StartJobResult.accepted(new Job(job, JobState.RUNNING), URI.create("/jobs/" + job));
    }

    @Override
    public BinaryBody downloadFile(String name, Long size) {
        long n = size == null ? 0 : size;
        return switch (name) {
            case "missing" -> throw ApiException.withBody(404, new Problem("no file missing", 404, null));
            case "gated" -> BinaryBody.of(new GatedStream(n, 1024 * 1024), n);
            case "chunked" -> BinaryBody.of(new GatedStream(n, -1));
            case "failing" -> BinaryBody.of(new Failing(n));
            default -> BinaryBody.of(new GatedStream(n, -1), n);
        };
    }

    @Override
    public GetImageResult getImage(String id, String ifNoneMatch) {
        if ("\"logo-1\"".equals(ifNoneMatch)) {
            return GetImageResult.notModified();
        }
        return GetImageResult.ok(
                BinaryBody.of(new GatedStream(1024, -1), 1024).withContentType("image/png"), "max-age=60", "\"logo-1\"");
    }

    @Override
    public byte[] health() {
        return "ok".getBytes(StandardCharsets.UTF_8);
    }

    /** A body that breaks off after {@code size} bytes. */
    static final class Failing extends InputStream {
        private final InputStream head;

        Failing(long size) {
            this.head = new ByteArrayInputStream(new byte[(int) size]);
        }

        @Override
        public int read() throws IOException {
            int b = head.read();
            if (b < 0) {
                throw new IOException("the disk went away");
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = head.read(b, off, len);
            if (n < 0) {
                throw new IOException("the disk went away");
            }
            return n;
        }
    }
}
