package backendkit.template.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Generated;

/** One request the generated clients build: method, path values, query, headers, body. Not thread-safe. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiRequest {

    private final String method;
    private final String template;
    private final Map<String, String> pathValues = new LinkedHashMap<>();
    private final List<String[]> query = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private Object json;
    private boolean hasJson;
    private byte[] bytes;
    private String contentType;
    private String accept;
    private List<List<Need>> security = List.of();
    private Map<Integer, com.fasterxml.jackson.databind.JavaType> errors = Map.of();

    /**
     * One security scheme of a requirement's alternative, as the document describes it.
     *
     * @param scheme the scheme's name in the document
     * @param kind {@code http}, {@code apiKey} or {@code other}
     * @param in for apiKey: {@code header}, {@code query} or {@code cookie}
     * @param name for http: the lower-case authentication scheme ({@code bearer}, {@code basic});
     *     for apiKey: the header, query parameter or cookie name
     */
    public record Need(String scheme, String kind, String in, String name) {}

    /**
     * A request.
     *
     * @param method the HTTP method
     * @param template the path template, for example {@code /pets/{petId}}
     */
    public ApiRequest(String method, String template) {
        this.method = method;
        this.template = template;
    }

    /**
     * The types of the error bodies the document describes, by status (0 for {@code default}); the
     * client reads an error response of such a status into {@link ApiClientException#errorBody()}.
     */
    public ApiRequest errors(Map<Integer, com.fasterxml.jackson.databind.JavaType> types) {
        this.errors = Map.copyOf(types);
        return this;
    }

    /** The documented type of the error body of {@code status} (else of {@code default}), or null. */
    public com.fasterxml.jackson.databind.JavaType errorType(int status) {
        com.fasterxml.jackson.databind.JavaType type = errors.get(status);
        return type != null ? type : errors.get(0);
    }

    /** Sets a path parameter; null is rejected because the path cannot be built without it. */
    public ApiRequest path(String name, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("path parameter '" + name + "' must not be null");
        }
        pathValues.put(name, encode(text(value), true));
        return this;
    }

    /** Sets a path parameter holding a list (comma-separated). */
    public ApiRequest pathList(String name, List<?> values) {
        if (values == null) {
            throw new IllegalArgumentException("path parameter '" + name + "' must not be null");
        }
        List<String> parts = new ArrayList<>();
        values.forEach(v -> parts.add(encode(text(v), true)));
        pathValues.put(name, String.join(",", parts));
        return this;
    }

    /** Adds a query parameter unless the value is null. */
    public ApiRequest query(String name, Object value) {
        if (value != null) {
            query.add(new String[] {name, text(value)});
        }
        return this;
    }

    /** Adds an array query parameter: repeated ({@code explode}) or comma-separated. */
    public ApiRequest queryList(String name, List<?> values, boolean explode) {
        if (values == null) {
            return this;
        }
        if (explode) {
            values.forEach(v -> query.add(new String[] {name, text(v)}));
        } else {
            List<String> parts = new ArrayList<>();
            values.forEach(v -> parts.add(text(v)));
            query.add(new String[] {name, String.join(",", parts)});
        }
        return this;
    }

    /** Adds a header unless the value is null. */
    public ApiRequest header(String name, Object value) {
        if (value != null) {
            headers.add(new String[] {name, text(value)});
        }
        return this;
    }

    /** Adds a header holding a list (comma-separated) unless it is null. */
    public ApiRequest headerList(String name, List<?> values) {
        if (values != null) {
            List<String> parts = new ArrayList<>();
            values.forEach(v -> parts.add(text(v)));
            headers.add(new String[] {name, String.join(",", parts)});
        }
        return this;
    }

    /** Adds a cookie unless the value is null. */
    public ApiRequest cookie(String name, Object value) {
        if (value != null) {
            cookies.add(name + "=" + text(value));
        }
        return this;
    }

    /** Adds a cookie holding a list (comma-separated) unless it is null. */
    public ApiRequest cookieList(String name, List<?> values) {
        if (values != null) {
            List<String> parts = new ArrayList<>();
            values.forEach(v -> parts.add(text(v)));
            cookies.add(name + "=" + String.join(",", parts));
        }
        return this;
    }

    /** Sends {@code value} as JSON unless it is null. */
    public ApiRequest json(Object value, String mediaType) {
        if (value != null) {
            this.json = value;
            this.hasJson = true;
            this.contentType = mediaType;
        }
        return this;
    }

    /** Sends raw bytes unless they are null. */
    public ApiRequest bytes(byte[] value, String mediaType) {
        if (value != null) {
            this.bytes = value;
            this.contentType = mediaType;
        }
        return this;
    }

    /**
     * The operation's security requirement: alternatives (any one suffices), each a list of schemes
     * (all needed). The client sends the credentials of the first alternative it has all of.
     */
    public ApiRequest security(List<List<Need>> alternatives) {
        this.security = List.copyOf(alternatives);
        return this;
    }

    List<List<Need>> securityAlternatives() {
        return security;
    }

    /** The media type asked for in {@code Accept}. */
    public ApiRequest accept(String mediaType) {
        this.accept = mediaType;
        return this;
    }

    String method() {
        return method;
    }

    String template() {
        return template;
    }

    boolean hasJson() {
        return hasJson;
    }

    Object json() {
        return json;
    }

    byte[] bytes() {
        return bytes;
    }

    String contentType() {
        return contentType;
    }

    String acceptType() {
        return accept;
    }

    List<String[]> headers() {
        List<String[]> all = new ArrayList<>(headers);
        if (!cookies.isEmpty()) {
            all.add(new String[] {"Cookie", String.join("; ", cookies)});
        }
        return all;
    }

    /** The path with parameters substituted and the query appended, relative to the base URI. */
    String pathAndQuery() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i) : -1;
            if (close > 0) {
                String name = template.substring(i + 1, close);
                String value = pathValues.get(name);
                if (value == null) {
                    throw new IllegalArgumentException("path parameter '" + name + "' is not set");
                }
                sb.append(value);
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        char separator = '?';
        for (String[] q : query) {
            sb.append(separator).append(encode(q[0], false)).append('=').append(encode(q[1], false));
            separator = '&';
        }
        return sb.toString();
    }

    /** Enums write their JSON value ({@code toString()}); everything else its string form. */
    static String text(Object value) {
        return String.valueOf(value);
    }

    static String encode(String s, boolean pathSegment) {
        String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        return pathSegment ? encoded : encoded.replace("%2C", ",");
    }
}
