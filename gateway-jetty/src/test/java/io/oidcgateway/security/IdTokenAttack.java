package io.oidcgateway.security;

import io.oidcgateway.demo.IdTokenForgery;
import java.util.function.Function;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.AesKey;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Broken or hostile ID tokens the demo IdP is told to issue, so tests prove the gateway
 * refuses each (OpenID Connect Core 3.1.3.7 and the attacks known against relying parties).
 */
public enum IdTokenAttack implements IdTokenForgery {
    /** {@code alg: none}, no signature. */
    ALG_NONE {
        @Override
        public String forge(JwtClaims claims, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key)
                throws JoseException {
            return unsigned(claims);
        }
    },
    /** HS256 with the IdP's public RSA key as the HMAC secret (algorithm confusion). */
    HS256_WITH_PUBLIC_KEY {
        @Override
        public String forge(JwtClaims claims, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key)
                throws JoseException {
            JsonWebSignature hs = new JsonWebSignature();
            hs.setPayload(claims.toJson());
            hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            hs.setKeyIdHeaderValue(key.getKeyId());
            hs.setKey(new HmacKey(key.getPublicKey().getEncoded()));
            return hs.getCompactSerialization();
        }
    },
    /** A valid token whose signature bytes were altered. */
    BAD_SIGNATURE {
        @Override
        public String forge(JwtClaims claims, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key) {
            String token = sign.apply(claims);
            char last = token.charAt(token.length() - 2);
            return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        }
    },
    /** An unsigned token wrapped in a JWE. */
    JWE_WRAPPED_UNSIGNED {
        @Override
        public String forge(JwtClaims claims, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key)
                throws JoseException {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setPayload(unsigned(claims));
            jwe.setContentTypeHeaderValue("JWT");
            jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
            jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_128_CBC_HMAC_SHA_256);
            jwe.setKey(new AesKey(new byte[32]));
            return jwe.getCompactSerialization();
        }
    },
    WRONG_ISSUER {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.setIssuer("https://evil.example.com");
        }
    },
    WRONG_AUDIENCE {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.setAudience("another-client");
        }
    },
    /** Our client plus an untrusted audience, without {@code azp}. */
    EXTRA_AUDIENCE_WITHOUT_AZP {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.setAudience(clientId, "untrusted-api");
        }
    },
    MISSING_SUB {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.unsetClaim("sub");
        }
    },
    MISSING_IAT {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.unsetClaim("iat");
        }
    },
    EXPIRED {
        @Override
        void change(JwtClaims claims, String clientId) {
            long now = System.currentTimeMillis() / 1000;
            claims.setIssuedAt(NumericDate.fromSeconds(now - 7200));
            claims.setExpirationTime(NumericDate.fromSeconds(now - 3600));
        }
    },
    /** A nonce other than the one in the authorization request. */
    WRONG_NONCE {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.setStringClaim("nonce", "not-the-nonce-of-this-login");
        }
    },
    /** Properly signed, but naming another user: at a refresh, the session's user must not change. */
    ANOTHER_SUBJECT {
        @Override
        void change(JwtClaims claims, String clientId) {
            claims.setSubject("a1b2c3d4-0000-4000-8000-00000000beef");
        }
    };

    /** For the attacks that change the claims of an otherwise honest, properly signed token. */
    void change(JwtClaims claims, String clientId) {
        throw new IllegalStateException(name() + " forges the token itself");
    }

    @Override
    public String forge(JwtClaims claims, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key)
            throws JoseException {
        change(claims, clientId);
        return sign.apply(claims);
    }

    private static String unsigned(JwtClaims claims) throws JoseException {
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims.toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return none.getCompactSerialization();
    }
}
