package io.oidcgateway.diagnostics;

/** Input too large or too deeply nested to be a real assertion or manifest; the message is one line. */
public final class OversizedInputException extends Exception {
    public OversizedInputException(String message) {
        super(message, null, false, false);
    }
}
