package backendkit.template.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.processing.Generated;

/**
 * The success status of an operation whose handler returns a plain type, when it is not the one
 * Jakarta REST gives (200 with a body, 204 without): {@code ApiResponseFilter} sets it.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiStatus {

    /** The HTTP status, such as 201. */
    int value();
}
