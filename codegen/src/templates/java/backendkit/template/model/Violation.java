package backendkit.template.model;

import javax.annotation.processing.Generated;

/**
 * One broken rule of the API's schema.
 *
 * @param field where: a path such as {@code tags[0].name}, or a parameter name
 * @param message what is wrong, for example {@code length must be at most 10}
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
