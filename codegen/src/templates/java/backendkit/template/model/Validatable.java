package backendkit.template.model;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;

/** A model that checks itself against the constraints of its schema. */
@Generated("io.backendkit.codegen.OpenApiCodegen")
public interface Validatable {

    /**
     * Adds every violation of this value and of the values it contains to {@code violations}.
     *
     * @param path the path of this value ({@code ""} at the root)
     * @param violations where violations are added
     */
    void validateInto(String path, List<Violation> violations);

    /**
     * Every violation of this value, with paths relative to it; empty when it is valid.
     *
     * @return an unmodifiable list
     */
    default List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        validateInto("", violations);
        return List.copyOf(violations);
    }
}
