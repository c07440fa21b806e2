package io.oidcgateway.filter;

import io.oidcgateway.config.ServerConfig;
import io.oidcgateway.config.SessionConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's two cookies: the session cookie, and the login cookie that binds a pending
 * login's state to the browser that started it. Both {@code HttpOnly}, {@code Path=/},
 * {@code SameSite=Lax}, {@code Secure} when the public URL is https, and a {@code Domain}
 * only when {@code session.cookie-domain} sets one.
 */
public final class GatewayCookies {
    private final String sessionName;
    private final String loginName;
    private final Set<String> names;
    private final boolean secure;
    private final Optional<String> domain;

    public GatewayCookies(SessionConfig session, ServerConfig server) {
        this.sessionName = session.cookieName();
        this.loginName = session.loginCookieName();
        this.names = Set.of(sessionName, loginName);
        this.secure = server.secure();
        this.domain = session.cookieDomain();
    }

    /** The names the upstream must never see. */
    public Set<String> names() {
        return names;
    }

    public Optional<String> sessionId(HttpServletRequest request) {
        return value(request, sessionName);
    }

    /** @param cookieHeaders the request's {@code Cookie} header values, as sent */
    public Optional<String> sessionId(List<String> cookieHeaders) {
        return value(cookieHeaders, sessionName);
    }

    public Optional<String> loginBinding(HttpServletRequest request) {
        return value(request, loginName);
    }

    /** A session cookie without Max-Age: it ends with the browser or with the server-side session. */
    public void setSession(HttpServletResponse response, String id) {
        response.addCookie(cookie(sessionName, id, null, "Lax", secure));
    }

    public void clearSession(HttpServletResponse response) {
        response.addCookie(cookie(sessionName, "", Duration.ZERO, "Lax", secure));
    }

    /**
     * @param crossSitePost the IdP will POST the callback (form_post): a Lax cookie would not
     *        come along, so the login cookie (and only it) is {@code SameSite=None}, which
     *        browsers accept only with {@code Secure}
     */
    public void setLoginBinding(HttpServletResponse response, String value, Duration maxAge, boolean crossSitePost) {
        response.addCookie(cookie(loginName, value, maxAge, crossSitePost ? "None" : "Lax", secure || crossSitePost));
    }

    private Cookie cookie(String name, String value, Duration maxAge, String sameSite, boolean secureFlag) {
        Cookie cookie = new Cookie(name, value);
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setSecure(secureFlag);
        cookie.setAttribute("SameSite", sameSite);
        domain.ifPresent(cookie::setDomain);
        if (maxAge != null) {
            cookie.setMaxAge((int) maxAge.toSeconds());
        }
        return cookie;
    }

    /**
     * The first cookie of that name, read from the {@code Cookie} headers as sent. Not through
     * {@code getCookies()}, which makes an object of every cookie of the site on every request
     * to find the one the gateway needs. A value in double quotes is read without them, as
     * RFC 6265 allows and the servlet containers do.
     */
    private static Optional<String> value(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        return headers == null ? Optional.empty() : value(Collections.list(headers), name);
    }

    private static Optional<String> value(List<String> headers, String name) {
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq >= 0 && nameOf(pair).equals(name)) {
                    return Optional.of(unquoted(pair.substring(eq + 1).trim()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The name of a {@code name=value} pair of a Cookie header, spaces around it aside: the one
     * reading both for finding the gateway's cookies and for keeping them from the upstream.
     */
    static String nameOf(String pair) {
        int eq = pair.indexOf('=');
        return (eq < 0 ? pair : pair.substring(0, eq)).trim();
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
