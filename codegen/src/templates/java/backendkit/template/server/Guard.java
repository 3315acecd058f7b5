package backendkit.template.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Checks security requirements and the rate limit before a route binds anything. Built by the
 * router; thread-safe.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class Guard {

    /**
     * One scheme of a requirement's alternative.
     *
     * @param scheme the scheme's name in the document
     * @param kind {@code http}, {@code apiKey} or {@code other}
     * @param in for apiKey: {@code header}, {@code query} or {@code cookie}
     * @param name for http: the lower-case authentication scheme ({@code bearer}, {@code basic});
     *     for apiKey: the header, query parameter or cookie name
     * @param scopes the scopes required
     */
    public record Need(String scheme, String kind, String in, String name, List<String> scopes) {}

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final String realm;
    private final Set<String> secured = new LinkedHashSet<>();

    Guard(Authenticator authenticator, RateLimiter rateLimiter, String realm) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.realm = realm;
    }

    /**
     * The handler checking {@code alternatives} (OR of ANDs; empty: no security) and the rate limit
     * before calling {@code handler}.
     *
     * @param operationId the operation's id, for the rate limiter and errors
     * @param alternatives the requirement
     * @param handler the route's handler
     * @return the guarded handler
     */
    Route.Handler wrap(String operationId, List<List<Need>> alternatives, Route.Handler handler) {
        boolean required = !alternatives.isEmpty() && alternatives.stream().noneMatch(List::isEmpty);
        if (required) {
            synchronized (secured) {
                secured.add(operationId);
            }
        }
        boolean optional = !required && alternatives.stream().anyMatch(a -> !a.isEmpty());
        if (!required && !optional && rateLimiter == null) {
            return handler;
        }
        return call -> {
            Object principal =
                    required || (optional && authenticator != null) ? authenticate(call, alternatives) : null;
            if (rateLimiter != null) {
                Optional<Duration> wait =
                        rateLimiter.check(operationId, call.exchange().getRemoteAddress(), principal);
                if (wait != null && wait.isPresent()) {
                    Duration d = wait.get();
                    long seconds = Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
                    call.exchange().getResponseHeaders().set("Retry-After", Long.toString(seconds));
                    throw new ApiException(429, "RATE_LIMITED", "too many requests; retry after " + seconds + " s");
                }
            }
            Object previous = SecurityContext.set(principal);
            try {
                handler.handle(call);
            } finally {
                SecurityContext.restore(previous);
            }
        };
    }

    /** The operations that need an authenticator, in registration order. */
    List<String> secured() {
        synchronized (secured) {
            return List.copyOf(secured);
        }
    }

    /**
     * The principal of the first alternative that passes. An empty alternative ({@code {}} in the
     * document) makes credentials optional: the others are tried first, and when none passes the
     * call goes on without a principal.
     */
    private Object authenticate(HttpSupport.Call call, List<List<Need>> alternatives) {
        boolean forbidden = false;
        boolean anonymous = false;
        for (List<Need> alternative : alternatives) {
            if (alternative.isEmpty()) {
                anonymous = true;
                continue;
            }
            Object principal = null;
            boolean passed = true;
            for (Need need : alternative) {
                Authenticator.Credential credential = credential(call, need);
                if (credential == null && !"other".equals(need.kind())) {
                    passed = false;
                    break;
                }
                Authenticator.Decision d = authenticator.authenticate(need.scheme(), credential, need.scopes());
                if (d == null || d.outcome() != Authenticator.Outcome.ALLOW) {
                    forbidden |= d != null && d.outcome() == Authenticator.Outcome.FORBID;
                    passed = false;
                    break;
                }
                if (principal == null) {
                    principal = d.principal();
                }
            }
            if (passed) {
                return principal;
            }
        }
        if (anonymous) {
            return null;
        }
        if (forbidden) {
            throw new ApiException(403, "FORBIDDEN", "the credentials do not permit this operation");
        }
        List<String> challenges = new ArrayList<>();
        for (List<Need> alternative : alternatives) {
            for (Need need : alternative) {
                if ("http".equals(need.kind())) {
                    String c = challenge(need.name());
                    if (!challenges.contains(c)) {
                        challenges.add(c);
                    }
                }
            }
        }
        for (String c : challenges) {
            call.exchange().getResponseHeaders().add("WWW-Authenticate", c);
        }
        throw new ApiException(401, "UNAUTHORIZED", "authentication required");
    }

    private String challenge(String httpScheme) {
        String word =
                httpScheme.isEmpty() ? "Bearer" : Character.toUpperCase(httpScheme.charAt(0)) + httpScheme.substring(1);
        return "basic".equals(httpScheme) ? word + " realm=\"" + realm + "\", charset=\"UTF-8\"" : word;
    }

    private static Authenticator.Credential credential(HttpSupport.Call call, Need need) {
        switch (need.kind()) {
            case "http" -> {
                String header = call.header("Authorization");
                if (header == null) {
                    return null;
                }
                header = header.strip();
                int space = header.indexOf(' ');
                if (space <= 0
                        || !header.substring(0, space).toLowerCase(Locale.ROOT).equals(need.name())) {
                    return null;
                }
                String value = header.substring(space + 1).strip();
                if (value.isEmpty()) {
                    return null;
                }
                if (!"basic".equals(need.name())) {
                    return new Authenticator.BearerToken(value);
                }
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
                int colon = decoded.indexOf(':');
                return colon < 0
                        ? null
                        : new Authenticator.BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
            case "apiKey" -> {
                String value = switch (need.in()) {
                    case "query" -> call.query(need.name());
                    case "cookie" -> call.cookie(need.name());
                    default -> call.header(need.name());
                };
                return value == null || value.isEmpty() ? null : new Authenticator.ApiKey(value);
            }
            default -> {
                return null;
            }
        }
    }
}
