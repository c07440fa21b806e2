package io.oidcgateway.config;

import java.util.Arrays;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;

/** The signature algorithms a client assertion may use; each needs a matching key type. */
public enum AssertionAlgorithm {
    RS256(AlgorithmIdentifiers.RSA_USING_SHA256, "RSA"),
    PS256(AlgorithmIdentifiers.RSA_PSS_USING_SHA256, "RSA"),
    ES256(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "EC");

    private final String joseName;
    private final String keyAlgorithm;

    AssertionAlgorithm(String joseName, String keyAlgorithm) {
        this.joseName = joseName;
        this.keyAlgorithm = keyAlgorithm;
    }

    public String joseName() {
        return joseName;
    }

    /** The JCA key algorithm ({@code RSA} or {@code EC}) this signature algorithm needs. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    public static Optional<AssertionAlgorithm> fromJoseName(String name) {
        return Arrays.stream(values()).filter(a -> a.joseName.equals(name)).findFirst();
    }
}
