package io.oidcgateway.filter;

import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.OidcProvider;
import io.oidcgateway.oidc.TokenEndpointException;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import io.oidcgateway.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback step of a login: takes the pending login for {@code state} (once), checks it
 * belongs to this browser, redeems the code with client authentication, validates the ID
 * token and starts a new session.
 */
public final class CallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);

    private final GatewayConfig config;
    private final Gateway gateway;

    CallbackHandler(GatewayConfig config, Gateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        try {
            Completed completed = complete(request);
            Session session = completed.session();
            gateway.cookies().sessionId(request).ifPresent(gateway.sessions()::remove);
            gateway.cookies().setSession(response, session.id());
            gateway.metrics().loginsSucceeded.increment();
            LOG.info("login of {} completed", LogText.clean(session.identity().subject()));
            List<String> leftOut = IdentityHeaderValues.leftOut(session.identity());
            if (!leftOut.isEmpty()) {
                LOG.warn("the identity headers of {} leave out {}: a control character, a comma in a group name or"
                        + " space at either end would reach the upstream altered", LogText.clean(
                                session.identity().subject()), String.join(", ", leftOut));
            }
            LocalRedirects.redirect(response, config.server().publicUrl(), completed.returnTo());
        } catch (LoginFailure failure) {
            gateway.metrics().loginsFailed.increment();
            gateway.errors().send(request, response, failure.error);
        }
    }

    private record Completed(Session session, String returnTo) {
    }

    private Completed complete(HttpServletRequest request) throws LoginFailure {
        String state = request.getParameter("state");
        if (state == null) {
            throw failure(400, "missing_state", "This sign-in cannot be completed",
                    "The callback carries no state. Start again from the page you wanted to open.");
        }
        PendingLogin login = gateway.pendingLogins().take(state).orElseThrow(() -> failure(400, "unknown_state",
                "This sign-in has expired or was already used",
                "Sign-ins must finish within " + inWords(config.session().loginTimeout())
                        + " and can be completed once. Start again from the page you wanted to open."));
        String binding = gateway.cookies().loginBinding(request).orElse("");
        if (!MessageDigest.isEqual(binding.getBytes(StandardCharsets.US_ASCII),
                login.browserBinding().getBytes(StandardCharsets.US_ASCII))) {
            throw failure(403, "state_not_bound", "This sign-in was started in another browser",
                    "The sign-in response does not belong to this browser, so it was refused."
                            + " Start again from the page you wanted to open.");
        }
        String idpError = request.getParameter("error");
        if (idpError != null) {
            String description = Optional.ofNullable(request.getParameter("error_description")).orElse("");
            throw new LoginFailure(new GatewayError(403, "idp_error", "The identity provider refused the sign-in",
                    idpError + (description.isEmpty() ? "" : ": " + description),
                    gateway.catalogue().lookup(idpError, description, List.of())));
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            throw failure(400, "missing_code", "This sign-in cannot be completed",
                    "The identity provider sent neither a code nor an error.");
        }
        OidcProvider.Loaded provider;
        try {
            provider = gateway.provider().get();
        } catch (DiscoveryException e) {
            throw failure(503, "idp_unavailable", "The sign-in service cannot be reached", e.getMessage());
        }
        TokenResponse tokens;
        try {
            tokens = gateway.tokens().redeemCode(provider.metadata().tokenEndpoint(), code, login.codeVerifier(),
                    config.server().redirectUri());
        } catch (TokenEndpointException e) {
            gateway.metrics().tokenEndpointErrors.increment();
            String detail = e.httpStatus() == TokenEndpointException.UNREACHABLE
                    ? e.description()
                    : "The token endpoint answered HTTP " + e.httpStatus() + " " + e.error()
                            + (e.description().isEmpty() ? "" : ": " + e.description());
            throw new LoginFailure(new GatewayError(502, "token_endpoint_refused",
                    "The identity provider refused to complete the sign-in", detail,
                    e.catalogueEntry(gateway.catalogue())));
        }
        String idToken = tokens.idToken().orElseThrow(() -> failure(502, "no_id_token",
                "The identity provider sent no ID token",
                "The token response has no id_token; make sure oidc.scopes includes openid."));
        IdentityClaims identity;
        try {
            identity = provider.idTokens().validate(idToken, login.nonce());
        } catch (IdTokenException e) {
            throw failure(403, "id_token_invalid", "The sign-in could not be verified", e.getMessage());
        }
        return new Completed(gateway.sessions().create(identity, tokens), login.returnTo());
    }

    private static String inWords(java.time.Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 1 && d.toSeconds() % 60 == 0 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : d.toSeconds() + " seconds";
    }

    private static LoginFailure failure(int status, String code, String title, String detail) {
        return new LoginFailure(GatewayError.of(status, code, title, detail));
    }

    private static final class LoginFailure extends Exception {
        private final transient GatewayError error;

        LoginFailure(GatewayError error) {
            super(error.code(), null, false, false);
            this.error = error;
        }
    }
}
