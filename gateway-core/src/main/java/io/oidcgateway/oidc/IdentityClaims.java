package io.oidcgateway.oidc;

import java.util.List;
import java.util.Optional;

/**
 * Who signed in, as the ID token says.
 *
 * @param claimedEmail the {@code email} claim as sent, verified or not: for messages only
 * @param emailVerified whether the e-mail may be trusted: the IdP did not say it is unverified
 *        ({@code email_verified} or Entra's {@code xms_edov} false), or unverified e-mail is allowed
 */
public record IdentityClaims(
        String subject,
        Optional<String> claimedEmail,
        boolean emailVerified,
        Optional<String> name,
        Optional<String> preferredUsername,
        List<String> groups,
        Optional<String> sessionId) {

    public IdentityClaims {
        groups = List.copyOf(groups);
    }

    /** The e-mail address the access rules and the upstream may rely on: empty when it is not verified. */
    public Optional<String> email() {
        return emailVerified ? claimedEmail : Optional.empty();
    }
}
