package io.oidcgateway.clientauth;

/** A PKCS#11 token could not be used; names the configuration key to correct (the PIN, the label, the slot). */
public final class Pkcs11KeyException extends KeyMaterialException {
    private final String configKey;

    public Pkcs11KeyException(String configKey, String message) {
        super(message);
        this.configKey = configKey;
    }

    public String configKey() {
        return configKey;
    }
}
