package io.oidcgateway.filter;

import jakarta.servlet.http.HttpServletResponse;

/** What every response the gateway writes itself (not the upstream's) has in common. */
public final class GatewayResponses {
    private GatewayResponses() {
    }

    /** The gateway's own pages are never framed by another site (clickjacking of sign-in and sign-out). */
    public static void denyFraming(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** 302 to a URL the gateway built and checked itself; {@code sendRedirect} would normalise it after the check. */
    static void found(HttpServletResponse response, String url) {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", url);
    }
}
