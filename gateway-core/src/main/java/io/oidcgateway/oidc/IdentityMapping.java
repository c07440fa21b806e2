package io.oidcgateway.oidc;

import java.util.List;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Reads the user's facts from validated claims of an ID token or a JWT access token.
 *
 * @param groupsClaim the claim holding the user's groups ({@code groups}, or {@code roles} for Entra app roles)
 * @param allowUnverifiedEmail trust an e-mail the IdP marks as unverified (off: such an address
 *        passes no e-mail rule and is not forwarded)
 */
public record IdentityMapping(String groupsClaim, boolean allowUnverifiedEmail) {

    public IdentityClaims identity(JwtClaims claims) throws MalformedClaimException {
        return new IdentityClaims(
                claims.getSubject(),
                Optional.ofNullable(claims.getStringClaimValue("email")),
                allowUnverifiedEmail || (vouches(claims, "email_verified") && vouches(claims, "xms_edov")),
                Optional.ofNullable(claims.getStringClaimValue("name")),
                Optional.ofNullable(claims.getStringClaimValue("preferred_username")),
                groups(claims),
                Optional.ofNullable(claims.getStringClaimValue("sid")));
    }

    /**
     * A missing claim counts as verified, as in oauth2-proxy: Entra sends no {@code email_verified}.
     * Present, only {@code true} vouches; some IdPs (Cognito) send it as the string {@code "true"}.
     */
    private static boolean vouches(JwtClaims claims, String name) {
        Object value = claims.getClaimValue(name);
        return value == null || Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private List<String> groups(JwtClaims claims) throws MalformedClaimException {
        if (claims.isClaimValueStringList(groupsClaim)) {
            return claims.getStringListClaimValue(groupsClaim);
        }
        if (claims.isClaimValueString(groupsClaim)) {
            return List.of(claims.getStringClaimValue(groupsClaim));
        }
        return List.of();
    }
}
