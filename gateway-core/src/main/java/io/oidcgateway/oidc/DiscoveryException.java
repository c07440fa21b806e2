package io.oidcgateway.oidc;

/** The IdP's discovery document or key set could not be loaded or is unusable. */
public final class DiscoveryException extends Exception {
    public DiscoveryException(String message) {
        super(message);
    }
}
