package io.oidcgateway.demo;

import static io.oidcgateway.demo.DemoPages.nz;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo IdP's token endpoint: client authentication by Entra's rules, then the
 * authorization code grant with PKCE or the refresh token grant with rotation.
 */
final class DemoTokenEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTokenEndpoint.class);

    private final DemoState state;

    DemoTokenEndpoint(DemoState state) {
        this.state = state;
    }

    /** @param site the issuer and token endpoint the client called: the assertion's aud must name the latter */
    void handle(HttpServletRequest request, HttpServletResponse response, DemoSite site) throws IOException {
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> form.put(k, v[0]));
        Optional.ofNullable(form.get("client_assertion")).ifPresent(state.receivedAssertions::add);
        pause(state.settings.tokenEndpointDelay());
        if (state.tokenEndpointDown) {
            DemoPages.json(response, 503, "{\"error\":\"temporarily_unavailable\",\"error_description\":\"demo outage\"}");
            return;
        }
        try {
            if (!"POST".equals(request.getMethod())) {
                throw EntraError.invalidRequest(900561, "The endpoint only accepts POST requests.");
            }
            RegisteredClient client = state.assertionRules.authenticate(form, request.getHeader("Authorization"),
                    URI.create(site.token()), id -> Optional.ofNullable(state.clients.get(id)));
            DemoTokenIssuer issuing = state.tokens(site.issuer());
            String grantType = nz(form.get("grant_type"));
            switch (grantType) {
                case "authorization_code" -> DemoPages.json(response, 200, redeem(client, form, issuing));
                case "refresh_token" -> DemoPages.json(response, 200, refresh(client, form, issuing));
                default -> throw new EntraError(400, "unsupported_grant_type", 70003,
                        "The app requested an unsupported grant type '" + grantType + "'.");
            }
        } catch (EntraError e) {
            LOG.info("demo IdP refused a token request: {} AADSTS{}", e.error(), e.code());
            DemoPages.json(response, e.status(), e.toJson(state.clock.instant()));
        }
    }

    private String redeem(RegisteredClient client, Map<String, String> form, DemoTokenIssuer issuing)
            throws EntraError {
        state.codeGrants.incrementAndGet();
        String code = nz(form.get("code"));
        DemoState.IssuedCode issued = state.codes.asMap().remove(code);
        if (issued == null) {
            if (state.redeemedCodes.getIfPresent(code) != null) {
                throw EntraError.invalidGrant(54005, "OAuth2 Authorization code was already redeemed, please retry"
                        + " with a new valid code or use an existing refresh token.");
            }
            throw EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due"
                    + " to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        state.redeemedCodes.put(code, Boolean.TRUE);
        if (!issued.clientId().equals(client.clientId())) {
            throw EntraError.invalidGrant(70000, "The provided value for the 'code' parameter is not valid.");
        }
        if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
            throw EntraError.invalidGrant(50011, "The redirect URI '" + form.get("redirect_uri") + "' does not match"
                    + " the one the authorization code was issued for.");
        }
        if (!issued.challenge().equals(s256(nz(form.get("code_verifier"))))) {
            throw EntraError.invalidGrant(501481,
                    "The Code_Verifier does not match the code_challenge supplied in the authorization request.");
        }
        return tokenResponse(issuing, client, issued.user(), issued.scope(), issued.sid(), issued.nonce());
    }

    /** The tokens carry the user as the IdP knows them now: changed groups show up at the next refresh. */
    private String refresh(RegisteredClient client, Map<String, String> form, DemoTokenIssuer issuing)
            throws EntraError {
        state.refreshGrants.incrementAndGet();
        DemoState.Grant grant = state.refreshTokens.asMap().remove(nz(form.get("refresh_token")));
        if (grant == null || !grant.clientId().equals(client.clientId())) {
            throw EntraError.invalidGrant(70008, "The provided authorization code or refresh token has expired due"
                    + " to inactivity. Send a new interactive authorization request for this user and resource.");
        }
        return tokenResponse(issuing, client, state.current(grant.user()), grant.scope(), grant.sid(), null);
    }

    private String tokenResponse(DemoTokenIssuer tokens, RegisteredClient client, DemoUser user, String scope,
            String sid, String nonce) {
        DemoIdpSettings settings = state.settings;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("scope", scope);
        body.put("expires_in", settings.accessTokenLifetime().toSeconds());
        body.put("access_token", tokens.accessToken(client.clientId(), user, scope, settings.accessTokenLifetime()));
        body.put("id_token", tokens.idToken(client.clientId(), user, nonce, sid, settings.idTokenLifetime(),
                state.idTokenForgery));
        if (List.of(scope.split(" ")).contains("offline_access")) {
            String refreshToken = state.random.next();
            state.refreshTokens.put(refreshToken, new DemoState.Grant(client.clientId(), user, scope, sid));
            state.issuedRefreshTokens.add(refreshToken);
            body.put("refresh_token", refreshToken);
        }
        return JsonUtil.toJson(body);
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Computed here rather than borrowed from the gateway, so a PKCE mistake there cannot cancel out. */
    private static String s256(String verifier) {
        try {
            return Base64Url.encode(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
