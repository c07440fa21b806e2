package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes, skip paths, access rules, bearer API clients, identity headers and login options, over real HTTP. */
class GatewayFeaturesTest {
    static final String ALICE = "a1b2c3d4-0000-4000-8000-000000000001";

    @TempDir
    Path dir;
    final HttpClient http = HttpClient.newHttpClient();
    GatewayFixture system;
    Browser browser = new Browser();

    @AfterEach
    void stop() throws Exception {
        browser.close();
        if (system != null) {
            system.close();
        }
    }

    private GatewayFixture start(Map<String, String> props) throws Exception {
        system = GatewayFixture.start(dir, true, props);
        return system;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.url(path))).header("Accept", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> upstreamHeaders(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        return (Map<String, List<String>>) JsonUtil.parseJson(r.body()).get("headers");
    }

    private String sessionOf(String user) throws Exception {
        Browser.signIn(browser.open(system.url("/")), user, user);
        return "gateway_session=" + browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    @Test
    void routesWhenPrefixesThenLongestWinsStripsWhenAskedAndTheRestGoesToTheDefault() throws Exception {
        DemoUpstream api = new DemoUpstream("127.0.0.1", 0);
        DemoUpstream admin = new DemoUpstream("127.0.0.1", 0);
        api.start();
        admin.start();
        try {
            start(Map.of("route.api.path", "/api", "route.api.upstream", api.url().toString(),
                    "route.api.strip-prefix", "true",
                    "route.admin.path", "/api/admin", "route.admin.upstream", admin.url() + "/base"));
            String cookie = sessionOf("alice");

            HttpResponse<String> items = get("/api/items?x=1", "Cookie", cookie);
            HttpResponse<String> users = get("/api/admin/users", "Cookie", cookie);
            HttpResponse<String> other = get("/apix", "Cookie", cookie);

            assertEquals(List.of(api.url().getAuthority()), upstreamHeaders(items).get("Host"));
            assertEquals("/items?x=1", JsonUtil.parseJson(items.body()).get("uri"));
            assertEquals(List.of(admin.url().getAuthority()), upstreamHeaders(users).get("Host"));
            assertEquals("/base/api/admin/users", JsonUtil.parseJson(users.body()).get("uri"));
            assertEquals(List.of(system.upstream.url().getAuthority()), upstreamHeaders(other).get("Host"));
            assertEquals(List.of(ALICE), upstreamHeaders(items).get("X-Forwarded-User"), "routes keep the identity");
        } finally {
            api.stop();
            admin.stop();
        }
    }

    @Test
    void skipPathsWhenMatchedThenServedWithoutLoginAndWithoutAnyIdentity() throws Exception {
        start(Map.of("access.skip-paths", "/public, GET /assets"));

        Map<String, List<String>> pub = upstreamHeaders(get("/public/status", "X-Forwarded-User", "admin",
                "Authorization", "Bearer forged"));
        assertFalse(pub.containsKey("X-Forwarded-User"), pub.toString());
        assertFalse(pub.containsKey("Authorization"), pub.toString());
        assertEquals(200, get("/assets/app.css").statusCode());

        assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(system.url("/assets/app.css")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "GET only");
        assertEquals(401, get("/publicity").statusCode(), "a prefix matches whole path segments");
        assertEquals(401, get("/admin").statusCode());
    }

    @Test
    void allowedEmailDomainsBothWays() throws Exception {
        start(Map.of("access.allowed-email-domains", "example.com"));
        assertEquals(200, get("/x", "Cookie", sessionOf("alice")).statusCode());
        system.close();

        start(Map.of("access.allowed-email-domains", "other.org"));
        HtmlPage denied = browser.open(system.url("/x"));
        assertEquals(200, denied.getWebResponse().getStatusCode(), "the IdP login form");
        HtmlPage page = Browser.signIn(denied, "alice", "alice");
        assertEquals(403, page.getWebResponse().getStatusCode());
        assertTrue(page.asNormalizedText().contains("You are signed in as alice@example.com, but the email domain"),
                page.asNormalizedText());
        assertEquals(403, get("/x", "Cookie", "gateway_session="
                + browser.web.getCookieManager().getCookie("gateway_session").getValue()).statusCode(),
                "a 403, not a login loop");
    }

    @Test
    void allowedGroupsBothWays() throws Exception {
        start(Map.of("access.allowed-groups", "admins"));
        assertEquals(200, get("/x", "Cookie", sessionOf("alice")).statusCode());
        browser.web.getCookieManager().clearCookies();
        String bob = sessionOf("bob");
        HttpResponse<String> denied = get("/x", "Cookie", bob);
        assertEquals(403, denied.statusCode());
        assertTrue(denied.body().contains("\"error\":\"access_denied\""), denied.body());
        assertEquals(403, get("/oauth2/auth", "Cookie", bob).statusCode(), "forward-auth applies the rules too");
    }

    @Test
    void allowedGroupsFromAnotherClaimWhenConfigured() throws Exception {
        start(Map.of("access.allowed-groups", "admins", "access.groups-claim", "roles"));
        assertEquals(403, get("/x", "Cookie", sessionOf("alice")).statusCode(), "the demo IdP sends no roles claim");
    }

    @Test
    void allowedUsersBothWays() throws Exception {
        start(Map.of("access.allowed-users", "bob@example.com"));
        assertEquals(403, get("/x", "Cookie", sessionOf("alice")).statusCode());
        browser.web.getCookieManager().clearCookies();
        assertEquals(200, get("/x", "Cookie", sessionOf("bob")).statusCode());
    }

    @Test
    void bearerJwtWhenAudienceConfiguredThenPassesWithoutSessionAndOtherwise401() throws Exception {
        start(Map.of("access.bearer-audiences", GatewayFixture.CLIENT_ID));
        String token = upstreamHeaders(get("/x", "Cookie", sessionOf("alice"))).get("Authorization").get(0);

        Map<String, List<String>> seen = upstreamHeaders(get("/api", "Authorization", token));
        assertEquals(List.of(token), seen.get("Authorization"));
        assertEquals(List.of(ALICE), seen.get("X-Forwarded-User"));

        HttpResponse<String> forged = get("/api", "Authorization", token.substring(0, token.length() - 4) + "AAAA");
        assertEquals(401, forged.statusCode());
        assertTrue(forged.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
    }

    @Test
    void bearerJwtWhenIssuedForAnotherAudienceThen401() throws Exception {
        start(Map.of("access.bearer-audiences", "api://another-app"));
        String token = upstreamHeaders(get("/x", "Cookie", sessionOf("alice"))).get("Authorization").get(0);

        HttpResponse<String> wrongAudience = get("/api", "Authorization", token);
        assertEquals(401, wrongAudience.statusCode());
        assertTrue(wrongAudience.body().contains("Audience"), wrongAudience.body());
    }

    @Test
    void identityHeadersWhenConfiguredThenOnlyThoseAreSent() throws Exception {
        start(Map.of("upstream.headers.groups", "false", "upstream.headers.id-token", "true",
                "upstream.headers.email", "false"));

        Map<String, List<String>> seen = upstreamHeaders(get("/x", "Cookie", sessionOf("alice")));

        assertFalse(seen.containsKey("X-Forwarded-Groups"));
        assertFalse(seen.containsKey("X-Forwarded-Email"));
        assertTrue(seen.get("X-Forwarded-Id-Token").get(0).startsWith("eyJ"));
        assertEquals(List.of(ALICE), seen.get("X-Forwarded-User"));
    }

    @Test
    void loginOptionsWhenConfiguredThenSentToTheIdp() throws Exception {
        start(Map.of("oidc.prompt", "login", "oidc.login-hint", "alice@example.com", "oidc.domain-hint", "example.com",
                "oidc.extra-auth-params", "resource=api://x&ui_locales=de"));

        HtmlPage login = browser.open(system.url("/"));

        Map<String, String> asked = system.idp.testHooks().lastAuthorizationRequest();
        assertEquals("login", asked.get("prompt"));
        assertEquals("alice@example.com", asked.get("login_hint"));
        assertEquals("example.com", asked.get("domain_hint"));
        assertEquals("api://x", asked.get("resource"));
        assertEquals("de", asked.get("ui_locales"));
        assertEquals(system.url("/"), Browser.signIn(login, "alice", "alice").getUrl().toString());
    }

    @Test
    void responseModeFormPostThenTheIdpPostsTheCodeAndLoginCompletes() throws Exception {
        // SameSite=None cookies must be Secure; browsers accept Secure cookies on http only from localhost.
        start(Map.of("oidc.response-mode", "form_post", "server.public-url", "http://localhost"));

        HtmlPage continuePage = Browser.signIn(browser.open(system.url("/after?x=1")), "alice", "alice");
        assertEquals("form_post", system.idp.testHooks().lastAuthorizationRequest().get("response_mode"));
        HtmlPage page = continuePage.getHtmlElementById("continue").click();

        assertEquals(system.url("/after?x=1"), page.getUrl().toString());
        assertEquals("Demo upstream", page.getTitleText());
    }
}
