package io.oidcgateway.config;

/** Which of the user's facts the upstream receives as request headers. */
public record IdentityHeaders(boolean user, boolean email, boolean preferredUsername, boolean groups,
        boolean idToken, boolean accessToken) {

    /** Everything but the ID token, which most applications do not need and which is large. */
    public static final IdentityHeaders DEFAULTS = new IdentityHeaders(true, true, true, true, false, true);
}
