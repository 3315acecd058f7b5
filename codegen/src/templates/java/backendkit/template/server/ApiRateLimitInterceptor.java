package backendkit.template.server;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.processing.Generated;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Asks the {@link RateLimiter} before every {@link ApiOperation} handler runs, after {@link
 * ApiSecurityInterceptor} has authenticated the request and before any parameter or body is bound;
 * a refusal is answered 429 {@code RATE_LIMITED} in the error envelope with {@code Retry-After} in
 * whole seconds. Registered by {@code ApiWebConfiguration} when there is a {@code RateLimiter} bean.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter rateLimiter;

    ApiRateLimitInterceptor(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        ApiOperation operation = method.getMethodAnnotation(ApiOperation.class);
        if (operation == null) {
            return true;
        }
        Optional<Duration> wait =
                rateLimiter.check(operation.value(), remote(request), ApiSecurityInterceptor.principal(request));
        if (wait != null && wait.isPresent()) {
            Duration d = wait.get();
            long seconds = Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
            response.setHeader("Retry-After", Long.toString(seconds));
            throw new ApiException(429, "RATE_LIMITED", "too many requests; retry after " + seconds + " s");
        }
        return true;
    }

    /** The client's address as the servlet container reports it (an IP literal: no name lookup). */
    private static InetSocketAddress remote(HttpServletRequest request) {
        String host = request.getRemoteAddr();
        if (host == null || host.isEmpty()) {
            return null;
        }
        int port = request.getRemotePort();
        try {
            return new InetSocketAddress(host, port < 0 || port > 65535 ? 0 : port);
        } catch (IllegalArgumentException e) {
            return InetSocketAddress.createUnresolved(host, 0);
        }
    }
}
