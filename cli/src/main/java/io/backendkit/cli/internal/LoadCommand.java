package io.backendkit.cli.internal;

import io.backendkit.loadgen.ErrorKind;
import io.backendkit.loadgen.ErrorStats;
import io.backendkit.loadgen.HistogramLogs;
import io.backendkit.loadgen.HttpEndpoint;
import io.backendkit.loadgen.HttpLoadTest;
import io.backendkit.loadgen.LoadComparison;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.Progress;
import io.backendkit.loadgen.ProgressListener;
import io.backendkit.loadgen.RegressionThresholds;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backendkit load}: an HTTP load test from the shell. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load-test an HTTP target and print a report (closed model by default, open model with --rate).",
        subcommands = {LoadCommand.Merge.class, LoadCommand.K8sJob.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  backendkit load http://127.0.0.1:8080/ --concurrency 50 --duration 30s --threshold 'p99<500ms'",
            "  backendkit load http://127.0.0.1:8080/users --users 50 --requests 1000",
            "  backendkit load --endpoint 'GET http://127.0.0.1:8080/a weight=9' --endpoint 'POST http://127.0.0.1:8080/b'"
                    + " --header 'Authorization: Bearer T' --body '{}' --rate 200 --duration 1m",
            "  backendkit load http://127.0.0.1:8080/ --format html --save report.html --compare http://127.0.0.1:8081/",
            "  backendkit load http://127.0.0.1:8080/ --rate 3000 --shard 0/3 --start-at 2026-12-02T10:00:00Z"
                    + " --hlog shard-0.hlog"
        })
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "The target (GET unless --method says otherwise).")
    String url;

    @Option(
            names = "--endpoint",
            paramLabel = "'METHOD URL [weight=N] [body=@FILE]'",
            description = "An endpoint; repeat for several, weighted. --header and --body apply to all.")
    List<String> endpoints = new ArrayList<>();

    @Option(
            names = {"-X", "--method"},
            defaultValue = "GET",
            description = "Method for URL (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "'NAME: VALUE'",
            description = "A header on every request.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--body", description = "Request body text.")
    String body;

    @Option(names = "--body-file", description = "Request body from a file.")
    Path bodyFile;

    @Option(
            names = {"-c", "--concurrency", "--users"},
            paramLabel = "N",
            description = "Closed model: virtual users, each sending its next request when the last one ended.")
    Integer concurrency;

    @Option(
            names = "--rate",
            paramLabel = "PER_SECOND",
            description = "Open model: requests started per second on a schedule, whatever the latency.")
    Double rate;

    @Option(names = "--max-in-flight", description = "Open model: cap on requests in flight.")
    Integer maxInFlight;

    @Option(
            names = {"-d", "--duration"},
            converter = DurationParser.class,
            description = "How long to measure (30s, 5m).")
    Duration duration;

    @Option(
            names = {"-n", "--requests"},
            description = "Stop after this many requests instead of a duration.")
    Long requests;

    @Option(names = "--warm-up", converter = DurationParser.class, description = "Unmeasured warm-up before measuring.")
    Duration warmUp;

    @Option(
            names = "--ramp-up",
            converter = DurationParser.class,
            description = "Closed model: time to start all users.")
    Duration rampUp;

    @Option(names = "--timeout", converter = DurationParser.class, description = "Per-request timeout (default 10s).")
    Duration timeout;

    @Option(
            names = "--threshold",
            paramLabel = "EXPR",
            description = "Fail (exit 1) unless it holds: 'p99<200ms', 'p95<=1s', 'errors<1%%', 'rps>1000'.")
    List<String> thresholds = new ArrayList<>();

    @Option(names = "--compare", paramLabel = "URL2", description = "Run the same load against URL2 and compare.")
    String compareUrl;

    @Option(names = "--baseline", paramLabel = "FILE", description = "Compare with a saved JSON report.")
    Path baseline;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the report there instead of to stdout.")
    Path save;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write an HdrHistogram interval log (for merge).")
    Path hlog;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Run shard I (from 0, as JOB_COMPLETION_INDEX) of N: its share of the rate or the users.")
    String shard;

    @Option(
            names = "--start-at",
            paramLabel = "INSTANT",
            description = "Start at this time (ISO-8601, e.g. 2026-12-02T10:00:00Z), so that shards start together.")
    String startAt;

    @Option(names = "--name", description = "The run's name in the report.")
    String name;

    @Option(names = "--quiet", description = "No progress display.")
    boolean quiet;

    /** The report formats. */
    public enum Format {
        text,
        json,
        html
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Thresholds limits = Thresholds.parse(thresholds);
        Shard s = Shard.parse(shard);
        validate(s);
        if (startAt != null) {
            waitUntil(startAt);
        }
        LoadReport report = run(null, s, hlog, err);
        int code = ExitCodes.OK;
        LoadComparison comparison = null;
        if (compareUrl != null) {
            LoadReport other = run(uri(compareUrl, "--compare"), s, null, err);
            comparison = other.compareWith(report, RegressionThresholds.defaults());
            writeReport(out, other, save == null ? null : sibling(save, "compare"));
        } else if (baseline != null) {
            if (!Files.isReadable(baseline)) {
                throw new Failures.UsageException("--baseline " + baseline + ": no such readable file");
            }
            comparison = report.compareWith(LoadReport.readJson(baseline), RegressionThresholds.defaults());
        }
        writeReport(out, report, save);
        if (comparison != null) {
            out.println(comparison.toText());
            if (comparison.hasRegression()) {
                code = ExitCodes.CHECK_FAILED;
            }
        }
        code = Math.max(code, checkThresholds(limits, report, out));
        if (!report.passed()) {
            out.println("expectations failed");
            code = Math.max(code, ExitCodes.CHECK_FAILED);
        }
        out.flush();
        if (unreachable(report)) {
            err.println("backendkit: " + targetUrl() + ": unreachable, no request got a response (" + firstError(report)
                    + ")");
            return ExitCodes.UNREACHABLE;
        }
        return code;
    }

    static int checkThresholds(Thresholds limits, LoadReport report, PrintWriter out) {
        int code = ExitCodes.OK;
        for (Thresholds.Outcome o : limits.evaluate(report)) {
            out.println((o.passed() ? "PASS " : "FAIL ") + "threshold "
                    + o.threshold().text() + " (actual " + o.actual() + ")");
            if (!o.passed()) {
                code = ExitCodes.CHECK_FAILED;
            }
        }
        return code;
    }

    private void validate(Shard s) {
        if (url == null && endpoints.isEmpty()) {
            throw new Failures.UsageException("load: give a URL or at least one --endpoint");
        }
        if (url != null && !endpoints.isEmpty()) {
            throw new Failures.UsageException("load: give either a URL or --endpoint options, not both");
        }
        if (concurrency != null && rate != null) {
            throw new Failures.UsageException(
                    "load: --concurrency/--users (closed model) and --rate (open model)" + " exclude each other");
        }
        if (duration != null && requests != null) {
            throw new Failures.UsageException("load: --duration and --requests exclude each other");
        }
        if (body != null && bodyFile != null) {
            throw new Failures.UsageException("load: --body and --body-file exclude each other");
        }
        if (bodyFile != null && !Files.isReadable(bodyFile)) {
            throw new Failures.UsageException("--body-file " + bodyFile + ": no such readable file");
        }
        if (s != null && concurrency != null && concurrency < s.count()) {
            throw new Failures.UsageException(
                    "--shard " + shard + ": " + concurrency + " users cannot be split into " + s.count() + " shards");
        }
    }

    private URI targetUrl() {
        String first = url != null ? url : endpoints.get(0).trim().split("\\s+")[1];
        return uri(first, url != null ? "URL" : "--endpoint");
    }

    /** Runs the configured load; with {@code otherBase}, against that URL (its scheme, host and port for endpoints). */
    private LoadReport run(URI otherBase, Shard s, Path log, PrintWriter err) {
        HttpLoadTest test = LoadTest.http();
        if (url != null) {
            addEndpoint(test, method, otherBase != null ? otherBase : uri(url, "URL"), 1, null);
        } else {
            for (String e : endpoints) {
                addEndpoint(test, e, otherBase);
            }
        }
        test.name(name != null ? name : (s == null ? "load" : "load-shard-" + s.index()));
        if (rate != null) {
            test.arrivalRate(s == null ? rate : rate / s.count());
            if (maxInFlight != null) {
                test.maxInFlight(maxInFlight);
            }
        } else {
            int users = concurrency == null ? 10 : concurrency;
            test.concurrency(s == null ? users : s.share(users));
        }
        if (requests != null) {
            test.requests(s == null ? requests : s.share(requests));
        } else {
            test.duration(duration == null ? Duration.ofSeconds(10) : duration);
        }
        if (warmUp != null) {
            test.warmUp(warmUp);
        }
        if (rampUp != null) {
            test.rampUp(rampUp);
        }
        if (timeout != null) {
            test.requestTimeout(timeout);
        }
        if (log != null) {
            test.histogramLog(log);
        }
        test.progress(quiet ? p -> {} : progress(err));
        return test.run();
    }

    private void addEndpoint(HttpLoadTest test, String spec, URI otherBase) {
        String[] parts = spec.trim().split("\\s+");
        if (parts.length < 2) {
            throw new Failures.UsageException(
                    "--endpoint '" + spec + "': expected 'METHOD URL [weight=N] [body=@FILE]'");
        }
        int weight = 1;
        Path file = null;
        for (int i = 2; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("weight=")) {
                try {
                    weight = Integer.parseInt(p.substring(7));
                } catch (NumberFormatException e) {
                    throw new Failures.UsageException("--endpoint '" + spec + "': weight must be a whole number");
                }
            } else if (p.startsWith("body=@")) {
                file = Path.of(p.substring(6));
                if (!Files.isReadable(file)) {
                    throw new Failures.UsageException("--endpoint '" + spec + "': no such readable file " + file);
                }
            } else {
                throw new Failures.UsageException(
                        "--endpoint '" + spec + "': unknown part '" + p + "' (weight=N or body=@FILE)");
            }
        }
        URI target = uri(parts[1], "--endpoint");
        if (otherBase != null) {
            target = URI.create(otherBase.getScheme() + "://" + otherBase.getRawAuthority()
                    + (target.getRawPath() == null ? "" : target.getRawPath())
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        }
        addEndpoint(test, parts[0], target, weight, file);
    }

    private void addEndpoint(HttpLoadTest test, String m, URI target, int weight, Path endpointBody) {
        HttpEndpoint.Builder e =
                HttpEndpoint.request(m.toUpperCase(Locale.ROOT), target).weight(weight);
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new Failures.UsageException("--header '" + h + "': expected 'NAME: VALUE'");
            }
            e.header(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        if (endpointBody != null) {
            e.body(endpointBody);
        } else if (bodyFile != null) {
            e.body(bodyFile);
        } else if (body != null) {
            e.body(body);
        }
        test.endpoint(e.build());
    }

    private static URI uri(String text, String where) {
        try {
            URI u = URI.create(text);
            if (u.getScheme() == null
                    || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                throw new Failures.UsageException(where + " " + text + ": expected an http:// or https:// URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Failures.UsageException(where + " " + text + ": not a URL (" + e.getMessage() + ")");
        }
    }

    private void writeReport(PrintWriter out, LoadReport report, Path file) {
        String text = switch (format) {
            case text -> report.toText();
            case json -> report.toJson();
            case html -> report.toHtml();
        };
        if (file == null) {
            out.println(format == Format.text ? text : text.strip());
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Failures.UsageException("--save " + file + ": cannot write (" + e.getMessage() + ")");
        }
        if (format != Format.text) {
            out.println(report.toText());
        }
        out.println("report written to " + file);
    }

    private static Path sibling(Path file, String suffix) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String s = dot < 0 ? n + "-" + suffix : n.substring(0, dot) + "-" + suffix + n.substring(dot);
        return file.resolveSibling(s);
    }

    private static final Set<ErrorKind> CONNECT =
            EnumSet.of(ErrorKind.CONNECT_REFUSED, ErrorKind.CONNECT_TIMEOUT, ErrorKind.CONNECT_FAILED);

    static boolean unreachable(LoadReport report) {
        return Thresholds.responses(report) == 0
                && !report.errors().isEmpty()
                && report.errors().stream().allMatch(e -> CONNECT.contains(e.kind()));
    }

    private static String firstError(LoadReport report) {
        ErrorStats e = report.errors().get(0);
        return e.kind() + ": " + e.firstMessage();
    }

    private static void waitUntil(String instant) {
        Instant at;
        try {
            at = Instant.parse(instant);
        } catch (DateTimeParseException e) {
            throw new Failures.UsageException(
                    "--start-at " + instant + ": expected an ISO-8601 instant such as" + " 2026-12-02T10:00:00Z");
        }
        long waitMillis = Duration.between(Instant.now(), at).toMillis();
        if (waitMillis > Duration.ofHours(1).toMillis()) {
            throw new Failures.UsageException("--start-at " + instant + ": more than an hour away");
        }
        if (waitMillis > 0) {
            try {
                Thread.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A live line on a terminal, one log line per interval otherwise. */
    static ProgressListener progress(PrintWriter err) {
        if (System.console() == null) {
            return ProgressListener.logging();
        }
        return (Progress p) -> {
            String line = p.warmingUp()
                    ? String.format(
                            Locale.ROOT,
                            "warming up %ds: %d requests",
                            p.elapsed().toSeconds(),
                            p.warmUpRequests())
                    : String.format(
                            Locale.ROOT,
                            "%4ds  %8.0f req/s  p99 %s  %d errors  %d requests",
                            p.elapsed().toSeconds(),
                            p.interval().throughputPerSecond(),
                            Thresholds.format(Duration.ofNanos(p.interval().p99Nanos())),
                            p.errors(),
                            p.requests());
            err.print("\r\u001b[2K" + line);
            err.flush();
        };
    }

    /** Shard I of N. */
    record Shard(int index, int count) {

        static Shard parse(String text) {
            if (text == null) {
                return null;
            }
            String[] p = text.split("/");
            try {
                if (p.length == 2) {
                    int i = Integer.parseInt(p[0].trim());
                    int n = Integer.parseInt(p[1].trim());
                    if (n >= 1 && i >= 0 && i < n) {
                        return new Shard(i, n);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new Failures.UsageException("--shard " + text + ": expected I/N with 0 <= I < N, e.g. 0/4");
        }

        int share(int total) {
            return total / count + (index < total % count ? 1 : 0);
        }

        long share(long total) {
            return total / count + (index < total % count ? 1 : 0);
        }
    }

    /** {@code backendkit load merge}: the exact combined report of several shards' interval logs. */
    @Command(
            name = "merge",
            mixinStandardHelpOptions = true,
            description = "Merge HdrHistogram interval logs of several shards into one exact report.",
            footerHeading = "%nExample:%n",
            footer = "  backendkit load merge shard-*.hlog --threshold 'p99<200ms' --format html --save report.html")
    public static final class Merge implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "LOG", description = "Interval logs written with --hlog.")
        List<Path> logs;

        @Option(names = "--threshold", paramLabel = "EXPR", description = "As for load.")
        List<String> thresholds = new ArrayList<>();

        @Option(names = "--format", defaultValue = "text", description = "text, json or html.")
        Format format;

        @Option(names = "--save", paramLabel = "FILE", description = "Write the report there.")
        Path save;

        @Override
        public Integer call() {
            for (Path p : logs) {
                if (!Files.isReadable(p)) {
                    throw new Failures.UsageException(p + ": no such readable log");
                }
            }
            Thresholds limits = Thresholds.parse(thresholds);
            LoadReport merged = HistogramLogs.merge(logs);
            LoadCommand printer = new LoadCommand();
            printer.format = format;
            PrintWriter out = spec.commandLine().getOut();
            printer.writeReport(out, merged, save);
            int code = checkThresholds(limits, merged, out);
            out.flush();
            return code;
        }
    }

    /** {@code backendkit load k8s-job}: a Kubernetes Indexed Job that runs the shards, then merges their logs. */
    @Command(
            name = "k8s-job",
            mixinStandardHelpOptions = true,
            description = "Print a Kubernetes Indexed Job manifest that runs N shards of a load test and merges them.",
            footerHeading = "%nExample:%n",
            footer = "  backendkit load k8s-job --shards 4 --image registry.example/backendkit:0.1 -- "
                    + "http://orders:8080/ --rate 4000 --duration 5m --threshold 'p99<200ms' | kubectl apply -f -")
    public static final class K8sJob implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--shards", required = true, description = "Number of shards (pods).")
        int shards;

        @Option(names = "--image", required = true, description = "A container image with the backendkit command.")
        String image;

        @Option(
                names = "--name",
                defaultValue = "backendkit-load",
                description = "Job name (default: ${DEFAULT-VALUE}).")
        String jobName;

        @Option(
                names = "--start-delay",
                converter = DurationParser.class,
                defaultValue = "60s",
                description =
                        "Shards start together this long after the manifest is printed (default: ${DEFAULT-VALUE}).")
        Duration startDelay;

        @Parameters(arity = "1..*", paramLabel = "LOAD_ARGS", description = "The arguments of backendkit load.")
        List<String> loadArgs;

        @Override
        public Integer call() {
            if (shards < 1 || shards > 1000) {
                throw new Failures.UsageException("--shards " + shards + ": must be between 1 and 1000");
            }
            if (!jobName.matches("[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?")) {
                throw new Failures.UsageException("--name " + jobName + ": must be a DNS label (a-z, 0-9, -)");
            }
            String start = Instant.now()
                    .plus(startDelay)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString();
            spec.commandLine().getOut().print(K8sManifest.render(jobName, image, shards, start, loadArgs));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
