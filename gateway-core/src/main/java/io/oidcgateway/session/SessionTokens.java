package io.oidcgateway.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * A session's three tokens in one array, for the memory they take: a million signed-in users
 * with Entra-sized tokens must fit in a 4 GB heap. JWTs (and any token made of base64url
 * segments) are kept decoded, three quarters of their text, without the six objects three
 * strings and two optionals would cost; each read encodes the text again (about a microsecond
 * and 3.7 KB of garbage for an Entra access token), so the request path reads a session's
 * tokens once while it is in use (the filter's {@code UpstreamIdentity}), not on each request.
 * Immutable; {@code toString} shows no token.
 */
public final class SessionTokens {
    private static final int ACCESS = 0;
    private static final int REFRESH = 1;
    private static final int ID = 2;

    private final byte[] packed;

    private SessionTokens(byte[] packed) {
        this.packed = packed;
    }

    public static SessionTokens of(String accessToken, Optional<String> refreshToken, Optional<String> idToken) {
        if (accessToken == null) {
            throw new IllegalArgumentException("a session needs an access token");
        }
        return new SessionTokens(TokenPacking.pack(accessToken, refreshToken.orElse(null), idToken.orElse(null)));
    }

    public String accessToken() {
        return TokenPacking.unpack(packed, ACCESS);
    }

    /** {@code Bearer <access token>}: the {@code Authorization} value the upstream gets. */
    public String bearerAuthorization() {
        return "Bearer " + accessToken();
    }

    public Optional<String> refreshToken() {
        return Optional.ofNullable(TokenPacking.unpack(packed, REFRESH));
    }

    public Optional<String> idToken() {
        return Optional.ofNullable(TokenPacking.unpack(packed, ID));
    }

    /** What the three take in this process's heap, besides this object: for the test of the packing. */
    int packedBytes() {
        return packed.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionTokens that && Arrays.equals(packed, that.packed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(packed);
    }

    @Override
    public String toString() {
        return "SessionTokens[" + packed.length + " bytes]";
    }
}
