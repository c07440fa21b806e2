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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** What a trusted proxy in front tells about the client (exact spellings): kept from it, and appended to. */
    static final Set<String> FROM_TRUSTED_PROXY = Set.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
            "Forwarded");

    /** Header names compare without case, as HTTP's do: the proxy looks each one up, so no scan per lookup. */
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> gatewayCookies;
    private final CallerHeaders identity;

    /**
     * @param identity the caller's headers; {@link CallerHeaders#NONE} on a path the upstream serves
     *        without login, where identity is only removed
     * @param fromTrustedProxy whether the peer is in {@code server.trusted-proxies}
     */
    public ForwardedIdentityRequest(HttpServletRequest request, CallerHeaders identity,
            Set<String> gatewayCookies, boolean fromTrustedProxy) {
        super(request);
        this.gatewayCookies = gatewayCookies;
        this.identity = identity;
        for (String name : Collections.list(request.getHeaderNames())) {
            String normalized = normalize(name);
            boolean vouchedFor = fromTrustedProxy && FROM_TRUSTED_PROXY.stream().anyMatch(name::equalsIgnoreCase);
            if (!vouchedFor && isProtected(normalized)) {
                continue;
            }
            List<String> values = Collections.list(request.getHeaders(name));
            if (normalized.equals("cookie")) {
                values = withoutGatewayCookies(values);
            } else if (normalized.equals("connection")) {
                values = withoutProtectedConnectionTokens(values);
            }
            if (!values.isEmpty()) {
                List<String> earlier = headers.putIfAbsent(name, values);
                if (earlier != null) {
                    List<String> merged = new ArrayList<>(earlier);
                    merged.addAll(values);
                    headers.put(name, merged);
                }
            }
        }
        if (request.getAttribute(RequestIds.ATTRIBUTE) instanceof String requestId) {
            // Only a value that reaches the upstream unchanged is sent; see HeaderValues.
            HeaderValues.exact(requestId).ifPresent(v -> headers.put(RequestIds.HEADER, List.of(v)));
        }
        for (Map.Entry<String, List<String>> header : identity.entries()) {
            headers.put(header.getKey(), header.getValue());
        }
    }

    /**
     * The caller's headers this request adds, the very object the filter was given: a proxy that
     * writes them itself (encoded once per session) finds them here.
     */
    public CallerHeaders identity() {
        return identity;
    }

    private List<String> withoutGatewayCookies(List<String> values) {
        return keptElements(values, ';', "; ", pair -> {
            int eq = pair.indexOf('=');
            return !gatewayCookies.contains((eq < 0 ? pair : pair.substring(0, eq)).trim());
        });
    }

    /** {@code Connection: X-Forwarded-User} would make the proxy drop the header the gateway adds. */
    private static List<String> withoutProtectedConnectionTokens(List<String> values) {
        return keptElements(values, ',', ", ", token -> !isProtected(normalize(token)));
    }

    /**
     * The elements of a list header (cookies, connection tokens) that {@code keep} accepts, trimmed
     * and joined again; headers left empty are dropped. On every forwarded request: no regex, no stream.
     */
    private static List<String> keptElements(List<String> values, char separator, String joiner,
            Predicate<String> keep) {
        List<String> kept = new ArrayList<>(values.size());
        for (String value : values) {
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
            if (rest.length() > 0) {
                kept.add(rest.toString());
            }
        }
        return kept;
    }

    /** A header only the gateway may set, by its normalised name. */
    private static boolean isProtected(String normalized) {
        return REMOVED.contains(normalized) || normalized.startsWith("x-auth-request-");
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private List<String> values(String name) {
        return headers.getOrDefault(name, List.of());
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

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
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
