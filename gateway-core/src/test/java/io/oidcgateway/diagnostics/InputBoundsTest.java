package io.oidcgateway.diagnostics;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InputBoundsTest {
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void checkJsonDepthWhenAtTheLimitThenAcceptedOneMoreRefused() {
        assertDoesNotThrow(() -> InputBounds.checkJsonDepth(nested(InputBounds.MAX_JSON_DEPTH), "x"));
        OversizedInputException e = assertThrows(OversizedInputException.class,
                () -> InputBounds.checkJsonDepth(nested(InputBounds.MAX_JSON_DEPTH + 1), "the header"));
        assertTrue(e.getMessage().startsWith("the header nests"), e.getMessage());
    }

    @Test
    void checkJsonDepthWhenSiblingsThenDepthIsNotTheirSum() {
        String siblings = "{\"a\":" + (nested(20) + ",").repeat(50) + "1}";
        assertDoesNotThrow(() -> InputBounds.checkJsonDepth(siblings, "x"));
        assertDoesNotThrow(() -> InputBounds.checkJsonDepth("{\"o\":{\"p\":{}}, \"q\":[[], {}]}", "x"));
        String objects = "{" + "\"a\":{\"b\":{}},".repeat(40) + "\"z\":1}";
        assertDoesNotThrow(() -> InputBounds.checkJsonDepth(objects, "x"));
    }

    @Test
    void checkJsonDepthWhenBracketsAreInsideStringsThenNotCounted() {
        String text = "{\"a\":\"" + "[{".repeat(100) + "\\\"" + "[".repeat(100) + "\"}";
        assertDoesNotThrow(() -> InputBounds.checkJsonDepth(text, "x"));
    }

    @Test
    void checkJsonDepthWhenAStringEndsInAnEscapedBackslashThenWhatFollowsCounts() {
        String text = "{\"a\":\"x\\\\\"," + "\"b\":" + nested(InputBounds.MAX_JSON_DEPTH + 1) + "}";
        assertThrows(OversizedInputException.class, () -> InputBounds.checkJsonDepth(text, "x"));
    }

    @Test
    void checkLengthWhenAtTheLimitThenAcceptedOneMoreRefused() {
        assertDoesNotThrow(() -> InputBounds.checkLength("a".repeat(10), 10, "x"));
        assertThrows(OversizedInputException.class, () -> InputBounds.checkLength("a".repeat(11), 10, "x"));
    }
}
