package backendkit.template.server;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.annotation.processing.Generated;

/**
 * Asks the {@link RateLimiter} before every {@link ApiOperation} resource method runs, after {@link
 * ApiSecurityFilter} has authenticated the request (a later priority) and before any parameter or
 * body is read; a refusal is answered 429 {@code RATE_LIMITED} in the error envelope with {@code
 * Retry-After} in whole seconds. The limiter gets no client address (null): Jakarta REST has no
 * portable way to read it. Registered by {@link ApiFeature} when it has a limiter.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiRateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String RETRY_AFTER = ApiRateLimitFilter.class.getName() + ".retryAfter";

    @Context
    private ResourceInfo resource;

    private final RateLimiter rateLimiter;
    /** The operation id of each resource class and method seen; "" for methods that are not operations. */
    private final ConcurrentMap<List<Object>, String> operations = new ConcurrentHashMap<>();

    ApiRateLimitFilter(RateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String operation = operation();
        if (operation == null) {
            return;
        }
        Object principal =
                ApiSecurityFilter.principal(request.getSecurityContext()).orElse(null);
        Optional<Duration> wait = rateLimiter.check(operation, null, principal);
        if (wait != null && wait.isPresent()) {
            Duration d = wait.get();
            long seconds = Math.max(1, d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
            request.setProperty(RETRY_AFTER, Long.toString(seconds));
            throw new ApiException(429, "RATE_LIMITED", "too many requests; retry after " + seconds + " s");
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 429 && request.getProperty(RETRY_AFTER) instanceof String seconds) {
            response.getHeaders().putSingle("Retry-After", seconds);
        }
    }

    private String operation() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass() != null ? resource.getResourceClass() : method.getDeclaringClass();
        String id = operations.computeIfAbsent(List.of(type, method), k -> {
            ApiOperation a = method.getAnnotation(ApiOperation.class);
            if (a == null) {
                a = fromInterfaces(type, method);
            }
            return a == null ? "" : a.value();
        });
        return id.isEmpty() ? null : id;
    }

    private static ApiOperation fromInterfaces(Class<?> type, Method method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                try {
                    ApiOperation a = i.getMethod(method.getName(), method.getParameterTypes())
                            .getAnnotation(ApiOperation.class);
                    if (a != null) {
                        return a;
                    }
                } catch (NoSuchMethodException e) {
                    // not this interface's
                }
                ApiOperation a = fromInterfaces(i, method);
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }
}
