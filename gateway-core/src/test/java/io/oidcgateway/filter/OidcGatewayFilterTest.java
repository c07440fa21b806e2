package io.oidcgateway.filter;

import static io.oidcgateway.testing.FakeHttp.query;
import static io.oidcgateway.testing.FakeHttp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.testing.FakeHttp.Chain;
import io.oidcgateway.testing.FakeHttp.Request;
import io.oidcgateway.testing.FakeHttp.Response;
import io.oidcgateway.testing.FakeIdentityProvider;
import io.oidcgateway.testing.MutableClock;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The filter without a server: every request and response in memory, the IdP a fake the
 * test controls and the clock one it moves. Deterministic, and fast enough for mutation
 * testing; the real-socket tests in gateway-jetty cover the same paths end to end.
 */
class OidcGatewayFilterTest {
    static final String PUBLIC = "https://gw.test";
    static final IdentityClaims ALICE = new IdentityClaims("alice-sub", Optional.of("alice@example.com"), true,
            Optional.of("Alice"), Optional.of("alice"), List.of("admins"), Optional.of("idp-session-1"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeIdentityProvider idp = new FakeIdentityProvider();
    Gateway gateway;

    private OidcGatewayFilter filter(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of(
                "upstream.url", "http://app.test",
                "server.public-url", PUBLIC,
                "oidc.issuer", "https://idp.test",
                "oidc.client-id", "gw",
                "oidc.client-auth", "client_secret_basic",
                "oidc.client-secret", "s3cret"));
        props.putAll(extra);
        GatewayConfig config = new ConfigLoader(Map.of()).load(props, Path.of("."));
        gateway = GatewayBuilder.forConfig(config).clock(clock).identityProvider(idp).build();
        return gateway.filter();
    }

    /** Logs ALICE in through the fake IdP and returns the session cookie's value. */
    private String signIn(OidcGatewayFilter filter, String page) throws Exception {
        Response started = send(filter, Request.get(page).browser());
        String state = query(started.header("Location").orElseThrow()).get("state");
        idp.issueCode("code-" + state, ALICE);
        Response callback = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=code-" + state)
                .cookies(started));
        assertEquals(302, callback.status(), callback.body());
        return callback.cookie("gateway_session").orElseThrow().getValue();
    }

    @Test
    void browserWithoutSessionThenToTheIdpWithStateNoncePkceAndABoundLoginCookie() throws Exception {
        Response r = send(filter(Map.of()), Request.get("/reports?year=2026").browser());

        assertEquals(302, r.status());
        String location = r.header("Location").orElseThrow();
        assertTrue(location.startsWith("https://idp.test/authorize?"), location);
        Map<String, String> params = query(location);
        assertEquals("code", params.get("response_type"));
        assertEquals("gw", params.get("client_id"));
        assertEquals(PUBLIC + "/oauth2/callback", params.get("redirect_uri"));
        assertEquals("S256", params.get("code_challenge_method"));
        assertEquals(43, params.get("state").length());
        assertEquals(43, params.get("nonce").length());
        assertEquals(43, params.get("code_challenge").length());
        Cookie login = r.cookie("gateway_session_login").orElseThrow();
        assertTrue(login.isHttpOnly() && login.getSecure());
        assertEquals("/", login.getPath());
        assertEquals("Lax", login.getAttribute("SameSite"));
        assertEquals(null, login.getDomain());
        assertEquals(1L, gateway.pendingLogins().count());
    }

    @Test
    void apiClientWithoutSessionThen401WithWwwAuthenticateAndNoLogin() throws Exception {
        Response r = send(filter(Map.of()), Request.get("/api/items").header("Accept", "application/json"));

        assertEquals(401, r.status());
        assertEquals("Bearer realm=\"oidc-gateway\"", r.header("WWW-Authenticate").orElseThrow());
        assertTrue(r.body().contains("\"error\":\"unauthorized\""), r.body());
        assertEquals(0L, gateway.pendingLogins().count());
    }

