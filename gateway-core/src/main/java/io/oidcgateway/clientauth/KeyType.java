package io.oidcgateway.clientauth;

import java.util.Arrays;
import java.util.Optional;

/** Key pairs the gateway can create for a new client certificate. */
public enum KeyType {
    RSA2048("rsa2048", "RSA", 2048, "SHA256withRSA"),
    RSA3072("rsa3072", "RSA", 3072, "SHA256withRSA"),
    EC256("ec256", "EC", 256, "SHA256withECDSA");

    private final String cliName;
    private final String algorithm;
    private final int size;
    private final String certificateSignature;

    KeyType(String cliName, String algorithm, int size, String certificateSignature) {
        this.cliName = cliName;
        this.algorithm = algorithm;
        this.size = size;
        this.certificateSignature = certificateSignature;
    }

    public String cliName() {
        return cliName;
    }

    public String algorithm() {
        return algorithm;
    }

    public int size() {
        return size;
    }

    public String certificateSignature() {
        return certificateSignature;
    }

    public static Optional<KeyType> fromCliName(String name) {
        return Arrays.stream(values()).filter(k -> k.cliName.equals(name)).findFirst();
    }
}
