package backendkit.template.server;

import backendkit.template.model.ApiJson;
import backendkit.template.model.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.Generated;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Writes the success bodies of the generated interfaces' handlers as the JDK server target does:
 * in the envelope {@code {"data": ..., "meta": {"requestId", "timestamp"}}} (generated with envelope
 * ${envelope}), pages as {@code data} plus {@code pagination} (without the envelope: the items, and
 * the pagination as JSON in the {@code X-Pagination} header), and JSON strings quoted. Applies only
 * to controllers that implement an interface of {@code backendkit.template.api}; bodies that are not JSON are
 * left alone.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@RestControllerAdvice
public class ApiResponseAdvice implements ResponseBodyAdvice<Object> {

    private static final boolean ENVELOPE = /*$envelope*/ false;
    private static final String API_PACKAGE = /*$apiPackage*/ "backendkit.template.api";

    private final ObjectMapper mapper = ApiJson.newMapper();

    /** Created by Spring. */
    public ApiResponseAdvice() {}

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return implementsApi(ClassUtils.getUserClass(returnType.getContainingClass()));
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

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        boolean json = contentType != null
                && (contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
                        || (contentType.getSubtype() != null
                                && contentType.getSubtype().endsWith("+json")));
        if (!json || body instanceof byte[]) {
            return body;
        }
        String requestId = ApiExceptionHandler.requestId(request.getHeaders().getFirst("X-Request-Id"));
        Object value = body;
        if (body instanceof Page<?> page) {
            if (ENVELOPE) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("data", page.items());
                root.put("meta", ApiExceptionHandler.meta(requestId));
                root.put("pagination", page.pagination());
                value = root;
            } else {
                response.getHeaders().set("X-Pagination", write(page.pagination()));
                value = page.items();
            }
        } else if (ENVELOPE) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("data", body);
            root.put("meta", ApiExceptionHandler.meta(requestId));
            value = root;
        }
        response.getHeaders().set("X-Request-Id", requestId);
        // the string converter writes text as it is: JSON needs it quoted (and an envelope serialised)
        return StringHttpMessageConverter.class.isAssignableFrom(converterType) ? write(value) : value;
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the response body as JSON", e);
        }
    }
}
