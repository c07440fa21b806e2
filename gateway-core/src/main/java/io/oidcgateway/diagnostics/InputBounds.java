package io.oidcgateway.diagnostics;

/**
 * What the diagnostics read from a user (an assertion, a manifest) is bounded in size and
 * nesting, so hostile input gets one line saying so instead of a stack overflow or an
 * out-of-memory error.
 */
public final class InputBounds {
    /** Entra's own assertions, with an {@code x5c} chain, stay under 10 KB. */
    public static final int MAX_ASSERTION_CHARS = 64 * 1024;
    /** An app manifest is a few KB. */
    public static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    /** Headers and claims of an assertion nest two levels; a manifest five. */
    public static final int MAX_JSON_DEPTH = 32;

    private InputBounds() {
    }

    /** @throws OversizedInputException when the JSON text nests objects and arrays deeper than {@link #MAX_JSON_DEPTH} */
    public static void checkJsonDepth(String json, String what) throws OversizedInputException {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_JSON_DEPTH) {
                    throw new OversizedInputException(what + " nests objects or arrays more than " + MAX_JSON_DEPTH
                            + " levels deep; no real one does");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }

    /** @throws OversizedInputException when the text is longer than {@code max} characters */
    public static void checkLength(String text, int max, String what) throws OversizedInputException {
        if (text.length() > max) {
            throw new OversizedInputException(what + " is " + text.length() + " characters long; at most " + max
                    + " are read, and no real one is longer");
        }
    }
}
