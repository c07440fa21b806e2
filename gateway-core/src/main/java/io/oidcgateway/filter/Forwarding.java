package io.oidcgateway.filter;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import java.util.Optional;

/** What the upstream learns about the caller: from a session, or from an API client's own bearer token. */
public record Forwarding(IdentityClaims identity, String accessToken, Optional<String> idToken) {

    public static Forwarding of(Session session) {
        return new Forwarding(session.identity(), session.accessToken(), session.idToken());
    }
}