    @Test
    void callbackThenANewSessionAndBackToThePageAskedFor() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/reports?year=2026").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");
        idp.issueCode("the-code", ALICE);

        Response callback = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=the-code")
                .cookies(started).cookie("gateway_session", "planted-by-an-attacker-xxxxxxxxxxxxxxxxxxxxx"));

        assertEquals(302, callback.status(), callback.body());
        assertEquals(PUBLIC + "/reports?year=2026", callback.header("Location").orElseThrow());
        Cookie session = callback.cookie("gateway_session").orElseThrow();
        assertTrue(session.isHttpOnly() && session.getSecure() && session.getMaxAge() < 0, "a browser-session cookie");
        assertEquals("Lax", session.getAttribute("SameSite"));
        assertFalse(session.getValue().startsWith("planted"), "never the id the browser brought");
        assertEquals(1L, gateway.sessions().count());
    }

    @Test
    void callbackReplayedOrFromAnotherBrowserThenRefused() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/x").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");
        idp.issueCode("c", ALICE);

        Response foreign = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=c")
                .cookie("gateway_session_login", "another-browser-xxxxxxxxxxxxxxxxxxxxxxxxxx").browser());
        Response replayed = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=c").cookies(started));

        assertEquals(403, foreign.status());
        assertTrue(foreign.body().contains("started in another browser"), foreign.body());
        assertEquals(400, replayed.status(), "the state was used up by the first attempt");
        assertEquals(0, idp.tokenCalls(), "no code was redeemed for either");
    }

    @Test
    void signedInThenTheUpstreamGetsTheBearerTokenAndIdentityNotTheClientsOwn() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, "/");
        Chain chain = new Chain();

        Response r = send(filter, Request.get("/page").cookie("gateway_session", session)
                .header("X-Forwarded-User", "admin").header("Authorization", "Bearer forged"), chain);

        assertEquals(200, r.status());
        HttpServletRequest upstream = chain.passed().orElseThrow();
        assertEquals("Bearer at-alice-sub", upstream.getHeader("Authorization"));
        assertEquals("alice-sub", upstream.getHeader("X-Forwarded-User"));
        assertEquals("alice@example.com", upstream.getHeader("X-Forwarded-Email"));
        assertEquals("admins", upstream.getHeader("X-Forwarded-Groups"));
        assertEquals(0, upstream.getCookies().length, "the gateway's cookies stay with the gateway");
    }

    @Test
    void accessRulesWhenTheUserIsNotInAnAllowedGroupThen403AndNothingForwarded() throws Exception {
        OidcGatewayFilter filter = filter(Map.of("access.allowed-groups", "finance"));
        String session = signIn(filter, "/");
        Chain chain = new Chain();

        Response r = send(filter, Request.get("/page").cookie("gateway_session", session).browser(), chain);

        assertEquals(403, r.status());
        assertTrue(r.body().contains("none of the groups allowed here"), r.body());
        assertTrue(chain.passed().isEmpty());
    }

    @Test
    void signOutWhenTheAccessTokenIsDueForRefreshThenTheTokenEndpointIsNotCalled() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, "/");
        int calls = idp.tokenCalls();
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));

        Response r = send(filter, Request.get("/oauth2/sign_out").cookie("gateway_session", session));

        assertEquals(calls, idp.tokenCalls(), "sign-out refreshed the session it was ending");
        assertEquals(302, r.status());
        Map<String, String> logout = query(r.header("Location").orElseThrow());
        assertTrue(logout.get("id_token_hint").startsWith("id-token-alice-sub"), logout.toString());
        assertEquals(0, r.cookie("gateway_session").orElseThrow().getMaxAge());
        assertEquals(0L, gateway.sessions().count());
    }

    @Test
    void forwardAuthThenTheIdentityInResponseHeaders() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, "/");

        Response signedIn = send(filter, Request.get("/oauth2/auth").cookie("gateway_session", session));
        Response anonymous = send(filter, Request.get("/oauth2/auth"));

        assertEquals(202, signedIn.status());
        assertEquals("alice-sub", signedIn.header("X-Auth-Request-User").orElseThrow());
        assertEquals("at-alice-sub", signedIn.header("X-Auth-Request-Access-Token").orElseThrow());
        assertEquals(401, anonymous.status());
    }

    /** Forward-auth keeps a session's answer while it is in use: its refreshed self must answer anew. */
    @Test
    void forwardAuthAfterARefreshAnswersTheNewTokenAndGroups() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, "/");
        assertEquals("at-alice-sub", send(filter, Request.get("/oauth2/auth").cookie("gateway_session", session))
                .header("X-Auth-Request-Access-Token").orElseThrow());
        IdentityClaims moved = new IdentityClaims("alice-sub", ALICE.claimedEmail(), true, ALICE.name(),
                ALICE.preferredUsername(), List.of("sales"), ALICE.sessionId());
        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.of(idp.idTokenFor(moved)), "rt-2"));
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        send(filter, Request.get("/page").cookie("gateway_session", session), new Chain());

        Response refreshed = send(filter, Request.get("/oauth2/auth").cookie("gateway_session", session));

        assertEquals(1, idp.refreshCalls());
        assertEquals("at-2", refreshed.header("X-Auth-Request-Access-Token").orElseThrow());
        assertEquals("sales", refreshed.header("X-Auth-Request-Groups").orElseThrow());
    }

    @Test
    void ambiguousPathThen400AndTheApplicationNeverSeesIt() throws Exception {
        OidcGatewayFilter filter = filter(Map.of("access.skip-paths", "/public"));
        Chain chain = new Chain();

        Response r = send(filter, Request.get("/admin/../public").browser(), chain);

        assertEquals(400, r.status());
        assertTrue(chain.passed().isEmpty());
        assertEquals("frame-ancestors 'none'", r.header("Content-Security-Policy").orElseThrow());
    }

    @Test
    void refreshWithANewIdTokenThenTheUpstreamSeesTheCurrentGroups() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, "/");
        IdentityClaims moved = new IdentityClaims("alice-sub", ALICE.claimedEmail(), true, ALICE.name(),
                ALICE.preferredUsername(), List.of("sales"), ALICE.sessionId());
        idp.refreshAnswers(rt -> FakeIdentityProvider.tokens("at-2", Optional.of(idp.idTokenFor(moved)), "rt-2"));
        clock.advance(Duration.ofMinutes(59).plusSeconds(30));
        Chain chain = new Chain();

        send(filter, Request.get("/page").cookie("gateway_session", session), chain);

        assertEquals(1, idp.refreshCalls());
        assertEquals("Bearer at-2", chain.passed().orElseThrow().getHeader("Authorization"));
        assertEquals("sales", chain.passed().orElseThrow().getHeader("X-Forwarded-Groups"));
    }

    @Test
    void metricsThenCountedLogins() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        signIn(filter, "/");

        String text = send(filter, Request.get("/metrics")).body();

        assertTrue(text.contains("gateway_logins_started_total 1.0"), text);
        assertTrue(text.contains("gateway_logins_total{outcome=\"success\"} 1.0"), text);
        assertTrue(text.contains("gateway_sessions 1.0"), text);
    }

    @Test
    void readinessFollowsTheIdp() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        assertEquals(200, send(filter, Request.get("/readyz")).status());
        idp.down();
        assertEquals(503, send(filter, Request.get("/readyz")).status());
        assertEquals(200, send(filter, Request.get("/healthz")).status());
    }
}
