package io.backendkit.codegen.internal;

import io.backendkit.codegen.SpecException;
import io.backendkit.core.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects the findings of one generation run; locations are {@code document#/json/pointer}. */
public final class Findings {

    private final String documentName;
    private final boolean swagger2;
    private final Set<Finding> findings = new LinkedHashSet<>();

    /** A collector for the named document. */
    public Findings(String documentName, boolean swagger2) {
        this.documentName = documentName;
        this.swagger2 = swagger2;
    }

    /** Adds a warning at {@code pointer}. */
    public void warn(String code, String pointer, String message) {
        findings.add(Finding.warning(code, message).withLocation(location(pointer)));
    }

    /** Adds an informational note at {@code pointer}. */
    public void info(String code, String pointer, String message) {
        findings.add(Finding.info(code, message).withLocation(location(pointer)));
    }

    /** Adds findings made elsewhere. */
    public void addAll(List<Finding> more) {
        findings.addAll(more);
    }

    /** An exception for a problem at {@code pointer}. */
    public SpecException error(String pointer, String problem) {
        return new SpecException(location(pointer), problem);
    }

    /**
     * {@code document#/pointer}. Swagger 2.0 documents are converted to OpenAPI 3 before code is
     * generated; their schema pointers are mapped back to {@code #/definitions/...}.
     */
    public String location(String pointer) {
        String p = pointer;
        if (swagger2 && p.startsWith("#/components/schemas/")) {
            p = "#/definitions/" + p.substring("#/components/schemas/".length());
        }
        return documentName + p;
    }

    /** Everything collected, in the order it was found. */
    public List<Finding> all() {
        return new ArrayList<>(findings);
    }
}
