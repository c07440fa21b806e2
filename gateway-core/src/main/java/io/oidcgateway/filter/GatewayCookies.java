package io.oidcgateway.filter;

import io.oidcgateway.config.ServerConfig;
import io.oidcgateway.config.SessionConfig;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's two cookies: the session cookie, and the login cookie that binds a pending
 * login's state to the browser that started it. Both {@code HttpOnly}, {@code SameSite=Lax},
 * {@code Path=/}, {@code Secure} when the public URL is https.
 */
public final class GatewayCookies {
    private final String sessionName;
    private final String loginName;
    private final Set<String> names;
    private final boolean secure;

    public GatewayCookies(SessionConfig session, ServerConfig server) {
        this.sessionName = session.cookieName();
        this.loginName = session.loginCookieName();
        this.names = Set.of(sessionName, loginName);
        this.secure = server.secure();
    }

    /** The names the upstream must never see. */
    public Set<String> names() {
        return names;
    }

    public Optional<String> sessionId(HttpServletRequest request) {
        return value(request, sessionName);
    }

    public Optional<String> loginBinding(HttpServletRequest request) {
        return value(request, loginName);
    }

    /** A session cookie without Max-Age: it ends with the browser or with the server-side session. */
    public void setSession(HttpServletResponse response, String id) {
        response.addHeader("Set-Cookie", format(sessionName, id, null));
    }

    public void clearSession(HttpServletResponse response) {
        response.addHeader("Set-Cookie", format(sessionName, "", Duration.ZERO));
    }

    /**
     * @param crossSitePost the IdP will POST the callback (form_post): a Lax cookie would not
     *        come along, so the login cookie (and only it) is SameSite=None
     */
    public void setLoginBinding(HttpServletResponse response, String value, Duration maxAge, boolean crossSitePost) {
        response.addHeader("Set-Cookie", format(loginName, value, maxAge, crossSitePost ? "None" : "Lax"));
    }

    private String format(String name, String value, Duration maxAge) {
        return format(name, value, maxAge, "Lax");
    }

    private String format(String name, String value, Duration maxAge, String sameSite) {
        StringBuilder sb = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=")
                .append(sameSite);
        if (maxAge != null) {
            sb.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (secure) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    private static Optional<String> value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}
