package backendkit.template.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import javax.annotation.processing.Generated;

/**
 * Marks a handler parameter that receives a form body ({@code application/x-www-form-urlencoded} or
 * {@code multipart/form-data}) bound to its generated record, and describes the form's fields as
 * {@code FormData} reads them. Put on the generated interface methods; read by the generated form
 * binding of the server target.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ApiForm {

    /**
     * The fields' names (JSON names of the record's properties).
     *
     * @return the names, in declaration order
     */
    String[] names();

    /**
     * Each field's kind, at the same index as its name: {@code string}, {@code integer}, {@code
     * number}, {@code boolean}, {@code file}, {@code bytes}, {@code json} or {@code array:<kind>}.
     *
     * @return the kinds
     */
    String[] kinds();

    /**
     * Whether the body is required.
     *
     * @return true when a request without a body is a 400
     */
    boolean required() default true;
}
