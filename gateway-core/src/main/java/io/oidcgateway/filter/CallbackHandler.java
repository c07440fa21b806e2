package io.oidcgateway.filter;

import io.oidcgateway.logging.LogText;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.metrics.GatewayMetrics.LoginOutcome;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdTokenException;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.IdpErrorCatalogue;
import io.oidcgateway.oidc.TokenEndpointException;
import io.oidcgateway.oidc.TokenResponse;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.Session;
import io.oidcgateway.session.SessionRepository;
import io.oidcgateway.session.SessionStarter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The callback step of a login: takes the pending login for {@code state} (once), checks it
 * belongs to this browser, redeems the code with client authentication, validates the ID
 * token and starts a new session.
 */
final class CallbackHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackHandler.class);

    /** Where the login goes: the gateway's public origin and its redirect URI. */
    record Site(URI publicUrl, URI redirectUri, Duration loginTimeout) {
    }

    private final Site site;
    private final PendingLoginRepository pendingLogins;
    private final IdentityProviderClient idp;
    private final SessionStarter sessionStarter;
    private final SessionRepository sessions;
    private final GatewayCookies cookies;
    private final AccessPolicy access;
    private final ErrorResponder errors;
    private final IdpErrorCatalogue catalogue;
    private final GatewayMetrics metrics;

    CallbackHandler(Site site, PendingLoginRepository pendingLogins, IdentityProviderClient idp,
            SessionStarter sessionStarter, SessionRepository sessions, GatewayCookies cookies, AccessPolicy access,
            ErrorResponder errors, IdpErrorCatalogue catalogue, GatewayMetrics metrics) {
        this.site = site;
        this.pendingLogins = pendingLogins;
        this.idp = idp;
        this.sessionStarter = sessionStarter;
        this.sessions = sessions;
        this.cookies = cookies;
        this.access = access;
        this.errors = errors;
        this.catalogue = catalogue;
        this.metrics = metrics;
    }

    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        Completed completed;
        try {
            completed = complete(request);
        } catch (LoginFailure failure) {
            metrics.loginFinished(outcome(failure.error.code()));
            errors.send(request, response, failure.error);
            return;
        }
        Session session = completed.session();
        cookies.sessionId(request).ifPresent(sessions::delete);
        cookies.setSession(response, session.id());
        metrics.loginFinished(access.denial(session.identity()).isPresent() ? LoginOutcome.DENIED : LoginOutcome.SUCCESS);
        logLogin(session.identity());
        LocalRedirects.redirect(response, site.publicUrl(), completed.returnTo());
    }

    private static void logLogin(IdentityClaims identity) {
        LOG.info("login of {} completed", LogText.clean(identity.subject()));
        List<String> leftOut = IdentityHeaderValues.leftOut(identity);
        if (!leftOut.isEmpty()) {
            LOG.warn("the identity headers of {} leave out {}: a control character, a comma in a group name or"
                    + " space at either end would reach the upstream altered", LogText.clean(identity.subject()),
                    String.join(", ", leftOut));
        }
    }

    private static LoginOutcome outcome(ErrorCode code) {
        return switch (code) {
            case MISSING_STATE, UNKNOWN_STATE, STATE_NOT_BOUND -> LoginOutcome.INVALID_STATE;
            case IDP_ERROR, MISSING_CODE -> LoginOutcome.IDP_ERROR;
            default -> LoginOutcome.TOKEN_ERROR;
        };
    }

    private record Completed(Session session, String returnTo) {
    }

    private Completed complete(HttpServletRequest request) throws LoginFailure {
        PendingLogin login = boundLogin(request);
        String idpError = request.getParameter("error");
        if (idpError != null) {
            String description = Optional.ofNullable(request.getParameter("error_description")).orElse("");
            throw new LoginFailure(new GatewayError(ErrorCode.IDP_ERROR, "The identity provider refused the sign-in",
                    idpError + (description.isEmpty() ? "" : ": " + description),
                    catalogue.lookup(idpError, description, List.of())));
        }
        String code = request.getParameter("code");
        if (code == null || code.isEmpty()) {
            throw failure(ErrorCode.MISSING_CODE, "This sign-in cannot be completed",
                    "The identity provider sent neither a code nor an error.");
        }
        TokenResponse tokens = redeem(code, login);
        String idToken = tokens.idToken().orElseThrow(() -> failure(ErrorCode.NO_ID_TOKEN,
                "The identity provider sent no ID token",
                "The token response has no id_token; make sure oidc.scopes includes openid."));
        IdentityClaims identity;
        try {
            identity = idp.validateIdToken(idToken, login.nonce());
        } catch (IdTokenException e) {
            throw failure(ErrorCode.ID_TOKEN_INVALID, "The sign-in could not be verified", e.getMessage());
        } catch (DiscoveryException e) {
            throw unavailable(e);
        }
        return new Completed(sessionStarter.start(identity, tokens), login.returnTo());
    }

    /** The pending login of this callback's {@code state}, taken once, if this browser started it. */
    private PendingLogin boundLogin(HttpServletRequest request) throws LoginFailure {
        String state = request.getParameter("state");
        if (state == null) {
            throw failure(ErrorCode.MISSING_STATE, "This sign-in cannot be completed",
                    "The callback carries no state. Start again from the page you wanted to open.");
        }
        PendingLogin login = pendingLogins.take(state).orElseThrow(() -> failure(ErrorCode.UNKNOWN_STATE,
                "This sign-in has expired or was already used",
                "Sign-ins must finish within " + inWords(site.loginTimeout())
                        + " and can be completed once. Start again from the page you wanted to open."));
        String binding = cookies.loginBinding(request).orElse("");
        if (!MessageDigest.isEqual(binding.getBytes(StandardCharsets.US_ASCII),
                login.browserBinding().getBytes(StandardCharsets.US_ASCII))) {
            throw failure(ErrorCode.STATE_NOT_BOUND, "This sign-in was started in another browser",
                    "The sign-in response does not belong to this browser, so it was refused."
                            + " Start again from the page you wanted to open.");
        }
        return login;
    }

    private TokenResponse redeem(String code, PendingLogin login) throws LoginFailure {
        try {
            return idp.redeemCode(code, login.codeVerifier(), site.redirectUri());
        } catch (DiscoveryException e) {
            throw unavailable(e);
        } catch (TokenEndpointException e) {
            String detail = e.httpStatus() == TokenEndpointException.UNREACHABLE
                    ? e.description()
                    : "The token endpoint answered HTTP " + e.httpStatus() + " " + e.error()
                            + (e.description().isEmpty() ? "" : ": " + e.description());
            throw new LoginFailure(new GatewayError(ErrorCode.TOKEN_ENDPOINT_REFUSED,
                    "The identity provider refused to complete the sign-in", detail, e.catalogueEntry(catalogue)));
        }
    }

    private static LoginFailure unavailable(DiscoveryException e) {
        return failure(ErrorCode.IDP_UNAVAILABLE, "The sign-in service cannot be reached", e.getMessage());
    }

    private static String inWords(Duration d) {
        long minutes = d.toMinutes();
        return minutes >= 1 && d.toSeconds() % 60 == 0 ? minutes + (minutes == 1 ? " minute" : " minutes")
                : d.toSeconds() + " seconds";
    }

    private static LoginFailure failure(ErrorCode code, String title, String detail) {
        return new LoginFailure(GatewayError.of(code, title, detail));
    }

    private static final class LoginFailure extends Exception {
        private final transient GatewayError error;

        LoginFailure(GatewayError error) {
            super(error.code().wireName(), null, false, false);
            this.error = error;
        }
    }
}
