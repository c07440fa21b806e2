package io.oidcgateway.filter;

import io.oidcgateway.config.LoginOptions;
import io.oidcgateway.config.OidcConfig;
import io.oidcgateway.metrics.GatewayMetrics;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.IdentityProviderClient;
import io.oidcgateway.oidc.ProviderMetadata;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.PendingLoginRepository;
import io.oidcgateway.session.RandomTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.base64url.Base64Url;

/**
 * The redirect step of a login: remembers state, nonce and PKCE verifier as a pending
 * login bound to this browser, then sends the browser to the IdP's authorization endpoint.
 */
final class LoginFlow {
    private final OidcConfig oidc;
    private final URI redirectUri;
    private final Duration loginTimeout;
    private final IdentityProviderClient idp;
    private final PendingLoginRepository pendingLogins;
    private final GatewayCookies cookies;
    private final RandomTokens random;
    private final ErrorResponder errors;
    private final GatewayMetrics metrics;

    LoginFlow(OidcConfig oidc, URI redirectUri, Duration loginTimeout, IdentityProviderClient idp,
            PendingLoginRepository pendingLogins, GatewayCookies cookies, RandomTokens random, ErrorResponder errors,
            GatewayMetrics metrics) {
        this.oidc = oidc;
        this.redirectUri = redirectUri;
        this.loginTimeout = loginTimeout;
        this.idp = idp;
        this.pendingLogins = pendingLogins;
        this.cookies = cookies;
        this.random = random;
        this.errors = errors;
        this.metrics = metrics;
    }

    /** @param returnTo an already sanitized local path */
    void start(HttpServletRequest request, HttpServletResponse response, String returnTo) throws IOException {
        ProviderMetadata metadata;
        try {
            metadata = idp.metadata();
        } catch (DiscoveryException e) {
            errors.send(request, response, GatewayError.of(ErrorCode.IDP_UNAVAILABLE,
                    "The sign-in service cannot be reached", e.getMessage()));
            return;
        }
        // One binding per browser, reused, so logins started in several tabs all complete.
        String binding = cookies.loginBinding(request).filter(RandomTokens::wellFormed).orElseGet(random::next);
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), returnTo, binding);
        pendingLogins.put(login);
        LoginOptions options = oidc.loginOptions();
        cookies.setLoginBinding(response, binding, loginTimeout, options.formPost());
        metrics.loginStarted();
        String endpoint = metadata.authorizationEndpoint().toString();
        response.setHeader("Cache-Control", "no-store");
        GatewayResponses.found(response, endpoint + (endpoint.contains("?") ? "&" : "?") + query(login, options));
    }

    private String query(PendingLogin login, LoginOptions options) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", oidc.clientId());
        params.put("redirect_uri", redirectUri.toString());
        params.put("scope", String.join(" ", oidc.scopes()));
        params.put("state", login.state());
        params.put("nonce", login.nonce());
        params.put("code_challenge", s256(login.codeVerifier()));
        params.put("code_challenge_method", "S256");
        if (options.formPost()) {
            params.put("response_mode", "form_post");
        }
        options.prompt().ifPresent(v -> params.put("prompt", v));
        options.loginHint().ifPresent(v -> params.put("login_hint", v));
        options.domainHint().ifPresent(v -> params.put("domain_hint", v));
        options.extraParameters().forEach(params::putIfAbsent);
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String s256(String verifier) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
