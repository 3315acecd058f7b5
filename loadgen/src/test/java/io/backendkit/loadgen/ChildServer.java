package io.backendkit.loadgen;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server for tests that need more sockets than one process may hold: it listens on a free
 * port of 127.0.0.1, answers every request after {@code args[0]} milliseconds, prints its port on
 * the first line of standard output, and stops when standard input closes. With {@code args[1]} = N
 * it holds every answer until requests have arrived on N distinct connections (at most 120 s), so
 * that N clients are connected at the same moment however slowly a busy machine starts them.
 */
public final class ChildServer {

    private ChildServer() {}

    public static void main(String[] args) throws IOException {
        long delayMillis = Long.parseLong(args[0]);
        int holdUntilConnections = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        CountDownLatch connected = new CountDownLatch(holdUntilConnections);
        Set<Integer> ports = ConcurrentHashMap.newKeySet();
        byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                if (ports.add(exchange.getRemoteAddress().getPort())) {
                    connected.countDown();
                }
                connected.await(120, TimeUnit.SECONDS);
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, ok.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ok);
            }
        });
        server.start();
        System.out.println(server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes our standard input (or dies)
        }
        server.stop(0);
        executor.close();
    }
}
