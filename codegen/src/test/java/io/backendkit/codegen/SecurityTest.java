package io.backendkit.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GIVEN the security document generated for {@link Target#JDK_HTTP_SERVER} with a client, compiled
 * with a hand-written handler, authenticator and rate limiter WHEN the server runs on 127.0.0.1
 * THEN requests without, with wrong, with insufficient and with right credentials get 401, 403 and
 * 200 in the envelope, and the generated client sends the configured credentials.
 */
class SecurityTest {

    static final Path SPEC = Path.of("src/test/resources/specs/security.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path classes;

    static URLClassLoader loader;
    static Class<?> harness;
    static GeneratedSources sources;
    static AutoCloseable server;
    static URI base;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        sources = OpenApiCodegen.fromSpec(SPEC)
                .basePackage("com.acme.vault")
                .target(Target.JDK_HTTP_SERVER)
                .client(true)
                .generate();
        List<GeneratedFile> files = new ArrayList<>(sources.files());
        files.add(new GeneratedFile(
                "harness/SecurityHarness.java",
                Files.readString(Path.of("src/test/resources/harness/SecurityHarness.java"))));
        JavaSourceCompiler.Result compiled = JavaSourceCompiler.compile(files, classes);
        assertThat(compiled.errors()).as("compile errors").isEmpty();
        assertThat(compiled.warnings()).as("compile warnings").isEmpty();
        loader = compiled.classLoader();
        harness = Class.forName("harness.SecurityHarness", true, loader);
        server = (AutoCloseable) harness.getMethod("start").invoke(null);
        int port = (int) server.getClass().getMethod("port").invoke(server);
        base = URI.create("http://127.0.0.1:" + port);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (loader != null) {
            loader.close();
        }
        if (http != null) {
            http.close();
        }
    }

    record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
        String code() {
            return json.path("error").path("code").asText();
        }

        String text() {
            return json.path("data").path("text").asText();
        }

        List<String> challenges() {
            return raw.headers().allValues("WWW-Authenticate");
        }
    }

    static Reply get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    static Reply send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        return new Reply(r.statusCode(), json, r.body(), r);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithTheChallengesOfTheHttpSchemes() throws Exception {
        Reply bearer = get("/default");
        assertThat(bearer.status()).isEqualTo(401);
        assertThat(bearer.code()).isEqualTo("UNAUTHORIZED");
        assertThat(bearer.challenges()).containsExactly("Bearer");

        Reply basic = get("/basic");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.challenges()).containsExactly("Basic realm=\"vault\", charset=\"UTF-8\"");

        Reply keys = get("/keys");
        assertThat(keys.status()).isEqualTo(401);
        assertThat(keys.challenges()).containsExactly("Bearer");

        Reply body = send("POST", "/admin", "{not json");
        assertThat(body.status()).as("checked before the body is read").isEqualTo(401);
    }

    @Test
    void wrongCredentialsAre401AndNeverEchoed() throws Exception {
        List<Reply> replies = List.of(
                get("/default", "Authorization", "Bearer wrong-token-123"),
                get("/default", "Authorization", "Basic d3Jvbmc6d3Jvbmc="),
                get("/basic", "Authorization", basic("bob", "wrong-password-123")),
                get("/keys", "X-API-Key", "wrong-key-123"),
                get("/keys?api_key=wrong-key-456"),
                get("/keys", "Cookie", "session=wrong-key-789"),
                get("/basic", "Authorization", "Basic !!!not-base64"));
        for (Reply r : replies) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.code()).isEqualTo("UNAUTHORIZED");
            assertThat(r.body()).doesNotContain("wrong", "bob", "d3Jvbmc", "not-base64");
            assertThat(r.raw().headers().map().toString()).doesNotContain("wrong", "d3Jvbmc");
        }
    }

    @Test
    void insufficientScopeIs403() throws Exception {
        Reply r = send("POST", "/admin", "{\"text\": \"x\"}", "Authorization", "Bearer good-read");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("FORBIDDEN");
        assertThat(r.body()).doesNotContain("good-read");

        Reply admin = send("POST", "/admin", "{\"text\": \"x\"}", "Authorization", "Bearer good-admin");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.text()).isEqualTo("admin:root");
    }

    @Test
    void rightCredentialsReachTheHandlerWithThePrincipal() throws Exception {
        assertThat(get("/default", "Authorization", "Bearer good-read").text()).isEqualTo("default:alice");
        assertThat(get("/default", "Authorization", "bearer good-read").text())
                .as("the scheme word is case-insensitive")
                .isEqualTo("default:alice");
        assertThat(get("/basic", "Authorization", basic("bob", "s3cret:x")).text())
                .as("the password may contain a colon")
                .isEqualTo("basic:bob");
        assertThat(get("/keys", "X-API-Key", "k-header").text()).isEqualTo("keys:headerKey");
        assertThat(get("/keys?note=a&api_key=k-query").text()).isEqualTo("keys:queryKey");
        assertThat(get("/keys", "Cookie", "theme=dark; session=k-cookie").text())
                .isEqualTo("keys/dark:cookieKey");
        assertThat(get("/keys", "Authorization", "Bearer good-read").text()).isEqualTo("keys:alice");
        assertThat(get("/oauth", "Authorization", "Bearer oauth-token").text()).isEqualTo("oauth:oauth-user");
        Reply pub = get("/public");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.text()).as("security: [] overrides the root default").isEqualTo("public:-");
    }

    @Test
    void anEmptyAlternativeMakesCredentialsOptional() throws Exception {
        assertThat(get("/maybe").text()).isEqualTo("maybe:-");
        assertThat(get("/maybe", "Authorization", "Bearer good-read").text()).isEqualTo("maybe:alice");
        assertThat(get("/maybe", "Authorization", "Bearer wrong").text()).isEqualTo("maybe:-");
    }

    @Test
    void anAndRequirementNeedsEveryScheme() throws Exception {
        assertThat(get("/both", "Authorization", "Bearer good-read").status()).isEqualTo(401);
        assertThat(get("/both", "X-API-Key", "k-header").status()).isEqualTo(401);
        Reply both = get("/both", "Authorization", "Bearer good-read", "X-API-Key", "k-header");
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.text()).as("the first scheme's principal").isEqualTo("both:alice");
    }

    @Test
    void theRateLimiterAnswers429WithRetryAfter() throws Exception {
        Reply r = get("/default", "Authorization", "Bearer limited-token");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("RATE_LIMITED");
        assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("2");
        assertThat(r.body()).doesNotContain("limited-token");
        Reply other = get("/keys", "Authorization", "Bearer limited-token");
        assertThat(other.status()).as("the limiter sees the operation id").isEqualTo(200);
        assertThat(other.text()).isEqualTo("keys:limited");
    }

    @Test
    void aRouterWithoutAuthenticatorFailsToBuildNamingTheSecuredOperations() throws Exception {
        String message = (String) harness.getMethod("buildWithoutAuthenticator").invoke(null);
        assertThat(message)
                .contains("authenticator")
                .contains("getDefault", "postAdmin", "getBasic", "getKeys", "getBoth", "getOauth")
                .doesNotContain("getPublic", "getMaybe");
    }

    @Test
    void theGeneratedClientSendsTheConfiguredCredentials() throws Exception {
        @SuppressWarnings("unchecked")
        List<String> out =
                (List<String>) harness.getMethod("clientScenario", URI.class).invoke(null, base);
        assertThat(out)
                .containsExactly(
                        "default:alice",
                        "basic:bob",
                        "keys:headerKey",
                        "both:alice",
                        "public:-",
                        "maybe:alice",
                        "admin 403",
                        "keys:queryKey",
                        "default 401",
                        "keys/dark:cookieKey",
                        "null token 401",
                        "public:-",
                        "basic 401 [Basic realm=\"vault\", charset=\"UTF-8\"]",
                        "limited 429 RATE_LIMITED PT2S");
    }

    @Test
    void unknownSchemesAndOauthAreReportedWithTheirPointers() {
        assertThat(sources.findings()).anySatisfy(f -> assertThat(f.toString()).contains("SECURITY_SCHEME_AS_BEARER"));
        GeneratedSources unknown = OpenApiCodegen.fromSpec(Path.of("src/test/resources/specs/security-unknown.yaml"))
                .basePackage("com.acme.unknown")
                .target(Target.JDK_HTTP_SERVER)
                .generate();
        assertThat(unknown.findings())
                .anySatisfy(f -> assertThat(f.toString())
                        .contains("SECURITY_SCHEME_UNKNOWN")
                        .contains("#/paths/~1x/get/security/0/missing"));
    }
}
