package io.oidcgateway.filter;

import static io.oidcgateway.testing.FakeHttp.query;
import static io.oidcgateway.testing.FakeHttp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.ConfigLoader;
import io.oidcgateway.config.GatewayConfig;
import io.oidcgateway.oidc.IdentityClaims;
import io.oidcgateway.oidc.LogoutTokenValidator.Logout;
import io.oidcgateway.session.Session;
import io.oidcgateway.testing.FakeHttp.Chain;
import io.oidcgateway.testing.FakeHttp.Request;
import io.oidcgateway.testing.FakeHttp.Response;
import io.oidcgateway.testing.FakeIdentityProvider;
import io.oidcgateway.testing.MutableClock;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/** Each of the filter's endpoints and rules on its own, in memory, against the fake IdP. */
class FilterEndpointsTest {
    static final IdentityClaims ALICE = new IdentityClaims("alice-sub", Optional.of("alice@example.com"), true,
            Optional.of("Alice"), Optional.of("alice"), List.of("admins", "x,ops", " eng"), Optional.of("sid-1"));
    static final IdentityClaims BOB = new IdentityClaims("bob-sub", Optional.of("bob@example.com"), false,
            Optional.empty(), Optional.empty(), List.of(), Optional.of("sid-2"));

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeIdentityProvider idp = new FakeIdentityProvider();
    Gateway gateway;

    private OidcGatewayFilter filter(Map<String, String> extra) throws Exception {
        Map<String, String> props = new HashMap<>(Map.of("upstream.url", "http://app.test",
                "server.public-url", "https://gw.test", "oidc.issuer", "https://idp.test", "oidc.client-id", "gw",
                "oidc.client-auth", "client_secret_post", "oidc.client-secret", "s3cret"));
        props.putAll(extra);
        GatewayConfig config = new ConfigLoader(Map.of()).load(props, Path.of("."));
        gateway = GatewayBuilder.forConfig(config).clock(clock).identityProvider(idp).build();
        return gateway.filter();
    }

    private String signIn(OidcGatewayFilter filter, IdentityClaims user) throws Exception {
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");
        idp.issueCode("code-" + state, user);
        return send(filter, Request.get("/oauth2/callback?state=" + state + "&code=code-" + state).cookies(started))
                .cookie("gateway_session").orElseThrow().getValue();
    }

