package io.oidcgateway.oidc;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/** Validates back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0, section 2.6). */
public final class LogoutTokenValidator {
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** Whose sessions end: those of the IdP session {@code sid}, or all of {@code sub} when no sid is given. */
    public record Logout(Optional<String> sid, Optional<String> sub) {
    }

    private final ClockedJwtConsumer consumer;

    public LogoutTokenValidator(String issuer, String clientId, VerificationKeyResolver keys, Clock clock) {
        this.consumer = new ClockedJwtConsumer(() -> new JwtConsumerBuilder()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(clientId)
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setIssuedAtRestrictions(IdTokenValidator.CLOCK_SKEW_SECONDS, IdTokenValidator.MAX_AGE_SECONDS)
                .setAllowedClockSkewInSeconds(IdTokenValidator.CLOCK_SKEW_SECONDS)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(IdTokenValidator.ALLOWED), clock);
    }

    public Logout validate(String token) throws IdTokenException {
        try {
            JwtClaims claims = consumer.process(token);
            Object events = claims.getClaimValue("events");
            if (!(events instanceof Map<?, ?> map) || !map.containsKey(EVENT)) {
                throw new IdTokenException("the logout token has no " + EVENT + " event");
            }
            if (claims.hasClaim("nonce")) {
                throw new IdTokenException("a logout token must not have a nonce");
            }
            Optional<String> sid = Optional.ofNullable(claims.getStringClaimValue("sid"));
            Optional<String> sub = Optional.ofNullable(claims.getSubject());
            if (sid.isEmpty() && sub.isEmpty()) {
                throw new IdTokenException("the logout token names neither sid nor sub");
            }
            return new Logout(sid, sub);
        } catch (InvalidJwtException e) {
            throw new IdTokenException("the logout token was refused: " + IdTokenValidator.describe(e));
        } catch (MalformedClaimException e) {
            throw new IdTokenException("the logout token has a malformed claim: " + e.getMessage());
        }
    }
}
