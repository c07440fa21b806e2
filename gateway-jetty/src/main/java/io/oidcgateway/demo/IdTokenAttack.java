package io.oidcgateway.demo;

/**
 * Ways the demo IdP can be told to issue a broken or hostile ID token, so tests prove the
 * gateway refuses each (OpenID Connect Core 3.1.3.7 and the attacks known against relying parties).
 */
public enum IdTokenAttack {
    /** {@code alg: none}, no signature. */
    ALG_NONE,
    /** HS256 with the IdP's public RSA key as the HMAC secret (algorithm confusion). */
    HS256_WITH_PUBLIC_KEY,
    /** A valid token whose signature bytes were altered. */
    BAD_SIGNATURE,
    /** An unsigned token wrapped in a JWE. */
    JWE_WRAPPED_UNSIGNED,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    /** Our client plus an untrusted audience, without {@code azp}. */
    EXTRA_AUDIENCE_WITHOUT_AZP,
    MISSING_SUB,
    MISSING_IAT,
    EXPIRED,
    /** A nonce other than the one in the authorization request. */
    WRONG_NONCE
}
