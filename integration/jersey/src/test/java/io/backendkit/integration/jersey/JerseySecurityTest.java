package io.backendkit.integration.jersey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.vault.api.VaultApi;
import com.acme.vault.client.ApiClient;
import com.acme.vault.client.ApiClientException;
import com.acme.vault.client.VaultClient;
import com.acme.vault.model.Echo;
import com.acme.vault.server.ApiFeature;
import com.acme.vault.server.ApiSecurityFilter;
import com.acme.vault.server.Authenticator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GIVEN the security document generated for JAKARTA_REST and served by Jersey with an {@link
 * Authenticator} WHEN raw HTTP requests carry no, wrong, insufficient or right credentials THEN the
 * name-bound filter answers 401 with the challenge, 401, 403 or lets the handler run with the
 * principal, and no response echoes the credential.
 */
class JerseySecurityTest {

    static final String READ_TOKEN = "tok-read-5f1e9a";
    static final String ADMIN_TOKEN = "tok-admin-77c2d0";
    static final String WRONG_TOKEN = "tok-wrong-31b8aa";
    static final String API_KEY = "key-0a9b8c7d";
    static final String PASSWORD = "pw-s3cr3t-x";
    static final String LIMITED_TOKEN = "tok-limited-9d3e41";

    /** What the rate limiter was asked: operation id, principal, client address ("-" when null). */
    static final List<String> ASKED = new CopyOnWriteArrayList<>();

    /** Whether the limiter refuses the open operation too. */
    static volatile boolean closePublic;

    static SeBootstrap.Instance server;
    static URI base;
    static HttpClient http;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Answers with the principal's name, or "anonymous". */
    public static class Vault implements VaultApi {

        @Context
        SecurityContext security;

        private Echo who() {
            return new Echo(
                    ApiSecurityFilter.principal(security).map(String::valueOf).orElse("anonymous"));
        }

        @Override
        public Echo getPublic() {
            return who();
        }

        @Override
        public Echo getDefault() {
            return who();
        }

        @Override
        public Echo postAdmin(Echo body) {
            return new Echo(who().text() + ":" + body.text());
        }

        @Override
        public Echo getBasic() {
            return who();
        }

        @Override
        public Echo getKeys(String note, String theme) {
            return who();
        }

        @Override
        public Echo getBoth() {
            return who();
        }

        @Override
        public Echo getMaybe() {
            return who();
        }

        @Override
        public Echo getOauth() {
            return who();
        }
    }

    /**
     * Refuses the principal "limited" on getDefault and postAdmin (1.5 s: Retry-After 2), and
     * getPublic for everyone while {@link #closePublic} is set (7 s); records every question.
     */
    static Optional<Duration> limit(String operationId, InetSocketAddress remote, Object principal) {
        ASKED.add(operationId + " " + principal + " "
                + (remote == null ? "-" : remote.getAddress().getHostAddress()));
        if ("limited".equals(principal) && (operationId.equals("getDefault") || operationId.equals("postAdmin"))) {
            return Optional.of(Duration.ofMillis(1500));
        }
        if (closePublic && operationId.equals("getPublic")) {
            return Optional.of(Duration.ofSeconds(7));
        }
        return Optional.empty();
    }

    /** Bearer tokens with scopes, one basic user, one API key. */
    static Authenticator.Decision decide(String scheme, Authenticator.Credential credential, List<String> scopes) {
        return switch (credential) {
            case Authenticator.BearerToken t
            when t.token().equals(ADMIN_TOKEN) -> Authenticator.Decision.allow("admin");
            case Authenticator.BearerToken t
            when t.token().equals(LIMITED_TOKEN) -> Authenticator.Decision.allow("limited");
            case Authenticator.BearerToken t
            when t.token().equals(READ_TOKEN) ->
                Set.of("read").containsAll(scopes)
                        ? Authenticator.Decision.allow("reader")
                        : Authenticator.Decision.forbid();
            case Authenticator.BasicCredentials b
            when b.user().equals("alice") && b.password().equals(PASSWORD) -> Authenticator.Decision.allow("alice");
            case Authenticator.ApiKey k when k.value().equals(API_KEY) -> Authenticator.Decision.allow("key:" + scheme);
            case null, default -> Authenticator.Decision.deny();
        };
    }

    @BeforeAll
    static void start() throws Exception {
        ResourceConfig app = new ResourceConfig()
                .register(new ApiFeature(JerseySecurityTest::decide, "vault").rateLimiter(JerseySecurityTest::limit))
                .register(Vault.class);
        server = SeBootstrap.start(
                        app,
                        SeBootstrap.Configuration.builder()
                                .protocol("HTTP")
                                .host("127.0.0.1")
                                .port(0)
                                .rootPath("/")
                                .build())
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        base = URI.create("http://127.0.0.1:" + server.configuration().port());
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String text(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).at("/data/text").asText();
    }

