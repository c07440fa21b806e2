package io.oidcgateway.filter;

import io.oidcgateway.logging.LogText;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.LogoutTokenValidator.Logout;
import io.oidcgateway.session.SessionRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /oauth2/backchannel_logout}: the IdP POSTs a signed logout token; every session of
 * that IdP session ({@code sid}), or of that user ({@code sub}) when no sid is given, ends.
 */
final class BackchannelLogoutEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogoutEndpoint.class);

    private final IdentityProviderClient idp;
    private final SessionRepository sessions;
    private final ErrorResponder errors;
    private final GatewayMetrics metrics;

    BackchannelLogoutEndpoint(IdentityProviderClient idp, SessionRepository sessions, ErrorResponder errors,
            GatewayMetrics metrics) {
        this.idp = idp;
        this.sessions = sessions;
        this.errors = errors;
        this.metrics = metrics;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            errors.sendOAuth(response, GatewayError.of(ErrorCode.METHOD_NOT_ALLOWED, "POST only",
                    "back-channel logout takes a POST with logout_token"));
            return;
        }
        String token = request.getParameter("logout_token");
        if (token == null || token.isEmpty()) {
            errors.sendOAuth(response, GatewayError.of(ErrorCode.INVALID_REQUEST, "No logout token",
                    "the logout_token parameter is missing"));
            return;
        }
        Logout logout;
        try {
            logout = idp.validateLogoutToken(token);
        } catch (DiscoveryException e) {
            errors.sendOAuth(response, GatewayError.of(ErrorCode.TEMPORARILY_UNAVAILABLE, "IdP unavailable",
                    e.getMessage()));
            return;
        } catch (IdTokenException e) {
            LOG.info("back-channel logout refused: {}", LogText.clean(e.getMessage()));
            errors.sendOAuth(response, GatewayError.of(ErrorCode.INVALID_REQUEST, "Logout token refused",
                    e.getMessage()));
            return;
        }
        int ended = logout.sid().isPresent() ? sessions.deleteByIdpSession(logout.sid().get())
                : sessions.deleteBySubject(logout.sub().orElseThrow());
        metrics.backchannelLogouts(ended);
        LOG.info("back-channel logout for {} ended {} session(s)",
                LogText.clean(logout.sid().map(sid -> "IdP session " + sid).orElse("user " + logout.sub().orElse("?"))),
                ended);
        response.setStatus(200);
    }
}
