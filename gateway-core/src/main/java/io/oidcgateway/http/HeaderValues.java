package io.oidcgateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Header values the gateway writes from what the IdP said (user, e-mail, groups): sent as
 * the exact UTF-8 bytes of the value, or not at all. Never a lossy conversion: a value that
 * an HTTP parser would change on its way (a control character, a line separator, space at
 * either end, which parsers trim) is not sent, because the upstream would read another
 * identity, and a character outside ISO-8859-1 is not replaced by {@code ?} or a space.
 *
 * <p>Servlet containers and Jetty's client write a header {@code String} one byte per char
 * (ISO-8859-1); the value returned here holds one char per UTF-8 byte, so the bytes on the
 * wire are the UTF-8 of the value. oauth2-proxy sends the same bytes.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** @return the value in its wire form, or empty when it cannot be carried unchanged */
    public static Optional<String> exact(String value) {
        if (value == null || value.isEmpty() || !carriedUnchanged(value)) {
            return Optional.empty();
        }
        return Optional.of(asciiOnly(value) ? value
                : new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    /** Whether an element of a comma-separated list header keeps its identity: it must not hold the separator. */
    public static boolean listElement(String value) {
        return value != null && !value.isEmpty() && value.indexOf(',') < 0 && carriedUnchanged(value);
    }

    private static boolean carriedUnchanged(String value) {
        if (printableAscii(value)) {
            // Tokens, ids and ASCII names (nearly every value, on every request): one pass.
            return value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ';
        }
        if (isSpace(value.charAt(0)) || isSpace(value.charAt(value.length() - 1))) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    || (Character.isSurrogate(c) && !validSurrogatePair(value, i))) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return true;
    }

    private static boolean validSurrogatePair(String value, int i) {
        return Character.isHighSurrogate(value.charAt(i)) && i + 1 < value.length()
                && Character.isLowSurrogate(value.charAt(i + 1));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || Character.isSpaceChar(c);
    }

    private static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiOnly(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
