package io.oidcgateway.session;

import java.security.SecureRandom;
import org.jose4j.base64url.Base64Url;

/** Unguessable values: session ids, state, nonce, PKCE verifiers. 256 bits from {@link SecureRandom}. */
public final class RandomTokens {
    public static final int BYTES = 32;
    /** Length of {@link #next()}: 32 bytes in unpadded base64url. */
    public static final int LENGTH = 43;

    private final SecureRandom random;

    public RandomTokens(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /**
     * Whether a value from a request could have come from {@link #next()}; cheap to check before a lookup.
     * A plain loop: it runs on every request, where a stream over the characters showed up in the profile.
     */
    public static boolean wellFormed(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = value.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