    @Test
    void userinfoThenTheUserAsJsonOr401() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, ALICE);

        Response r = send(filter, Request.get("/oauth2/userinfo").cookie("gateway_session", session));
        Map<String, Object> user = JsonUtil.parseJson(r.body());

        assertEquals(200, r.status());
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
        assertEquals("alice-sub", user.get("sub"));
        assertEquals("alice@example.com", user.get("email"));
        assertEquals("Alice", user.get("name"));
        assertEquals("alice", user.get("preferred_username"));
        assertEquals(ALICE.groups(), user.get("groups"));
        assertEquals(401, send(filter, Request.get("/oauth2/userinfo")).status());
    }

    @Test
    void userinfoWhenTheEmailIsNotVerifiedThenLeftOut() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, BOB);

        Map<String, Object> user = JsonUtil.parseJson(send(filter, Request.get("/oauth2/userinfo")
                .cookie("gateway_session", session)).body());

        assertFalse(user.containsKey("email"), user.toString());
    }

    @Test
    void backchannelLogoutThenTheSessionsOfThatIdpSessionEnd() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String alice = signIn(filter, ALICE);
        String bob = signIn(filter, BOB);
        idp.issueLogoutToken("logout-1", new Logout(Optional.of("sid-1"), Optional.of("alice-sub")));

        Response r = send(filter, new Request("POST", "/oauth2/backchannel_logout").parameter("logout_token",
                "logout-1"));

        assertEquals(200, r.status());
        assertEquals(401, send(filter, Request.get("/oauth2/userinfo").cookie("gateway_session", alice)).status());
        assertEquals(200, send(filter, Request.get("/oauth2/userinfo").cookie("gateway_session", bob)).status());
        assertTrue(send(filter, Request.get("/metrics")).body().contains("gateway_backchannel_logouts_total 1.0"));
    }

    @Test
    void backchannelLogoutWhenBySubjectThenEverySessionOfTheUserEnds() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String first = signIn(filter, ALICE);
        String second = signIn(filter, ALICE);
        idp.issueLogoutToken("logout-2", new Logout(Optional.empty(), Optional.of("alice-sub")));

        send(filter, new Request("POST", "/oauth2/backchannel_logout").parameter("logout_token", "logout-2"));

        assertEquals(0L, gateway.sessions().count(), first + second);
    }

    @Test
    void backchannelLogoutWhenWrongThenOAuthErrors() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());

        Response get = send(filter, Request.get("/oauth2/backchannel_logout"));
        Response missing = send(filter, new Request("POST", "/oauth2/backchannel_logout"));
        Response forged = send(filter, new Request("POST", "/oauth2/backchannel_logout")
                .parameter("logout_token", "forged"));

        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow").orElseThrow());
        assertEquals(400, missing.status());
        assertEquals("invalid_request", JsonUtil.parseJson(missing.body()).get("error"));
        assertEquals(400, forged.status());
        assertTrue(String.valueOf(JsonUtil.parseJson(forged.body()).get("error_description")).contains("refused"));
        idp.down();
        assertEquals(503, send(filter, new Request("POST", "/oauth2/backchannel_logout")
                .parameter("logout_token", "any")).status());
    }

    @Test
    void callbackWhenTheIdpSentAnErrorThen403WithTheCatalogueHint() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");

        Response r = send(filter, Request.get("/oauth2/callback?state=" + state
                + "&error=access_denied&error_description=AADSTS65001%3A+no+consent").cookies(started)
                .header("Accept", "application/json"));

        assertEquals(403, r.status());
        Map<String, Object> body = JsonUtil.parseJson(r.body());
        assertEquals("idp_error", body.get("error"));
        assertEquals("AADSTS65001", body.get("idp_error"));
        assertTrue(String.valueOf(body.get("fix")).contains("consent"), body.toString());
        assertEquals(r.header("X-Request-Id").orElseThrow(), body.get("request_id"));
        assertTrue(send(filter, Request.get("/metrics")).body().contains("gateway_logins_total{outcome=\"idp_error\"} 1.0"));
    }

    @Test
    void callbackWhenStateOrCodeIsMissingThen400() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");

        Response noState = send(filter, Request.get("/oauth2/callback?code=c").browser());
        Response noCode = send(filter, Request.get("/oauth2/callback?state=" + state).cookies(started).browser());

        assertEquals(400, noState.status());
        assertTrue(noState.body().contains("carries no state"), noState.body());
        assertEquals(400, noCode.status());
        assertTrue(noCode.body().contains("neither a code nor an error"), noCode.body());
    }

    @Test
    void callbackWhenTheCodeIsRefusedThen502WithTheIdpsDescription() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");

        Response r = send(filter, Request.get("/oauth2/callback?state=" + state + "&code=never-issued")
                .cookies(started).browser());

        assertEquals(502, r.status());
        assertTrue(r.body().contains("AADSTS70008"), r.body());
        assertTrue(r.body().contains("<h1>The identity provider refused to complete the sign-in</h1>"), r.body());
    }

    @Test
    void upstreamRequestThenTheClientsIdentityHeadersGoAndOnlyExactValuesArrive() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, ALICE);
        Chain chain = new Chain();

        send(filter, Request.get("/page").cookie("gateway_session", session).cookie("app", "keep")
                .header("X_Forwarded_User", "admin").header("x-auth-request-email", "a@evil")
                .header("X-Forwarded-Groups", "root").header("Connection", "keep-alive, X-Forwarded-User")
                .header("X-Original-URL", "/admin").header("Accept", "*/*"), chain);

        HttpServletRequest upstream = chain.passed().orElseThrow();
        List<String> names = Collections.list(upstream.getHeaderNames());
        assertFalse(names.contains("X_Forwarded_User") || names.contains("x-auth-request-email")
                || names.contains("X-Original-URL"), names.toString());
        assertEquals("admins", upstream.getHeader("X-Forwarded-Groups"), "'x,ops' and ' eng' are left out");
        assertEquals("keep-alive", upstream.getHeader("Connection"));
        assertEquals("app", upstream.getCookies()[0].getName());
        assertEquals("*/*", upstream.getHeader("Accept"));
    }

    @Test
    void skipPathThenServedWithoutLoginAndWithoutIdentity() throws Exception {
        OidcGatewayFilter filter = filter(Map.of("access.skip-paths", "GET /public"));
        Chain chain = new Chain();

        Response r = send(filter, Request.get("/public/x").header("X-Forwarded-User", "admin").browser(), chain);
        Response post = send(filter, new Request("POST", "/public/x"));

        assertEquals(200, r.status());
        assertEquals(null, chain.passed().orElseThrow().getHeader("X-Forwarded-User"));
        assertEquals(401, post.status(), "the skip path is for GET only");
    }

    @Test
    void bearerTokenWhenAcceptedThenForwardedWithItsIdentityElse401InvalidToken() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        idp.issueBearerToken("api-token", BOB);
        Chain chain = new Chain();

        send(filter, Request.get("/api").header("Authorization", "Bearer api-token"), chain);
        Response forged = send(filter, Request.get("/api").header("Authorization", "Bearer forged"));

        assertEquals("bob-sub", chain.passed().orElseThrow().getHeader("X-Forwarded-User"));
        assertEquals("Bearer api-token", chain.passed().orElseThrow().getHeader("Authorization"));
        assertEquals(401, forged.status());
        assertTrue(forged.header("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
    }

    @Test
    void idTokenHeaderThenTheSessionsOwnAndNoneForAnApiClient() throws Exception {
        OidcGatewayFilter filter = filter(Map.of("upstream.headers.id-token", "true"));
        String session = signIn(filter, ALICE);
        idp.issueBearerToken("api-token", BOB);
        Chain browser = new Chain();
        Chain api = new Chain();

        send(filter, Request.get("/app").cookie("gateway_session", session), browser);
        send(filter, Request.get("/api").header("Authorization", "Bearer api-token"), api);

        HttpServletRequest signedIn = browser.passed().orElseThrow();
        assertTrue(signedIn.getHeader("X-Forwarded-Id-Token").startsWith("id-token-alice-sub"),
                signedIn.getHeader("X-Forwarded-Id-Token"));
        Session stored = gateway.sessions().get(session).orElseThrow();
        assertEquals(stored.idToken().orElseThrow(), signedIn.getHeader("X-Forwarded-Id-Token"));
        assertEquals("Bearer " + stored.accessToken(), signedIn.getHeader("Authorization"));
        assertEquals(null, api.passed().orElseThrow().getHeader("X-Forwarded-Id-Token"));
        assertEquals("Bearer api-token", api.passed().orElseThrow().getHeader("Authorization"));
    }

    @Test
    void requestIdThenTheSameUpstreamAsInTheAnswerAndAClientsOddOneReplaced() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        String session = signIn(filter, ALICE);
        Chain plain = new Chain();
        Chain odd = new Chain();

        Response answered = send(filter, Request.get("/app").cookie("gateway_session", session), plain);
        Response replaced = send(filter, Request.get("/app").cookie("gateway_session", session)
                .header("X-Request-Id", "<script>"), odd);

        String id = answered.header("X-Request-Id").orElseThrow();
        assertEquals(id, plain.passed().orElseThrow().getHeader("X-Request-Id"));
        assertEquals(replaced.header("X-Request-Id").orElseThrow(), odd.passed().orElseThrow().getHeader("X-Request-Id"));
        assertFalse(odd.passed().orElseThrow().getHeader("X-Request-Id").contains("<"));
    }

    @Test
    void loginOptionsThenSentToTheIdpAndFormPostUsesACrossSiteCookie() throws Exception {
        OidcGatewayFilter filter = filter(Map.of("oidc.prompt", "login", "oidc.login-hint", "a@example.com",
                "oidc.domain-hint", "example.com", "oidc.extra-auth-params", "resource=api://x&ui_locales=de",
                "oidc.response-mode", "form_post"));

        Response r = send(filter, Request.get("/").browser());
        Map<String, String> asked = query(r.header("Location").orElseThrow());

        assertEquals("login", asked.get("prompt"));
        assertEquals("a@example.com", asked.get("login_hint"));
        assertEquals("example.com", asked.get("domain_hint"));
        assertEquals("api://x", asked.get("resource"));
        assertEquals("form_post", asked.get("response_mode"));
        assertEquals("None", r.cookie("gateway_session_login").orElseThrow().getAttribute("SameSite"));
    }

    @Test
    void errorPageThenEscapedAndNotCached() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());
        Response started = send(filter, Request.get("/").browser());
        String state = query(started.header("Location").orElseThrow()).get("state");

        Response r = send(filter, Request.get("/oauth2/callback?state=" + state
                + "&error=x&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E").cookies(started).browser());

        assertFalse(r.body().contains("<script>"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;"), r.body());
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
        assertEquals("DENY", r.header("X-Frame-Options").orElseThrow());
        assertTrue(r.header("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void healthAndReadinessThenPlainTextNotCached() throws Exception {
        OidcGatewayFilter filter = filter(Map.of());

        Response health = send(filter, Request.get("/healthz"));
        Response ready = send(filter, Request.get("/readyz"));
        Response metrics = send(filter, Request.get("/metrics"));

        assertEquals("ok\n", health.body());
        assertEquals("ready\n", ready.body());
        assertEquals("no-store", ready.header("Cache-Control").orElseThrow());
        assertTrue(metrics.header("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body().contains("# TYPE gateway_sessions gauge"), metrics.body());
    }
}
