package io.oidcgateway.oidc;

import io.oidcgateway.clientauth.ClientAuthentication;
import io.oidcgateway.config.AccessConfig;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.metrics.GatewayMetrics.TokenGrant;
import io.oidcgateway.metrics.GatewayMetrics.TokenOutcome;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import io.oidcgateway.logging.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The IdP over HTTP: discovery and keys loaded once, the token endpoint with client authentication, timed. */
public final class OidcIdentityProviderClient implements IdentityProviderClient {
    private static final Logger LOG = LoggerFactory.getLogger(OidcIdentityProviderClient.class);
    private final OidcProvider provider;
    private final TokenClient tokens;
    private final IdpErrorCatalogue catalogue;
    private final GatewayMetrics metrics;

    /**
     * @param access which claim holds groups, and the audiences API clients' bearer tokens may have
     * @param http the one HTTP client for every call to the IdP
     */
    public OidcIdentityProviderClient(URI issuer, String clientId, AccessConfig access, OidcHttp http,
            ClientAuthentication clientAuthentication, IdpErrorCatalogue catalogue, GatewayMetrics metrics,
            Clock clock) {
        this.provider = new OidcProvider(issuer, clientId, access, http, clock);
        this.tokens = new TokenClient(http, clientAuthentication);
        this.catalogue = catalogue;
        this.metrics = metrics;
    }

    @Override
    public boolean ready() {
        try {
            provider.get();
            return true;
        } catch (DiscoveryException e) {
            return false;
        }
    }

    @Override
    public ProviderMetadata metadata() throws DiscoveryException {
        return provider.get().metadata();
    }

    @Override
    public TokenResponse redeemCode(String code, String codeVerifier, URI redirectUri)
            throws TokenEndpointException, DiscoveryException {
        URI endpoint = metadata().tokenEndpoint();
        return timed(TokenGrant.AUTHORIZATION_CODE, () -> tokens.redeemCode(endpoint, code, codeVerifier, redirectUri));
    }

    @Override
    public TokenResponse refresh(String refreshToken) throws TokenEndpointException, DiscoveryException {
        URI endpoint = metadata().tokenEndpoint();
        return timed(TokenGrant.REFRESH_TOKEN, () -> tokens.refresh(endpoint, refreshToken));
    }

    @Override
    public IdentityClaims validateIdToken(String idToken, String nonce) throws IdTokenException, DiscoveryException {
        return provider.get().idTokens().validate(idToken, nonce);
    }

    @Override
    public IdentityClaims validateRefreshedIdToken(String idToken, String sessionSubject)
            throws IdTokenException, DiscoveryException {
        return provider.get().idTokens().validateRefreshed(idToken, sessionSubject);
    }

    @Override
    public LogoutTokenValidator.Logout validateLogoutToken(String logoutToken)
            throws IdTokenException, DiscoveryException {
        return provider.get().logoutTokens().validate(logoutToken);
    }

    @Override
    public Optional<IdentityClaims> validateBearerToken(String token) throws IdTokenException, DiscoveryException {
        Optional<BearerTokenValidator> validator = provider.get().bearerTokens();
        return validator.isEmpty() ? Optional.empty() : Optional.of(validator.get().validate(token));
    }

    @Override
    public boolean acceptsBearerTokens() {
        try {
            return provider.get().bearerTokens().isPresent();
        } catch (DiscoveryException e) {
            return false;
        }
    }

    private interface TokenCall {
        TokenResponse call() throws TokenEndpointException;
    }

    private TokenResponse timed(TokenGrant grant, TokenCall call) throws TokenEndpointException {
        long start = System.nanoTime();
        try {
            TokenResponse response = call.call();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            metrics.tokenRequest(grant, TokenOutcome.OK, "none", took);
            LOG.debug("token endpoint granted {} in {} ms", grant, took.toMillis());
            return response;
        } catch (TokenEndpointException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String code = catalogue.errorCodeLabel(e.errorCodes(), e.description());
            metrics.tokenRequest(grant, outcome(e), code, took);
            LOG.debug("token endpoint refused {} in {} ms: HTTP {} {} ({})", grant, took.toMillis(), e.httpStatus(),
                    LogText.clean(e.error()), code);
            throw e;
        }
    }

    private static TokenOutcome outcome(TokenEndpointException e) {
        if (e.httpStatus() == TokenEndpointException.UNREACHABLE) {
            return TokenOutcome.UNREACHABLE;
        }
        return switch (e.error()) {
            case "invalid_client" -> TokenOutcome.INVALID_CLIENT;
            case "invalid_grant" -> TokenOutcome.INVALID_GRANT;
            default -> TokenOutcome.OTHER_ERROR;
        };
    }
}
