package io.oidcgateway.server;

import io.oidcgateway.session.RandomTokens;
import java.security.SecureRandom;

/** Tokens for the warm-up, of the size an IdP issues (Entra ID: about 1.6 KB access, 1.2 KB ID token). */
final class MadeUpTokens {
    private final RandomTokens random = new RandomTokens(new SecureRandom());

    /** A JWT-shaped token of about {@code length} characters: the header code loops over every one. */
    String token(int length) {
        String part = random.next();
        StringBuilder token = new StringBuilder("eyJhbGciOiJSUzI1NiJ9.");
        while (token.length() < length) {
            token.append(part);
        }
        return token.append('.').append(part).toString();
    }
}
