package io.oidcgateway.demo;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * An application registration at the demo IdP: like Entra ID's, it holds the uploaded
 * certificates (or a secret), the allowed redirect URIs and where to send back-channel logouts.
 */
public record RegisteredClient(String clientId, List<URI> redirectUris, List<X509Certificate> certificates,
        Optional<String> secret, Optional<URI> backchannelLogoutUri) {

    public RegisteredClient {
        redirectUris = List.copyOf(redirectUris);
        certificates = List.copyOf(certificates);
    }
}
