package io.oidcgateway.oidc;

import java.util.List;
import java.util.Optional;

/** Who signed in, as the ID token says. */
public record IdentityClaims(
        String subject,
        Optional<String> email,
        Optional<String> name,
        Optional<String> preferredUsername,
        List<String> groups,
        Optional<String> sessionId) {

    public IdentityClaims {
        groups = List.copyOf(groups);
    }
}
