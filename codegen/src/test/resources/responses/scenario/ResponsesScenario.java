package scenario;

import com.acme.resp.client.ApiClient;
import com.acme.resp.client.ApiClientException;
import com.acme.resp.client.BinaryStream;
import com.acme.resp.client.FilesClient;
import com.acme.resp.client.WidgetsClient;
import com.acme.resp.model.NewWidget;
import com.acme.resp.model.Problem;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the generated client of responses.yaml sees of a server implementing it (ids counted from 1,
 * {@code taken} reserved, {@code slow-*} deleted by a job...), one line per step: the same lines
 * for every server target. Locations are compared by their path: a runtime may make them absolute.
 */
public final class ResponsesScenario {

    /** The size of the big download: several megabytes. */
    public static final long BIG = 6 * 1024 * 1024 + 123;

    private ResponsesScenario() {}

    /**
     * The lines every server must produce.
     *
     * @param bigLength the {@code Content-Length} of the big download: {@link #BIG}, or -1 where the
     *     handler cannot give one (a Jakarta REST {@code StreamingOutput})
     */
    public static List<String> expected(long bigLength) {
        return List.of(
                "create alpha: 201 /widgets/w1 w1 alpha",
                "create alpha again: 200 w1 alpha",
                "create taken: 409 reserved name: taken 409 raw true",
                "get w1: 200 \"w1-v1\" 42 alpha",
                "get w1 if-none-match: 304",
                "get nope: 404 no widget nope 404",
                "delete w1: 204",
                "delete slow-1: 202 /jobs/j1 j1 queued",
                "delete gone: 404 NOT_FOUND errorBody null",
                "start job: 202 /jobs/j2 j2 running",
                "download big: " + bigLength + " application/octet-stream crc true read " + BIG,
                "download chunked: -1 crc true read 100000",
                "download missing: 404 no file missing",
                "image logo: 200 image/png max-age=60 \"logo-1\" crc true",
                "image logo if-none-match: 304",
                "health: ok",
                "async create beta: 201 /widgets/w2",
                "async download: crc true");
    }

    /** Runs the steps against {@code base}. */
    public static List<String> run(URI base) throws Exception {
        List<String> seen = new ArrayList<>();
        try (ApiClient api = ApiClient.create(base)) {
            WidgetsClient widgets = new WidgetsClient(api);
            FilesClient files = new FilesClient(api);

            seen.add("create alpha: " + describe(widgets.createWidget(new NewWidget("alpha"))));
            seen.add("create alpha again: " + describe(widgets.createWidget(new NewWidget("alpha"))));
            try {
                widgets.createWidget(new NewWidget("taken"));
                seen.add("create taken: no error");
            } catch (ApiClientException e) {
                Problem p = e.errorBody(Problem.class);
                seen.add("create taken: " + e.status() + " " + (p == null ? "no problem" : p.title() + " " + p.status())
                        + " raw " + e.body().contains("reserved name"));
            }
            switch (widgets.getWidget("w1", null)) {
                case WidgetsClient.GetWidgetResult.Ok ok -> seen.add(
                        "get w1: " + ok.status() + " " + ok.eTag() + " " + ok.xRateRemaining() + " " + ok.body().name());
                case WidgetsClient.GetWidgetResult.NotModified n -> seen.add("get w1: 304 unexpectedly");
            }
            seen.add("get w1 if-none-match: " + widgets.getWidget("w1", "\"w1-v1\"").status());
            try {
                widgets.getWidget("nope", null);
                seen.add("get nope: no error");
            } catch (ApiClientException e) {
                Problem p = e.errorBody(Problem.class);
                seen.add("get nope: " + e.status() + " " + (p == null ? "no problem" : p.title() + " " + p.status()));
            }
            seen.add("delete w1: " + widgets.deleteWidget("w1").status());
            if (widgets.deleteWidget("slow-1") instanceof WidgetsClient.DeleteWidgetResult.Accepted a) {
                seen.add("delete slow-1: " + a.status() + " " + a.location().getPath() + " " + a.body().id() + " "
                        + a.body().state().value());
            } else {
                seen.add("delete slow-1: not accepted");
            }
            try {
                widgets.deleteWidget("gone");
                seen.add("delete gone: no error");
            } catch (ApiClientException e) {
                seen.add("delete gone: " + e.status() + " " + e.code() + " errorBody " + e.errorBody());
            }
            WidgetsClient.StartJobResult.Accepted job = (WidgetsClient.StartJobResult.Accepted) widgets.startJob();
            seen.add("start job: " + job.status() + " " + job.location().getPath() + " " + job.body().id() + " "
                    + job.body().state().value());

            try (BinaryStream big = files.downloadFile("big", BIG)) {
                long[] crc = GatedStream.crcOf(big.stream(), Long.MAX_VALUE);
                seen.add("download big: " + big.length() + " " + big.contentType() + " crc "
                        + (crc[0] == GatedStream.expectedCrc(BIG)) + " read " + crc[1]);
            }
            try (BinaryStream chunked = files.downloadFile("chunked", 100_000L)) {
                long[] crc = GatedStream.crcOf(chunked.stream(), Long.MAX_VALUE);
                seen.add("download chunked: " + chunked.length() + " crc " + (crc[0] == GatedStream.expectedCrc(100_000))
                        + " read " + crc[1]);
            }
            try (BinaryStream missing = files.downloadFile("missing", null)) {
                seen.add("download missing: no error " + missing.length());
            } catch (ApiClientException e) {
                Problem p = e.errorBody(Problem.class);
                seen.add("download missing: " + e.status() + " " + (p == null ? "no problem " + e.body() : p.title()));
            }
            if (files.getImage("logo", null) instanceof FilesClient.GetImageResult.Ok image) {
                try (InputStream in = image.body().stream()) {
                    long[] crc = GatedStream.crcOf(in, Long.MAX_VALUE);
                    seen.add("image logo: " + image.status() + " " + image.body().contentType() + " "
                            + image.cacheControl() + " " + image.eTag() + " crc "
                            + (crc[0] == GatedStream.expectedCrc(1024) && crc[1] == 1024));
                }
            } else {
                seen.add("image logo: not ok");
            }
            seen.add("image logo if-none-match: " + files.getImage("logo", "\"logo-1\"").status());
            seen.add("health: " + new String(files.health(), StandardCharsets.UTF_8));
            WidgetsClient.CreateWidgetResult beta = widgets.createWidgetAsync(new NewWidget("beta")).get();
            seen.add("async create beta: " + beta.status() + " "
                    + (beta instanceof WidgetsClient.CreateWidgetResult.Created c ? c.location().getPath() : "-"));
            try (BinaryStream async = files.downloadFileAsync("big", 200_000L).get()) {
                long[] crc = GatedStream.crcOf(async.stream(), Long.MAX_VALUE);
                seen.add("async download: crc " + (crc[0] == GatedStream.expectedCrc(200_000) && crc[1] == 200_000));
            }
        }
        return seen;
    }

