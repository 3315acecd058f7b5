package backendkit.template.server;

import backendkit.template.model.ApiJson;
import backendkit.template.model.FormData;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import jakarta.validation.Valid;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Generated;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Binds the {@link ApiForm} parameters: reads the urlencoded body (or the multipart parts the
 * servlet container parsed) with {@code FormData}, maps the fields to the generated record with the
 * models' mapper and validates it like a {@code @Valid @RequestBody}. A missing or mistyped field is
 * 400 {@code VALIDATION_ERROR} naming it, a malformed form 400 {@code MALFORMED_FORM}, a body beyond
 * {@value #MAX_FORM_BYTES} bytes 413 (the container's multipart limits apply first). Registered by
 * {@code ApiWebConfiguration}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiFormArgumentResolver implements HandlerMethodArgumentResolver {

    /** The largest form body read, in bytes. */
    public static final int MAX_FORM_BYTES = 10 * 1024 * 1024;

    private static final String NO_PARTS = ApiFormArgumentResolver.class.getName() + ".noParts";

    private final ObjectMapper mapper = ApiJson.newMapper();

    /** Created by {@code ApiWebConfiguration}. */
    ApiFormArgumentResolver() {}

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(ApiForm.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest web,
            WebDataBinderFactory binders)
            throws Exception {
        ApiForm form = parameter.getParameterAnnotation(ApiForm.class);
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        if (form == null || request == null) {
            throw new IllegalStateException("not a form parameter of a servlet request: " + parameter);
        }
        Map<String, String> kinds = new LinkedHashMap<>();
        for (int i = 0; i < form.names().length && i < form.kinds().length; i++) {
            kinds.put(form.names()[i], form.kinds()[i]);
        }
        ObjectNode tree = read(request, kinds);
        if (tree == null) {
            if (form.required()) {
                throw new HttpMessageNotReadableException(
                        "Required request body is missing", new ServletServerHttpRequest(request));
            }
            return null;
        }
        Object value;
        try {
            value = mapper.readerFor(mapper.getTypeFactory().constructType(parameter.getGenericParameterType()))
                    .readValue(tree);
        } catch (JsonMappingException e) {
            throw new HttpMessageNotReadableException(
                    "form does not match the schema", e, new ServletServerHttpRequest(request));
        }
        if (binders != null && value != null && parameter.hasParameterAnnotation(Valid.class)) {
            String name = parameter.getParameterName() == null ? "body" : parameter.getParameterName();
            WebDataBinder binder = binders.createBinder(web, value, name);
            binder.validate();
            if (binder.getBindingResult().hasErrors()) {
                throw new MethodArgumentNotValidException(parameter, binder.getBindingResult());
            }
        }
        return value;
    }

    /** The form as a tree; null when the request has no body. */
    private static ObjectNode read(HttpServletRequest request, Map<String, String> kinds) throws IOException {
        String contentType = request.getContentType();
        String lower = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith(FormData.MULTIPART) && request.getAttribute(NO_PARTS) == null) {
                Collection<Part> parts;
                try {
                    parts = request.getParts();
                } catch (IllegalStateException e) {
                    if (e.getCause() != null) {
                        // the container's size limits
                        throw new ApiException(413, "PAYLOAD_TOO_LARGE", "request body exceeds the upload limit");
                    }
                    // no multipart configuration for this servlet: the body is still unread
                    request.setAttribute(NO_PARTS, Boolean.TRUE);
                    return read(request, kinds);
                } catch (IOException | ServletException e) {
                    throw new ApiException(400, "MALFORMED_FORM", "request body is not a valid multipart form");
                }
                List<FormData.Field> fields = new ArrayList<>();
                long total = 0;
                for (Part p : parts) {
                    byte[] content;
                    try (InputStream in = p.getInputStream()) {
                        content = bounded(in, MAX_FORM_BYTES - total);
                    }
                    total += content.length;
                    fields.add(new FormData.Field(p.getName(), content, p.getSubmittedFileName(), p.getContentType()));
                }
                return fields.isEmpty() ? null : FormData.tree(fields, kinds);
            }
            byte[] body;
            try (InputStream in = request.getInputStream()) {
                body = bounded(in, MAX_FORM_BYTES);
            }
            if (body.length > 0) {
                return FormData.parse(body, contentType, kinds);
            }
            if (lower.startsWith(FormData.URLENCODED)) {
                // a filter read the body as request parameters (Spring's FormContentFilter does for PUT,
                // PATCH and DELETE): the form is the parameters that did not come from the query string
                List<FormData.Field> fields = parametersOutsideTheQuery(request);
                return fields.isEmpty() ? null : FormData.tree(fields, kinds);
            }
            return null;
        } catch (FormData.MalformedFormException e) {
            throw new ApiException(400, "MALFORMED_FORM", "request body is not a valid form: " + e.getMessage());
        }
    }

    private static byte[] bounded(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > limit) {
                throw new ApiException(413, "PAYLOAD_TOO_LARGE", "request body exceeds " + MAX_FORM_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static List<FormData.Field> parametersOutsideTheQuery(HttpServletRequest request) {
        Map<String, Integer> inQuery = new HashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                try {
                    inQuery.merge(URLDecoder.decode(name, StandardCharsets.UTF_8), 1, Integer::sum);
                } catch (IllegalArgumentException e) {
                    // a broken escape: the container kept it as it could
                }
            }
        }
        List<FormData.Field> fields = new ArrayList<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String[] values = e.getValue();
            // containers list the query string's values first
            for (int i = inQuery.getOrDefault(e.getKey(), 0); i < values.length; i++) {
                fields.add(new FormData.Field(e.getKey(), values[i].getBytes(StandardCharsets.UTF_8), null, null));
            }
        }
        return fields;
    }
}
