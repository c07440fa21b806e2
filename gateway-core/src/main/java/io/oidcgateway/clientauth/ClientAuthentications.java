package io.oidcgateway.clientauth;

import io.oidcgateway.config.OidcConfig;
import java.time.Clock;
import java.util.Optional;

/** Picks the client authentication the configuration asks for. */
public final class ClientAuthentications {
    private ClientAuthentications() {
    }

    /** @param keys the key source, present exactly when the configuration asks for private_key_jwt */
    public static ClientAuthentication from(OidcConfig oidc, Optional<ClientKeySource> keys, Clock clock) {
        if (oidc.clientAuth().usesSecret()) {
            return new ClientSecretAuthentication(oidc.clientId(), oidc.clientSecret().orElseThrow(), oidc.clientAuth());
        }
        ClientAssertionFactory factory = new ClientAssertionFactory(
                oidc.clientId(), keys.orElseThrow(), oidc.assertion(), clock);
        return new PrivateKeyJwtAuthentication(oidc.clientId(), factory);
    }
}
