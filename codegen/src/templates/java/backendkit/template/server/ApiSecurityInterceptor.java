package backendkit.template.server;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.annotation.processing.Generated;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the security requirement of the {@link ApiSecured} operations before the handler runs:
 * reads the credential of each scheme, asks the {@link Authenticator}, and answers 401 (with {@code
 * WWW-Authenticate}) or 403 in the error envelope, never echoing the credential. The principal is
 * then {@link #principal()}. Registered by {@code ApiWebConfiguration}, before {@link
 * ApiRateLimitInterceptor}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiSecurityInterceptor implements HandlerInterceptor {

    private static final String PRINCIPAL = ApiSecurityInterceptor.class.getName() + ".principal";

    private final Authenticator authenticator;
    private final String realm;

    ApiSecurityInterceptor(Authenticator authenticator, String realm) {
        this.authenticator = authenticator;
        this.realm = realm;
    }

    /**
     * The principal the {@link Authenticator} allowed the current request with.
     *
     * @return the principal; empty outside a request or for calls without one
     */
    public static Optional<Object> principal() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null
                ? Optional.empty()
                : Optional.ofNullable(attributes.getAttribute(PRINCIPAL, RequestAttributes.SCOPE_REQUEST));
    }

    /** The principal of {@code request}, or null. */
    static Object principal(HttpServletRequest request) {
        return request.getAttribute(PRINCIPAL);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ApiSecured secured = method.getMethodAnnotation(ApiSecured.class);
        if (secured == null) {
            return true;
        }
        String operation = secured.value();
        List<List<ApiSecurity.Need>> alternatives = ApiSecurity.requirement(operation);
        if (alternatives == null) {
            // bound but unknown: fail closed
            throw new ApiException(401, "UNAUTHORIZED", "authentication required");
        }
        boolean required = !alternatives.isEmpty() && alternatives.stream().noneMatch(List::isEmpty);
        if (authenticator == null) {
            if (required) {
                throw new ApiException(401, "UNAUTHORIZED", "authentication required");
            }
            return true;
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
                    request.setAttribute(PRINCIPAL, principal);
                }
                return true;
            }
        }
        if (anonymous) {
            return true;
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
        for (String c : challenges) {
            response.addHeader("WWW-Authenticate", c);
        }
        throw new ApiException(401, "UNAUTHORIZED", "authentication required");
    }

    private String challenge(String httpScheme) {
        String word =
                httpScheme.isEmpty() ? "Bearer" : Character.toUpperCase(httpScheme.charAt(0)) + httpScheme.substring(1);
        return "basic".equals(httpScheme) ? word + " realm=\"" + realm + "\", charset=\"UTF-8\"" : word;
    }

    private static Authenticator.Credential credential(HttpServletRequest request, ApiSecurity.Need need) {
        switch (need.kind()) {
            case "http" -> {
                String header = request.getHeader("Authorization");
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
                    case "query" -> value = query(request, need.name());
                    case "cookie" -> value = cookie(request, need.name());
                    default -> value = request.getHeader(need.name());
                }
                return value == null || value.isEmpty() ? null : new Authenticator.ApiKey(value);
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The first value of a query parameter, read from the query string alone: {@code getParameter}
     * would also read a form body (consuming it before the handler, and taking a form field for the
     * query parameter the scheme names).
     */
    private static String query(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8)
                        .equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // a broken escape: not this parameter
            }
        }
        return null;
    }

    private static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }
}
