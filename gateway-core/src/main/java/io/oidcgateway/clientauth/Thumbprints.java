package io.oidcgateway.clientauth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import org.jose4j.base64url.Base64Url;

/** Certificate thumbprints as people see them: upper-case hex, as the Entra portal shows them. */
public final class Thumbprints {
    private Thumbprints() {
    }

    /** @param digest {@code SHA-1} or {@code SHA-256} */
    public static String hex(X509Certificate cert, String digest) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(digest).digest(cert.getEncoded()))
                    .toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute the " + digest + " thumbprint", e);
        }
    }

    /**
     * What Entra ID prints as "Thumbprint of key used by client": the hex of the bytes the
     * header's base64url value decodes to. The value itself when it is not base64url.
     */
    public static String hexOfBase64Url(String value) {
        try {
            return HexFormat.of().formatHex(Base64Url.decode(value)).toUpperCase(Locale.ROOT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
