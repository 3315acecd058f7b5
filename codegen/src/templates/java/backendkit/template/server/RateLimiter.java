package backendkit.template.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Decides per request whether it may run. Give it to the generated server: {@code
 * ApiRouter.builder().rateLimiter(...)} on the JDK target, a {@code RateLimiter} bean on Spring MVC
 * ({@code ApiWebConfiguration} registers {@code ApiRateLimitInterceptor}), {@code new
 * ApiFeature(authenticator).rateLimiter(...)} on Jakarta REST ({@code ApiRateLimitFilter}); without
 * one nothing is limited. Asked once for every operation, after authentication (a request the
 * {@link Authenticator} refuses is answered 401 or 403 and never reaches the limiter) and before any
 * parameter or body is bound; a refusal is answered 429 {@code RATE_LIMITED} in the error envelope
 * with {@code Retry-After} in whole seconds (rounded up, at least 1). Must be thread-safe.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@FunctionalInterface
public interface RateLimiter {

    /**
     * Checks one request.
     *
     * @param operationId the operation's id in the document, else {@code METHOD path}
     * @param remote the client's address; null on Jakarta REST, which has no portable way to read it
     * @param principal what the authenticator allowed the call with; null for operations without
     *     security or a principal
     * @return empty to allow, else how long the client should wait
     */
    Optional<Duration> check(String operationId, InetSocketAddress remote, Object principal);
}
