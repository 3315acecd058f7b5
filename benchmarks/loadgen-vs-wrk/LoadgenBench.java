import io.backendkit.loadgen.HttpTransport;
import io.backendkit.loadgen.LoadReport;
import io.backendkit.loadgen.LoadTest;
import io.backendkit.loadgen.ProgressListener;
import java.time.Duration;

/**
 * One backendkit closed-model run in a fresh JVM: url, connections, seconds, warm-up seconds,
 * transport (http1|jdk). Prints "requests-per-second p50-micros p99-micros errors".
 */
public final class LoadgenBench {
    public static void main(String[] args) {
        LoadReport r = LoadTest.http()
                .get(args[0])
                .transport(args.length > 4 && args[4].equals("jdk") ? HttpTransport.JDK_HTTP1_1 : HttpTransport.HTTP1)
                .concurrency(Integer.parseInt(args[1]))
                .warmUp(Duration.ofSeconds(Long.parseLong(args[3])))
                .duration(Duration.ofSeconds(Long.parseLong(args[2])))
                .progress(ProgressListener.none())
                .run();
        System.out.printf(
                "%.1f %.1f %.1f %d%n",
                r.throughputPerSecond(),
                r.latency().p50().toNanos() / 1000.0,
                r.latency().p99().toNanos() / 1000.0,
                r.total().errors());
    }
}
