package backendkit.template.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Checks the security requirement of the {@link Secured} operations: reads the credential of each
 * scheme, asks the {@link Authenticator}, and answers 401 (with {@code WWW-Authenticate}) or 403 in
 * the error envelope, never echoing the credential. On success the request's {@link SecurityContext}
 * carries the principal ({@link #principal(SecurityContext)}). Registered by {@link ApiFeature}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Secured
public final class ApiSecurityFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String CHALLENGES = ApiSecurityFilter.class.getName() + ".challenges";

    @Context
    private ResourceInfo resource;

    private final Authenticator authenticator;
    private final String realm;

    ApiSecurityFilter(Authenticator authenticator, String realm) {
        this.authenticator = authenticator;
        this.realm = realm;
    }

    /**
     * The principal the {@link Authenticator} allowed the call with.
     *
     * @param context the request's security context ({@code @Context SecurityContext})
     * @return the principal; empty for calls without one
     */
    public static Optional<Object> principal(SecurityContext context) {
        return context != null && context.getUserPrincipal() instanceof Caller c
                ? Optional.of(c.value())
                : Optional.empty();
    }

    /**
     * The principal of an authenticated call; {@code getName()} is the principal's {@code toString()},
     * or itself when the authenticator returned a {@link Principal}.
     *
     * @param value what the authenticator returned
     */
    public record Caller(Object value) implements Principal {
        @Override
        public String getName() {
            return value instanceof Principal p ? p.getName() : String.valueOf(value);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String operation = operation();
        List<List<ApiSecurity.Need>> alternatives = operation == null ? null : ApiSecurity.requirement(operation);
        if (alternatives == null) {
            // bound but unknown: fail closed
            throw new ApiException(401, "UNAUTHORIZED", "authentication required");
        }
        boolean required = !alternatives.isEmpty() && alternatives.stream().noneMatch(List::isEmpty);
        if (authenticator == null) {
            if (required) {
                throw new ApiException(401, "UNAUTHORIZED", "authentication required");
            }
            return;
        }
        boolean forbidden = false;
        boolean anonymous = false;
        for (List<ApiSecurity.Need> alternative : alternatives) {
            if (alternative.isEmpty()) {
                anonymous = true;
                continue;
            }
            Object principal = null;
            boolean passed = true;
            for (ApiSecurity.Need need : alternative) {
                Authenticator.Credential credential = credential(request, need);
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
                if (principal != null) {
                    request.setSecurityContext(new CallContext(
                            request.getSecurityContext(),
                            new Caller(principal),
                            alternative.get(0).scheme()));
                }
                return;
            }
        }
        if (anonymous) {
            return;
        }
        if (forbidden) {
            throw new ApiException(403, "FORBIDDEN", "the credentials do not permit this operation");
        }
        List<String> challenges = new ArrayList<>();
        for (List<ApiSecurity.Need> alternative : alternatives) {
            for (ApiSecurity.Need need : alternative) {
                if ("http".equals(need.kind())) {
                    String c = challenge(need.name());
                    if (!challenges.contains(c)) {
                        challenges.add(c);
                    }
                }
            }
        }
        request.setProperty(CHALLENGES, List.copyOf(challenges));
        throw new ApiException(401, "UNAUTHORIZED", "authentication required");
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 401 && request.getProperty(CHALLENGES) instanceof List<?> challenges) {
            for (Object c : challenges) {
                response.getHeaders().add("WWW-Authenticate", c);
            }
        }
    }

    private String operation() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Method method = resource.getResourceMethod();
        Secured s = method.getAnnotation(Secured.class);
        if (s == null) {
            s = fromInterfaces(
                    resource.getResourceClass() != null ? resource.getResourceClass() : method.getDeclaringClass(),
                    method);
        }
        return s == null ? null : s.value();
    }

    private static Secured fromInterfaces(Class<?> type, Method method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    Secured s = i.getMethod(method.getName(), method.getParameterTypes())
                            .getAnnotation(Secured.class);
                    if (s != null) {
                        return s;
                    }
                } catch (NoSuchMethodException e) {
                    // not this interface's
                }
                Secured s = fromInterfaces(i, method);
                if (s != null) {
                    return s;
                }
            }
        }
        return null;
    }

    private String challenge(String httpScheme) {
        String word =
                httpScheme.isEmpty() ? "Bearer" : Character.toUpperCase(httpScheme.charAt(0)) + httpScheme.substring(1);
        return "basic".equals(httpScheme) ? word + " realm=\"" + realm + "\", charset=\"UTF-8\"" : word;
    }

    private static Authenticator.Credential credential(ContainerRequestContext request, ApiSecurity.Need need) {
        switch (need.kind()) {
            case "http" -> {
                String header = request.getHeaderString("Authorization");
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
                String value;
                switch (need.in()) {
                    case "query" ->
                        value = request.getUriInfo().getQueryParameters().getFirst(need.name());
                    case "cookie" -> {
                        Cookie c = request.getCookies().get(need.name());
                        value = c == null ? null : c.getValue();
                    }
                    default -> value = request.getHeaderString(need.name());
                }
                return value == null || value.isEmpty() ? null : new Authenticator.ApiKey(value);
            }
            default -> {
                return null;
            }
        }
    }

    /** The security context of an authenticated call. */
    private record CallContext(SecurityContext original, Caller caller, String scheme) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return original != null && original.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return scheme;
        }
    }
}
