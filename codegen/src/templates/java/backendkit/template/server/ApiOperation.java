package backendkit.template.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.processing.Generated;

/**
 * Names the operation of a generated handler method, for the {@link RateLimiter}. Put on every
 * method of the generated interfaces.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiOperation {

    /**
     * The operation's id in the document, else {@code METHOD path}.
     *
     * @return the operation id
     */
    String value();
}
