package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionTokens;
import java.util.Optional;

/**
 * What the upstream learns about the caller: from a session, or from an API client's own bearer
 * token. A session's tokens are unpacked only when a header that carries one is sent.
 */
public final class CallerIdentity {
    private final IdentityClaims identity;
    private final SessionTokens sessionTokens;
    private final String bearerToken;

    private CallerIdentity(IdentityClaims identity, SessionTokens sessionTokens, String bearerToken) {
        this.identity = identity;
        this.sessionTokens = sessionTokens;
        this.bearerToken = bearerToken;
    }

    public static CallerIdentity of(Session session) {
        return new CallerIdentity(session.identity(), session.tokens(), null);
    }

    /** An API client that sent its own access token: it has no ID token to pass on. */
    public static CallerIdentity ofBearer(IdentityClaims identity, String accessToken) {
        return new CallerIdentity(identity, null, accessToken);
    }

    public IdentityClaims identity() {
        return identity;
    }

    /** The access token as an {@code Authorization} header value. */
    public String bearerAuthorization() {
        return sessionTokens != null ? sessionTokens.bearerAuthorization() : "Bearer " + bearerToken;
    }

    public Optional<String> idToken() {
        return sessionTokens != null ? sessionTokens.idToken() : Optional.empty();
    }
}
