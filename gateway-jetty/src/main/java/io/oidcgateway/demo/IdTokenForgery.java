package io.oidcgateway.demo;

import java.util.function.Function;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Tests only, through {@link DemoTestHooks}: how the demo IdP forges an ID token instead of
 * issuing an honest one, so a test proves the gateway refuses it. The forgeries themselves
 * live in the tests.
 */
@FunctionalInterface
public interface IdTokenForgery {
    /**
     * @param honest the claims an honest token would carry, free to change
     * @param clientId the client the token is for
     * @param sign signs claims as the IdP does
     * @param key the IdP's own signing key
     */
    String forge(JwtClaims honest, String clientId, Function<JwtClaims, String> sign, RsaJsonWebKey key)
            throws JoseException;
}
