package io.backendkit.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Real HTTP servers on 127.0.0.1 for the tests: the JDK's HttpServer, and a raw socket server for faults. */
final class TestServers {

    private TestServers() {}

    /** A JDK HttpServer on a free port, handling each exchange on a virtual thread. */
    static final class Jdk implements AutoCloseable {
        final HttpServer server;
        final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        Jdk(HttpHandler handler) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", handler);
            server.setExecutor(executor);
            server.start();
        }

        String uri(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void stop() {
            server.stop(0);
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** Replies with a fixed status and body, draining the request body. */
    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        respond(exchange, status, body);
    }

    /** Replies with a fixed status and body; the handler has read (or ignores) the request body. */
    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** What a raw server does with one accepted connection. */
    @FunctionalInterface
    interface ConnectionHandler {
        void handle(Socket socket, InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    /** A raw TCP server: each connection is handed to the handler on its own virtual thread. */
    static final class Raw implements AutoCloseable {
        final ServerSocket server;
        final ConcurrentLinkedQueue<Socket> sockets = new ConcurrentLinkedQueue<>();
        final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor;

        Raw(ConnectionHandler handler) {
            try {
                server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            acceptor = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    Socket s;
                    try {
                        s = server.accept();
                    } catch (IOException e) {
                        return;
                    }
                    connections.incrementAndGet();
                    sockets.add(s);
                    Thread.ofVirtual().start(() -> {
                        try (s) {
                            handler.handle(s, s.getInputStream(), s.getOutputStream());
                        } catch (IOException | InterruptedException e) {
                            // the client went away or the test is over
                        }
                    });
                }
            });
        }

        String uri(String path) {
            return "http://127.0.0.1:" + server.getLocalPort() + path;
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
            for (Socket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
            acceptor.interrupt();
        }
    }

    /** Reads one request head (up to the blank line) plus a Content-Length body; false at end of stream. */
    static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (c < 0) {
            return false;
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                int n = Integer.parseInt(line.substring(15).trim());
                in.readNBytes(n);
            }
        }
        return true;
    }

    /** A port nothing listens on (bound and released). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
