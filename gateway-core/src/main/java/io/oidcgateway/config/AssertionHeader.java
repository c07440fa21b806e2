package io.oidcgateway.config;

import java.util.Arrays;
import java.util.Optional;

/** Header parameters that tell the IdP which registered certificate signed the client assertion. */
public enum AssertionHeader {
    /** Base64url SHA-1 thumbprint of the certificate's DER: what Entra ID looks for. */
    X5T("x5t"),
    /** Base64url SHA-256 thumbprint of the certificate's DER. */
    X5T_S256("x5t#S256"),
    /** The RFC 7638 JWK thumbprint of the public key. */
    KID("kid"),
    /** The whole certificate chain, base64 DER. */
    X5C("x5c");

    private final String headerName;

    AssertionHeader(String headerName) {
        this.headerName = headerName;
    }

    public String headerName() {
        return headerName;
    }

    public static Optional<AssertionHeader> fromHeaderName(String name) {
        return Arrays.stream(values()).filter(h -> h.headerName.equals(name)).findFirst();
    }
}
