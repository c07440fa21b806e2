package io.oidcgateway.clientauth;

/**
 * Where client assertions get their private key and certificate. Today a pair loaded from PEM
 * files or a key store at start-up; a key held in a PKCS#11 token, or a pair that is reloaded
 * when its files change, plug in here.
 */
public interface ClientKeySource {
    /** The key and certificate chain to sign the next assertion with. */
    ClientCredentials current();

    /** A source that always answers the same pair. */
    static ClientKeySource of(ClientCredentials credentials) {
        return () -> credentials;
    }
}
