package io.oidcgateway.filter;

import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.http.AmbiguousPathException;
import io.oidcgateway.http.HeaderValues;
import io.oidcgateway.http.RequestPath;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;

/** The endpoints that read or end the current session: userinfo, forward-auth and sign-out. */
final class SessionEndpoints {
    static final List<String> ORIGINAL_URI_HEADERS = List.of("X-Original-URI", "X-Forwarded-Uri");

    private final GatewayConfig config;
    private final Gateway gateway;

    SessionEndpoints(GatewayConfig config, Gateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    void userinfo(HttpServletResponse response, Optional<Session> session) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (session.isEmpty()) {
            unauthorized(response);
            return;
        }
        IdentityClaims id = session.get().identity();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", id.subject());
        id.email().ifPresent(v -> body.put("email", v));
        id.name().ifPresent(v -> body.put("name", v));
        id.preferredUsername().ifPresent(v -> body.put("preferred_username", v));
        body.put("groups", id.groups());
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(body));
    }

    /** For nginx {@code auth_request} and Traefik {@code forwardAuth}: 202 with identity headers, or 401. */
    void forwardAuth(HttpServletRequest request, HttpServletResponse response, Optional<Session> session)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<String> ambiguity = ambiguousOriginalPath(request);
        if (ambiguity.isPresent()) {
            // 403, not 400: nginx's auth_request turns anything but 2xx, 401 and 403 into a 500.
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/json");
            response.getWriter().write(JsonUtil.toJson(Map.of("error", "ambiguous_path", "message",
                    "the original request's path " + ambiguity.get() + "; servers read it in different ways")));
            return;
        }
        if (session.isEmpty()) {
            unauthorized(response);
            return;
        }
        IdentityClaims id = session.get().identity();
        Optional<String> denial = gateway.access().denial(id);
        if (denial.isPresent()) {
            gateway.metrics().accessDenied.increment();
            gateway.errors().send(request, response, accessDenied(id, denial.get()));
            return;
        }
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
        setExact(response, "X-Auth-Request-User", Optional.of(id.subject()));
        setExact(response, "X-Auth-Request-Email", id.email());
        setExact(response, "X-Auth-Request-Preferred-Username", id.preferredUsername());
        setExact(response, "X-Auth-Request-Groups", IdentityHeaderValues.groups(id));
        setExact(response, "X-Auth-Request-Access-Token", Optional.of(session.get().accessToken()));
    }

    /** The same rule as for the upstream's headers: the exact UTF-8 bytes, or no header. */
    private static void setExact(HttpServletResponse response, String name, Optional<String> value) {
        value.flatMap(HeaderValues::exact).ifPresent(v -> response.setHeader(name, v));
    }

    /**
     * The proxy in front (nginx {@code X-Original-URI}, Traefik {@code X-Forwarded-Uri}) names the
     * request it asks about; a path servers read in different ways is never approved, so the
     * proxy cannot pass a path to its upstream that means something other than what was asked.
     */
    private static Optional<String> ambiguousOriginalPath(HttpServletRequest request) {
        for (String header : ORIGINAL_URI_HEADERS) {
            for (String uri : java.util.Collections.list(request.getHeaders(header))) {
                int query = uri.indexOf('?');
                try {
                    RequestPath.parse(query < 0 ? uri : uri.substring(0, query));
                } catch (AmbiguousPathException e) {
                    return Optional.of(e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    void signOut(HttpServletRequest request, HttpServletResponse response, Optional<Session> session)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        gateway.cookies().sessionId(request).ifPresent(gateway.sessions()::remove);
        gateway.cookies().clearSession(response);
        String rd = LocalRedirects.sanitize(request.getParameter("rd"));
        Optional<URI> endSession = Optional.empty();
        try {
            endSession = gateway.provider().get().metadata().endSessionEndpoint();
        } catch (DiscoveryException e) {
            // The local session is gone either way; the IdP's own session ends on its next outage-free logout.
        }
        if (endSession.isEmpty()) {
            LocalRedirects.redirect(response, config.server().publicUrl(), rd);
            return;
        }
        // The IdP only returns to a registered address, so the default is fixed: the site root.
        URI postLogout = config.oidc().postLogoutRedirectUri()
                .orElse(URI.create(config.server().publicUrl() + "/"));
        StringBuilder url = new StringBuilder(endSession.get().toString());
        url.append(url.indexOf("?") >= 0 ? '&' : '?')
                .append("client_id=").append(encode(config.oidc().clientId()))
                .append("&post_logout_redirect_uri=").append(encode(postLogout.toString()));
        session.flatMap(Session::idToken).ifPresent(t -> url.append("&id_token_hint=").append(encode(t)));
        GatewayResponses.found(response, url.toString());
    }

    static GatewayError accessDenied(IdentityClaims user, String reason) {
        String who = user.email().or(user::preferredUsername).orElse(user.subject());
        return GatewayError.of(403, "access_denied", "You are signed in, but not allowed here",
                "You are signed in as " + who + ", but " + reason + ". Ask the site's administrator for access,"
                        + " or sign out (" + GatewayPaths.SIGN_OUT + ") and sign in with another account.");
    }

    /** An API client's bearer token was refused (RFC 6750 section 3). */
    static void invalidToken(HttpServletResponse response, String reason) throws IOException {
        GatewayResponses.denyFraming(response);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"oidc-gateway\", error=\"invalid_token\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(Map.of("error", "invalid_token", "message", reason)));
    }

    static void unauthorized(HttpServletResponse response) throws IOException {
        GatewayResponses.denyFraming(response);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"oidc-gateway\"");
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"sign in first: open "
                + GatewayPaths.START + " in a browser\"}");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
