package io.oidcgateway.filter;

import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.LogoutTokenValidator.Logout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import io.oidcgateway.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /oauth2/backchannel_logout}: the IdP POSTs a signed logout token; every session of
 * that IdP session ({@code sid}), or of that user ({@code sub}) when no sid is given, ends.
 */
final class BackchannelLogoutEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogoutEndpoint.class);

    private final Gateway gateway;

    BackchannelLogoutEndpoint(Gateway gateway) {
        this.gateway = gateway;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            reply(response, 405, "invalid_request", "back-channel logout takes a POST with logout_token");
            return;
        }
        String token = request.getParameter("logout_token");
        if (token == null || token.isEmpty()) {
            reply(response, 400, "invalid_request", "the logout_token parameter is missing");
            return;
        }
        Logout logout;
        try {
            logout = gateway.provider().get().logoutTokens().validate(token);
        } catch (DiscoveryException e) {
            reply(response, 503, "temporarily_unavailable", e.getMessage());
            return;
        } catch (IdTokenException e) {
            LOG.info("back-channel logout refused: {}", LogText.clean(e.getMessage()));
            reply(response, 400, "invalid_request", e.getMessage());
            return;
        }
        int ended = gateway.sessions().removeWhere(s -> logout.sid().isPresent()
                ? logout.sid().equals(s.identity().sessionId())
                : logout.sub().get().equals(s.identity().subject()));
        gateway.metrics().backchannelLogouts.add(ended);
        LOG.info("back-channel logout for {} ended {} session(s)",
                LogText.clean(logout.sid().map(sid -> "IdP session " + sid).orElse("user " + logout.sub().orElse("?"))),
                ended);
        response.setStatus(200);
    }

    private static void reply(HttpServletResponse response, int status, String error, String description)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(JsonUtil.toJson(Map.of("error", error, "error_description", description)));
    }
}
