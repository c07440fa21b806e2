package io.oidcgateway.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenResponseTest {
    @ParameterizedTest
    @ValueSource(strings = {"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln", "opaque-Token_1~2+3/4==", "a"})
    void bearerTokenCharactersThenAccepted(String token) throws Exception {
        TokenResponse response = TokenResponse.fromJson(Map.of("access_token", token, "expires_in", 3600));

        assertEquals(token, response.accessToken());
        assertEquals(Duration.ofHours(1), response.expiresIn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: 1", "two words", "ünï", "=leading", "a\"b", "tab\there"})
    void anythingElseThenRefusedAtLoginNotForwarded(String token) {
        TokenEndpointException e = assertThrows(TokenEndpointException.class,
                () -> TokenResponse.fromJson(Map.of("access_token", token)));

        assertEquals("invalid_response", e.error());
        assertTrue(e.getMessage().contains("RFC 6750"), e.getMessage());
    }
}
