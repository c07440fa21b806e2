package io.oidcgateway.security;

import io.oidcgateway.config.LogConfig;
import io.oidcgateway.server.LogSetup;
import io.oidcgateway.testing.CapturedStderr;
import io.oidcgateway.testing.FreePorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oidcgateway.e2e.Browser;
import io.oidcgateway.e2e.GatewayFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.htmlunit.html.HtmlPage;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a login, refreshes, a token-endpoint failure and an upstream failure, the complete log
 * contains no token, secret or key; pages and userinfo carry none; auth responses are not cached.
 */
class LeakageTest {
    static final String SECRET = "Sup3r-Secret-Client-Value-0451";

    @TempDir
    Path dir;
    CapturedStderr log;

    /** The most the gateway ever writes: every debug line, in JSON, and the access log. */
    @BeforeEach
    void captureLog() {
        log = new CapturedStderr();
        LogSetup.apply(new LogConfig(LogConfig.Format.JSON, LogConfig.Level.DEBUG,
                new LogConfig.AccessLog(true, java.util.Optional.of(dir.resolve("access.log")))));
    }

    @AfterEach
    void restore() {
        LogSetup.apply(LogSetup.UNCONFIGURED);
        log.close();
    }

    private String logText() {
        try {
            // JSON writes '/' as '\/': undone, so a leaked PEM line would still be found.
            return (log.text() + Files.readString(dir.resolve("access.log"))).replace("\\/", "/");
        } catch (java.io.IOException e) {
            throw new AssertionError("no access log", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String header(HtmlPage page, String name) throws Exception {
        List<String> values = Browser.upstreamHeader(page, name);
        assertEquals(1, values.size(), name + " in " + page.asNormalizedText());
        return values.get(0);
    }

    @Test
    void certificateGatewayThenNoTokenOrKeyInLogsPagesOrUserinfo() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (AttackSurface s = new AttackSurface(dir, Map.of("upstream.headers.id-token", "true",
                "session.refresh-before", "2h", "route.down.path", "/down",
                "route.down.upstream", "http://127.0.0.1:" + FreePorts.next()))) {
            HtmlPage page = Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");
            secrets.add(header(page, "Authorization").substring("Bearer ".length()));
            secrets.add(header(page, "X-Forwarded-Id-Token"));
            secrets.add(s.browser.web.getCookieManager().getCookie("gateway_session").getValue());
            HtmlPage refreshed = s.browser.open(s.system.url("/again"));
            secrets.add(header(refreshed, "Authorization").substring("Bearer ".length()));
            secrets.addAll(s.system.idp.testHooks().issuedRefreshTokens());
            assertTrue(s.system.idp.testHooks().refreshGrants() >= 1, "a refresh happened");

            HtmlPage upstreamDown = s.browser.open(s.system.url("/down/x"));
            assertEquals(502, upstreamDown.getWebResponse().getStatusCode());

            String userinfo = s.browser.web.getPage(s.system.url("/oauth2/userinfo")).getWebResponse()
                    .getContentAsString();
            assertEquals("alice@example.com", JsonUtil.parseJson(userinfo).get("email"));

            s.system.idp.testHooks().tokenEndpointDown(true);
            s.browser.web.getCookieManager().clearCookies();
            HtmlPage refused = Browser.signIn(s.browser.open(s.system.url("/")), "bob", "bob");
            assertEquals(502, refused.getWebResponse().getStatusCode());

            String keyFile = Files.readString(dir.resolve("client.key"));
            for (String line : keyFile.split("\n")) {
                if (!line.startsWith("-----") && line.length() > 20) {
                    secrets.add(line.strip());
                }
            }
            for (String text : List.of(userinfo, upstreamDown.getWebResponse().getContentAsString(),
                    refused.getWebResponse().getContentAsString())) {
                assertFalse(text.contains("eyJ"), "a token on a page: " + text);
                assertFalse(text.contains("\tat ") || text.contains("Exception"), "a stack trace on a page: " + text);
            }
        }
        assertNoneLogged(secrets);
    }

    @Test
    void clientSecretGatewayThenTheSecretIsNeverLogged() throws Exception {
        try (AttackSurface s = new AttackSurface(GatewayFixture.start(dir, true, Map.of(
                "oidc.client-auth", "client_secret_post", "oidc.client-secret", SECRET,
                "oidc.client-certificate", "", "oidc.client-key", "")))) {
            Browser.signIn(s.browser.open(s.system.url("/")), "alice", "alice");
            s.system.idp.testHooks().tokenEndpointDown(true);
            s.browser.web.getCookieManager().clearCookies();
            assertEquals(502, Browser.signIn(s.browser.open(s.system.url("/")), "bob", "bob")
                    .getWebResponse().getStatusCode());
        }
        assertNoneLogged(List.of(SECRET));
    }

    private void assertNoneLogged(List<String> secrets) {
        String text = logText();
        assertTrue(text.contains("login of"), "the capture sees the gateway's log:\n" + text);
        assertTrue(text.contains("\"level\":\"DEBUG\""), "debug lines were written:\n" + text);
        assertTrue(text.contains("/oauth2/callback"), "the access log was written:\n" + text);
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "logged: " + secret.substring(0, Math.min(12, secret.length())) + "...");
        }
    }

    @Test
    void authResponsesAreNotCachedAndTheCallbackSendsNoReferrer() throws Exception {
        try (AttackSurface s = new AttackSurface(dir, Map.of())) {
            String cookie = s.signIn("alice");
            for (String path : List.of("/oauth2/start", "/oauth2/userinfo", "/oauth2/auth", "/oauth2/sign_out",
                    "/oauth2/callback?state=x&code=y", "/protected")) {
                RawHttp.Response r = RawHttp.get(s.gateway, path, "Accept: text/html", "Cookie: gateway_session=" + cookie);
                assertEquals("no-store", r.header("Cache-Control"), path + ": " + r.head());
            }
            RawHttp.Response callback = RawHttp.get(s.gateway, "/oauth2/callback?state=x&code=y", "Accept: text/html");
            assertEquals("no-referrer", callback.header("Referrer-Policy"));
        }
    }
}
