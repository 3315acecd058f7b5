package backendkit.template.server;

import java.util.Optional;
import javax.annotation.processing.Generated;

/** The principal of the call being handled on this thread, set by the router around each handler call. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class SecurityContext {

    private static final ThreadLocal<Object> PRINCIPAL = new ThreadLocal<>();

    private SecurityContext() {}

    /**
     * The principal the {@link Authenticator} allowed the current call with (of the first scheme of
     * the passing alternative that gave one).
     *
     * @return the principal; empty outside a call, for operations without security, or when none was given
     */
    public static Optional<Object> principal() {
        return Optional.ofNullable(PRINCIPAL.get());
    }

    static Object set(Object principal) {
        Object previous = PRINCIPAL.get();
        if (principal == null) {
            PRINCIPAL.remove();
        } else {
            PRINCIPAL.set(principal);
        }
        return previous;
    }

    static void restore(Object previous) {
        set(previous);
    }
}
