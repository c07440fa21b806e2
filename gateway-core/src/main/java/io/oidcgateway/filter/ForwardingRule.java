package io.oidcgateway.filter;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The one rule for which of the client's header fields the upstream gets, and how: the client's
 * own credentials and identity headers removed (also when spelled with underscores, which some
 * servers read as dashes), the gateway's cookies removed. Applied by the servlet filter's
 * {@link ForwardedIdentityRequest} and by a proxy that reads the client's fields itself, so both
 * send the upstream the same. No servlet API: a Jetty handler applies it as well.
 */
public final class ForwardingRule {
    /** Lower-case, with '_' read as '-'; any {@code x-auth-request-*} header is removed as well. */
    static final Set<String> REMOVED = Set.of(
            "authorization", "proxy-authorization",
            "x-forwarded-user", "x-forwarded-email", "x-forwarded-preferred-username", "x-forwarded-groups",
            "x-forwarded-access-token", "x-forwarded-id-token", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto",
            "x-forwarded-port", "x-forwarded-server", "forwarded",
            // Some frameworks route by these instead of the request line: an upstream could then serve a
            // path other than the one the gateway authorised (the skip-path bypass of IIS and Symfony).
            "x-original-url", "x-rewrite-url", "x-original-uri", "x-forwarded-uri", "x-forwarded-prefix",
            "x-forwarded-path",
            // Replaced by the request's own id (the client's when it was plainly an id).
            "x-request-id");

    /**
     * What a trusted proxy in front tells about the client: kept from it, and appended to. Spelled
     * as here, case aside ({@code X_Forwarded_For} stays out).
     */
    static final Set<String> FROM_TRUSTED_PROXY = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    /** {@link #REMOVED} as header names compare: without case, and with '_' read as '-'. */
    private static final Set<String> REMOVED_NAMES = new TreeSet<>(ForwardingRule::compareNames);
    private static final String REMOVED_PREFIX = "x-auth-request-";

    static {
        REMOVED_NAMES.addAll(REMOVED);
        FROM_TRUSTED_PROXY.addAll(List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded"));
    }

    private final Set<String> gatewayCookies;
    private final boolean fromTrustedProxy;

    /**
     * @param gatewayCookies the names of the gateway's own cookies
     * @param fromTrustedProxy whether the peer is in {@code server.trusted-proxies}
     */
    public ForwardingRule(Set<String> gatewayCookies, boolean fromTrustedProxy) {
        this.gatewayCookies = gatewayCookies;
        this.fromTrustedProxy = fromTrustedProxy;
    }

    /**
     * One of the client's header fields as the upstream gets it: null when it is not passed on
     * (a header only the gateway may set, unless a trusted proxy in front vouches for it), the
     * Cookie header without the gateway's cookies, the Connection header without tokens naming
     * protected headers, and any other value as it came.
     */
    public String forwardedValue(String name, String value) {
        if (value == null || removed(name)) {
            return null;
        }
        if (name.equalsIgnoreCase("cookie")) {
            return withoutGatewayCookies(value);
        }
        if (name.equalsIgnoreCase("connection")) {
            return withoutProtectedConnectionTokens(value);
        }
        return value;
    }

    /** Whether a cookie of that name is the gateway's, which the upstream never sees. */
    boolean gatewayCookie(String name) {
        return gatewayCookies.contains(name);
    }

    /** A header only the gateway may set, unless a trusted proxy in front vouches for it. */
    boolean removed(String name) {
        return !(fromTrustedProxy && FROM_TRUSTED_PROXY.contains(name)) && isProtected(name);
    }

    /** @return null when only the gateway's cookies were in it */
    private String withoutGatewayCookies(String value) {
        return keptElements(value, ';', "; ", pair -> !gatewayCookies.contains(GatewayCookies.nameOf(pair)));
    }

    /** {@code Connection: X-Forwarded-User} would make the proxy drop the header the gateway adds. */
    private static String withoutProtectedConnectionTokens(String value) {
        return keptElements(value, ',', ", ", token -> !isProtected(token));
    }

    /**
     * The elements of a list header value (cookies, connection tokens) that {@code keep} accepts,
     * trimmed and joined again, or null when none is left. No regex, no stream: on every request.
     */
    private static String keptElements(String value, char separator, String joiner, Predicate<String> keep) {
        StringBuilder rest = new StringBuilder(value.length());
        int start = 0;
        while (start <= value.length()) {
            int end = value.indexOf(separator, start);
            end = end < 0 ? value.length() : end;
            String element = value.substring(start, end).trim();
            if (!element.isEmpty() && keep.test(element)) {
                rest.append(rest.length() > 0 ? joiner : "").append(element);
            }
            start = end + 1;
        }
        return rest.length() > 0 ? rest.toString() : null;
    }

    /** A header only the gateway may set; looked up without making a lower-case copy of the name. */
    private static boolean isProtected(String name) {
        return REMOVED_NAMES.contains(name) || (name.length() > REMOVED_PREFIX.length()
                && sameChars(name, REMOVED_PREFIX, REMOVED_PREFIX.length()) == 0);
    }

    /** Header names in order without case, '_' read as '-', as some servers read it. */
    private static int compareNames(String a, String b) {
        int diff = sameChars(a, b, Math.min(a.length(), b.length()));
        return diff != 0 ? diff : a.length() - b.length();
    }

    /** How the first {@code n} characters of two names compare, folded as {@link #compareNames} does. */
    private static int sameChars(String a, String b, int n) {
        for (int i = 0; i < n; i++) {
            int diff = folded(a.charAt(i)) - folded(b.charAt(i));
            if (diff != 0) {
                return diff;
            }
        }
        return 0;
    }

    private static char folded(char c) {
        return c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
    }
}
