package io.oidcgateway.oidc;

import java.util.regex.Pattern;

/** Removes JWTs (and jose4j's dumps of them) from text that goes to a page or a log. */
public final class TokenRedaction {
    /** A compact JWS or JWE: a JSON header ({@code eyJ} is base64url of <code>{"</code>) and more segments. */
    private static final Pattern COMPACT_JOSE = Pattern.compile("eyJ[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*){2,4}");
    /** jose4j renders a structure as {@code JsonWebSignature{header}->token}. */
    private static final Pattern JOSE_DUMP = Pattern.compile("Json\\w+\\{[^}]*}->\\S*");

    private TokenRedaction() {
    }

    public static String redact(String text) {
        String withoutDumps = JOSE_DUMP.matcher(text).replaceAll("[token]");
        return COMPACT_JOSE.matcher(withoutDumps).replaceAll("[token]");
    }
}
