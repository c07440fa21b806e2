package io.oidcgateway.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdTokenValidatorTest {
    static final String ISSUER = "https://idp.example.com";
    static final String CLIENT = "client-1";
    static final String NONCE = "nonce-123";

    RsaJsonWebKey key;
    JwksServer jwks;
    MutableClock clock;
    IdTokenValidator validator;

    @BeforeEach
    void start() throws Exception {
        key = rsaKey("k1");
        jwks = new JwksServer(List.of(key));
        clock = new MutableClock(Instant.now());
        validator = new IdTokenValidator(ISSUER, CLIENT,
                new RefreshingJwksKeyResolver(new HttpsJwks(jwks.url()), clock, Duration.ofSeconds(30)),
                new IdentityMapping("groups", false), clock);
    }

    @AfterEach
    void stop() {
        jwks.close();
    }

    static RsaJsonWebKey rsaKey(String kid) throws Exception {
        RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
        k.setKeyId(kid);
        return k;
    }

    static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setAudience(CLIENT);
        c.setSubject("alice");
        c.setIssuedAtToNow();
        c.setExpirationTimeMinutesInTheFuture(10);
        c.setStringClaim("nonce", NONCE);
        c.setStringClaim("email", "alice@example.com");
        c.setStringListClaim("groups", List.of("a", "b"));
        change.accept(c);
        return c;
    }

    static String sign(JwtClaims claims, RsaJsonWebKey with) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(with.getPrivateKey());
        jws.setKeyIdHeaderValue(with.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private String refused(String token) {
        String message = assertThrows(IdTokenException.class, () -> validator.validate(token, NONCE)).getMessage();
        for (String part : token.split("\\.")) {
            assertTrue(part.length() < 8 || !message.contains(part), "the message leaks the token: " + message);
        }
        return message;
    }

    @Test
    void validateWhenValidThenIdentity() throws Exception {
        IdentityClaims id = validator.validate(sign(claims(c -> { }), key), NONCE);

        assertEquals("alice", id.subject());
        assertEquals("alice@example.com", id.email().orElseThrow());
        assertEquals(List.of("a", "b"), id.groups());
    }

    @Test
    void validateWhenSignedByAnotherKeyWithSameKidThenRefused() throws Exception {
        RsaJsonWebKey impostor = rsaKey("k1");

        refused(sign(claims(c -> { }), impostor));
    }

    @Test
    void validateWhenAlgNoneThenRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);

        refused(jws.getCompactSerialization());
    }

    @Test
    void validateWhenHs256SignedWithThePublicKeyThenRefused() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKeyIdHeaderValue("k1");
        jws.setKey(new HmacKey(key.getPublicKey().getEncoded()));

        refused(jws.getCompactSerialization());
    }

    @Test
    void validateWhenWrongIssuerThenRefusedSayingBoth() throws Exception {
        String message = refused(sign(claims(c -> c.setIssuer("https://evil.example.com")), key));

        assertTrue(message.contains("evil.example.com") && message.contains(ISSUER), message);
    }

    @Test
    void validateWhenWrongAudienceThenRefused() throws Exception {
        refused(sign(claims(c -> c.setAudience("other-client")), key));
    }

    @Test
    void validateWhenExtraAudienceWithoutAzpThenRefused() throws Exception {
        assertTrue(refused(sign(claims(c -> c.setAudience(CLIENT, "untrusted")), key)).contains("azp"));
    }

    @Test
    void validateWhenExtraAudienceWithOurAzpThenAccepted() throws Exception {
        validator.validate(sign(claims(c -> {
            c.setAudience(CLIENT, "api");
            c.setStringClaim("azp", CLIENT);
        }), key), NONCE);
    }

    @Test
    void validateWhenAzpIsAnotherClientThenRefused() throws Exception {
        refused(sign(claims(c -> c.setStringClaim("azp", "other")), key));
    }

    @Test
    void validateWhenNonceDiffersThenRefused() throws Exception {
        assertTrue(refused(sign(claims(c -> c.setStringClaim("nonce", "other")), key)).contains("nonce"));
        assertTrue(refused(sign(claims(c -> c.unsetClaim("nonce")), key)).contains("nonce"));
    }

    @Test
    void validateWhenExpiredThenRefused() throws Exception {
        refused(sign(claims(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(Instant.now().minusSeconds(1200).getEpochSecond()));
            c.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(600).getEpochSecond()));
        }), key));
    }

    @Test
    void validateWhenTheInjectedClockPassesExpiryThenRefusedWithoutWaiting() throws Exception {
        String token = sign(claims(c -> { }), key);
        assertEquals("alice", validator.validate(token, NONCE).subject());

        clock.advance(Duration.ofMinutes(12));

        assertTrue(refused(token).toLowerCase().contains("expir"), "judged on the gateway's clock, not the system's");
    }

    @Test
    void validateRefreshedWhenAnotherSubjectThenRefusedElseTheRenewedIdentity() throws Exception {
        String renewed = sign(claims(c -> {
            c.unsetClaim("nonce");
            c.setStringListClaim("groups", List.of("c"));
        }), key);

        assertEquals(List.of("c"), validator.validateRefreshed(renewed, "alice").groups(), "no nonce needed");
        IdTokenException e = assertThrows(IdTokenException.class, () -> validator.validateRefreshed(renewed, "bob"));
        assertTrue(e.getMessage().contains("another user"), e.getMessage());
        assertThrows(IdTokenException.class, () -> validator.validateRefreshed(
                sign(claims(c -> c.setAudience("other")), key), "alice"));
    }

    @Test
    void validateWhenSubOrIatMissingThenRefused() throws Exception {
        refused(sign(claims(c -> c.unsetClaim("sub")), key));
        refused(sign(claims(c -> c.unsetClaim("iat")), key));
    }

    @Test
    void validateWhenIdpRotatedToNewKidThenAcceptedAfterOneRefetch() throws Exception {
        validator.validate(sign(claims(c -> { }), key), NONCE);
        int before = jwks.fetches.get();
        RsaJsonWebKey rotated = rsaKey("k2");
        jwks.rotateTo(List.of(key, rotated));

        validator.validate(sign(claims(c -> { }), rotated), NONCE);

        assertEquals(before + 1, jwks.fetches.get());
    }

    @Test
    void validateWhenFloodOfUnknownKidsThenRefetchRateLimited() throws Exception {
        validator.validate(sign(claims(c -> { }), key), NONCE);
        int before = jwks.fetches.get();

        for (int i = 0; i < 20; i++) {
            refused(sign(claims(c -> { }), rsaKey("unknown-" + i)));
        }

        assertEquals(before + 1, jwks.fetches.get(), "one refetch, then none within the interval");
        clock.advance(Duration.ofSeconds(31));
        refused(sign(claims(c -> { }), rsaKey("later")));
        assertEquals(before + 2, jwks.fetches.get());
    }

    @Test
    void validateWhenNoKidAndOneKeyThenAccepted() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setKey(key.getPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

        validator.validate(jws.getCompactSerialization(), NONCE);
    }

    @Test
    void validateWhenNoKidAndSeveralKeysThenTheSigningKeyIsFound() throws Exception {
        jwks.rotateTo(List.<JsonWebKey>of(rsaKey("a"), key, rsaKey("b")));
        clock.advance(Duration.ofMinutes(1));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims(c -> { }).toJson());
        jws.setKey(key.getPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);

        validator.validate(jws.getCompactSerialization(), NONCE);
    }
}
