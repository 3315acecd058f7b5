package backendkit.template.server;

import backendkit.template.model.ApiJson;
import backendkit.template.model.FormData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.processing.Generated;

/**
 * Reads the {@link ApiForm} entity parameters: parses the urlencoded or multipart body with {@code
 * FormData} and maps the fields to the generated record with the models' mapper, so that the
 * runtime's Bean Validation checks it like a JSON body. A missing or mistyped field is 400 {@code
 * VALIDATION_ERROR} naming it, a malformed form 400 {@code MALFORMED_FORM}, a body beyond {@value
 * #MAX_FORM_BYTES} bytes 413. Registered by {@link ApiFeature}.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Consumes({FormData.URLENCODED, FormData.MULTIPART})
public final class ApiFormReader implements MessageBodyReader<Object> {

    /** The largest form body read, in bytes. */
    public static final int MAX_FORM_BYTES = 10 * 1024 * 1024;

    private final ObjectMapper mapper = ApiJson.newMapper();

    /** Created by the runtime. */
    public ApiFormReader() {}

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return form(annotations) != null;
    }

    @Override
    public Object readFrom(
            Class<Object> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, String> headers,
            InputStream entity)
            throws IOException {
        ApiForm form = form(annotations);
        Map<String, String> kinds = new LinkedHashMap<>();
        for (int i = 0; i < form.names().length && i < form.kinds().length; i++) {
            kinds.put(form.names()[i], form.kinds()[i]);
        }
        byte[] body = bounded(entity);
        if (body.length == 0) {
            // no body: null, which the parameter's @NotNull reports when the body is required
            return null;
        }
        String contentType = headers.getFirst("Content-Type");
        ObjectNode tree;
        try {
            tree = FormData.parse(body, contentType != null ? contentType : String.valueOf(mediaType), kinds);
        } catch (FormData.MalformedFormException e) {
            throw new ApiException(400, "MALFORMED_FORM", "request body is not a valid form: " + e.getMessage());
        }
        // a JsonMappingException (missing or mistyped field) is rendered by ApiExceptionMappers
        return mapper.readerFor(mapper.getTypeFactory().constructType(genericType))
                .readValue(tree);
    }

    private static ApiForm form(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof ApiForm f) {
                    return f;
                }
            }
        }
        return null;
    }

    private static byte[] bounded(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > MAX_FORM_BYTES) {
                throw new ApiException(413, "PAYLOAD_TOO_LARGE", "request body exceeds " + MAX_FORM_BYTES + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
