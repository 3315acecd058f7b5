package backendkit.template.server;

import backendkit.template.model.ApiJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Jakarta REST support of the generated resource interfaces: register it with the application
 * ({@code new ResourceConfig().register(ApiFeature.class)} on Jersey, or return it from {@code
 * Application.getClasses()}). Registers the exception mappers of {@link ApiExceptionMappers}, which
 * render every error in the error envelope; {@link ApiResponseFilter}, which writes success bodies
 * as the JDK server target does; {@link ApiParamConverters}, which read enum and date parameters by
 * their API values; {@code ApiFormReader} (when the document has form bodies), which binds forms to
 * their records; and the models' Jackson mapper ({@code ApiJson.newMapper()}) for the JSON
 * provider of the runtime (Jersey's {@code jersey-media-json-jackson}) to read request bodies with.
 * Bean Validation of parameters and bodies needs the runtime's validation integration ({@code
 * jersey-bean-validation}). When the document secures operations, {@link ApiSecurityFilter} checks
 * them with the {@link Authenticator} given to {@link #ApiFeature(Authenticator)}; registering the
 * feature without one then fails, naming the secured operations. A {@link RateLimiter} given to
 * {@link #rateLimiter(RateLimiter)} is asked by {@link ApiRateLimitFilter} for every operation, after
 * authentication.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public class ApiFeature implements Feature {

    private final Authenticator authenticator;
    private final String realm;
    private final RateLimiter rateLimiter;

    /** Created by the runtime or by the application; only for documents that secure no operation. */
    public ApiFeature() {
        this(null, "api");
    }

    /**
     * A feature checking the secured operations with {@code authenticator}.
     *
     * @param authenticator decides on the credentials
     */
    public ApiFeature(Authenticator authenticator) {
        this(authenticator, "api");
    }

    /**
     * A feature checking the secured operations with {@code authenticator}.
     *
     * @param authenticator decides on the credentials; null only when no operation is secured
     * @param realm the realm of the {@code Basic} challenge
     */
    public ApiFeature(Authenticator authenticator, String realm) {
        this(authenticator, realm == null || realm.isBlank() ? "api" : realm.replace("\"", "'"), null);
    }

    private ApiFeature(Authenticator authenticator, String realm, RateLimiter rateLimiter) {
        this.authenticator = authenticator;
        this.realm = realm;
        this.rateLimiter = rateLimiter;
    }

    /**
     * This feature with a rate limit: {@code limiter} is asked for every operation after
     * authentication and before binding; a refusal is answered 429 with {@code Retry-After}.
     *
     * @param limiter decides whether a call may run
     * @return a new feature with the same authenticator and realm
     */
    public ApiFeature rateLimiter(RateLimiter limiter) {
        return new ApiFeature(authenticator, realm, Objects.requireNonNull(limiter, "limiter"));
    }

    @Override
    public boolean configure(FeatureContext context) {
        if (authenticator == null && !ApiSecurity.secured().isEmpty()) {
            throw new IllegalStateException(
                    "no authenticator: register new ApiFeature(authenticator) for the secured operations "
                            + ApiSecurity.secured());
        }
        context.register(new ApiSecurityFilter(authenticator, realm), Priorities.AUTHENTICATION);
        if (rateLimiter != null) {
            // after the security filter, whose principal it passes on; before authorization and binding
            context.register(new ApiRateLimitFilter(rateLimiter), Priorities.AUTHENTICATION + 100);
        }
        // a high priority: the JSON provider's own mappers (Jersey's for JsonParseException and
        // JsonMappingException) are as close to the exception and would otherwise answer in plain text
        for (Class<?> mapper : List.of(
                ApiExceptionMappers.Api.class,
                ApiExceptionMappers.InvalidCall.class,
                ApiExceptionMappers.UnreadableJson.class,
                ApiExceptionMappers.UnparsableJson.class,
                ApiExceptionMappers.MalformedJson.class,
                ApiExceptionMappers.Unprocessable.class,
                ApiExceptionMappers.Web.class,
                ApiExceptionMappers.Failure.class)) {
            context.register(mapper, Priorities.USER - 100);
        }
        context.register(ApiResponseFilter.class);
        context.register(ApiParamConverters.class);
        /*$forms*/ {
            context.register(ApiFormReader.class);
        }
        context.register(Mapper.class);
        return true;
    }

    /** The models' Jackson mapper for the runtime's JSON provider. */
    public static final class Mapper implements ContextResolver<ObjectMapper> {

        private final ObjectMapper mapper = ApiJson.newMapper();

        /** Created by the runtime. */
        public Mapper() {}

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }
}
