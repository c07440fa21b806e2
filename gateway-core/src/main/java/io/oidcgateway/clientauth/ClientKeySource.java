package io.oidcgateway.clientauth;

/**
 * Where client assertions get their private key and certificate: a pair loaded from PEM files
 * or a key store, read again when the files are replaced ({@link WatchedClientKeySource}), or a
 * key that never leaves a PKCS#11 token.
 */
public interface ClientKeySource {
    /** What a look at the key's files found. */
    enum Reload { UNCHANGED, LOADED, REFUSED }

    /** The key and certificate chain to sign the next assertion with. */
    ClientCredentials current();

    /** Takes up a replaced key and certificate; a source whose key cannot change has nothing to do. */
    default Reload reloadIfChanged() {
        return Reload.UNCHANGED;
    }

    /** A source that always answers the same pair. */
    static ClientKeySource of(ClientCredentials credentials) {
        return () -> credentials;
    }
}
