package io.oidcgateway.clientauth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate thumbprints as people see them: upper-case hex, as the Entra portal shows them. */
public final class Thumbprints {
    private Thumbprints() {
    }

    /** @param digest {@code SHA-1} or {@code SHA-256} */
    public static String hex(X509Certificate cert, String digest) {
        return HexFormat.of().formatHex(bytes(cert, digest)).toUpperCase(Locale.ROOT);
    }

    /** The thumbprint itself: the digest of the certificate's DER. */
    public static byte[] bytes(X509Certificate cert, String digest) {
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the " + digest + " thumbprint", e);
        }
    }
}
