package backendkit.template.server;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.processing.Generated;

/**
 * Marks a resource method whose operation the document secures; binds {@link ApiSecurityFilter} to
 * it. Put on the generated interface methods.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Secured {

    /**
     * The operation's key in {@link ApiSecurity#requirement(String)}.
     *
     * @return the operation id
     */
    String value() default "";
}
