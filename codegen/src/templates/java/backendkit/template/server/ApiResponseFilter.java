package backendkit.template.server;

import backendkit.template.model.ApiJson;
import backendkit.template.model.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Writes the success responses of the generated interfaces' handlers as the JDK server target does:
 * the status of {@link ApiStatus}; JSON bodies with the models' mapper in the envelope {@code
 * {"data": ..., "meta": {"requestId", "timestamp"}}} (generated with envelope ${envelope}), pages as
 * {@code data} plus {@code pagination} (without the envelope: the items, and the pagination as JSON
 * in the {@code X-Pagination} header), JSON strings quoted; and {@code X-Request-Id}. Applies only to
 * resources that implement an interface of {@code backendkit.template.api}; bodies that are not JSON are left
 * alone.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public class ApiResponseFilter implements ContainerResponseFilter {

    private static final boolean ENVELOPE = /*$envelope*/ false;
    private static final String API_PACKAGE = /*$apiPackage*/ "backendkit.template.api";

    private final ObjectMapper mapper = ApiJson.newMapper();

    @Context
    private ResourceInfo resource;

    /** Created by the runtime. */
    public ApiResponseFilter() {}

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Method method = resource == null ? null : resource.getResourceMethod();
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (method == null || type == null || !implementsApi(type)) {
            return;
        }
        String requestId = response.getHeaderString("X-Request-Id");
        if (requestId == null) {
            requestId = requestId(request.getHeaderString("X-Request-Id"));
            response.getHeaders().putSingle("X-Request-Id", requestId);
        }
        if (response.getStatus() >= 300) {
            return;
        }
        ApiStatus status = status(type, method);
        if (status != null && (response.getStatus() == 200 || response.getStatus() == 204)) {
            response.setStatus(status.value());
        }
        Object body = response.getEntity();
        MediaType media = response.getMediaType();
        boolean json = media == null
                ? body != null && !(body instanceof byte[])
                : media.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                        || (media.getSubtype() != null && media.getSubtype().endsWith("+json"));
        if (!json || body == null || body instanceof byte[] || body instanceof jakarta.ws.rs.core.StreamingOutput) {
            return;
        }
        Object value = body;
        if (body instanceof Page<?> page) {
            if (ENVELOPE) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("data", page.items());
                root.put("meta", meta(requestId));
                root.put("pagination", page.pagination());
                value = root;
            } else {
                response.getHeaders()
                        .putSingle(
                                "X-Pagination",
                                new String(write(page.pagination()), java.nio.charset.StandardCharsets.UTF_8));
                value = page.items();
            }
        } else if (ENVELOPE) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("data", body);
            root.put("meta", meta(requestId));
            value = root;
        }
        response.setEntity(
                write(value), response.getEntityAnnotations(), media == null ? MediaType.APPLICATION_JSON_TYPE : media);
    }

    private static boolean implementsApi(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getPackageName().equals(API_PACKAGE) || implementsApi(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@link ApiStatus} of the method or of the interface method it implements. */
    private static ApiStatus status(Class<?> type, Method method) {
        ApiStatus own = method.getAnnotation(ApiStatus.class);
        if (own != null) {
            return own;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            ApiStatus found = fromInterfaces(c, method);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static ApiStatus fromInterfaces(Class<?> type, Method method) {
        for (Class<?> i : type.getInterfaces()) {
            try {
                ApiStatus s = i.getMethod(method.getName(), method.getParameterTypes())
                        .getAnnotation(ApiStatus.class);
                if (s != null) {
                    return s;
                }
            } catch (NoSuchMethodException e) {
                // not declared here
            }
            ApiStatus s = fromInterfaces(i, method);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response body as JSON", e);
        }
    }

    /** The {@code meta} object of an envelope. */
    static Map<String, Object> meta(String requestId) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("requestId", requestId);
        meta.put("timestamp", Instant.now().toString());
        return meta;
    }

    /** The caller's {@code X-Request-Id} when it is short and plain, otherwise a new one. */
    static String requestId(String given) {
        if (given != null && given.length() <= 128 && given.matches("[A-Za-z0-9._:-]+")) {
            return given;
        }
        return UUID.randomUUID().toString();
    }
}
