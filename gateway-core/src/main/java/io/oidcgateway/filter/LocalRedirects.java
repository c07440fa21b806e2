package io.oidcgateway.filter;

import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.RequestPath;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;

/**
 * Where a browser may be sent after login or sign-out: only a path on this site, checked in
 * the exact form that goes into {@code Location}. The path must be one that no browser or
 * server reads differently ({@link RequestPath}: no {@code //}, {@code /./}, {@code ..},
 * backslash or encoded slash, dot or backslash, which a later normalisation could turn into
 * {@code //evil.example}); anything else becomes {@code /}. The redirect is then written as
 * an absolute URL on the public origin, bypassing the container's own normalisation.
 */
public final class LocalRedirects {
    static final int MAX_LENGTH = 2048;

    private LocalRedirects() {
    }

    /** @return the target when it is a safe same-origin path with an optional query and fragment, else {@code /} */
    public static String sanitize(String target) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH) {
            return "/";
        }
        int end = firstOf(target, '?', '#');
        try {
            RequestPath.parse(target.substring(0, end));
        } catch (AmbiguousPathException e) {
            return "/";
        }
        return uriCharactersOnly(target, end) ? target : "/";
    }

    /** Sends the browser to a checked local target on the public origin: 302 with exactly this {@code Location}. */
    static void redirect(HttpServletResponse response, URI publicUrl, String checkedTarget) {
        GatewayResponses.found(response, publicUrl + checkedTarget);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? (j < 0 ? s.length() : j) : (j < 0 ? i : Math.min(i, j));
    }

    /** RFC 3986 characters only, a {@code %} always followed by two hex digits. */
    private static boolean uriCharactersOnly(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    return false;
                }
            } else if (!(Character.isLetterOrDigit(c) && c < 0x80) && "-._~:/?#[]@!$&'()*+,;=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
