import io.backendkit.loadgen.HttpLoadTest;
import io.backendkit.loadgen.HttpTransport;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One backendkit run in a fresh JVM: url, connections, seconds, warm-up seconds, transport (http1|jdk),
 * and optionally an open-model rate and schedule tolerance in microseconds ("open RATE [TOLERANCE_US]",
 * tolerance 0 unless given). Closed model: prints "requests-per-second p50-micros
 * p99-micros errors". Open model: the warm-up is a separate run first, then the measured run, and it
 * prints "requests-per-second p50-micros p99-micros errors cpu-seconds lag-p99-micros dropped", where
 * cpu-seconds is this process's user+system time over the measured run only, read from /proc/self/stat.
 */
public final class LoadgenBench {
    public static void main(String[] args) throws IOException {
        String url = args[0];
        int connections = Integer.parseInt(args[1]);
        Duration seconds = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args[3]));
        HttpTransport transport = args.length > 4 && args[4].equals("jdk") ? HttpTransport.JDK_HTTP1_1 : HttpTransport.HTTP1;
        if (args.length > 6 && args[5].equals("open")) {
            double rate = Double.parseDouble(args[6]);
            Duration tolerance = Duration.ofNanos(args.length > 7 ? Long.parseLong(args[7]) * 1000 : 0);
            open(url, connections, rate, transport, tolerance).duration(warmUp).run();
            long before = cpuTicks();
            LoadReport r = open(url, connections, rate, transport, tolerance).duration(seconds).run();
            double cpu = (cpuTicks() - before) / 100.0; // USER_HZ is 100 on Linux
            System.out.printf(
                    "%.1f %.1f %.1f %d %.2f %.1f %d%n",
                    r.throughputPerSecond(),
                    r.latency().p50().toNanos() / 1000.0,
                    r.latency().p99().toNanos() / 1000.0,
                    r.total().errors(),
                    cpu,
                    r.scheduleLag().p99().toNanos() / 1000.0,
                    r.total().dropped());
            return;
        }
        LoadReport r = LoadTest.http()
                .get(url)
                .transport(transport)
                .concurrency(connections)
                .warmUp(warmUp)
                .duration(seconds)
                .progress(ProgressListener.none())
                .run();
        System.out.printf(
                "%.1f %.1f %.1f %d%n",
                r.throughputPerSecond(),
                r.latency().p50().toNanos() / 1000.0,
                r.latency().p99().toNanos() / 1000.0,
                r.total().errors());
    }

    private static HttpLoadTest open(
            String url, int connections, double rate, HttpTransport transport, Duration tolerance) {
        return LoadTest.http()
                .get(url)
                .transport(transport)
                .arrivalRate(rate)
                .scheduleTolerance(tolerance)
                .maxInFlight(connections)
                .connections(connections)
                .progress(ProgressListener.none());
    }

    /** utime + stime of this process in clock ticks (fields 14 and 15 of /proc/self/stat). */
    private static long cpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
