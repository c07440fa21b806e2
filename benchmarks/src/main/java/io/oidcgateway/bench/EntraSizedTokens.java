package io.oidcgateway.bench;

import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.RandomTokens;
import io.oidcgateway.session.Session;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Sessions shaped like Entra's: an access token of about 1.6 KB, an ID token of 1.2 KB, a refresh token of 1 KB. */
final class EntraSizedTokens {
    static final int ACCESS = 1600;
    static final int ID = 1200;
    static final int REFRESH = 1000;

    private final SecureRandom random = new SecureRandom();
    private final RandomTokens ids = new RandomTokens(random);

    String token(int length) {
        byte[] bytes = new byte[length * 3 / 4 + 3];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    Session session(int n, Instant now) {
        IdentityClaims identity = new IdentityClaims("sub-" + n + "-" + token(20), Optional.of("user" + n + "@contoso.com"),
                true, Optional.of("User " + n), Optional.of("user" + n + "@contoso.com"),
                List.of("b5c2f5a1-0a8c-4d9e-9b47-3f1f2c6d7e8a", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f"),
                Optional.of("00" + token(34)));
        return new Session(ids.next(), 0, identity, token(ACCESS), now.plus(Duration.ofHours(1)),
                Optional.of(token(REFRESH)), Optional.of(token(ID)), now, now.plus(Duration.ofHours(8)));
    }
}
