package io.oidcgateway.filter;

import io.oidcgateway.config.OidcConfig;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /oauth2/sign_out}: ends the session and its cookie, then RP-initiated logout at the
 * IdP when it has an end-session endpoint. It never calls the token endpoint: a session that
 * is ending needs no fresh access token.
 */
final class SignOutEndpoint {
    private final OidcConfig oidc;
    private final URI publicUrl;
    private final CurrentSession current;
    private final SessionRepository sessions;
    private final GatewayCookies cookies;
    private final IdentityProviderClient idp;

    SignOutEndpoint(OidcConfig oidc, URI publicUrl, CurrentSession current, SessionRepository sessions,
            GatewayCookies cookies, IdentityProviderClient idp) {
        this.oidc = oidc;
        this.publicUrl = publicUrl;
        this.current = current;
        this.sessions = sessions;
        this.cookies = cookies;
        this.idp = idp;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        Optional<Session> session = current.stored(request);
        cookies.sessionId(request).ifPresent(sessions::delete);
        cookies.clearSession(response);
        String rd = LocalRedirects.sanitize(request.getParameter("rd"));
        Optional<URI> endSession = Optional.empty();
        try {
            endSession = idp.metadata().endSessionEndpoint();
        } catch (DiscoveryException e) {
            // The local session is gone either way; the IdP's own session ends on its next outage-free logout.
        }
        if (endSession.isEmpty()) {
            LocalRedirects.redirect(response, publicUrl, rd);
            return;
        }
        // The IdP only returns to a registered address, so the default is fixed: the site root.
        URI postLogout = oidc.postLogoutRedirectUri().orElse(URI.create(publicUrl + "/"));
        StringBuilder url = new StringBuilder(endSession.get().toString());
        url.append(url.indexOf("?") >= 0 ? '&' : '?')
                .append("client_id=").append(encode(oidc.clientId()))
                .append("&post_logout_redirect_uri=").append(encode(postLogout.toString()));
        session.flatMap(Session::idToken).ifPresent(t -> url.append("&id_token_hint=").append(encode(t)));
        GatewayResponses.found(response, url.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
