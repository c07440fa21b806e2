package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.DemoUser;
import io.oidcgateway.security.IdTokenAttack;
import io.oidcgateway.testing.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.htmlunit.html.HtmlPage;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh, refused refresh, IdP outage, back-channel logout and timeouts, with time moved by hand. */
class SessionLifecycleTest {
    @TempDir
    Path dir;
    /** The gateway's and the demo IdP's shared clock. */
    final MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newHttpClient();
    GatewayFixture system;
    Browser browser;

    private String signIn(Map<String, String> props, DemoIdpSettings settings) throws Exception {
        system = GatewayFixture.start(dir, true, props, clock, settings);
        browser = new Browser();
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        return browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    private HttpResponse<String> api(String session, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(system.url(path)))
                .header("Accept", "application/json").header("Cookie", "gateway_session=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refreshWhenTwentyConcurrentRequestsThenOneRefreshServesThemAll() throws Exception {
        String session = signIn(Map.of("session.refresh-before", "60s"), new DemoIdpSettings(
                Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMillis(500)));
        String before = GatewayFixture.bearer(api(session, "/data"));
        assertEquals(0, system.idp.testHooks().refreshGrants());
        clock.advance(Duration.ofSeconds(40));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Callable<String> call = () -> GatewayFixture.bearer(api(session, "/data"));
            results.add(pool.submit(call));
        }
        Set<String> seen = new HashSet<>();
        for (Future<String> f : results) {
            seen.add(f.get());
        }
        pool.shutdown();

        assertEquals(1, system.idp.testHooks().refreshGrants(), "one refresh for 20 concurrent requests");
        assertEquals(1, seen.size(), "all requests carry the same new token");
        assertNotEquals(before, seen.iterator().next());
    }

