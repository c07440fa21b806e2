package io.oidcgateway.oidc;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.security.MessageDigest;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Validates ID tokens of one issuer for one client (OIDC Core 3.1.3.7). Built once; the
 * validator is thread-safe.
 */
public final class IdTokenValidator {
    /** Asymmetric algorithms only: never {@code none}, never HMAC, whose key a public JWKS would hand out. */
    public static final List<String> ALLOWED_ALGORITHMS = List.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512);
    public static final int CLOCK_SKEW_SECONDS = 60;
    /** ID tokens are redeemed right after they are issued; an older one is a replay. */
    public static final int MAX_AGE_SECONDS = 3600;

    private final String clientId;
    private final IdentityMapping identities;
    private final ClockedJwtConsumer consumer;

    /** @param identities how the user's facts are read from the claims */
    public IdTokenValidator(String issuer, String clientId, VerificationKeyResolver keys, IdentityMapping identities,
            Clock clock) {
        this.clientId = clientId;
        this.identities = identities;
        this.consumer = new ClockedJwtConsumer(() -> new JwtConsumerBuilder()
                .setExpectedIssuer(issuer)
                .setExpectedAudience(clientId)
                .setRequireSubject()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setIssuedAtRestrictions(CLOCK_SKEW_SECONDS, MAX_AGE_SECONDS)
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(ALLOWED), clock);
    }

    /** The JWS algorithms any IdP token is checked with. */
    static final AlgorithmConstraints ALLOWED = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, ALLOWED_ALGORITHMS.toArray(String[]::new));

    /** @param expectedNonce the nonce sent in this login's authorization request */
    public IdentityClaims validate(String idToken, String expectedNonce) throws IdTokenException {
        JwtClaims claims = claims(idToken);
        try {
            String nonce = claims.getStringClaimValue("nonce");
            if (nonce == null || !MessageDigest.isEqual(
                    nonce.getBytes(StandardCharsets.UTF_8), expectedNonce.getBytes(StandardCharsets.UTF_8))) {
                throw new IdTokenException("the ID token's nonce does not match this login's nonce");
            }
            return identity(claims);
        } catch (MalformedClaimException e) {
            throw new IdTokenException("the ID token has a malformed claim: " + e.getMessage());
        }
    }

    /**
     * An ID token that came with a refresh (OIDC Core 12.2): signature, {@code iss}, {@code aud},
     * {@code exp} as at login, and the same {@code sub} as the session's.
     */
    public IdentityClaims validateRefreshed(String idToken, String sessionSubject) throws IdTokenException {
        IdentityClaims identity;
        try {
            identity = identity(claims(idToken));
        } catch (MalformedClaimException e) {
            throw new IdTokenException("the refreshed ID token has a malformed claim: " + e.getMessage());
        }
        if (!identity.subject().equals(sessionSubject)) {
            throw new IdTokenException("the refreshed ID token names another user (sub) than the session's");
        }
        return identity;
    }

    private JwtClaims claims(String idToken) throws IdTokenException {
        try {
            return consumer.process(idToken);
        } catch (InvalidJwtException e) {
            throw new IdTokenException("the ID token was refused: " + describe(e));
        }
    }

    private IdentityClaims identity(JwtClaims claims) throws IdTokenException, MalformedClaimException {
        List<String> audiences = claims.getAudience();
        String azp = claims.getStringClaimValue("azp");
        if (azp != null && !azp.equals(clientId)) {
            throw new IdTokenException("the ID token's azp (" + azp + ") is not this client (" + clientId + ")");
        }
        if (audiences.size() > 1 && azp == null) {
            throw new IdTokenException("the ID token has several audiences " + audiences + " and no azp");
        }
        return identities.identity(claims);
    }

    /**
     * jose4j's wording says the actual and the expected value, but some of its messages end
     * with the whole token, which must reach neither a page nor a log.
     */
    static String describe(InvalidJwtException e) {
        String text = e.getErrorDetails().isEmpty()
                ? String.valueOf(e.getCause() == null ? "invalid JWT" : e.getCause().getMessage())
                : e.getErrorDetails().stream().map(d -> d.getErrorMessage()).reduce((a, b) -> a + "; " + b).orElse("");
        return TokenRedaction.redact(text);
    }
}
