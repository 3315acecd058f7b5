package backendkit.template.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.processing.Generated;

/**
 * Marks a handler method whose operation the document secures; {@link ApiSecurityInterceptor}
 * checks it. Put on the generated interface methods.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiSecured {

    /**
     * The operation's key in {@link ApiSecurity#requirement(String)}.
     *
     * @return the operation id
     */
    String value();
}
