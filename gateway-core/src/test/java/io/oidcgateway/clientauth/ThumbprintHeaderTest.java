package io.oidcgateway.clientauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.clientauth.ThumbprintHeader.Spelling;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThumbprintHeaderTest {
    /** Bytes whose base64 has '+' and '/' and base64url '-' and '_': the spellings differ. */
    static final byte[] SHA1 = HexFormat.of().parseHex("fbffbf3e0102030405060708090a0b0c0d0e0f10");

    @Test
    void readWhenTheSameBytesAreSpelledFourWaysThenAllMatch() {
        String url = Base64.getUrlEncoder().withoutPadding().encodeToString(SHA1);
        String urlPadded = Base64.getUrlEncoder().encodeToString(SHA1);
        String standard = Base64.getEncoder().encodeToString(SHA1);
        String standardUnpadded = Base64.getEncoder().withoutPadding().encodeToString(SHA1);

        assertSpelling(url, Spelling.BASE64URL);
        assertSpelling(urlPadded, Spelling.BASE64URL_PADDED);
        assertSpelling(standard, Spelling.BASE64);
        assertSpelling(standardUnpadded, Spelling.BASE64);
    }

    private static void assertSpelling(String value, Spelling spelling) {
        ThumbprintHeader header = ThumbprintHeader.read("x5t", value);
        assertEquals(spelling, header.spelling(), value);
        assertTrue(header.matches(SHA1), value);
        assertArrayEquals(SHA1, header.bytes().orElseThrow());
        assertEquals(Optional.empty(), header.hexText());
        assertEquals("FBFFBF3E0102030405060708090A0B0C0D0E0F10", header.decodedHex());
    }

    @Test
    void readWhenPaddedWithoutAlphabetSpecificCharactersThenEitherAlphabet() {
        byte[] plain = HexFormat.of().parseHex("b8e28d655c341a16e249237102e06e81be55a124");
        String padded = Base64.getEncoder().encodeToString(plain);
        assertFalse(padded.matches(".*[-_+/].*"), padded);

        ThumbprintHeader header = ThumbprintHeader.read("x5t", padded);
        assertEquals(Spelling.PADDED, header.spelling());
        assertTrue(header.matches(plain));
    }

    @Test
    void readWhenHexTextThenTheMistakeNotAMatch() {
        String hex = HexFormat.of().formatHex(SHA1);
        ThumbprintHeader header = ThumbprintHeader.read("x5t", hex);

        assertEquals(Spelling.HEX_TEXT, header.spelling());
        assertEquals(Optional.of(hex), header.hexText());
        assertFalse(header.matches(SHA1));
        assertEquals(HexFormat.of().formatHex(Base64.getUrlDecoder().decode(hex)).toUpperCase(), header.decodedHex(),
                "what Entra prints: the hex of what it decoded");
    }

    @Test
    void readWhenBase64OfTheHexTextThenTheMistakeIsRecognised() {
        String hex = HexFormat.of().formatHex(SHA1);
        for (String spelled : new String[] {Base64.getUrlEncoder().withoutPadding().encodeToString(hex.getBytes()),
                Base64.getEncoder().encodeToString(hex.getBytes())}) {
            ThumbprintHeader header = ThumbprintHeader.read("x5t", spelled);
            assertEquals(Optional.of(hex), header.hexText(), spelled);
            assertFalse(header.matches(SHA1));
        }
        String sha256Hex = "ab".repeat(32);
        assertEquals(Optional.of(sha256Hex), ThumbprintHeader.read("x5t#S256",
                Base64.getUrlEncoder().encodeToString(sha256Hex.getBytes())).hexText());
    }

    @Test
    void readWhenNotBase64OrMixedAlphabetsThenNothingDecoded() {
        for (String value : new String[] {"a!b?", "ab-+cd", "abc=d", "a"}) {
            ThumbprintHeader header = ThumbprintHeader.read("x5t", value);
            assertEquals(Spelling.NOT_BASE64, header.spelling(), value);
            assertEquals(Optional.empty(), header.bytes());
            assertEquals(value, header.decodedHex());
        }
    }

    @Test
    void expectedLengthThenBySha() {
        assertEquals(20, ThumbprintHeader.read("x5t", "AA").expectedLength());
        assertEquals(32, ThumbprintHeader.read("x5t#S256", "AA").expectedLength());
    }
}
