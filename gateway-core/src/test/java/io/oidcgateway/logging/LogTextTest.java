package io.oidcgateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a\\nb          | a\\u000ab",
            "\\r\\nFAKE     | \\u000d\\u000aFAKE",
            "x\\u0000       | x\\u0000",
            "tab\\there     | tab\\u0009here",
            "del\\u007f     | del\\u007f",
            "nel\\u0085     | nel\\u0085",
            "ls\\u2028ps\\u2029 | ls\\u2028ps\\u2029"})
    void cleanWhenControlCharactersThenEscapedOnOneLine(String input, String expected) {
        assertEquals(expected, LogText.clean(unescape(input)));
    }

    @Test
    void cleanWhenPlainThenTheSameString() {
        String plain = "login of a1b2 completed: Łucja ~ !";
        assertSame(plain, LogText.clean(plain));
        assertEquals("null", LogText.clean(null));
    }

    /** The CSV holds Java escapes as text so the table stays readable. */
    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && s.charAt(i + 1) == 'u') {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\') {
                char e = s.charAt(++i);
                sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
