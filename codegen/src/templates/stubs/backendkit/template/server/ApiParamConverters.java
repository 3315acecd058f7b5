package backendkit.template.server;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Compile-time stand-in for the {@code ApiParamConverters} provider the Jakarta REST emitter generates; only its
 * shape matters here. It is compiled with the templates and never emitted.
 */
public class ApiParamConverters implements ParamConverterProvider {

    /** Created by {@code ApiFeature}. */
    public ApiParamConverters() {}

    @Override
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return null;
    }
}
