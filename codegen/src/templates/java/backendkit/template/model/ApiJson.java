package backendkit.template.model;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import javax.annotation.processing.Generated;

/** The Jackson configuration the generated models, server and client share. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public final class ApiJson {

    private ApiJson() {}

    /**
     * A new mapper: java.time as ISO-8601 strings, unknown properties ignored (OpenAPI objects are
     * open by default), dates kept in the offset they were sent with; strict where JSON is: a
     * duplicated key fails the read (the server also refuses anything after the value), integers accept only JSON
     * integers, booleans only JSON booleans, numbers only JSON numbers.
     *
     * @return a new mapper the caller owns
     */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Float,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .build();
    }

    /**
     * A mapper for reading what a server sent: as {@link #newMapper()}, except that a required
     * property the response left out is read as null instead of failing the call, so that a server
     * that omits a nullable field still yields its data. The generated client uses it; the server
     * keeps the strict mapper for requests.
     *
     * @return a new mapper the caller owns
     */
    public static ObjectMapper newLenientMapper() {
        ObjectMapper mapper = newMapper();
        mapper.setAnnotationIntrospector(new NothingRequired());
        return mapper;
    }

    /** Reads {@code @JsonProperty(required = true)} as not required. */
    private static final class NothingRequired extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            return Boolean.FALSE;
        }
    }
}