    static void error(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        noSecretIn(r);
    }

    static void noSecretIn(HttpResponse<String> r) {
        String all = r.body() + r.headers().map();
        for (String secret : List.of(READ_TOKEN, ADMIN_TOKEN, WRONG_TOKEN, API_KEY, PASSWORD, LIMITED_TOKEN)) {
            assertThat(all).doesNotContain(secret);
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noCredentialsAnswer401WithTheChallenge() throws Exception {
        HttpResponse<String> r = send("GET", "/default", null);
        error(r, 401, "UNAUTHORIZED");
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Bearer");
        HttpResponse<String> basic = send("GET", "/basic", null);
        error(basic, 401, "UNAUTHORIZED");
        assertThat(basic.headers().allValues("WWW-Authenticate"))
                .containsExactly("Basic realm=\"vault\", charset=\"UTF-8\"");
    }

    @Test
    void wrongCredentialsAnswer401() throws Exception {
        error(send("GET", "/default", null, "Authorization", "Bearer " + WRONG_TOKEN), 401, "UNAUTHORIZED");
        error(send("GET", "/basic", null, "Authorization", basic("alice", WRONG_TOKEN)), 401, "UNAUTHORIZED");
        error(send("GET", "/keys", null, "X-API-Key", WRONG_TOKEN), 401, "UNAUTHORIZED");
        // a bearer token where basic is required is no credential for it
        error(send("GET", "/basic", null, "Authorization", "Bearer " + ADMIN_TOKEN), 401, "UNAUTHORIZED");
    }

    @Test
    void insufficientScopeAnswers403() throws Exception {
        error(send("POST", "/admin", "{\"text\":\"hi\"}", "Authorization", "Bearer " + READ_TOKEN), 403, "FORBIDDEN");
    }

    @Test
    void rightCredentialsReachTheHandlerWithThePrincipal() throws Exception {
        assertThat(text(send("GET", "/default", null, "Authorization", "Bearer " + READ_TOKEN)))
                .isEqualTo("reader");
        assertThat(text(send("POST", "/admin", "{\"text\":\"hi\"}", "Authorization", "Bearer " + ADMIN_TOKEN)))
                .isEqualTo("admin:hi");
        assertThat(text(send("GET", "/basic", null, "Authorization", basic("alice", PASSWORD))))
                .isEqualTo("alice");
        assertThat(text(send("GET", "/keys", null, "X-API-Key", API_KEY))).isEqualTo("key:headerKey");
        assertThat(text(send("GET", "/keys?api_key=" + API_KEY, null))).isEqualTo("key:queryKey");
        assertThat(text(send("GET", "/keys", null, "Cookie", "session=" + API_KEY)))
                .isEqualTo("key:cookieKey");
        assertThat(text(send("GET", "/oauth", null, "Authorization", "Bearer " + ADMIN_TOKEN)))
                .isEqualTo("admin");
        HttpResponse<String> ok = send("GET", "/default", null, "Authorization", "Bearer " + READ_TOKEN);
        noSecretIn(ok);
    }

    @Test
    void everySchemeOfAnAlternativeMustPass() throws Exception {
        error(send("GET", "/both", null, "Authorization", "Bearer " + READ_TOKEN), 401, "UNAUTHORIZED");
        assertThat(text(send("GET", "/both", null, "Authorization", "Bearer " + READ_TOKEN, "X-API-Key", API_KEY)))
                .isEqualTo("reader");
    }

    @Test
    void openAndOptionalOperationsNeedNoCredentials() throws Exception {
        assertThat(text(send("GET", "/public", null))).isEqualTo("anonymous");
        assertThat(text(send("GET", "/maybe", null))).isEqualTo("anonymous");
        assertThat(text(send("GET", "/maybe", null, "Authorization", "Bearer " + ADMIN_TOKEN)))
                .isEqualTo("admin");
    }

    @Test
    void withoutAnAuthenticatorRegistrationFailsNamingTheSecuredOperations() {
        ResourceConfig app = new ResourceConfig().register(ApiFeature.class).register(Vault.class);
        assertThatThrownBy(() -> new ApplicationHandler(app))
                .hasStackTraceContaining("no authenticator")
                .hasStackTraceContaining("postAdmin");
    }

    @Test
    void theRateLimiterAnswers429WithRetryAfterAfterAuthenticationAndBeforeBinding() throws Exception {
        HttpResponse<String> limited = send("GET", "/default", null, "Authorization", "Bearer " + LIMITED_TOKEN);
        error(limited, 429, "RATE_LIMITED");
        assertThat(limited.headers().allValues("Retry-After")).containsExactly("2");
        // the limiter sees the operation id: another operation passes
        assertThat(text(send("GET", "/keys", null, "Authorization", "Bearer " + LIMITED_TOKEN)))
                .isEqualTo("limited");
        // asked before the body is read: a malformed body is not reached
        error(send("POST", "/admin", "{not json", "Authorization", "Bearer " + LIMITED_TOKEN), 429, "RATE_LIMITED");
        error(send("POST", "/admin", "{not json", "Authorization", "Bearer " + ADMIN_TOKEN), 400, "MALFORMED_JSON");
        ASKED.clear();
        // asked after authentication: refused credentials never reach it
        error(send("GET", "/default", null), 401, "UNAUTHORIZED");
        error(send("POST", "/admin", "{\"text\":\"hi\"}", "Authorization", "Bearer " + READ_TOKEN), 403, "FORBIDDEN");
        assertThat(ASKED).isEmpty();
        // asked for open operations too, without a principal
        assertThat(text(send("GET", "/public", null))).isEqualTo("anonymous");
        assertThat(text(send("GET", "/maybe", null, "Authorization", "Bearer " + ADMIN_TOKEN)))
                .isEqualTo("admin");
        assertThat(ASKED).containsExactly("getPublic null -", "getMaybe admin -");
        closePublic = true;
        try {
            HttpResponse<String> closed = send("GET", "/public", null);
            error(closed, 429, "RATE_LIMITED");
            assertThat(closed.headers().allValues("Retry-After")).containsExactly("7");
        } finally {
            closePublic = false;
        }
    }

    @Test
    void theGeneratedClientSendsEachConfiguredCredential() {
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> READ_TOKEN)
                .build()) {
            assertThat(new VaultClient(api).getDefault().text()).isEqualTo("reader");
        }
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> ADMIN_TOKEN)
                .build()) {
            assertThat(new VaultClient(api).postAdmin(new Echo("hi")).text()).isEqualTo("admin:hi");
        }
        try (ApiClient api = ApiClient.builder(base)
                .basic("basicAuth", "alice", () -> PASSWORD)
                .build()) {
            assertThat(new VaultClient(api).getBasic().text()).isEqualTo("alice");
        }
        try (ApiClient api =
                ApiClient.builder(base).apiKey("headerKey", () -> API_KEY).build()) {
            assertThat(new VaultClient(api).getKeys("n", null).text()).isEqualTo("key:headerKey");
        }
        try (ApiClient api =
                ApiClient.builder(base).apiKey("queryKey", () -> API_KEY).build()) {
            assertThat(new VaultClient(api).getKeys("n", null).text()).isEqualTo("key:queryKey");
        }
        // the key cookie joins the operation's own cookie parameter
        try (ApiClient api =
                ApiClient.builder(base).apiKey("cookieKey", () -> API_KEY).build()) {
            assertThat(new VaultClient(api).getKeys(null, "dark").text()).isEqualTo("key:cookieKey");
        }
        // both schemes of an AND requirement
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> READ_TOKEN)
                .apiKey("headerKey", () -> API_KEY)
                .build()) {
            assertThat(new VaultClient(api).getBoth().text()).isEqualTo("reader");
        }
    }

    @Test
    void theGeneratedClientExposesTheChallengeTheRefusalAndTheRetryAfter() {
        try (ApiClient api = ApiClient.create(base)) {
            VaultClient vault = new VaultClient(api);
            assertThat(vault.getPublic().text()).isEqualTo("anonymous");
            assertThatThrownBy(vault::getDefault).isInstanceOfSatisfying(ApiClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo("UNAUTHORIZED");
                assertThat(e.challenges()).containsExactly("Bearer");
                assertThat(e.retryAfter()).isEmpty();
            });
            assertThatThrownBy(vault::getBasic).isInstanceOfSatisfying(ApiClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.challenges()).containsExactly("Basic realm=\"vault\", charset=\"UTF-8\"");
            });
        }
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> WRONG_TOKEN)
                .build()) {
            assertThatThrownBy(new VaultClient(api)::getDefault).isInstanceOfSatisfying(ApiClientException.class, e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.getMessage()).doesNotContain(WRONG_TOKEN);
            });
        }
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> READ_TOKEN)
                .build()) {
            assertThatThrownBy(() -> new VaultClient(api).postAdmin(new Echo("x")))
                    .isInstanceOfSatisfying(ApiClientException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("FORBIDDEN");
                        assertThat(e.challenges()).isEmpty();
                    });
        }
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> LIMITED_TOKEN)
                .build()) {
            VaultClient vault = new VaultClient(api);
            assertThatThrownBy(vault::getDefault).isInstanceOfSatisfying(ApiClientException.class, e -> {
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.code()).isEqualTo("RATE_LIMITED");
                assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(2));
            });
            assertThat(vault.getKeys(null, null).text()).isEqualTo("limited");
        }
    }
}
