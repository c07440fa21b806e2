package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.util.Optional;

/** What the upstream learns about the caller: from a session, or from an API client's own bearer token. */
public record CallerIdentity(IdentityClaims identity, String accessToken, Optional<String> idToken) {

    public static CallerIdentity of(Session session) {
        return new CallerIdentity(session.identity(), session.accessToken(), session.idToken());
    }
}
