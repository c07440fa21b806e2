package io.oidcgateway.oidc;

import java.time.Clock;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Validates a JWT access token an API client sends in place of a session: signed by the
 * IdP, issued by it, for one of the configured audiences, not expired.
 */
public final class BearerTokenValidator {
    private final ClockedJwtConsumer consumer;
    private final IdentityMapping identities;

    public BearerTokenValidator(String issuer, Set<String> audiences, VerificationKeyResolver keys,
            IdentityMapping identities, Clock clock) {
        this.identities = identities;
        this.consumer = new ClockedJwtConsumer(() -> new JwtConsumerBuilder()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setRequireSubject()
                .setRequireExpirationTime()
                .setAllowedClockSkewInSeconds(IdTokenValidator.CLOCK_SKEW_SECONDS)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(IdTokenValidator.ALLOWED), clock);
    }

    /** @throws IdTokenException saying which check failed, never quoting the token */
    public IdentityClaims validate(String token) throws IdTokenException {
        try {
            JwtClaims claims = consumer.process(token);
            return identities.identity(claims);
        } catch (InvalidJwtException e) {
            throw new IdTokenException("the bearer token was refused: " + IdTokenValidator.describe(e));
        } catch (MalformedClaimException e) {
            throw new IdTokenException("the bearer token has a malformed claim: " + e.getMessage());
        }
    }
}
