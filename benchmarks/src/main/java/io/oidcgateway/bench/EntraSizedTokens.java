package io.oidcgateway.bench;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.Session;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Sessions shaped like Entra's: an access token of about 1.6 KB and an ID token of 1.2 KB,
 * both RS256 JWTs (a JSON header, a payload, a 256-byte signature), and an opaque refresh
 * token of 1 KB in Entra's {@code 0.<base64url>} form. Payloads and the refresh token are
 * random bytes: nothing here compresses better than real tokens would.
 */
final class EntraSizedTokens {
    static final int ACCESS = 1600;
    static final int ID = 1200;
    static final int REFRESH = 1000;
    private static final int SIGNATURE_CHARACTERS = 342;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final RandomTokens ids = new RandomTokens(random);

    Session session(int n, Instant now) {
        IdentityClaims identity = new IdentityClaims("sub-" + n + "-" + base64url(20), Optional.of("user" + n + "@contoso.com"),
                true, Optional.of("User " + n), Optional.of("user" + n + "@contoso.com"),
                List.of("b5c2f5a1-0a8c-4d9e-9b47-3f1f2c6d7e8a", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"),
                Optional.of("00" + base64url(34)));
        String access = jwt("{\"typ\":\"JWT\",\"nonce\":\"" + base64url(43) + "\",\"alg\":\"RS256\",\"x5t\":\""
                + base64url(27) + "\",\"kid\":\"" + base64url(27) + "\"}", ACCESS);
        String id = jwt("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"" + base64url(27) + "\"}", ID);
        return new Session(ids.next(), 0, identity, access, now.plus(Duration.ofHours(1)),
                Optional.of("0." + base64url(REFRESH - 2)), Optional.of(id), now, now.plus(Duration.ofHours(8)));
    }

    /** A JWT of the given header and about the given length (a base64url part is never 1 more than a multiple of 4). */
    private String jwt(String header, int length) {
        String encodedHeader = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8));
        int payload = length - encodedHeader.length() - SIGNATURE_CHARACTERS - 2;
        return encodedHeader + "." + base64url(payload % 4 == 1 ? payload - 1 : payload) + "."
                + base64url(SIGNATURE_CHARACTERS);
    }

    /** Random bytes encoded to the given number of characters (not 1 more than a multiple of 4). */
    private String base64url(int characters) {
        byte[] bytes = new byte[characters * 3 / 4];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The characters of the session's three tokens. */
    static int tokenCharacters(Session session) {
        return session.accessToken().length() + session.refreshToken().orElse("").length()
                + session.idToken().orElse("").length();
    }
}
