package io.oidcgateway.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Signs the demo IdP's ID tokens and JWT access tokens with its RSA key. */
final class DemoTokenIssuer {
    private final String issuer;
    private final RsaJsonWebKey key;
    private final Clock clock;

    DemoTokenIssuer(String issuer, RsaJsonWebKey key, Clock clock) {
        this.issuer = issuer;
        this.key = key;
        this.clock = clock;
    }

    /** @param forgery what a test wants issued instead of an honest token */
    String idToken(String clientId, DemoUser user, String nonce, String sid, Duration lifetime,
            Optional<IdTokenForgery> forgery) {
        JwtClaims claims = base(user, clientId, lifetime);
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        claims.setClaim("auth_time", clock.instant().getEpochSecond());
        claims.setStringClaim("sid", sid);
        claims.setStringClaim("name", user.name());
        claims.setStringListClaim("groups", user.groups());
        if (forgery.isEmpty()) {
            return sign(claims);
        }
        try {
            return forgery.get().forge(claims, clientId, this::sign, key);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot forge the test's ID token", e);
        }
    }

    String accessToken(String clientId, DemoUser user, String scope, Duration lifetime) {
        JwtClaims claims = base(user, clientId, lifetime);
        claims.setStringClaim("scp", scope);
        claims.setStringClaim("azp", clientId);
        return sign(claims);
    }

    /** A back-channel logout token for one IdP session of the user. */
    String logoutToken(String clientId, DemoUser user, String sid) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user.subject());
        claims.setAudience(clientId);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 120));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("sid", sid);
        claims.setClaim("events", java.util.Map.of("http://schemas.openid.net/event/backchannel-logout", java.util.Map.of()));
        return sign(claims, "logout+jwt");
    }

    private JwtClaims base(DemoUser user, String audience, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(user.subject());
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setNotBefore(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime.toSeconds()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringClaim("email", user.email());
        user.emailVerified().ifPresent(v -> claims.setClaim("email_verified", v));
        claims.setStringClaim("preferred_username", user.username());
        return claims;
    }

    private String sign(JwtClaims claims) {
        return sign(claims, "JWT");
    }

    private String sign(JwtClaims claims, String type) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", type);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("demo IdP cannot sign", e);
        }
    }
}
