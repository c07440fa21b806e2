package io.oidcgateway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.config.EncryptionKey;
import io.oidcgateway.config.SessionStoreConfig;
import io.oidcgateway.demo.DemoIdpSettings;
import io.oidcgateway.demo.DemoUser;
import io.oidcgateway.filter.GatewayBuilder;
import io.oidcgateway.server.GatewayServer;
import io.oidcgateway.session.redis.RedisSessionStore;
import io.oidcgateway.testing.FreePorts;
import io.oidcgateway.testing.MutableClock;
import io.oidcgateway.testing.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.htmlunit.html.HtmlPage;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways sharing one real redis-server, as two instances behind a load balancer: any
 * instance serves any request, a refresh happens once across both, and Redis or IdP trouble
 * gives a 503 that passes, never a sign-out.
 */
class SeveralInstancesTest {
    static RedisServer redis;
    static final String KEY = newKey();

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.now());
    final HttpClient http = HttpClient.newHttpClient();
    final int port = FreePorts.next();
    GatewayFixture system;
    GatewayServer b;
    Browser browser;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.standalone();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.emptyAgain();
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

    static String newKey() {
        byte[] key = new byte[EncryptionKey.BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Both instances share the public URL, so the IdP's redirect URI fits either. */
    private Map<String, String> redisProps(String key, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of(
                "session.store", "redis",
                "session.redis-url", redis.url(),
                "session.encryption-key", key,
                "session.refresh-before", "60s",
                "server.port", Integer.toString(port),
                "server.public-url", "http://127.0.0.1:" + port));
        props.putAll(extra);
        return props;
    }

    /** Starts instance A (the fixture's) and B on one Redis, and signs alice in on A. */
    private String twoInstancesSignedIn(DemoIdpSettings settings, UnaryOperator<GatewayBuilder>
            parts) throws Exception {
        system = GatewayFixture.start(dir, true, redisProps(KEY, Map.of()), clock, settings);
        b = system.startAnother(Map.of("server.port", "0"), parts);
        browser = new Browser();
        Browser.signIn(browser.open(system.url("/")), "alice", "alice");
        return browser.web.getCookieManager().getCookie("gateway_session").getValue();
    }

    private String twoInstancesSignedIn() throws Exception {
        return twoInstancesSignedIn(DemoIdpSettings.DEFAULTS, parts -> parts);
    }

    private String urlOf(GatewayServer instance, String path) {
        return "http://127.0.0.1:" + instance.localPort() + path;
    }

    private HttpResponse<String> get(String url, String session, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept)
                .header("Cookie", "gateway_session=" + session).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(GatewayServer instance, String session, String path) throws Exception {
        return get(urlOf(instance, path), session, "application/json");
    }

    @Test
    void loginOnAThenTheCookieWorksOnBForAThousandAlternatingRequests() throws Exception {
        String session = twoInstancesSignedIn();
        String token = GatewayFixture.bearer(api(system.gateway, session, "/data"));

        for (int i = 0; i < 1000; i++) {
            GatewayServer instance = i % 2 == 0 ? system.gateway : b;
            assertEquals(token, GatewayFixture.bearer(api(instance, session, "/data?n=" + i)), "request " + i);
        }
    }

    @Test
    void loginStartedOnBThenCompletedByAThroughTheSharedRedirectUri() throws Exception {
        system = GatewayFixture.start(dir, true, redisProps(KEY, Map.of()), clock, DemoIdpSettings.DEFAULTS);
        b = system.startAnother(Map.of("server.port", "0"), parts -> parts);
        browser = new Browser();

        HtmlPage form = browser.open(urlOf(b, "/report?y=2026"));
        HtmlPage done = Browser.signIn(form, "alice", "alice");

        assertEquals(system.url("/report?y=2026"), done.getUrl().toString(), "A's callback took B's pending login");
        assertEquals(List.of(DemoUser.DEFAULTS.get(0).subject()), Browser.upstreamHeader(done, "X-Forwarded-User"));
    }

    @Test
    void signOutOnAThenTheSessionHasEndedOnB() throws Exception {
        String session = twoInstancesSignedIn();
        assertEquals(200, api(b, session, "/oauth2/userinfo").statusCode());

        get(system.url("/oauth2/sign_out"), session, "text/html");

        assertEquals(401, heardWithin(401, () -> api(b, session, "/oauth2/userinfo")).statusCode());
    }

    @Test
    void backchannelLogoutToAThenTheSessionHasEndedOnB() throws Exception {
        String session = twoInstancesSignedIn();

        system.idp.testHooks().endSessionsOf("alice");

        assertEquals(401, heardWithin(401, () -> api(b, session, "/oauth2/userinfo")).statusCode());
    }

    @Test
    void restartBothInstancesThenTheSameCookieStillWorks() throws Exception {
        String session = twoInstancesSignedIn();
        String token = GatewayFixture.bearer(api(b, session, "/data"));
        system.gateway.stop();
        b.stop();

        GatewayServer a2 = system.startAnother(Map.of(), parts -> parts);
        GatewayServer b2 = system.startAnother(Map.of("server.port", "0"), parts -> parts);

        assertEquals(token, GatewayFixture.bearer(api(a2, session, "/data")));
        assertEquals(token, GatewayFixture.bearer(api(b2, session, "/data")));
    }

    @Test
    void rotateTheEncryptionKeyThenExistingSessionsKeepWorking() throws Exception {
        String session = twoInstancesSignedIn();
        system.gateway.stop();
        b.stop();
        String next = newKey();

        GatewayServer rotated = system.startAnother(Map.of("session.encryption-key", next,
                "session.previous-encryption-keys", KEY), parts -> parts);

        assertEquals(200, api(rotated, session, "/oauth2/userinfo").statusCode());
        GatewayServer withoutOldKey = system.startAnother(Map.of("server.port", "0", "session.encryption-key", next),
                parts -> parts);
        assertEquals(401, api(withoutOldKey, session, "/oauth2/userinfo").statusCode(), "the old key was needed");
    }

    private static final DemoIdpSettings SLOW_SHORT_TOKENS = new DemoIdpSettings(
            Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMillis(700));

    /** 40 requests due for a refresh, 20 to each instance at once; returns the bearer tokens they carried. */
    private Set<String> fortyConcurrentRequests(String session) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                GatewayServer instance = i % 2 == 0 ? system.gateway : b;
                results.add(pool.submit(() -> GatewayFixture.bearer(api(instance, session, "/data"))));
            }
            Set<String> seen = new HashSet<>();
            for (Future<String> result : results) {
                seen.add(result.get());
            }
            return seen;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void refreshWhenFortyRequestsAcrossBothInstancesAreDueThenOneGrantServesThemAll() throws Exception {
        String session = twoInstancesSignedIn(SLOW_SHORT_TOKENS, parts -> parts);
        String before = GatewayFixture.bearer(api(b, session, "/data"));
        clock.advance(Duration.ofSeconds(40));

        Set<String> seen = fortyConcurrentRequests(session);

        assertEquals(1, system.idp.testHooks().refreshGrants(), "exactly one refresh_token grant reached the IdP");
        assertEquals(1, seen.size(), "all 40 carry the winner's token: " + seen.size());
        assertNotEquals(before, seen.iterator().next());
    }

    @Test
    void refreshWhenItTakesLongerThanTheLeaseThenTheLeaseIsRenewedAndStillOneGrant() throws Exception {
        // B's leases last 100 ms between renewals, the IdP takes 700 ms: a lease with a fixed expiry would lapse.
        String session = twoInstancesSignedIn(SLOW_SHORT_TOKENS, parts -> parts.sessionStore(RedisSessionStore.connect(
                (SessionStoreConfig.Redis) system.gateway.gateway().config().session().store(),
                system.gateway.gateway().config().session(), clock, Duration.ofMillis(100))));
        clock.advance(Duration.ofSeconds(40));

        Set<String> seen = fortyConcurrentRequests(session);

        assertEquals(1, system.idp.testHooks().refreshGrants());
        assertEquals(1, seen.size());
    }

    @Test
    void redisStoppedThen503WithoutRedirectAndWhenBackTheSameCookieWorks() throws Exception {
        String session = twoInstancesSignedIn();
        String token = GatewayFixture.bearer(api(b, session, "/data"));

        redis.stop();
        // Until an instance hears its subscription break (moments), it may still serve a copy it read just before.
        HttpResponse<String> page = heardWithin(503, () -> get(system.url("/report"), session, "text/html"));
        HttpResponse<String> json = heardWithin(503, () -> api(b, session, "/data"));
        HttpResponse<String> ready = get(urlOf(b, "/readyz"), session, "text/plain");

        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("Session store unavailable"), page.body());
        assertTrue(page.body().contains(page.headers().firstValue("X-Request-Id").orElseThrow()));
        assertFalse(page.headers().firstValue("Location").isPresent(), "never a redirect to the IdP");
        assertEquals(503, json.statusCode());
        assertEquals("session_store_unavailable", JsonUtil.parseJson(json.body()).get("error"));
        assertEquals(503, ready.statusCode(), ready.body());
        assertEquals("5", json.headers().firstValue("Retry-After").orElse(""), "a 503 that passes says when to retry");
        HttpResponse<String> metrics = get(urlOf(b, "/metrics"), session, "text/plain");
        assertEquals(200, metrics.statusCode(), "a scrape while Redis is away still answers");
        assertTrue(metrics.body().contains("gateway_sessions NaN"), "the gauge it cannot read is NaN, not a failed scrape");

        redis.start();
        // Each instance's Lettuce connection reconnects on its own back-off schedule: wait for each.
        assertEquals(token, GatewayFixture.bearer(eventually200(() -> api(system.gateway, session, "/data"))));
        assertEquals(token, GatewayFixture.bearer(eventually200(() -> api(b, session, "/data"))));
        assertEquals(200, get(urlOf(b, "/readyz"), session, "text/plain").statusCode());
    }

    @Test
    void idpStoppedWhileTheAccessTokenExpiresThen503AndWhenBackTheSameCookieRefreshes() throws Exception {
        String session = twoInstancesSignedIn(new DemoIdpSettings(Duration.ofSeconds(90), Duration.ofHours(1),
                Duration.ofHours(24), Duration.ZERO), parts -> parts);
        String before = GatewayFixture.bearer(api(b, session, "/data"));
        system.idp.stop();
        clock.advance(Duration.ofSeconds(100));

        HttpResponse<String> json = api(b, session, "/data");
        HttpResponse<String> page = get(system.url("/data"), session, "text/html");

        assertEquals(503, json.statusCode(), json.body());
        assertEquals("renewal_unavailable", JsonUtil.parseJson(json.body()).get("error"));
        assertEquals(503, page.statusCode());
        assertTrue(page.body().contains("cannot be reached to renew your sign-in"), page.body());
        assertFalse(page.body().contains(before.substring("Bearer ".length())), "never the expired token");

        system.idp.start();
        String after = GatewayFixture.bearer(api(system.gateway, session, "/data"));
        assertNotEquals(before, after);
        assertEquals(after, GatewayFixture.bearer(api(b, session, "/data")));
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /**
     * B keeps the session it has just read for a second (session.redis-local-cache) and drops it when it
     * hears of A's change or loses Redis: one trip through Redis later, so B is asked again for half a
     * second. Without the message B would answer from its copy for about a second, and this fails.
     */
    private static HttpResponse<String> heardWithin(int status, Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
        HttpResponse<String> response = call.send();
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(20);
            response = call.send();
        }
        return response;
    }

    /** Redis is coming back: the gateway retries its connection about once a second. */
    private static HttpResponse<String> eventually200(Call call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response = call.send();
        while (response.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = call.send();
        }
        return response;
    }
}
