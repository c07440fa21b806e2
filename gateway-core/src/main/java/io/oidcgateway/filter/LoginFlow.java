package io.oidcgateway.filter;

import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.config.LoginOptions;
import io.oidcgateway.oidc.DiscoveryException;
import io.oidcgateway.oidc.ProviderMetadata;
import io.oidcgateway.session.PendingLogin;
import io.oidcgateway.session.RandomTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.base64url.Base64Url;

/**
 * The redirect step of a login: remembers state, nonce and PKCE verifier as a pending
 * login bound to this browser, then sends the browser to the IdP's authorization endpoint.
 */
public final class LoginFlow {
    private final GatewayConfig config;
    private final Gateway gateway;

    LoginFlow(GatewayConfig config, Gateway gateway) {
        this.config = config;
        this.gateway = gateway;
    }

    /** @param returnTo an already sanitized local path */
    void start(HttpServletRequest request, HttpServletResponse response, String returnTo) throws IOException {
        ProviderMetadata metadata;
        try {
            metadata = gateway.provider().get().metadata();
        } catch (DiscoveryException e) {
            gateway.errors().send(request, response, GatewayError.of(503, "idp_unavailable",
                    "The sign-in service cannot be reached", e.getMessage()));
            return;
        }
        RandomTokens random = gateway.random();
        // One binding per browser, reused, so logins started in several tabs all complete.
        String binding = gateway.cookies().loginBinding(request).filter(RandomTokens::wellFormed)
                .orElseGet(random::next);
        PendingLogin login = new PendingLogin(random.next(), random.next(), random.next(), returnTo, binding);
        gateway.pendingLogins().put(login);
        LoginOptions options = config.oidc().loginOptions();
        gateway.cookies().setLoginBinding(response, binding, config.session().loginTimeout(), options.formPost());
        gateway.metrics().loginsStarted.increment();

        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", config.oidc().clientId());
        params.put("redirect_uri", config.server().redirectUri().toString());
        params.put("scope", String.join(" ", config.oidc().scopes()));
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
        String endpoint = metadata.authorizationEndpoint().toString();
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        response.setHeader("Cache-Control", "no-store");
        GatewayResponses.found(response, endpoint + (endpoint.contains("?") ? "&" : "?") + query);
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
