package io.oidcgateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTokensTest {
    private static final String VALID = "AZaz09-_AZaz09-_AZaz09-_AZaz09-_AZaz09-_AZa";

    @Test
    void everyTokenMadeIsWellFormedAndNew() {
        RandomTokens tokens = new RandomTokens(new SecureRandom());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String token = tokens.next();
            assertEquals(RandomTokens.LENGTH, token.length());
            assertTrue(RandomTokens.wellFormed(token), token);
            assertTrue(seen.add(token));
        }
    }

    @Test
    void theEdgesOfEachRangeAreWellFormed() {
        assertEquals(RandomTokens.LENGTH, VALID.length());
        assertTrue(RandomTokens.wellFormed(VALID));
    }

    @Test
    void anyOtherCharacterAnywhereIsNot() {
        // the neighbours of each range, base64's own '+' '/' '=', and what else a cookie may carry
        for (char c : "@[`{/:+=. \"%;,\u00e9\u0000".toCharArray()) {
            for (int at : new int[] {0, 20, RandomTokens.LENGTH - 1}) {
                String token = VALID.substring(0, at) + c + VALID.substring(at + 1);
                assertFalse(RandomTokens.wellFormed(token), "'" + c + "' at " + at);
            }
        }
    }

    @Test
    void anotherLengthOrNoneIsNot() {
        assertFalse(RandomTokens.wellFormed(null));
        assertFalse(RandomTokens.wellFormed(""));
        assertFalse(RandomTokens.wellFormed(VALID.substring(1)));
        assertFalse(RandomTokens.wellFormed(VALID + "A"));
    }
}
