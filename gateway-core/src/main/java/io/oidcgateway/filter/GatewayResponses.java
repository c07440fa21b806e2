package io.oidcgateway.filter;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;

/** What every response the gateway writes itself (not the upstream's) has in common. */
public final class GatewayResponses {
    /** The headers by which the gateway's own pages are never framed by another site. */
    static final List<Map.Entry<String, String>> DENY_FRAMING = List.of(
            Map.entry("Content-Security-Policy", "frame-ancestors 'none'"), Map.entry("X-Frame-Options", "DENY"));

    private GatewayResponses() {
    }

    /** The gateway's own pages are never framed by another site (clickjacking of sign-in and sign-out). */
    public static void denyFraming(HttpServletResponse response) {
        DENY_FRAMING.forEach(header -> response.setHeader(header.getKey(), header.getValue()));
    }

    /** 302 to a URL the gateway built and checked itself; {@code sendRedirect} would normalise it after the check. */
    static void found(HttpServletResponse response, String url) {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", url);
    }
}
