package io.oidcgateway.clientauth;

/** A key or certificate could not be used; the message names the file and the fix, never key material. */
public class KeyMaterialException extends Exception {
    public KeyMaterialException(String message) {
        super(message);
    }
}
