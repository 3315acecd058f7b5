package backendkit.template.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.processing.Generated;

/**
 * One operation's method and path template, compiled to a pattern.
 *
 * @param method the HTTP method, upper case
 * @param template the path template, for example {@code /pets/{petId}}
 * @param pattern the template as a regular expression with one group per parameter
 * @param handler what runs when method and path match
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public record Route(String method, String template, Pattern pattern, Handler handler) {

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles the call: binds and validates input, calls the user's code, writes the response.
         *
         * @param call the request being served
         * @throws IOException when the exchange fails
         */
        void handle(HttpSupport.Call call) throws IOException;
    }

    /** Answers 501 for operations of a tag that has no handler. */
    public static final Handler NOT_IMPLEMENTED = call -> {
        throw new ApiException(501, "NOT_IMPLEMENTED", "operation is not implemented by this server");
    };

    /**
     * The routes in matching order: more literal segments first, then fewer parameters, then by
     * template and method, so {@code /pets/mine} wins over {@code /pets/{id}}.
     */
    public static List<Route> sorted(List<Route> routes) {
        List<Route> copy = new ArrayList<>(routes);
        copy.sort(Comparator.comparingInt((Route r) -> -literalSegments(r.template))
                .thenComparingInt(r -> parameters(r.template))
                .thenComparing(Route::template)
                .thenComparing(Route::method));
        return List.copyOf(copy);
    }

    private static int literalSegments(String template) {
        int n = 0;
        for (String segment : template.split("/")) {
            if (!segment.isEmpty() && !segment.contains("{")) {
                n++;
            }
        }
        return n;
    }

    private static int parameters(String template) {
        return (int) template.chars().filter(c -> c == '{').count();
    }
}
