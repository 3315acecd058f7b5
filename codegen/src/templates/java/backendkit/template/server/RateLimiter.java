package backendkit.template.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import javax.annotation.processing.Generated;

/**
 * Decides per request whether it may run; pass it to {@code ApiRouter.builder().rateLimiter(...)}.
 * Asked for every operation after authentication and before any binding; a refusal is answered 429
 * {@code RATE_LIMITED} in the error envelope with {@code Retry-After} in whole seconds. Must be
 * thread-safe.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@FunctionalInterface
public interface RateLimiter {

    /**
     * Checks one request.
     *
     * @param operationId the operation's id in the document, else {@code METHOD path}
     * @param remote the client's address
     * @param principal what the authenticator allowed the call with; null for operations without
     *     security or a principal
     * @return empty to allow, else how long the client should wait
     */
    Optional<Duration> check(String operationId, InetSocketAddress remote, Object principal);
}
