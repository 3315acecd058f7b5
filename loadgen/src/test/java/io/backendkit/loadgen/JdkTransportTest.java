package io.backendkit.loadgen;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkTransportTest {

    @Test
    void theJdkClientTransportSendsTheSameRequestsAndClassifiesFailures() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (var server = new TestServers.Jdk(ex -> {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            seen.add(ex.getRequestMethod() + " " + body + " "
                    + ex.getRequestHeaders().getFirst("X-Trace"));
            TestServers.respond(ex, ex.getRequestURI().getPath().equals("/missing") ? 404 : 200, "{\"ok\":true}");
        })) {
            for (HttpTransport transport : new HttpTransport[] {HttpTransport.JDK_HTTP1_1, HttpTransport.JDK_HTTP2}) {
                seen.clear();
                LoadReport r = LoadTest.http()
                        .transport(transport)
                        .post(server.uri("/orders"))
                        .header("X-Trace", "t1")
                        .body("{\"a\":1}")
                        .check(
                                "ok",
                                res -> res.bodyAsString().contains("true")
                                        && res.header("content-type").isEmpty())
                        .get(server.uri("/missing"))
                        .concurrency(3)
                        .requests(300)
                        .progress(ProgressListener.none())
                        .run();
                assertThat(r.settings().transport()).isEqualTo(transport.name());
                assertThat(seen).contains("POST {\"a\":1} t1");
                assertThat(r.endpoint("POST /orders").errors()).isZero();
                assertThat(r.endpoint("GET /missing").errors())
                        .isEqualTo(r.endpoint("GET /missing").requests());
                assertThat(r.errors())
                        .singleElement()
                        .extracting(ErrorStats::kind)
                        .isEqualTo(ErrorKind.HTTP_4XX);
            }
        }
        LoadReport refused = LoadTest.http()
                .transport(HttpTransport.JDK_HTTP1_1)
                .get("http://127.0.0.1:" + TestServers.closedPort() + "/")
                .duration(ofMillis(300))
                .progress(ProgressListener.none())
                .run();
        assertThat(refused.errors())
                .singleElement()
                .extracting(ErrorStats::kind)
                .isEqualTo(ErrorKind.CONNECT_REFUSED);
    }

    @Test
    void httpsTargetsAreLoadedThroughTheJdkClientWithTheGivenTlsContext(@TempDir Path tmp) throws Exception {
        // a self-signed certificate for 127.0.0.1, made with the JDK's keytool
        Path store = tmp.resolve("server.p12");
        char[] password = "changeit".toCharArray();
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "san=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        store.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> TestServers.reply(ex, 200, "secure"));
        server.start();
        try {
            String uri = "https://127.0.0.1:" + server.getAddress().getPort() + "/";
            // https defaults to the JDK client; HTTP/2 is offered through ALPN and falls back to 1.1 here
            for (HttpTransport transport : new HttpTransport[] {null, HttpTransport.JDK_HTTP2}) {
                HttpLoadTest test = LoadTest.http()
                        .get(uri)
                        .check("body", res -> res.bodyAsString().equals("secure"));
                if (transport != null) {
                    test.transport(transport);
                }
                LoadReport r = test.sslContext(tls)
                        .concurrency(2)
                        .requests(50)
                        .progress(ProgressListener.none())
                        .run();
                assertThat(r.total().errors()).as(r.toText()).isZero();
                assertThat(r.total().requests()).isEqualTo(50);
                assertThat(r.settings().transport()).isEqualTo(transport == null ? "JDK_HTTP1_1" : transport.name());
            }
            // without the context the certificate is not trusted: a classified failure, not an exception
            LoadReport untrusted = LoadTest.http()
                    .get(uri)
                    .requests(3)
                    .progress(ProgressListener.none())
                    .run();
            assertThat(untrusted.errors()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.CONNECT_FAILED);
                assertThat(e.firstMessage()).containsIgnoringCase("certification path");
            });
            // loadgen's own transport speaks plain HTTP only, and says so
            assertThatThrownBy(() -> LoadTest.http()
                            .get(uri)
                            .transport(HttpTransport.HTTP1)
                            .requests(1)
                            .run())
                    .isInstanceOf(LoadTestException.class)
                    .hasMessageContaining("HTTP1 speaks plain HTTP only");
        } finally {
            server.stop(0);
        }
    }
}
