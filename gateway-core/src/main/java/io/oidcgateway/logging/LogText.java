package io.oidcgateway.logging;

/**
 * Text from outside (IdP error descriptions, claims, callback parameters) made safe for one log
 * line: a line break in it would let the sender write a line of its own into the log.
 */
public final class LogText {
    private LogText() {
    }

    public static String clean(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
