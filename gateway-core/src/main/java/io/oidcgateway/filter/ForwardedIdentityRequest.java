package io.oidcgateway.filter;

import io.oidcgateway.http.HeaderValues;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The request as the upstream must see it: the client's own credentials and identity
 * headers removed (also when spelled with underscores, which some servers read as dashes),
 * the gateway's cookies removed, and the session's bearer token and identity added.
 */
public final class ForwardedIdentityRequest extends HttpServletRequestWrapper {
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
    private static final Set<String> REMOVED_NAMES = new TreeSet<>(ForwardedIdentityRequest::compareNames);
    private static final String REMOVED_PREFIX = "x-auth-request-";

    static {
        REMOVED_NAMES.addAll(REMOVED);
        FROM_TRUSTED_PROXY.addAll(List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded"));
    }

    private final Set<String> gatewayCookies;
    private final CallerHeaders identity;
    private final boolean fromTrustedProxy;
    /** The request's id as the upstream gets it, or null when it has none that arrives unchanged. */
    private final String requestId;
    /** Made on first use: a proxy that copies the headers itself never asks for them. */
    private List<String> names;

    /**
     * Wraps without copying: each header is looked up in the client's request when asked for
     * and passed through {@link #forwardedValue}, the one rule for what the upstream gets.
     *
     * @param identity the caller's headers; {@link CallerHeaders#NONE} on a path the upstream serves
     *        without login, where identity is only removed
     * @param fromTrustedProxy whether the peer is in {@code server.trusted-proxies}
     */
    public ForwardedIdentityRequest(HttpServletRequest request, CallerHeaders identity,
            Set<String> gatewayCookies, boolean fromTrustedProxy) {
        super(request);
        this.gatewayCookies = gatewayCookies;
        this.identity = identity;
        this.fromTrustedProxy = fromTrustedProxy;
        // Only a value that reaches the upstream unchanged is sent; see HeaderValues.
        this.requestId = request.getAttribute(RequestIds.ATTRIBUTE) instanceof String id
                ? HeaderValues.exact(id).orElse(null) : null;
    }

    /**
     * One of the client's header fields as the upstream gets it: null when it is not passed on
     * (a header only the gateway may set, unless a trusted proxy in front vouches for it), the
     * Cookie header without the gateway's cookies, the Connection header without tokens naming
     * protected headers, and any other value as it came. A proxy that reads the client's fields
     * itself applies this to each.
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

    /** A header only the gateway may set, unless a trusted proxy in front vouches for it. */
    private boolean removed(String name) {
        return !(fromTrustedProxy && FROM_TRUSTED_PROXY.contains(name)) && isProtected(name);
    }

    /** Whether the client's header of that name reaches the upstream: some of its values may not. */
    private boolean passes(String name) {
        if (removed(name)) {
            return false;
        }
        boolean filtered = name.equalsIgnoreCase("cookie") || name.equalsIgnoreCase("connection");
        return !filtered || !values(name).isEmpty();
    }

    /** The request's id as the upstream gets it in {@value RequestIds#HEADER}, when there is one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * The caller's headers this request adds, the very object the filter was given: a proxy that
     * writes them itself (encoded once per session) finds them here.
     */
    public CallerHeaders identity() {
        return identity;
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

    /** The values the upstream gets under that name: the gateway's own, or the client's as {@link #forwardedValue} passes them. */
    private List<String> values(String name) {
        List<String> own = gatewaysOwn(name);
        if (own != null) {
            return own;
        }
        Enumeration<String> client = super.getHeaders(name);
        List<String> kept = List.of();
        while (client != null && client.hasMoreElements()) {
            String value = forwardedValue(name, client.nextElement());
            if (value != null) {
                kept = kept.isEmpty() ? new ArrayList<>(2) : kept;
                kept.add(value);
            }
        }
        return kept;
    }

    /** The gateway's values under that name (the caller's identity, the request id); null for a name of the client's. */
    private List<String> gatewaysOwn(String name) {
        for (Map.Entry<String, List<String>> header : identity.entries()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return requestId != null && RequestIds.HEADER.equalsIgnoreCase(name) ? List.of(requestId) : null;
    }

    @Override
    public String getHeader(String name) {
        List<String> v = values(name);
        return v.isEmpty() ? null : v.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(values(name));
    }

    /**
     * The client's names that pass, each once whatever its spelling, in the client's order; then
     * the request id and the caller's headers. A request is served on one thread at a time, so
     * the list is made once without a lock.
     */
    @Override
    public Enumeration<String> getHeaderNames() {
        if (names == null) {
            List<String> passed = new ArrayList<>();
            List<String> gatewaysOwn = identity.names();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                String name = e.nextElement();
                if (!listed(passed, name) && !RequestIds.HEADER.equalsIgnoreCase(name)
                        && !listed(gatewaysOwn, name) && passes(name)) {
                    passed.add(name);
                }
            }
            if (requestId != null) {
                passed.add(RequestIds.HEADER);
            }
            passed.addAll(gatewaysOwn);
            names = passed;
        }
        return Collections.enumeration(names);
    }

    private static boolean listed(List<String> names, String name) {
        for (String listed : names) {
            if (listed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Cookie[] getCookies() {
        Cookie[] cookies = super.getCookies();
        if (cookies == null) {
            return null;
        }
        return Arrays.stream(cookies).filter(c -> !gatewayCookies.contains(c.getName())).toArray(Cookie[]::new);
    }
}
