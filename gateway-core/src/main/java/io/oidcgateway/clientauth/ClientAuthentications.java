package io.oidcgateway.clientauth;

import io.oidcgateway.config.OidcConfig;
import java.time.Clock;

/** Picks the client authentication the configuration asks for. */
public final class ClientAuthentications {
    private ClientAuthentications() {
    }

    public static ClientAuthentication from(OidcConfig oidc, Clock clock) {
        if (oidc.clientAuth().usesSecret()) {
            return new ClientSecretAuthentication(oidc.clientId(), oidc.clientSecret().orElseThrow(), oidc.clientAuth());
        }
        ClientAssertionFactory factory = new ClientAssertionFactory(
                oidc.clientId(), oidc.credentials().orElseThrow(), oidc.assertion(), clock);
        return new PrivateKeyJwtAuthentication(oidc.clientId(), factory);
    }
}
