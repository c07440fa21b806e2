package io.oidcgateway.proxy;

import io.oidcgateway.config.RouteConfig;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a strip-prefix route's prefix back into what its upstream says about its own URLs: an
 * upstream that serves {@code /api/items} as {@code /items} redirects to {@code /login} and
 * sets cookies for {@code Path=/}, which the browser must see as {@code /api/login} and
 * {@code Path=/api}. Only the upstream's own origin and its unprefixed paths are rewritten.
 */
final class PrefixRewriter {
    private static final Pattern COOKIE_PATH = Pattern.compile("(?i)(;\\s*path\\s*=\\s*)([^;]*)");

    private final RouteConfig route;
    private final URI publicUrl;

    PrefixRewriter(RouteConfig route, URI publicUrl) {
        this.route = route;
        this.publicUrl = publicUrl;
    }

    /** A {@code Location} to the upstream's own origin or an unprefixed path, moved under the prefix. */
    String location(String value) {
        if (value.startsWith("/") && !value.startsWith("//")) {
            return prefixed(value);
        }
        URI location;
        try {
            location = URI.create(value);
        } catch (IllegalArgumentException e) {
            return value;
        }
        if (!sameOrigin(location, route.upstream())) {
            return value;
        }
        String rest = location.getRawPath() == null || location.getRawPath().isEmpty() ? "/" : location.getRawPath();
        String query = location.getRawQuery() == null ? "" : "?" + location.getRawQuery();
        String fragment = location.getRawFragment() == null ? "" : "#" + location.getRawFragment();
        return publicUrl + prefixed(rest) + query + fragment;
    }

    /** A cookie's {@code Path} moved under the prefix; a cookie without one already defaults to the request's. */
    String setCookie(String value) {
        Matcher m = COOKIE_PATH.matcher(value);
        if (!m.find()) {
            return value;
        }
        return value.substring(0, m.start(2)) + prefixed(m.group(2).trim()) + value.substring(m.end(2));
    }

    private String prefixed(String path) {
        String prefix = route.pathPrefix();
        if (path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "?")) {
            return path;
        }
        return path.equals("/") ? prefix : prefix + path;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getHost() != null
                && a.getScheme().toLowerCase(Locale.ROOT).equals(b.getScheme().toLowerCase(Locale.ROOT))
                && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
