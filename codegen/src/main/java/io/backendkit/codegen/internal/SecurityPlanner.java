package io.backendkit.codegen.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans each operation's effective security requirement: the operation's {@code security}, else the
 * document's; {@code security: []} means none. Keyed by the operation's JSON pointer, the same
 * pointer {@link OperationPlanner} gives the operation.
 */
public final class SecurityPlanner {

    /**
     * How a scheme's credential travels.
     *
     * @param kind {@code http} (name: the lower-case HTTP authentication scheme, such as {@code
     *     bearer} or {@code basic}), {@code apiKey} (in: header, query or cookie; name: the
     *     parameter) or {@code other} (no credential the generated code can extract)
     */
    record SchemeDecl(String kind, String in, String name) {}

    /** One scheme of an alternative with the scopes it needs. */
    record Need(String scheme, SchemeDecl decl, List<String> scopes) {}

    /**
     * An operation's requirement.
     *
     * @param operationId the document's operation id, else {@code METHOD path}
     * @param alternatives any one suffices (OR); within one, every scheme must pass (AND); empty
     *     when the operation is not secured
     */
    record Requirement(String operationId, List<List<Need>> alternatives) {
        boolean secured() {
            return !alternatives.isEmpty() && alternatives.stream().noneMatch(List::isEmpty);
        }
    }

    private final OpenAPI api;
    private final Findings findings;
    private final Map<String, SchemeDecl> schemes = new LinkedHashMap<>();
    private final Map<String, Requirement> byPointer = new LinkedHashMap<>();

    /** A planner over the document. */
    public SecurityPlanner(OpenAPI api, Findings findings) {
        this.api = api;
        this.findings = findings;
    }

    /** Plans every operation; returns this. */
    public SecurityPlanner plan() {
        if (api.getComponents() != null && api.getComponents().getSecuritySchemes() != null) {
            for (Map.Entry<String, SecurityScheme> e :
                    api.getComponents().getSecuritySchemes().entrySet()) {
                schemes.put(e.getKey(), scheme(e.getKey(), e.getValue()));
            }
        }
        if (api.getPaths() == null) {
            return this;
        }
        for (Map.Entry<String, PathItem> e : api.getPaths().entrySet()) {
            PathItem item = e.getValue();
            if (item == null) {
                continue;
            }
            String pathPointer = "#/paths/" + Names.pointerEscape(e.getKey());
            for (Map.Entry<PathItem.HttpMethod, Operation> m :
                    item.readOperationsMap().entrySet()) {
                String method = m.getKey().name();
                String pointer = pathPointer + "/" + method.toLowerCase(Locale.ROOT);
                Operation op = m.getValue();
                String id = op.getOperationId() != null && !op.getOperationId().isBlank()
                        ? op.getOperationId()
                        : method + " " + e.getKey();
                List<SecurityRequirement> declared = op.getSecurity();
                String where = pointer + "/security";
                if (declared == null) {
                    declared = api.getSecurity();
                    where = "#/security";
                }
                byPointer.put(pointer, new Requirement(id, alternatives(declared, where)));
            }
        }
        return this;
    }

    /** The requirement of the operation at {@code pointer}; not secured when unknown. */
    Requirement requirement(String pointer, String fallbackId) {
        Requirement r = byPointer.get(pointer);
        return r != null ? r : new Requirement(fallbackId, List.of());
    }

    private List<List<Need>> alternatives(List<SecurityRequirement> declared, String where) {
        if (declared == null) {
            return List.of();
        }
        List<List<Need>> out = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            SecurityRequirement req = declared.get(i);
            List<Need> all = new ArrayList<>();
            if (req != null) {
                for (Map.Entry<String, List<String>> e : req.entrySet()) {
                    SchemeDecl decl = schemes.get(e.getKey());
                    if (decl == null) {
                        findings.warn(
                                "SECURITY_SCHEME_UNKNOWN",
                                where + "/" + i + "/" + Names.pointerEscape(e.getKey()),
                                "security scheme '" + e.getKey()
                                        + "' is not declared in components.securitySchemes; the authenticator gets"
                                        + " no credential for it");
                        decl = new SchemeDecl("other", "", "");
                    }
                    List<String> scopes = e.getValue() == null ? List.of() : List.copyOf(e.getValue());
                    all.add(new Need(e.getKey(), decl, scopes));
                }
            }
            out.add(List.copyOf(all));
        }
        return List.copyOf(out);
    }

    private SchemeDecl scheme(String name, SecurityScheme s) {
        String pointer = "#/components/securitySchemes/" + Names.pointerEscape(name);
        if (s == null || s.getType() == null) {
            findings.warn("SECURITY_SCHEME_UNSUPPORTED", pointer, "security scheme has no type; no credential is read");
            return new SchemeDecl("other", "", "");
        }
        return switch (s.getType()) {
            case HTTP -> {
                String word = s.getScheme() == null ? "" : s.getScheme().trim().toLowerCase(Locale.ROOT);
                if (word.isEmpty()) {
                    findings.warn(
                            "SECURITY_SCHEME_UNSUPPORTED", pointer, "http scheme without 'scheme'; read as bearer");
                    word = "bearer";
                }
                yield new SchemeDecl("http", "header", word);
            }
            case APIKEY -> {
                if (s.getIn() == null || s.getName() == null || s.getName().isBlank()) {
                    findings.warn(
                            "SECURITY_SCHEME_UNSUPPORTED",
                            pointer,
                            "apiKey scheme without 'in' or 'name'; no credential is read");
                    yield new SchemeDecl("other", "", "");
                }
                yield new SchemeDecl("apiKey", s.getIn().toString(), s.getName());
            }
            case OAUTH2, OPENIDCONNECT -> {
                findings.info(
                        "SECURITY_SCHEME_AS_BEARER",
                        pointer,
                        s.getType() + " scheme: the generated code reads and sends its access token as a bearer token");
                yield new SchemeDecl("http", "header", "bearer");
            }
            default -> {
                findings.warn(
                        "SECURITY_SCHEME_UNSUPPORTED",
                        pointer,
                        s.getType() + " scheme: no credential is read; the authenticator decides without one");
                yield new SchemeDecl("other", "", "");
            }
        };
    }
}
