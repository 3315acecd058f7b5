package backendkit.template.server;

import java.util.List;

/**
 * Compile-time stand-in for the {@code ApiSecurity} class the emitters generate from the document's security
 * requirements; only its shape matters here. It is compiled with the templates and never emitted.
 */
public final class ApiSecurity {

    private ApiSecurity() {}

    /**
     * The requirement of an operation.
     *
     * @param operationId the operation's id
     * @return its alternatives; null when the operation is not secured
     */
    public static List<List<Need>> requirement(String operationId) {
        return null;
    }

    /**
     * The operations that need credentials.
     *
     * @return their ids
     */
    public static List<String> secured() {
        return List.of();
    }

    /**
     * One scheme of a requirement's alternative.
     *
     * @param scheme the scheme's name in the document
     * @param kind {@code http}, {@code apiKey} or {@code other}
     * @param in for apiKey: {@code header}, {@code query} or {@code cookie}
     * @param name for http: the lower-case authentication scheme; for apiKey: the header, query parameter or cookie
     *     name
     * @param scopes the scopes required
     */
    public record Need(String scheme, String kind, String in, String name, List<String> scopes) {}
}
