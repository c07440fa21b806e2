package io.oidcgateway.http;

/** A request path that servers read in more than one way; the message completes "The path ...". */
public final class AmbiguousPathException extends Exception {
    public AmbiguousPathException(String reason) {
        super(reason, null, false, false);
    }
}
