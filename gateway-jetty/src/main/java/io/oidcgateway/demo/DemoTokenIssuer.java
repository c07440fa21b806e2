package io.oidcgateway.demo;

import java.time.Clock;
import java.time.Duration;
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

    String idToken(String clientId, DemoUser user, String nonce, String sid, Duration lifetime,
            java.util.Optional<IdTokenAttack> attack) {
        JwtClaims claims = base(user, clientId, lifetime);
        if (nonce != null) {
            claims.setStringClaim("nonce", nonce);
        }
        claims.setClaim("auth_time", clock.instant().getEpochSecond());
        claims.setStringClaim("sid", sid);
        claims.setStringClaim("name", user.name());
        claims.setStringListClaim("groups", user.groups());
        return attack.isEmpty() ? sign(claims) : hostile(claims, clientId, attack.get());
    }

    private String hostile(JwtClaims claims, String clientId, IdTokenAttack attack) {
        long now = clock.instant().getEpochSecond();
        try {
            switch (attack) {
                case WRONG_ISSUER -> claims.setIssuer("https://evil.example.com");
                case WRONG_AUDIENCE -> claims.setAudience("another-client");
                case EXTRA_AUDIENCE_WITHOUT_AZP -> claims.setAudience(clientId, "untrusted-api");
                case MISSING_SUB -> claims.unsetClaim("sub");
                case MISSING_IAT -> claims.unsetClaim("iat");
                case EXPIRED -> {
                    claims.setIssuedAt(NumericDate.fromSeconds(now - 7200));
                    claims.setExpirationTime(NumericDate.fromSeconds(now - 3600));
                }
                case WRONG_NONCE -> claims.setStringClaim("nonce", "not-the-nonce-of-this-login");
                case ALG_NONE -> {
                    JsonWebSignature none = new JsonWebSignature();
                    none.setPayload(claims.toJson());
                    none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
                    none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
                    return none.getCompactSerialization();
                }
                case HS256_WITH_PUBLIC_KEY -> {
                    JsonWebSignature hs = new JsonWebSignature();
                    hs.setPayload(claims.toJson());
                    hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                    hs.setKeyIdHeaderValue(key.getKeyId());
                    hs.setKey(new org.jose4j.keys.HmacKey(key.getPublicKey().getEncoded()));
                    return hs.getCompactSerialization();
                }
                case BAD_SIGNATURE -> {
                    String token = sign(claims);
                    char last = token.charAt(token.length() - 2);
                    return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
                }
                case JWE_WRAPPED_UNSIGNED -> {
                    JsonWebSignature none = new JsonWebSignature();
                    none.setPayload(claims.toJson());
                    none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
                    none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
                    org.jose4j.jwe.JsonWebEncryption jwe = new org.jose4j.jwe.JsonWebEncryption();
                    jwe.setPayload(none.getCompactSerialization());
                    jwe.setContentTypeHeaderValue("JWT");
                    jwe.setAlgorithmHeaderValue(org.jose4j.jwe.KeyManagementAlgorithmIdentifiers.DIRECT);
                    jwe.setEncryptionMethodHeaderParameter(
                            org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256);
                    jwe.setKey(new org.jose4j.keys.AesKey(new byte[32]));
                    return jwe.getCompactSerialization();
                }
                default -> throw new IllegalStateException(attack.name());
            }
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException("cannot build the " + attack + " token", e);
        }
        return sign(claims);
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
