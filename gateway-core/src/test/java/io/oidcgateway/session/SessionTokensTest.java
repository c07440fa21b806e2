package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokensTest {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final Random random = new Random(42);

    @Test
    void aJwtTakesThreeQuartersOfItsText() {
        String access = jwt(1200);
        String id = jwt(900);
        String refresh = BASE64URL.encodeToString(bytes(750));
        SessionTokens tokens = SessionTokens.of(access, Optional.of(refresh), Optional.of(id));

        assertEquals(access, tokens.accessToken());
        assertEquals("Bearer " + access, tokens.bearerAuthorization());
        assertEquals(Optional.of(refresh), tokens.refreshToken());
        assertEquals(Optional.of(id), tokens.idToken());
        int text = access.length() + id.length() + refresh.length();
        assertTrue(tokens.packedBytes() < text * 0.76, tokens.packedBytes() + " bytes for " + text + " characters");
    }

    @Test
    void aRefreshTokenWithAPartThatIsNotBase64urlHasTheOthersDecoded() {
        String entraLike = "0." + BASE64URL.encodeToString(bytes(750));
        SessionTokens tokens = SessionTokens.of("access", Optional.of(entraLike), Optional.empty());

        assertEquals(Optional.of(entraLike), tokens.refreshToken());
        assertTrue(tokens.packedBytes() < entraLike.length() * 0.77, tokens.packedBytes() + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        ".",
        "eyJhbGciOiJSUzI1NiJ9..c2ln",
        "0.AXEAs9Ftk-pRlFt0HGmE_dGtvw",
        "QR",
        "QQ==",
        "a+b/c",
        "abcde",
        "token with spaces",
        "čaj-ünïcode",
        "x.y.z.",
        "2YotnFZFEjr1zCsicMWpAA"
    })
    void everyTokenComesBackAsItWas(String token) {
        SessionTokens tokens = SessionTokens.of(token, Optional.of(token), Optional.of(token));

        assertEquals(token, tokens.accessToken());
        assertEquals("Bearer " + token, tokens.bearerAuthorization());
        assertEquals(Optional.of(token), tokens.refreshToken());
        assertEquals(Optional.of(token), tokens.idToken());
    }

    @Test
    void randomTokensComeBackAsTheyWere() {
        String alphabet = "ABCxyz019-_.=+/ %é";
        for (int i = 0; i < 5_000; i++) {
            String access = randomText(alphabet, random.nextInt(40));
            String refresh = randomText(alphabet, random.nextInt(40));
            SessionTokens tokens = SessionTokens.of(access, Optional.of(refresh), Optional.empty());
            assertEquals(access, tokens.accessToken());
            assertEquals(Optional.of(refresh), tokens.refreshToken());
            assertEquals(Optional.empty(), tokens.idToken());
        }
    }

    @Test
    void absentTokensStayAbsentWhereverThePresentOnesAre() {
        String id = jwt(300);
        SessionTokens onlyId = SessionTokens.of("opaque access token", Optional.empty(), Optional.of(id));
        SessionTokens onlyRefresh = SessionTokens.of(jwt(300), Optional.of("opaque refresh"), Optional.empty());

        assertEquals(Optional.empty(), onlyId.refreshToken());
        assertEquals(Optional.of(id), onlyId.idToken());
        assertEquals(Optional.of("opaque refresh"), onlyRefresh.refreshToken());
        assertEquals(Optional.empty(), onlyRefresh.idToken());
    }

    @Test
    void tokensBeyondWhatSegmentsHoldAreKeptAsText() {
        String longSegment = BASE64URL.encodeToString(bytes(70_000));
        String manySegments = "QQ" + ".QQ".repeat(300);
        SessionTokens tokens = SessionTokens.of(longSegment, Optional.of(manySegments), Optional.empty());

        assertEquals(longSegment, tokens.accessToken());
        assertEquals("Bearer " + longSegment, tokens.bearerAuthorization());
        assertEquals(Optional.of(manySegments), tokens.refreshToken());
        assertTrue(tokens.packedBytes() > longSegment.length(), "kept as text, not as segments");
    }

    @Test
    void equalOnlyWithTheSameTokens() {
        String access = jwt(500);
        SessionTokens one = SessionTokens.of(access, Optional.of("r"), Optional.empty());

        assertEquals(one, SessionTokens.of(access, Optional.of("r"), Optional.empty()));
        assertEquals(one.hashCode(), SessionTokens.of(access, Optional.of("r"), Optional.empty()).hashCode());
        assertNotEquals(one, SessionTokens.of(access, Optional.of("s"), Optional.empty()));
        assertNotEquals(one, SessionTokens.of(access, Optional.empty(), Optional.of("r")));
    }

    @Test
    void showsNoToken() {
        String access = jwt(200);
        SessionTokens tokens = SessionTokens.of(access, Optional.of("refresh-secret"), Optional.empty());

        assertFalse(tokens.toString().contains(access.substring(0, 20)));
        assertFalse(tokens.toString().contains("refresh-secret"));
    }

    @Test
    void aSessionNeedsAnAccessToken() {
        assertThrows(IllegalArgumentException.class, () -> SessionTokens.of(null, Optional.empty(), Optional.empty()));
    }

    private String jwt(int payloadBytes) {
        String header = BASE64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + BASE64URL.encodeToString(bytes(payloadBytes)) + "." + BASE64URL.encodeToString(bytes(256));
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
