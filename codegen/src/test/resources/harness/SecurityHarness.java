package harness;

import com.acme.vault.api.VaultApi;
import com.acme.vault.client.ApiClient;
import com.acme.vault.client.ApiClientException;
import com.acme.vault.client.VaultClient;
import com.acme.vault.model.Echo;
import com.acme.vault.server.ApiRouter;
import com.acme.vault.server.ApiServer;
import com.acme.vault.server.Authenticator;
import com.acme.vault.server.SecurityContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The security document's handler, authenticator and rate limiter, and a client scenario. */
public final class SecurityHarness implements VaultApi {

    private static Echo principal(String op) {
        return new Echo(op + ":" + SecurityContext.principal().map(String::valueOf).orElse("-"));
    }

    @Override
    public Echo getPublic() {
        return principal("public");
    }

    @Override
    public Echo getDefault() {
        return principal("default");
    }

    @Override
    public Echo postAdmin(Echo body) {
        return principal("admin");
    }

    @Override
    public Echo getBasic() {
        return principal("basic");
    }

    @Override
    public Echo getKeys(String note, String theme) {
        return principal(theme == null ? "keys" : "keys/" + theme);
    }

    @Override
    public Echo getBoth() {
        return principal("both");
    }

    @Override
    public Echo getMaybe() {
        return principal("maybe");
    }

    @Override
    public Echo getOauth() {
        return principal("oauth");
    }

    static Authenticator.Decision authenticate(String scheme, Authenticator.Credential credential, List<String> scopes) {
        switch (credential) {
            case Authenticator.BearerToken t when scheme.equals("bearerAuth") -> {
                return switch (t.token()) {
                    case "good-admin" -> Authenticator.Decision.allow("root");
                    case "limited-token" -> Authenticator.Decision.allow("limited");
                    case "good-read" -> List.of("read").containsAll(scopes)
                            ? Authenticator.Decision.allow("alice")
                            : Authenticator.Decision.forbid();
                    default -> Authenticator.Decision.deny();
                };
            }
            case Authenticator.BearerToken t when scheme.equals("oauth") -> {
                return t.token().equals("oauth-token") && scopes.equals(List.of("pets:read"))
                        ? Authenticator.Decision.allow("oauth-user")
                        : Authenticator.Decision.deny();
            }
            case Authenticator.BasicCredentials b when scheme.equals("basicAuth") -> {
                return b.user().equals("bob") && b.password().equals("s3cret:x")
                        ? Authenticator.Decision.allow("bob")
                        : Authenticator.Decision.deny();
            }
            case Authenticator.ApiKey k -> {
                String expected = switch (scheme) {
                    case "headerKey" -> "k-header";
                    case "queryKey" -> "k-query";
                    case "cookieKey" -> "k-cookie";
                    default -> null;
                };
                return k.value().equals(expected) ? Authenticator.Decision.allow(scheme) : Authenticator.Decision.deny();
            }
            case null, default -> {
                return Authenticator.Decision.deny();
            }
        }
    }

    /** Starts the server on an ephemeral port of 127.0.0.1. */
    public static ApiServer start() throws IOException {
        ApiRouter router = ApiRouter.builder()
                .vault(new SecurityHarness())
                .authenticator(SecurityHarness::authenticate)
                .rateLimiter((operationId, remote, principal) -> "limited".equals(principal)
                                && operationId.equals("getDefault")
                                && remote.getAddress().isLoopbackAddress()
                        ? Optional.of(Duration.ofMillis(1500))
                        : Optional.empty())
                .realm("vault")
                .build();
        return ApiServer.start(router, new InetSocketAddress("127.0.0.1", 0));
    }

    /** Builds a router without an authenticator and returns the failure's message. */
    public static String buildWithoutAuthenticator() {
        try {
            ApiRouter.builder().vault(new SecurityHarness()).build();
            return "built";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** Calls through the generated client with and without credentials. */
    public static List<String> clientScenario(URI base) {
        List<String> out = new ArrayList<>();
        try (ApiClient api = ApiClient.builder(base)
                .bearerToken("bearerAuth", () -> "good-read")
                .basic("basicAuth", "bob", () -> "s3cret:x")
                .apiKey("headerKey", () -> "k-header")
                .apiKey("cookieKey", () -> "k-cookie")
                .build()) {
            VaultClient vault = new VaultClient(api);
            out.add(vault.getDefault().text());
            out.add(vault.getBasic().text());
            out.add(vault.getKeys("n", null).text());
            out.add(vault.getBoth().text());
            out.add(vault.getPublic().text());
            out.add(vault.getMaybe().text());
            try {
                vault.postAdmin(new Echo("x"));
                out.add("admin allowed");
            } catch (ApiClientException e) {
                out.add("admin " + e.status());
            }
        }
        try (ApiClient api = ApiClient.builder(base).apiKey("queryKey", () -> "k-query").build()) {
            VaultClient vault = new VaultClient(api);
            out.add(vault.getKeys("n", null).text());
            try {
                vault.getDefault();
                out.add("default allowed");
            } catch (ApiClientException e) {
                out.add("default " + e.status());
            }
        }
        try (ApiClient api = ApiClient.builder(base).apiKey("cookieKey", () -> "k-cookie").build()) {
            out.add(new VaultClient(api).getKeys(null, "dark").text());
        }
        try (ApiClient api = ApiClient.builder(base).bearerToken("bearerAuth", () -> null).build()) {
            try {
                new VaultClient(api).getDefault();
                out.add("default allowed");
            } catch (ApiClientException e) {
                out.add("null token " + e.status());
            }
        }
        try (ApiClient api = ApiClient.builder(base).build()) {
            VaultClient vault = new VaultClient(api);
            out.add(vault.getPublic().text());
            try {
                vault.getBasic();
                out.add("basic allowed");
            } catch (ApiClientException e) {
                out.add("basic " + e.status() + " " + e.challenges());
            }
        }
        try (ApiClient api = ApiClient.builder(base).bearerToken("bearerAuth", () -> "limited-token").build()) {
            try {
                new VaultClient(api).getDefault();
                out.add("limited allowed");
            } catch (ApiClientException e) {
                out.add("limited " + e.status() + " " + e.code() + " " + e.retryAfter().orElse(null));
            }
        }
        return out;
    }
}