    private static String describe(WidgetsClient.CreateWidgetResult result) {
        return switch (result) {
            case WidgetsClient.CreateWidgetResult.Created c ->
                c.status() + " " + c.location().getPath() + " " + c.body().id() + " " + c.body().name();
            case WidgetsClient.CreateWidgetResult.Ok o -> o.status() + " " + o.body().id() + " " + o.body().name();
        };
    }

    /**
     * Downloads a body whose stream, on the server, stops after 1 MiB until the test opens the gate:
     * the client must get the first 512 KiB while the handler's stream is held (it is streamed, not
     * buffered; a runtime may still hold a small buffer), then the rest, and the server must close
     * the handler's stream.
     */
    public static List<String> streaming(URI base) throws Exception {
        List<String> seen = new ArrayList<>();
        long half = 512 * 1024;
        GatedStream.shut();
        try (ApiClient api = ApiClient.create(base); BinaryStream body = new FilesClient(api).downloadFile("gated", BIG)) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            byte[] buffer = new byte[8192];
            long total = 0;
            while (total < half) {
                int n = body.stream().read(buffer, 0, (int) Math.min(buffer.length, half - total));
                if (n < 0) {
                    break;
                }
                crc.update(buffer, 0, n);
                total += n;
            }
            GatedStream server = GatedStream.last;
            seen.add("first 512 KiB arrived: " + total + ", handler stream ended: " + server.finished()
                    + ", produced at most 1 MiB: " + (server.produced() <= 1024 * 1024));
            GatedStream.open();
            int n;
            while ((n = body.stream().read(buffer)) >= 0) {
                crc.update(buffer, 0, n);
                total += n;
            }
            seen.add("rest: " + total + " crc " + (crc.getValue() == GatedStream.expectedCrc(BIG)));
            long until = System.nanoTime() + 10_000_000_000L;
            while (!server.closed() && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            seen.add("handler stream closed: " + server.closed());
        } finally {
            GatedStream.open();
        }
        return seen;
    }

    /** The lines of {@link #streaming}. */
    public static List<String> streamingExpected() {
        return List.of(
                "first 512 KiB arrived: 524288, handler stream ended: false, produced at most 1 MiB: true",
                "rest: " + BIG + " crc true",
                "handler stream closed: true");
    }
}