    @Test
    void refreshWhenIdpRefusesThenBrowserIsSentToLoginKeepingTheUrlAndApiGets401() throws Exception {
        String session = signIn(Map.of("session.refresh-before", "60s"), new DemoIdpSettings(
                Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO));
        system.idp.testHooks().revokeRefreshTokens();
        clock.advance(Duration.ofSeconds(40));

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(system.url("/report?y=2026")))
                .header("Accept", "text/html").header("Cookie", "gateway_session=" + session).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElse("").startsWith(system.idp.issuer() + "/authorize"));
        assertEquals(401, api(session, "/data").statusCode(), "the session has ended");
        HtmlPage again = browser.open(system.url("/report?y=2026"));
        assertEquals(system.url("/report?y=2026"), again.getUrl().toString(), "the new login returns to the URL");
        assertNotEquals(session, browser.web.getCookieManager().getCookie("gateway_session").getValue());
    }

    @Test
    void refreshWhenIdpStoppedThenServedWhileTheTokenLastsThen503AndWhenBackTheSameCookieRefreshes() throws Exception {
        String session = signIn(Map.of("session.refresh-before", "60s"), new DemoIdpSettings(
                Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO));
        String before = GatewayFixture.bearer(api(session, "/data"));
        system.idp.stop();
        clock.advance(Duration.ofSeconds(40));

        assertEquals(before, GatewayFixture.bearer(api(session, "/data")), "still valid for 50 s: served with the old token");
        clock.advance(Duration.ofSeconds(60));
        HttpResponse<String> expired = api(session, "/data");
        assertEquals(503, expired.statusCode(), "expired and the IdP away: kept, but not forwarded");
        assertEquals("renewal_unavailable", JsonUtil.parseJson(expired.body()).get("error"));

        system.idp.start();
        String after = GatewayFixture.bearer(api(session, "/data"));
        assertNotEquals(before, after, "the same cookie, refreshed once the IdP is back");
        assertEquals(1, system.idp.testHooks().refreshGrants());
    }

    @Test
    void backchannelLogoutThenTheSessionEnds() throws Exception {
        String session = signIn(Map.of(), DemoIdpSettings.DEFAULTS);
        assertEquals(200, api(session, "/oauth2/userinfo").statusCode());

        system.idp.testHooks().endSessionsOf("alice");

        assertEquals(401, api(session, "/oauth2/userinfo").statusCode());
        assertEquals(0L, system.gateway.gateway().sessions().count());
    }

    @Test
    void backchannelLogoutWhenTokenForgedThen400AndSessionsKept() throws Exception {
        String session = signIn(Map.of(), DemoIdpSettings.DEFAULTS);

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(system.url("/oauth2/backchannel_logout")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("logout_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(400, r.statusCode(), r.body());
        assertEquals(200, api(session, "/oauth2/userinfo").statusCode());
    }

    @Test
    void sessionWhenOlderThanTtlThenEndedEvenIfUsed() throws Exception {
        String session = signIn(Map.of("session.idle-timeout", "5m", "session.ttl", "10m"), DemoIdpSettings.DEFAULTS);
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofMinutes(4));
            assertEquals(200, api(session, "/oauth2/userinfo").statusCode(), "used within the idle timeout");
        }
        clock.advance(Duration.ofMinutes(3));
        assertEquals(401, api(session, "/oauth2/userinfo").statusCode(), "past the absolute TTL");
    }

    @Test
    void sessionWhenIdleLongerThanIdleTimeoutThenEnded() throws Exception {
        String session = signIn(Map.of("session.idle-timeout", "5m"), DemoIdpSettings.DEFAULTS);
        clock.advance(Duration.ofMinutes(4));
        assertEquals(200, api(session, "/oauth2/userinfo").statusCode());
        clock.advance(Duration.ofMinutes(6));
        assertEquals(401, api(session, "/oauth2/userinfo").statusCode(), "idle longer than the idle timeout");
    }

    @SuppressWarnings("unchecked")
    private static List<String> upstreamHeader(HttpResponse<String> response, String name) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> headers = (Map<String, Object>) JsonUtil.parseJson(response.body()).get("headers");
        return (List<String>) headers.getOrDefault(name, List.of());
    }

    private static final DemoIdpSettings SHORT_ACCESS_TOKENS = new DemoIdpSettings(
            Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ZERO);

    @Test
    void refreshWhenTheUsersGroupsChangedAtTheIdpThenTheUpstreamAndTheRulesSeeTheNewOnes() throws Exception {
        String session = signIn(Map.of("session.refresh-before", "60s", "access.allowed-groups", "engineering"),
                SHORT_ACCESS_TOKENS);
        assertEquals(List.of("engineering,admins"), upstreamHeader(api(session, "/data"), "X-Forwarded-Groups"));
        DemoUser alice = DemoUser.DEFAULTS.get(0);
        system.idp.addUser(new DemoUser(alice.username(), alice.password(), alice.subject(), alice.email(),
                alice.emailVerified(), alice.name(), List.of("sales"), alice.note()));
        clock.advance(Duration.ofSeconds(40));

        HttpResponse<String> after = api(session, "/data");

        assertEquals(1, system.idp.testHooks().refreshGrants());
        assertEquals(403, after.statusCode(), "no longer in an allowed group: " + after.body());
    }

    @Test
    void refreshWhenTheNewIdTokenIsForgedOrNamesAnotherUserThenTheSessionEnds() throws Exception {
        for (IdTokenAttack attack : List.of(IdTokenAttack.BAD_SIGNATURE, IdTokenAttack.ANOTHER_SUBJECT,
                IdTokenAttack.WRONG_AUDIENCE)) {
            String session = signIn(Map.of("session.refresh-before", "60s"), SHORT_ACCESS_TOKENS);
            system.idp.testHooks().forgeIdTokens(java.util.Optional.of(attack));
            clock.advance(Duration.ofSeconds(40));

            assertEquals(401, api(session, "/data").statusCode(), attack + ": the session must end");
            assertEquals(0L, system.gateway.gateway().sessions().count(), attack.name());
            stop();
            system = null;
            browser = null;
        }
    }

    @Test
    void signOutWhenTheAccessTokenIsDueThenTheTokenEndpointIsNotCalled() throws Exception {
        String session = signIn(Map.of("session.refresh-before", "60s"), SHORT_ACCESS_TOKENS);
        clock.advance(Duration.ofSeconds(40));

        HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(system.url("/oauth2/sign_out")))
                .header("Cookie", "gateway_session=" + session).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(302, out.statusCode());
        assertEquals(0, system.idp.testHooks().refreshGrants(), "signing out refreshed the session first");
        assertEquals(401, api(session, "/data").statusCode());
    }

    @Test
    void manyLoginsThenDiscoveryAndTheKeySetAreFetchedOnceNotPerLogin() throws Exception {
        signIn(Map.of(), DemoIdpSettings.DEFAULTS);
        int discovery = system.idp.testHooks().discoveryRequests();
        int keys = system.idp.testHooks().jwksRequests();

        for (int i = 0; i < 10; i++) {
            system.signIn("bob");
        }

        assertEquals(11, system.idp.testHooks().codeGrants());
        assertEquals(discovery, system.idp.testHooks().discoveryRequests(), "discovery is cached");
        assertEquals(keys, system.idp.testHooks().jwksRequests(), "the key set is cached");
        assertTrue(discovery <= 1 && keys <= 1, "fetched once at start: " + discovery + " / " + keys);
    }
}
