package io.oidcgateway.oidc;

/** An ID token was refused; the message says which check failed (never the token). */
public final class IdTokenException extends Exception {
    public IdTokenException(String message) {
        super(message);
    }
}
