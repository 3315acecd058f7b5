package backendkit.template.server;

import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * Decides on the credentials of secured operations; implement it and pass it to the generated
 * server ({@code ApiRouter.builder().authenticator(...)} on the JDK target, {@code new
 * ApiFeature(authenticator)} on Jakarta REST, a bean on Spring MVC). The server reads the credential each security scheme of
 * the document describes (the {@code Authorization} header for http schemes, oauth2 and
 * openIdConnect; the header, query parameter or cookie of an apiKey scheme), calls this once per
 * scheme of a requirement, and answers 401 (with {@code WWW-Authenticate}) or 403 in the error
 * envelope when no alternative passes. It never calls this when the credential is absent. Must be
 * thread-safe.
 */
@Generated("io.backendkit.codegen.OpenApiCodegen")
@FunctionalInterface
public interface Authenticator {

    /**
     * Checks one credential.
     *
     * @param scheme the security scheme's name in the document
     * @param credential what the request carried; null for schemes the router cannot read (such as
     *     mutualTLS): decide from other facts or deny
     * @param scopes the scopes the operation requires of this scheme, may be empty
     * @return allow (with an optional principal), deny (401) or forbid (403)
     */
    Decision authenticate(String scheme, Credential credential, List<String> scopes);

    /** A credential read from the request. {@code toString()} never shows the secret. */
    sealed interface Credential permits BearerToken, BasicCredentials, ApiKey {}

    /**
     * The token of an {@code Authorization: Bearer ...} header (or of another http scheme).
     *
     * @param token the token
     */
    record BearerToken(String token) implements Credential {
        @Override
        public String toString() {
            return "BearerToken[***]";
        }
    }

    /**
     * The decoded user and password of {@code Authorization: Basic ...}.
     *
     * @param user the user name
     * @param password the password
     */
    record BasicCredentials(String user, String password) implements Credential {
        @Override
        public String toString() {
            return "BasicCredentials[user=" + user + ", password=***]";
        }
    }

    /**
     * The value of an API key header, query parameter or cookie.
     *
     * @param value the key
     */
    record ApiKey(String value) implements Credential {
        @Override
        public String toString() {
            return "ApiKey[***]";
        }
    }

    /** What the authenticator answers. */
    enum Outcome {
        /** The credential is valid and sufficient. */
        ALLOW,
        /** The credential is not valid: 401. */
        DENY,
        /** The credential is valid but not sufficient (scopes, roles): 403. */
        FORBID
    }

    /**
     * An answer.
     *
     * @param outcome allow, deny or forbid
     * @param principal who the caller is, for the security context of the call; may be null
     */
    record Decision(Outcome outcome, Object principal) {

        /** Requires an outcome. */
        public Decision {
            Objects.requireNonNull(outcome, "outcome");
        }

        /**
         * Allows the call.
         *
         * @param principal who the caller is, may be null
         * @return the decision
         */
        public static Decision allow(Object principal) {
            return new Decision(Outcome.ALLOW, principal);
        }

        /**
         * Denies the call: 401.
         *
         * @return the decision
         */
        public static Decision deny() {
            return new Decision(Outcome.DENY, null);
        }

        /**
         * Forbids the call: 403.
         *
         * @return the decision
         */
        public static Decision forbid() {
            return new Decision(Outcome.FORBID, null);
        }
    }
}
