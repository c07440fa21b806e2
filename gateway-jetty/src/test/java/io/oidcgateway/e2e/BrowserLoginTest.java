package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole login through a headless browser, over real sockets: gateway, demo IdP, upstream. */
class BrowserLoginTest {
    static final String ALICE = "a1b2c3d4-0000-4000-8000-000000000001";

    @TempDir
    java.nio.file.Path dir;
    GatewayFixture system;
    Browser browser;

    @BeforeEach
    void start() throws Exception {
        system = GatewayFixture.start(dir, true, Map.of());
        browser = new Browser();
    }

    @AfterEach
    void stop() throws Exception {
        browser.close();
        system.close();
    }

    @Test
    void loginWhenBrowserOpensProtectedPageThenBackThereWithVerifiableBearerAndIdentity() throws Exception {
        browser.web.addRequestHeader("X-Forwarded-User", "admin");
        browser.web.addRequestHeader("X-Auth-Request-User", "admin");
        browser.web.addRequestHeader("Authorization", "Bearer forged");

        HtmlPage login = browser.open(system.url("/app/page?x=1"));
        assertTrue(login.getUrl().toString().startsWith(system.idp.issuer() + "/authorize"), login.getUrl().toString());
        HtmlPage page = Browser.signIn(login, "alice", "alice");

        assertEquals(system.url("/app/page?x=1"), page.getUrl().toString());
        assertEquals("Demo upstream", page.getTitleText());
        List<String> authorization = Browser.upstreamHeader(page, "Authorization");
        assertEquals(1, authorization.size(), authorization.toString());
        String accessToken = authorization.get(0).substring("Bearer ".length());
        JwtConsumer idpTokens = new JwtConsumerBuilder()
                .setExpectedIssuer(system.idp.issuer().toString())
                .setExpectedAudience(GatewayFixture.CLIENT_ID)
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(
                        new HttpsJwks(system.idp.issuer() + "/jwks")))
                .build();
        assertEquals(ALICE, idpTokens.processToClaims(accessToken).getSubject());
        assertEquals(List.of(ALICE), Browser.upstreamHeader(page, "X-Forwarded-User"));
        assertEquals(List.of("alice@example.com"), Browser.upstreamHeader(page, "X-Forwarded-Email"));
        assertEquals(List.of("alice"), Browser.upstreamHeader(page, "X-Forwarded-Preferred-Username"));
        assertEquals(List.of("engineering,admins"), Browser.upstreamHeader(page, "X-Forwarded-Groups"));
        assertEquals(List.of(), Browser.upstreamHeader(page, "X-Auth-Request-User"));
        assertFalse(String.join(";", Browser.upstreamHeader(page, "Cookie")).contains("gateway_session"),
                "the gateway's cookies stay at the gateway");
        assertEquals(List.of("http"), Browser.upstreamHeader(page, "X-Forwarded-Proto"));
    }

    @Test
    void loginThenIdpReceivedAnEntraShapedClientAssertion() throws Exception {
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");

        List<String> assertions = system.idp.testHooks().receivedAssertions();
        assertEquals(1, assertions.size());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(assertions.get(0));
        byte[] der = system.credentials.certificateDer();
        Base64.Encoder b64url = Base64.getUrlEncoder().withoutPadding();
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals("JWT", jws.getHeader("typ"));
        assertEquals(b64url.encodeToString(MessageDigest.getInstance("SHA-1").digest(der)), jws.getHeader("x5t"));
        assertEquals(b64url.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)), jws.getHeader("x5t#S256"));
        JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
        assertEquals(GatewayFixture.CLIENT_ID, claims.getIssuer());
        assertEquals(GatewayFixture.CLIENT_ID, claims.getSubject());
        assertEquals(List.of(system.idp.tokenEndpoint().toString()), claims.getAudience());
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isEmpty());
    }

    @Test
    void loginsStartedInTwoTabsThenBothComplete() throws Exception {
        HtmlPage tabA = browser.open(system.url("/a"));
        HtmlPage tabB = browser.web.openTargetWindow(browser.web.getCurrentWindow(), "tabB", "tabB")
                .getWebClient().getPage(system.url("/b"));

        assertEquals(system.url("/b"), Browser.signIn(tabB, "alice", "alice").getUrl().toString());
        assertEquals(system.url("/a"), Browser.signIn(tabA, "alice", "alice").getUrl().toString());
    }

    @Test
    void requestWithoutSessionWhenApiClientThen401JsonWithWwwAuthenticate() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(system.url("/api/items"))).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertTrue(response.body().contains("\"error\":\"unauthorized\""), response.body());
    }

    @Test
    void callbackWhenStateReplayedThenBadRequestAndNoSecondSession() throws Exception {
        browser.web.getOptions().setRedirectEnabled(false);
        String authorize = browser.web.getPage(system.url("/")).getWebResponse().getResponseHeaderValue("Location");
        browser.web.getOptions().setRedirectEnabled(true);
        HtmlPage login = browser.open(authorize);
        browser.web.getOptions().setRedirectEnabled(false);
        login.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").type("alice");
        login.<org.htmlunit.html.HtmlInput>getHtmlElementById("password").type("alice");
        String callback = login.getHtmlElementById("submit").click().getWebResponse()
                .getResponseHeaderValue("Location");
        assertTrue(callback.startsWith(system.url("/oauth2/callback?code=")), callback);

        assertEquals(302, browser.web.getPage(callback).getWebResponse().getStatusCode());
        var replay = browser.web.getPage(callback).getWebResponse();

        assertEquals(400, replay.getStatusCode());
        assertTrue(replay.getContentAsString().contains("expired or was already used"));
        assertEquals("no-referrer", replay.getResponseHeaderValue("Referrer-Policy"));
        assertEquals(1L, system.gateway.gateway().sessions().count());
    }

    @Test
    void callbackWhenDeliveredToAnotherBrowserThenForbidden() throws Exception {
        browser.web.getOptions().setRedirectEnabled(false);
        String authorize = browser.web.getPage(system.url("/")).getWebResponse().getResponseHeaderValue("Location");
        HtmlPage login;
        try (Browser victimsIdp = new Browser()) {
            login = victimsIdp.open(authorize);
            victimsIdp.web.getOptions().setRedirectEnabled(false);
            login.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").type("bob");
            login.<org.htmlunit.html.HtmlInput>getHtmlElementById("password").type("bob");
            String callback = login.getHtmlElementById("submit").click().getWebResponse()
                    .getResponseHeaderValue("Location");

            var response = victimsIdp.web.getPage(callback).getWebResponse();

            assertEquals(403, response.getStatusCode());
            assertTrue(response.getContentAsString().contains("started in another browser"));
            assertEquals(0L, system.gateway.gateway().sessions().count());
        }
    }

    @Test
    void signOutThenSessionGoneHereAndAtTheIdp() throws Exception {
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        assertEquals(200, browser.web.getPage(system.url("/oauth2/userinfo")).getWebResponse().getStatusCode());

        HtmlPage after = browser.open(system.url("/oauth2/sign_out"));

        assertTrue(after.getTitleText().startsWith("Sign in"), "the IdP asks for the password again: "
                + after.getTitleText());
        assertEquals(401, browser.web.getPage(system.url("/oauth2/userinfo")).getWebResponse().getStatusCode());
    }

    @Test
    void proxiedRequestWhenUpstreamDownThen502PageWithTheRequestId() throws Exception {
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        system.upstream.stop();

        HtmlPage page = browser.open(system.url("/x"));

        assertEquals(502, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("The application cannot be reached"), page.asNormalizedText());
        assertTrue(page.asNormalizedText().contains("Request id"));
    }

    @Test
    void healthAndReadinessAndMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(system.url("/healthz"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(system.url("/readyz"))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        String metrics = http.send(HttpRequest.newBuilder(URI.create(system.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("gateway_logins_total{outcome=\"success\"} 1.0"), metrics);
        assertTrue(metrics.contains("gateway_sessions 1.0"), metrics);
    }
}
